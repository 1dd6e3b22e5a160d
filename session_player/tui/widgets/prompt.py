"""Room to answer: an Input for a question or rating, a TextArea for a writing time box.

While a text field has focus, Textual hands it every key it can type (space, n, p, q, +), so the
player's one-letter keys never steal typing, except ``n`` as the first key in an empty field,
which is the player's next (``answer_fields``). The prompt area adds keys that cannot be typed:
Ctrl+S to finish early and Escape to leave the field (after which the player's keys work again).
Every change is reported, so the session keeps the draft if the time box ends or the person stops.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, Static, TextArea

from ...core.script.durations import format_clock
from ...core.script.text import shown
from ...core.session.checkins import SPAN, TYPED
from .answer_fields import AnswerField, NextAsked, WritingField

if TYPE_CHECKING:  # the engine's events load once the session is prepared
    from ...core.session.events import Prompted


class PromptArea(Vertical):
    """The prompt's words, a field to type in, and a line saying how long is left."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "finish", "Done"),
        Binding("escape", "leave", "Stop typing"),
    ]

    @dataclass
    class Finished(Message):
        """The person finished early (Enter in a one-line answer, or Ctrl+S)."""

        text: str

    @dataclass
    class Drafted(Message):
        """The text changed; the session keeps it as the draft."""

        text: str

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.kind = ""
        self.time_box = 0.0

    def compose(self) -> ComposeResult:
        """What was written before (a letter's parts so far), the prompt text (script data, so
        never markup), both fields, and the hint."""
        yield Static("", markup=False, id="prompt-earlier")
        yield Static("", markup=False, id="prompt-text")
        yield AnswerField(id="prompt-input", placeholder="Type here; Enter when you're ready")
        yield WritingField(id="prompt-writing", soft_wrap=True)
        yield Static("", markup=False, id="prompt-hint")

    @property
    def field(self) -> Input | TextArea:
        """The field in use for this prompt."""
        if self.kind == "write":
            return self.query_one("#prompt-writing", TextArea)
        return self.query_one("#prompt-input", Input)

    @property
    def text(self) -> str:
        """What has been typed so far."""
        field = self.field
        return field.text if isinstance(field, TextArea) else field.value

    def open(self, prompted: Prompted) -> None:
        """Show ``prompted`` with an empty field, and focus the field."""
        self.kind, self.time_box = prompted.kind, prompted.time_box
        # A check-in shows its scale in words, as the voice says it.
        asked = prompted.said if prompted.kind == "check_in" and prompted.said else prompted.text
        self.query_one("#prompt-text", Static).update(shown(asked))
        # A letter written in parts: the parts so far, above the box for the next one.
        earlier = self.query_one("#prompt-earlier", Static)
        earlier.update(shown("\n\n".join(prompted.earlier)))
        earlier.display = bool(prompted.earlier)
        writing = self.query_one("#prompt-writing", TextArea)
        answer = self.query_one("#prompt-input", Input)
        writing.display = prompted.kind == "write"
        answer.display = prompted.kind != "write"
        # A rating takes whole numbers only; other answers take any text.
        answer.restrict = TYPED if prompted.kind == "check_in" else None
        answer.placeholder = (
            f"A number {SPAN}; Enter to skip"
            if prompted.kind == "check_in"
            else "Type here; Enter when you're ready"
        )
        with writing.prevent(TextArea.Changed), answer.prevent(Input.Changed):
            writing.text = ""
            answer.value = ""
        self.display = True
        self.show_time(prompted.time_box)
        self.field.focus()

    def close(self) -> None:
        """Hide the area; the screen takes the focus back."""
        self.kind = ""
        self.display = False

    def show_time(self, left: float) -> None:
        """Update the hint with the time left in the box (none for an open question)."""
        parts = []
        if self.time_box > 0:
            parts.append(f"{format_clock(math.ceil(max(0.0, left)))} left")
        if self.kind == "check_in":
            parts.append(f"a number {SPAN} and Enter to rate")
            parts.append("Enter alone to skip")
            parts.append("Esc for the player's keys")
        else:
            parts.append(f"{'Ctrl+S' if self.kind == 'write' else 'Enter'} when you're done")
            parts.append("n in an empty box for next")
            parts.append("Esc for the player's keys, Tab to type again")
        self.query_one("#prompt-hint", Static).update(" · ".join(parts))

    def action_finish(self) -> None:
        """Finish early with what has been typed."""
        if self.kind:
            self.post_message(self.Finished(self.text))

    def action_leave(self) -> None:
        """Leave the field so the player's keys (space, n, p, q...) work again."""
        self.screen.set_focus(None)

    @on(Input.Submitted, "#prompt-input")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.post_message(self.Finished(event.value))

    @on(NextAsked)
    async def _next(self, message: NextAsked) -> None:
        message.stop()
        await self.screen.run_action("next")

    @on(Input.Changed, "#prompt-input")
    @on(TextArea.Changed, "#prompt-writing")
    def _changed(self, event: Input.Changed | TextArea.Changed) -> None:
        event.stop()
        self.post_message(self.Drafted(self.text))
