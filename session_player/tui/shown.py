"""The TUI's last gate to the terminal: every line Textual draws passes through ``shown``.

Widgets are given text already shown (``core.text.shown``), so its length is what is laid out;
this filter, applied by Textual to every line of every widget (``App.get_line_filters``), makes
sure that anything missed is shown too rather than reaching the terminal as control.
"""

from __future__ import annotations

import re

from rich.segment import Segment
from textual.color import Color
from textual.filter import LineFilter

from ..core.script.text import shown

# What ``shown`` changes: C0 but tab and newline, DEL, C1.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


class ShownFilter(LineFilter):
    """Show every control character in a drawn line (``\\x1b``) instead of sending it."""

    def apply(self, segments: list[Segment], background: Color) -> list[Segment]:
        """``segments`` with their text shown; Textual's own control segments pass as they are."""
        search = _CONTROL.search
        if not any(search(text) for text, _style, control in segments if not control):
            return segments
        return [
            segment
            if segment.control or not search(segment.text)
            else Segment(shown(segment.text), segment.style)
            for segment in segments
        ]
