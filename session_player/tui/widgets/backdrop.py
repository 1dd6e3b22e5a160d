"""Containers that draw nothing but their background, and say so to keep redraws cheap.

Textual redraws every widget whose area overlaps a change, line by line, even a container that
shows nothing of its own there: each tick of the pacer or the clock would walk every line of the
screen and of each container around it. These draw the same blank line for every row instead, as
Textual would (the background, through the app's line filters, so NO_COLOR still applies).
"""

from __future__ import annotations

from collections.abc import Hashable

from rich.style import Style
from textual.containers import Center, Horizontal, Vertical
from textual.geometry import Region
from textual.strip import Strip

from .lines import KeptRows


class Backdrop(KeptRows):
    """A widget with no border and no content: only its background is drawn.

    List it after the Textual base (``class Row(Horizontal, Backdrop)``): Textual inherits
    default CSS along the first base only.
    """

    _backdrop: tuple[Hashable, Strip] | None = None

    def fresh_lines(self, crop: Region) -> list[Strip]:
        """The same blank line, in the background colour, for every row of ``crop``."""
        base, background = self.background_colors
        filters = tuple(self.get_line_filters())
        key = (crop.width, base, background, filters)
        if self._backdrop is None or self._backdrop[0] != key:
            strip = Strip.blank(crop.width, Style(bgcolor=(base + background).rich_color))
            for line_filter in filters:
                strip = strip.apply_filter(line_filter, background)
            self._backdrop = (key, strip)
        return [self._backdrop[1]] * crop.height


class Row(Horizontal, Backdrop):
    """Children side by side; nothing of its own to draw."""


class Column(Vertical, Backdrop):
    """Children one under another; nothing of its own to draw."""


class Centred(Center, Backdrop):
    """A child centred across; nothing of its own to draw."""
