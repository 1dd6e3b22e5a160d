"""The editor's questions: leaving with changes not saved (save them, leave them, or stay),
and making one's own copy of a bundled script to edit."""

from __future__ import annotations

from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, Static

from ...core.library.card import Card
from ..help_key import HELP_KEY
from ..messages import Edit


class LeaveScreen(ModalScreen[str | None]):
    """Dismisses with "save", "discard", or None to stay in the editor."""

    CSS_PATH = "editor_ask.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("s", "choose('save')", "Save"),
        Binding("d", "choose('discard')", "Don't save"),
        Binding("escape", "choose(None)", "Stay"),
        HELP_KEY,
    ]

    def __init__(self, name: str) -> None:
        super().__init__()
        self.file_name = name

    def compose(self) -> ComposeResult:
        """The question and three buttons; Save has the focus."""
        with Vertical(id="dialog"):
            yield Static(
                f"{self.file_name} has changes that are not saved.", id="message", markup=False
            )
            with Horizontal(id="buttons"):
                yield Button("Save", id="save", variant="primary")
                yield Button("Don't save", id="discard")
                yield Button("Stay", id="stay")

    def on_mount(self) -> None:
        """Enter saves."""
        self.query_one("#save", Button).focus()

    def action_choose(self, choice: str | None) -> None:
        """Close with the choice."""
        self.dismiss(choice)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(None if event.button.id == "stay" else event.button.id)


class CopyScreen(ModalScreen[bool]):
    """Offers to copy a bundled script into the person's scripts folder to edit it; True to
    make the copy."""

    CSS_PATH = "editor_ask.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("m,y", "choose(True)", "Make my own copy"),
        Binding("escape,n", "choose(False)", "Not now"),
        HELP_KEY,
    ]

    def __init__(self, title: str) -> None:
        super().__init__()
        self.script_title = title

    def compose(self) -> ComposeResult:
        """What a copy is, and two buttons; the copy has the focus."""
        with Vertical(id="dialog"):
            yield Static(
                f"“{self.script_title}” comes with session-player and stays as it is. "
                "Make your own copy to change it? It goes into your scripts folder, and the "
                "library lists it beside the original.",
                id="message",
                markup=False,
            )
            with Horizontal(id="buttons"):
                yield Button("Make my own copy", id="copy", variant="primary")
                yield Button("Not now", id="cancel")

    def on_mount(self) -> None:
        """Enter makes the copy."""
        self.query_one("#copy", Button).focus()

    def action_choose(self, copy: bool) -> None:
        """Close with the choice."""
        self.dismiss(copy)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "copy")


def offer_to_edit(screen: Screen[Any], entry: Card) -> None:
    """Edit ``entry``: the person's own at once; a bundled one after offering to make their own
    copy (which is then edited)."""
    if entry.source == "yours":
        screen.post_message(Edit(entry.path))
        return

    def chosen(copy: bool | None) -> None:
        if not copy:
            return
        from ...home.copies import own_copy

        try:
            target, notice = own_copy(entry.path)
        except (OSError, UnicodeDecodeError) as problem:
            screen.notify(f"The copy can't be made: {problem}", severity="warning", markup=False)
            return
        if notice:
            screen.notify(notice, markup=False, timeout=6)
        screen.post_message(Edit(target))

    screen.app.push_screen(CopyScreen(entry.title), chosen)
