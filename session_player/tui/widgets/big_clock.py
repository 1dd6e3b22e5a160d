"""The timer's time in large digits (Textual's ``Digits``), as a termdown user expects.

It shows the time still to go, or for an open-ended sit the time sat; the small line beneath
(``ClockFace``) still says both. The player shows it only for timers, and not under reduced
motion nor on a small screen (``BIG_FROM``), where the small line alone is kept.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.widgets import Digits

from ...core.script.durations import format_clock

if TYPE_CHECKING:
    from ...core.session.engine import Session

BIG_FROM = (80, 24)  # columns, rows: below either, the small line alone


def big_text(session: Session) -> str:
    """ "19:58" still to go (as the small line has it); the time sat for an open-ended sit."""
    if session.timeline.open_ended:
        return format_clock(session.practised)
    return format_clock(session.remaining)


class BigClock(Digits):
    """A timer's time, large; in the paused colour while paused."""

    ALLOW_SELECT = False  # a clock, not text to copy

    def show_session(self, session: Session) -> None:
        """Show ``session``'s time; a redraw only when the digits change."""
        text = big_text(session)
        if text != self.value:
            self.update(text)
        self.set_class(session.state == "paused", "-paused")
