"""The prompt's fields, which give ``n`` back to the player while they are empty.

A field takes the focus by itself when a prompt opens, so a person skipping through with ``n``
typed "nnnn" into it (kept as their answer). ``n`` as the first key in an empty field is the
player's next; once anything is typed, ``n`` is a letter like any other (and ``N`` always is).
The override of ``_on_key`` is how Textual's own guide extends ``TextArea``.

A letter may be one long paragraph, and the text area draws each of its rows from the whole
paragraph, divided at its wrapping: 20,000 characters divided once for each of the box's rows
on every key (``bench/bench_writing.py``). The writing box's lines share that division between
the rows of one frame: it is made once, for the first row drawn, and reused by the others while
the paragraph and its styles (the cursor's) are the same. And an edit wraps a long paragraph
again only from just above the edit (``wrapping.py``).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from rich.containers import Lines
from rich.text import Text
from textual import events
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Input

from .wrapping import KeptWrapping

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


class Divided:
    """The last division of a line into its wrapped rows, and what it was made from."""

    def __init__(self) -> None:
        self.made_from: tuple[Any, ...] = ()
        self.rows = Lines()


class SharedLine(Text):
    """A line whose division into rows is shared with the other rows of its frame."""

    def __init__(self, text: str, divided: Divided) -> None:
        super().__init__(text, end="", no_wrap=True)
        self.divided = divided

    def divide(self, offsets: Iterable[int]) -> Lines:
        """The rows between ``offsets``; the same as the last line's when made from the same."""
        at = tuple(offsets)
        made_from = (self.plain, at, self.spans, self.style, self.justify, self.overflow)
        divided = self.divided
        if made_from != divided.made_from:
            divided.made_from, divided.rows = made_from, super().divide(at)
        return divided.rows


class WritingField(KeptWrapping):
    """The write box: a TextArea whose first ``n`` is the player's next, and whose rows of a
    long paragraph share the paragraph's division."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._divided = Divided()

    def get_line(self, line_index: int) -> Text:
        """The line ``line_index``, sharing its division into rows with the frame's others."""
        return SharedLine(self.document.get_line(line_index), self._divided)

    async def _on_key(self, event: events.Key) -> None:
        if not _took_next(self, event, not self.text):
            await super()._on_key(event)


class AnswerField(Input):
    """The one-line answer: an Input whose first ``n`` is the player's next."""

    async def _on_key(self, event: events.Key) -> None:
        if not _took_next(self, event, not self.value):
            await super()._on_key(event)
