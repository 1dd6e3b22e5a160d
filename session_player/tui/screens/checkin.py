"""A before/after check-in: how safe and settled do you feel, 0 to 10. Always skippable.

The rating is for noticing, not a score to improve; the wording says so.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from ...core.session.checkins import (
    HIGHEST,
    LOWEST,
    QUESTIONS,
    RULE,
    SCALE,
    TYPED,
    Moment,
    parse_rating,
)
from ..help_key import HELP_KEY
from ..widgets.footer import KeyFooter


class CheckInScreen(ModalScreen[int | None]):
    """Dismisses with the rating, or None when skipped."""

    CSS_PATH = "checkin.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "skip", "Skip"), HELP_KEY]

    def __init__(self, moment: Moment) -> None:
        super().__init__()
        self.moment = moment

    def compose(self) -> ComposeResult:
        """The question, the scale, and a small field for the number."""
        with Vertical(id="dialog"):
            yield Static(QUESTIONS[self.moment], id="question")
            yield Static(SCALE, id="scale")
            yield Input(
                id="rating",
                restrict=TYPED,
                placeholder=f"{LOWEST} to {HIGHEST}",
            )
            yield Static("Enter to confirm · Esc to skip", id="keys")
        yield KeyFooter()

    def action_skip(self) -> None:
        """No rating this time; that's fine."""
        self.dismiss(None)

    @on(Input.Submitted, "#rating")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if not event.value.strip():
            self.dismiss(None)
            return
        try:
            value = parse_rating(event.value)
        except ValueError:
            self.notify(f"{RULE.capitalize()}, or Esc to skip.", timeout=3)
            return
        self.dismiss(value)
