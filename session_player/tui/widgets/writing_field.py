"""The writing box: a ``TextArea`` whose first ``n`` is the player's next.

Its own module, loaded when a writing prompt first opens: most sessions never write, and
Textual's text area (with its document, wrapping and themes) cost `play` about 6% of its first
frame and 0.8 MiB held for the session (issue 26). A letter may be one long paragraph, and
Textual's text area draws each of its rows from the whole paragraph, divided at its wrapping
(``bench/bench_writing.py``): this box draws a row of a wrapped paragraph from that row's
characters alone (``rows.py``), and an edit wraps a long paragraph again only from just above
the edit (``wrapping.py``).
"""

from __future__ import annotations

from typing import Any

from textual import events
from textual.strip import Strip

from .answer_fields import took_next
from .rows import Plain, draw_row, drawable
from .wrapping import KeptWrap, KeptWrapping


class WritingField(KeptWrapping):
    """The write box: a TextArea whose first ``n`` is the player's next, and whose rows of a
    wrapped paragraph are each drawn from their own characters (``rows.py``)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._plain = Plain()

    def render_line(self, y: int) -> Strip:
        """Row ``y`` of the box: a row of a wrapped paragraph drawn from its own slice."""
        wrapped = self.wrapped_document
        found = wrapped.row_at(self.scroll_offset.y + y) if isinstance(wrapped, KeptWrap) else None
        if found is not None and drawable(self):
            line_index, row = found
            breaks = wrapped.get_offsets(line_index)
            if breaks and self._plain(self.document.get_line(line_index)):
                first = breaks[row - 1] if row else 0
                return draw_row(self, line_index, first, breaks[row] if row < len(breaks) else None)
        return super().render_line(y)

    async def _on_key(self, event: events.Key) -> None:
        if not took_next(self, event, not self.text):
            await super()._on_key(event)
