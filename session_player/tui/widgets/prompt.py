"""Room to answer: an Input for a question or rating, a TextArea for a writing time box.

While a text field has focus, Textual hands it every key it can type (space, n, p, q, +), so the
player's one-letter keys never steal typing, except ``n`` as the first key in an empty field,
which is the player's next (``answer_fields``). The prompt area adds keys that cannot be typed:
Ctrl+S to finish early and Escape to leave the field (after which the player's keys work again).
Every change is reported, so the session keeps the draft if the time box ends or the person stops.

The area is hidden until a prompt opens, and what it holds is made then: its lines and the
field the prompt needs, the writing box only for a writing prompt. Most sessions never ask or
write; loading, composing and styling fields nobody saw was 106 M of the 627 M instructions
`play`'s first frame spent beyond a bare Textual app's (issue 26, docs/performance.md).
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Input, Static

from ...core.script.durations import format_clock
from ...core.script.text import shown
from ...core.session.checkins import SPAN, TYPED

if TYPE_CHECKING:  # the engine's events load once the session is prepared
    from ...core.session.events import Prompted
    from .answer_fields import AnswerField, NextAsked  # with the first prompt that asks
    from .writing_field import WritingField  # Textual's TextArea, when a prompt first writes

TYPE_HERE = "Type here; Enter when you're ready"


class PromptArea(Vertical):
    """The prompt's words, a field to type in, and a line saying how long is left."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "finish", "Done"),
        Binding("escape", "leave", "Stop typing"),
    ]

    class Finished(Message):
        """The person finished early (Enter in a one-line answer, or Ctrl+S)."""

        def __init__(self, text: str) -> None:
            super().__init__()
            self.text = text

    class Drafted(Message):
        """The text changed; the session keeps it as the draft."""

        def __init__(self, text: str) -> None:
            super().__init__()
            self.text = text

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.kind = ""
        self.time_box = 0.0
        self._earlier: Static | None = None
        self._text = Static("", markup=False, id="prompt-text")  # script data: never markup
        self._hint = Static("", markup=False, id="prompt-hint")
        self._answer: AnswerField | None = None
        self._writing: WritingField | None = None

    def compose(self) -> ComposeResult:
        """Nothing until a prompt opens (``_make``): the area is hidden until then."""
        return iter(())

    def _make(self, kind: str) -> None:
        """Mount what a prompt of ``kind`` shows, the first time one needs it: what was
        written before (a letter's parts so far), the prompt's text, the field, and the hint,
        in that order, as they would have been composed."""
        if self._earlier is None:
            self._earlier = Static("", markup=False, id="prompt-earlier")
            self.mount(self._earlier, self._text, self._hint)
        if kind == "write" and self._writing is None:
            from .writing_field import WritingField

            self._writing = WritingField(id="prompt-writing", soft_wrap=True)
            self._writing.display = False
            self.mount(self._writing, before=self._hint)
        if kind != "write" and self._answer is None:
            from .answer_fields import AnswerField

            self._answer = AnswerField(id="prompt-input", placeholder=TYPE_HERE)
            self._answer.display = False
            self.mount(self._answer, after=self._text)

    @property
    def field(self) -> Widget:
        """The field in use for this prompt (an Input, or the writing box's TextArea)."""
        field = self._writing if self.kind == "write" else self._answer
        if field is None:
            raise LookupError("no prompt is open")
        return field

    def takes_typing(self, widget: Widget | None) -> bool:
        """Whether ``widget`` is a field typed into (an Input or the writing box)."""
        return isinstance(widget, Input) or (widget is not None and widget is self._writing)

    @property
    def text(self) -> str:
        """What has been typed so far."""
        if self.kind == "write":
            return self._writing.text if self._writing is not None else ""
        return self._answer.value if self._answer is not None else ""

    def open(self, prompted: Prompted) -> None:
        """Show ``prompted`` with an empty field, and focus the field."""
        self.kind, self.time_box = prompted.kind, prompted.time_box
        self._make(prompted.kind)
        # A check-in shows its scale in words, as the voice says it.
        asked = prompted.said if prompted.kind == "check_in" and prompted.said else prompted.text
        self._text.update(shown(asked))
        # A letter written in parts: the parts so far, above the box for the next one.
        earlier = self._earlier
        assert earlier is not None  # made above
        earlier.update(shown("\n\n".join(prompted.earlier)))
        earlier.display = bool(prompted.earlier)
        writing, answer = self._writing, self._answer
        if writing is not None:
            writing.display = prompted.kind == "write"
            with writing.prevent(writing.Changed):
                writing.text = ""
        if answer is not None:
            answer.display = prompted.kind != "write"
            # A rating takes whole numbers only; other answers take any text.
            answer.restrict = TYPED if prompted.kind == "check_in" else None
            answer.placeholder = (
                f"A number {SPAN}; Enter to skip" if prompted.kind == "check_in" else TYPE_HERE
            )
            with answer.prevent(Input.Changed):
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
        self._hint.update(" · ".join(parts))

    def action_finish(self) -> None:
        """Finish early with what has been typed."""
        if self.kind:
            self.post_message(self.Finished(self.text))

    def action_leave(self) -> None:
        """Leave the field so the player's keys (space, n, p, q...) work again."""
        self.screen.set_focus(None)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter in the one-line answer: finished."""
        event.stop()
        self.post_message(self.Finished(event.value))

    async def on_next_asked(self, message: NextAsked) -> None:
        """``n`` first in an empty field: the player's next."""
        message.stop()
        await self.screen.run_action("next")

    def on_input_changed(self, event: Input.Changed) -> None:
        """A change in the one-line answer: the session keeps the draft."""
        event.stop()
        self.post_message(self.Drafted(self.text))

    def on_text_area_changed(self, event: Message) -> None:
        """A change in the writing box (Textual's ``TextArea.Changed``, named so that the
        text area loads only with a writing prompt): the session keeps the draft."""
        event.stop()
        self.post_message(self.Drafted(self.text))
