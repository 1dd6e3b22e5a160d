"""The editor's completion menu: what the word before the cursor could become, in a list just
under it.

It takes the focus while it is open: Up and Down choose, Tab or Enter accept, Escape closes it
(the text keeps what was typed). Typing a letter goes on typing in the text, and the menu
narrows to what still fits (Backspace widens it again); when nothing fits it closes. Clicking
elsewhere closes it too. One choice alone is taken at once, with no menu.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from rich.text import Text
from textual import events, on
from textual.binding import Binding, BindingType
from textual.widgets import OptionList, TextArea
from textual.widgets.option_list import Option

Complete = Callable[[str, int, int], tuple[str, tuple[str, ...]]]
"""(text, row, column) -> (the word before the cursor so far, what it could become)."""


class CompletionMenu(OptionList):
    """A short list of what the word before a text area's cursor could become, under it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("tab", "accept", "Accept", show=False),
        Binding("escape", "close", "Close", show=False),
    ]

    def __init__(self, complete: Complete, *, id: str | None = None) -> None:
        """``complete`` says what the word at a place in a text could become."""
        super().__init__(id=id)
        self._complete = complete
        self._area: TextArea | None = None

    def _choices(self, area: TextArea) -> tuple[str, tuple[str, ...]]:
        row, column = area.cursor_location
        return self._complete(area.text, row, column)

    def offer(self, area: TextArea) -> bool:
        """Complete the word before ``area``'s cursor: at once when one choice fits, else in
        the menu; False when nothing fits."""
        typed, choices = self._choices(area)
        if not choices:
            return False
        if len(choices) == 1:
            area.insert(choices[0][len(typed) :])
            return True
        self._area = area
        self._show(typed, choices)
        self.display = True
        self.focus()
        return True

    def _show(self, typed: str, choices: tuple[str, ...]) -> None:
        assert self._area is not None
        self.set_options(Option(Text(choice), id=choice) for choice in choices)
        self.highlighted = 0
        x, y = self._area.cursor_screen_offset
        self.styles.offset = (max(0, x - len(typed)), y + 1)

    def close(self) -> None:
        """Hide the menu and give the text its focus back."""
        self.display = False
        if self._area is not None:
            self._area.focus()
        self._area = None

    def action_accept(self) -> None:
        """Take the highlighted choice: the rest of its word goes into the text."""
        if self._area is not None and self.highlighted is not None:
            typed, _choices = self._choices(self._area)
            word = self.get_option_at_index(self.highlighted).id or ""
            self._area.insert(word[len(typed) :] if word.startswith(typed) else "")
        self.close()

    def action_close(self) -> None:
        """Close without choosing; the text keeps what was typed."""
        self.close()

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_accept()

    def on_key(self, event: events.Key) -> None:
        """A character or Backspace goes on into the text, and the choices follow it."""
        area = self._area
        if area is None or not (
            event.key == "backspace" or (event.character and event.is_printable)
        ):
            return
        event.stop()
        event.prevent_default()
        if event.key == "backspace":
            area.action_delete_left()
        else:
            area.insert(event.character or "")
        typed, choices = self._choices(area)
        if choices:
            self._show(typed, choices)
        else:
            self.close()

    def on_blur(self) -> None:
        """The focus gone elsewhere (a click on the text): the menu closes."""
        if self.display and self._area is not None:
            self.display = False
            self._area = None
