"""Elapsed and remaining time, refreshed once a second by the player."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from rich.style import Style
from textual.geometry import Region
from textual.strip import Strip
from textual.widgets import Static

from ...core.script.durations import format_clock
from .lines import KeptRows, centred, kept_lines

if TYPE_CHECKING:
    from ...core.session.engine import Session


def clock_text(elapsed: float, remaining: float | None, *, estimated: bool, paused: bool) -> str:
    """ "3:02 practised · 7:10 to go", with "about" when answers make the end uncertain; an
    open-ended sit (``remaining`` infinite) has no "to go"; once the session has ended
    (``remaining`` None), only what was practised."""
    if remaining is None:
        return f"{format_clock(elapsed)} practised"
    if math.isinf(remaining):
        return f"{format_clock(elapsed)} sat · open ended" + ("  ·  paused" if paused else "")
    about = "about " if estimated else ""
    text = f"{format_clock(elapsed)} practised · {about}{format_clock(remaining)} to go"
    return text + ("  ·  paused" if paused else "")


def fit(text: str, width: int) -> str:
    """``text``, or as many of its parts ("3:02 practised", "7:10 to go") as fit in ``width``
    cells; never half a number."""
    if len(text) <= width:
        return text
    parts = [part.strip() for part in text.split("·")]
    kept = parts[0]
    for part in parts[1:]:
        if len(kept) + 3 + len(part) > width:
            break
        kept = f"{kept} · {part}"
    if len(kept) <= width:
        return kept
    cut = kept.rfind(" ", 0, width + 1)
    return kept[:cut] if cut > 0 else kept[:width]


class ClockFace(Static, KeptRows):
    """Shows how long has been practised and how long is planned still (one centred line).

    Its row is kept (``KeptRows``) between its own changes: a redraw of the pacer above asks
    for it again, as the compositor asks every widget whose container overlaps the change."""

    ALLOW_SELECT = False  # a clock, not text to copy (it is drawn directly; see ``lines``)

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", markup=False, id=id)
        self._shown = ""

    def show(
        self, elapsed: float, remaining: float | None, *, estimated: bool, paused: bool
    ) -> None:
        """Update the text; a redraw happens only when the shown text changes."""
        text = clock_text(elapsed, remaining, estimated=estimated, paused=paused)
        if text != self._shown:
            self._shown = text
            self.refresh()  # one line of fixed size: no layout pass

    def show_session(self, session: Session) -> None:
        """``session``'s time: practised, and still to go (nothing once it has ended, open while
        it lasts until the person ends it); in the paused colour while paused."""
        paused = session.state == "paused"
        timeline = session.timeline
        remaining: float | None = session.remaining
        if session.state == "ended":
            remaining = None
        elif timeline.open_ended:
            remaining = math.inf
        self.show(session.practised, remaining, estimated=timeline.estimated, paused=paused)
        self.set_class(paused, "-paused")

    def render(self) -> str:
        """The line as text (what ``render_lines`` draws)."""
        return self._shown

    def fresh_lines(self, crop: Region) -> list[Strip]:
        """The line, drawn directly (see ``lines``): it changes every second of a session."""
        style = self.visual_style.rich_style
        blank = Style(bgcolor=style.bgcolor)
        width = self.size.width

        line = fit(self._shown, width)

        def row(y: int) -> Strip:
            return centred(line, width, style, blank) if y == 0 else Strip.blank(width, blank)

        return kept_lines(self, crop, row)
