"""A screen's text cursor rests while another screen covers it.

Textual's text fields (Input, TextArea) blink their cursor with a timer twice a second while
focused, and a field keeps its focus on a screen that another covers: the library's filter went
on blinking, unseen, under a whole session (two wakes a second; see docs/performance.md).
Screens with this mixin stop the blink when covered and start it again when back in front.
"""

from __future__ import annotations

from typing import Protocol, cast

from textual.screen import Screen


class _Blinking(Protocol):
    cursor_blink: bool


class RestingCursor(Screen[None]):
    """Stops the focused field's cursor blinking while the screen is covered."""

    _rested: _Blinking | None = None

    def on_screen_suspend(self) -> None:
        """Covered: the focused field's cursor stands still (nobody can see it)."""
        focused = self.focused
        if focused is None or not hasattr(focused, "cursor_blink"):
            return
        field = cast(_Blinking, focused)
        if field.cursor_blink:
            field.cursor_blink = False
            self._rested = field

    def on_screen_resume(self) -> None:
        """In front again: the cursor blinks as before."""
        if self._rested is not None:
            self._rested.cursor_blink = True
            self._rested = None
