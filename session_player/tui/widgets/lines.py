"""Drawing a widget's rows directly, for the two that change while a session plays.

The pacer and the session clock redraw a few times a second for a whole session. Neither has a
border or padding, so Textual's general path (which works every row out again on each redraw)
would only repeat what a kept strip holds already; they hand Textual kept strips instead, through
the same line filters (NO_COLOR's greys, the ANSI theme) Textual would apply. Tests compare the
result with Textual's own drawing, cell for cell.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.segment import Segment
from rich.style import Style
from textual.geometry import Region
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
    background = widget.background_colors[1]
    lines = []
    for y in range(crop.y, crop.bottom):
        strip = row(y)
        for line_filter in filters:
            strip = strip.apply_filter(line_filter, background)  # the strip keeps the result
        lines.append(strip.crop(crop.x, crop.right))
    return lines
