"""Drawing a widget's rows directly, for the two that change while a session plays, and
handing back the rows of those around them that have not changed.

The pacer and the session clock redraw a few times a second for a whole session. Neither has a
border or padding, so Textual's general path (which works every row out again on each redraw)
would only repeat what a kept strip holds already; they hand Textual kept strips instead, through
the same line filters (NO_COLOR's greys, the ANSI theme) Textual would apply. Tests compare the
result with Textual's own drawing, cell for cell.

Textual's compositor also asks, on each of those redraws, every widget whose container overlaps
the changed rows for all of its rows (the guidance beside the clock, the title, the footer, the
outline, the containers), though only the changed rows are used: in a silent sit that was more
than a tenth of the process's CPU. ``KeptRows`` hands those widgets' last rows back as long as
nothing they draw can have changed: no refresh, no style update (a theme, a class, focus or
hover), the same size, crop and line filters.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from rich.segment import Segment
from rich.style import Style
from textual.color import Color
from textual.filter import LineFilter
from textual.geometry import Region, Size
from textual.strip import Strip
from textual.widget import Widget


def centred(line: str, width: int, style: Style, blank: Style) -> Strip:
    """``line`` in ``style``, centred in ``width`` cells as ``text-align: center`` places it."""
    line = line[:width]
    left = (width - len(line)) // 2
    segments = [Segment(" " * left, blank)] if left else []
    # An empty line keeps its (empty) styled text, as Textual's own layout of the text does.
    segments.append(Segment(line, style))
    if width - left - len(line):
        segments.append(Segment(" " * (width - left - len(line)), blank))
    return Strip(segments, width)


def plain(widget: Widget) -> bool:
    """True when the widget has nothing for Textual's general path to add: no border or
    padding, no tint, full opacity."""
    styles = widget.styles
    return (
        not any(styles.gutter)
        and styles.tint.a == 0
        and styles.opacity == 1
        and styles.text_opacity == 1
    )


def kept_lines(widget: Widget, crop: Region, row: Callable[[int], Strip]) -> list[Strip]:
    """The rows of ``crop``, each ``row(y)`` through the app's line filters, cropped (or
    Textual's own drawing, if a stylesheet gave the widget a border, padding or a tint)."""
    if not plain(widget):
        return Widget.render_lines(widget, crop)
    filters = widget.get_line_filters()
    background = None  # only filters need it
    if filters and isinstance(widget, KeptRows):
        background = widget.line_background()
    elif filters:
        background = widget.background_colors[1]
    lines = []
    for y in range(crop.y, crop.bottom):
        strip = row(y)
        for line_filter in filters:
            assert background is not None
            strip = strip.apply_filter(line_filter, background)  # the strip keeps the result
        lines.append(strip.crop(crop.x, crop.right))
    return lines


class KeptRows(Widget):
    """A widget whose rows, once drawn, are handed back until something it draws changes.

    List it after the Textual base (``class Guidance(Static, KeptRows)``): Textual inherits
    default CSS along the first base only. A subclass with a drawing of its own overrides
    ``fresh_lines``, not ``render_lines``.
    """

    _kept_rows: tuple[Region, Size, Sequence[LineFilter], list[Strip]] | None = None
    _kept_background: Color | None = None

    def render_lines(self, crop: Region) -> list[Strip]:
        """The rows of ``crop``: those drawn last time, if nothing has changed since."""
        size, filters = self.outer_size, self.get_line_filters()
        kept = self._kept_rows
        if kept is not None and kept[0] == crop and kept[1] == size and kept[2] == filters:
            return kept[3]
        lines = self.fresh_lines(crop)
        self._kept_rows = (crop, size, filters, lines)
        return lines

    def fresh_lines(self, crop: Region) -> list[Strip]:
        """The rows of ``crop`` drawn anew (Textual's own drawing, unless overridden)."""
        return super().render_lines(crop)

    def refresh(
        self, *regions: Region, repaint: bool = True, layout: bool = False, recompose: bool = False
    ) -> KeptRows:
        """Whatever is refreshed is drawn anew."""
        self._kept_rows = None
        super().refresh(*regions, repaint=repaint, layout=layout, recompose=recompose)
        return self

    def line_background(self) -> Color:
        """The background the line filters are given: looked up through the widget's ancestors
        once, until a style changes (the pacer and the clock draw their rows a second)."""
        if self._kept_background is None:
            self._kept_background = self.background_colors[1]
        return self._kept_background

    def notify_style_update(self) -> None:
        """A style changed (the theme, a class, focus, hover): drawn anew."""
        self._kept_rows = None
        self._kept_background = None
        super().notify_style_update()
