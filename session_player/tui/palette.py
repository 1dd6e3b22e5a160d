"""Textual's command palette, closed once however many keys arrive at once.

Keys a terminal reads together reach the palette before it has closed: two Enters both ask it
to close, and Textual's ``dismiss`` pops whatever screen is on top, so the second took the
screen below (and, in the library, the last one: ``ScreenStackError``, and the app was gone).
A palette no longer on top has already closed, so it ignores the asking.
"""

from __future__ import annotations

from typing import Any

from textual.await_complete import AwaitComplete
from textual.command import CommandPalette


class Palette(CommandPalette):
    """The command palette, dismissed only while it is the screen on top."""

    def dismiss(self, result: Any = None) -> AwaitComplete:
        """Close the palette; nothing when it has closed already."""
        if not self.is_active:
            done: AwaitComplete = AwaitComplete.nothing()  # type: ignore[no-untyped-call]
            return done
        return super().dismiss(result)
