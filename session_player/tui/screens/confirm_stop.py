"""Asks before stopping a session, kindly: stopping is always fine."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from ..help_key import HELP_KEY
from ..widgets.footer import KeyFooter

MESSAGE = (
    "Would you like to stop here?\n\n"
    "Stopping when you need to is part of practice. What you've practised still counts."
)

TRYING = (
    "Would you like to stop here?\n\n"
    "Stopping is always fine. This is a try: nothing of it goes into your log."
)
"""A try from the editor, or a preview at a quicker speed: it is never logged."""


ENDING_SIT = (
    "End the sit here?\n\n"
    "The end bell rings, and the time you sat is kept. Your bells go on while you choose."
)
"""An open-ended sit ends when the person says: its natural end, not an early stop."""


QUITTING = (
    "Would you like to stop here and close session-player?\n\n"
    "What you've written is kept, and what you've practised still counts."
)


class ConfirmStopScreen(ModalScreen[bool]):
    """Dismisses with True to stop, False to keep going. ``quitting``: the person pressed
    Ctrl+C or Ctrl+Q while typing, so the question is about closing the app. ``ending_sit``:
    an open-ended sit, whose end this is (worded so). ``trying``: a try from the editor or a
    preview, never logged."""

    CSS_PATH = "confirm_stop.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q,s,y", "choose(True)", "Stop"),
        Binding("escape,k,n", "choose(False)", "Keep going"),
        HELP_KEY,
    ]

    def __init__(
        self, *, quitting: bool = False, ending_sit: bool = False, trying: bool = False
    ) -> None:
        """``trying``: a try or a preview, which is not logged (so nothing "still counts")."""
        super().__init__()
        self.quitting = quitting
        self.ending_sit = ending_sit and not quitting
        self.trying = trying

    def compose(self) -> ComposeResult:
        """The question and two buttons; Stop has the focus, since q was pressed to stop."""
        with Vertical(id="dialog"):
            message = (
                QUITTING
                if self.quitting
                else ENDING_SIT
                if self.ending_sit
                else TRYING
                if self.trying
                else MESSAGE
            )
            yield Static(message, id="message")
            with Horizontal(id="buttons"):
                stop = "Stop and close" if self.quitting else "Stop"
                yield Button(
                    "End the sit" if self.ending_sit else stop, id="stop", variant="primary"
                )
                yield Button("Keep sitting" if self.ending_sit else "Keep going", id="keep")
        yield KeyFooter()

    def on_mount(self) -> None:
        """Enter stops, as the person asked; Escape keeps going."""
        self.query_one("#stop", Button).focus()

    def action_choose(self, stop: bool) -> None:
        """Close with the choice."""
        self.dismiss(stop)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "stop")
