"""The prompt's one-line field, which gives ``n`` back to the player while it is empty.

A field takes the focus by itself when a prompt opens, so a person skipping through with ``n``
typed "nnnn" into it (kept as their answer). ``n`` as the first key in an empty field is the
player's next; once anything is typed, ``n`` is a letter like any other (and ``N`` always is).
The override of ``_on_key`` is how Textual's own guide extends ``TextArea``. The writing box
does the same (``writing_field.py``, loaded when a writing prompt first opens).
"""

from __future__ import annotations

from textual import events
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Input

NEXT_KEY = "n"


class NextAsked(Message):
    """``n`` pressed in an empty field: the person means the player's next."""


def took_next(field: Widget, event: events.Key, empty: bool) -> bool:
    """Take ``event`` as the player's next when it is ``n`` typed into an empty field."""
    if not (empty and event.character == NEXT_KEY):
        return False
    event.stop()
    event.prevent_default()
    field.post_message(NextAsked())
    return True


class AnswerField(Input):
    """The one-line answer: an Input whose first ``n`` is the player's next."""

    async def _on_key(self, event: events.Key) -> None:
        if not took_next(self, event, not self.value):
            await super()._on_key(event)
