"""A short grounding pause, open at any moment of a session with ``g``."""

from __future__ import annotations

from typing import ClassVar, Literal

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from ...core.care import support_words
from ..widgets.footer import KeyFooter

Choice = Literal["resume", "end"]

GROUNDING = (
    "Let's pause here for a moment. The session is waiting.\n\n"
    "Feel your feet on the floor, and the weight of your body being held by the chair or the "
    "ground.\n\n"
    "Notice a few sounds in the room, near or far, just as they are.\n\n"
    "Strong feelings can surface in this kind of practice. That's normal, and nothing has gone "
    "wrong. It's fine to stop, to do something kind for yourself, or to reach out to someone you "
    "trust or a professional for support."
)


def grounding_words(own_line: str = "") -> str:
    """Everything the grounding pause shows (and says): the pause, then where support is,
    with the person's own line when they keep one."""
    return f"{GROUNDING}\n\n{support_words(own_line)}"


class GroundingScreen(ModalScreen[Choice]):
    """Dismisses with "resume" or "end". ``own_line`` is the person's support line (the
    ``crisis_line`` setting), named after the crisis sentence."""

    CSS_PATH = "grounding.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r,escape,space,g", "choose('resume')", "Resume"),
        Binding("e,q", "choose('end')", "End session"),
    ]

    def __init__(self, own_line: str = "") -> None:
        super().__init__()
        self.own_line = own_line

    def compose(self) -> ComposeResult:
        """The grounding words, where support is, and the two ways on."""
        with Vertical(id="dialog"):
            yield Static(grounding_words(self.own_line), id="grounding", markup=False)
            with Horizontal(id="buttons"):
                yield Button("Resume", id="resume", variant="primary")
                yield Button("End session", id="end")
        yield KeyFooter()

    def action_choose(self, choice: Choice) -> None:
        """Close with the choice."""
        self.dismiss(choice)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss("end" if event.button.id == "end" else "resume")
