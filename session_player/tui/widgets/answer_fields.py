"""The prompt's fields, which give ``n`` back to the player while they are empty.

A field takes the focus by itself when a prompt opens, so a person skipping through with ``n``
typed "nnnn" into it (kept as their answer). ``n`` as the first key in an empty field is the
player's next; once anything is typed, ``n`` is a letter like any other (and ``N`` always is).
The override of ``_on_key`` is how Textual's own guide extends ``TextArea``.

A letter may be one long paragraph, and Textual's text area draws each of its rows from the
whole paragraph, divided at its wrapping (``bench/bench_writing.py``). The writing box draws a
row of a wrapped paragraph from that row's characters alone (``rows.py``), and an edit wraps a
long paragraph again only from just above the edit (``wrapping.py``).
"""

from __future__ import annotations

from typing import Any

from textual import events
from textual.message import Message
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Input

from .rows import Plain, draw_row, drawable
from .wrapping import KeptWrap, KeptWrapping

NEXT_KEY = "n"


class NextAsked(Message):
    """``n`` pressed in an empty field: the person means the player's next."""


def _took_next(field: Widget, event: events.Key, empty: bool) -> bool:
    """Take ``event`` as the player's next when it is ``n`` typed into an empty field."""
    if not (empty and event.character == NEXT_KEY):
        return False
    event.stop()
    event.prevent_default()
    field.post_message(NextAsked())
    return True


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
        if not _took_next(self, event, not self.text):
            await super()._on_key(event)


class AnswerField(Input):
    """The one-line answer: an Input whose first ``n`` is the player's next."""

    async def _on_key(self, event: events.Key) -> None:
        if not _took_next(self, event, not self.value):
            await super()._on_key(event)
