"""The timer's time in large digits (Textual's ``Digits``), as a termdown user expects.

It shows the time still to go, or for an open-ended sit the time sat; the small line beneath
(``ClockFace``) still says both. The player shows it only for timers, and not under reduced
motion nor on a small screen (``BIG_FROM``), where the small line alone is kept.

It fills the room the quiet leaves, but its digits are three rows in the middle of it: a new
second redraws those rows (and one either side), not the whole box; a new width of the time
(10:00 to 9:59), a resize or a new style redraws it all, as Textual does. The rows are drawn
from strips kept until the time, the size or the style changes (``lines``), the cells Textual's
own drawing of its ``Digits`` gives (a test compares them): a timer's frame took 4.2 ms through
Textual's general path, 2.5 ms now (docs/performance.md).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Self

from rich.segment import Segment
from textual.geometry import Region
from textual.renderables.digits import Digits as DigitsRenderable
from textual.strip import Strip
from textual.style import Style as VisualStyle
from textual.widgets import Digits

from ...core.script.durations import format_clock
from .lines import kept_lines

if TYPE_CHECKING:
    from ...core.session.engine import Session

BIG_FROM = (80, 24)  # columns, rows: below either, the small line alone
ROWS = 3  # the digits' height


def big_text(session: Session) -> str:
    """ "19:58" still to go (as the small line has it); the time sat for an open-ended sit."""
    if session.timeline.open_ended:
        return format_clock(session.practised)
    return format_clock(session.remaining)


class BigClock(Digits):
    """A timer's time, large; in the paused colour while paused."""

    ALLOW_SELECT = False  # a clock, not text to copy
    _next_second = False  # within ``show_session``'s update: only the digits' rows change
    _kept: tuple[tuple[object, ...], list[Strip]] | None = None  # the rows last drawn

    def show_session(self, session: Session) -> None:
        """Show ``session``'s time; a redraw only when the digits change, of their rows."""
        text = big_text(session)
        if text != self.value:
            self._next_second = True
            try:
                self.update(text)
            finally:
                self._next_second = False
        self.set_class(session.state == "paused", "-paused")

    def digit_rows(self) -> Region:
        """The rows the digits stand in, centred in the box, with a row to spare either side
        (so Textual's rounding of the middle can't leave a changed row out)."""
        width, height = self.content_region.size
        top = max(0, (height - ROWS) // 2 - 1)
        return Region(0, top, width, min(height - top, ROWS + 2))

    def refresh(
        self,
        *regions: Region,
        repaint: bool = True,
        layout: bool = False,
        recompose: bool = False,
    ) -> Self:
        """As Textual's, but a new second of the same width redraws the digits' rows only."""
        narrow = self._next_second and not (regions or layout or recompose) and self.size.height
        if narrow and not any(self.styles.gutter):
            regions = (self.digit_rows(),)
        return super().refresh(*regions, repaint=repaint, layout=layout, recompose=recompose)

    def render_lines(self, crop: Region) -> list[Strip]:
        """The rows of ``crop``, drawn as Textual draws ``Digits`` centred in its box, but from
        rows kept until the time, the size or the style changes (see ``lines``)."""
        width, height = self.size
        if self.styles.text_align != "center" or self.styles.content_align != ("center", "middle"):
            return super().render_lines(crop)  # laid out some other way: Textual's own path
        style = self.rich_style
        key = (self.value, width, height, style)
        if self._kept is None or self._kept[0] != key:
            self._kept = (key, self._rows(width, height))
        rows = self._kept[1]
        return kept_lines(self, crop, rows.__getitem__)

    def _rows(self, width: int, height: int) -> list[Strip]:
        style = self.rich_style
        digits = [
            s for s in DigitsRenderable(self.value, style).render(style) if isinstance(s, Segment)
        ]
        lines = [Strip(line) for line in Segment.split_lines(digits)]
        left = max(0, (width - DigitsRenderable.get_width(self.value)) // 2)
        pad = [Segment(" " * left, style)] if left else []
        lines = [
            Strip([*pad, *line]).extend_cell_length(width, style).crop(0, width) for line in lines
        ]
        blank = (self.visual_style + VisualStyle(reverse=False)).rich_style
        return list(Strip.align(lines, blank, width, height, "center", "middle"))
