"""A short grounding pause, open at any moment of a session with ``g``."""

from __future__ import annotations

from typing import ClassVar, Literal

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from ...core.care import grounding_words
from ..help_key import HELP_KEY
from ..widgets.footer import KeyFooter

Choice = Literal["resume", "end"]

__all__ = ["Choice", "GroundingScreen", "grounding_words"]


class GroundingScreen(ModalScreen[Choice]):
    """Dismisses with "resume" or "end". ``own_line`` is the person's support line (the
    ``crisis_line`` setting), named after the crisis sentence."""

    CSS_PATH = "grounding.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r,escape,space,g", "choose('resume')", "Resume"),
        Binding("e,q", "choose('end')", "End session"),
        HELP_KEY,
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
