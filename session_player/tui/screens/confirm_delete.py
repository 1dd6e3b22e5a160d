"""Asks before deleting from the log, saying plainly what would be lost. Keeping is the default."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from ...core.log import SessionRecord
from ...core.script.text import shown
from ..help_key import HELP_KEY
from ..widgets.footer import KeyFooter
from .session_detail import when_text


def delete_one_words(record: SessionRecord) -> str:
    """What deleting one session loses."""
    return (
        f"Delete “{shown(record.title or record.script_name)}” from {when_text(record)}?\n\n"
        "Its check-ins and anything you wrote in it will be lost. This can't be undone."
    )


def delete_all_words(sessions: int) -> str:
    """What deleting the whole history loses."""
    return (
        f"Delete all your history: {sessions} session{'' if sessions == 1 else 's'}, "
        "every check-in and everything you wrote?\n\n"
        "This can't be undone. (`session-player export` can keep a copy first.)"
    )


class ConfirmDeleteScreen(ModalScreen[bool]):
    """Dismisses with True to delete, False to keep. ``message`` is shown as plain text (it may
    hold a session's title, which is the person's data, not markup)."""

    CSS_PATH = "confirm_delete.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "choose(True)", "Delete"),
        Binding("escape,n,k", "choose(False)", "Keep"),
        HELP_KEY,
    ]

    def __init__(self, message: str, *, delete_label: str = "Delete") -> None:
        super().__init__()
        self.message = message
        self.delete_label = delete_label

    def compose(self) -> ComposeResult:
        """The question and two buttons; Keep has the focus, so Enter never deletes by accident."""
        with Vertical(id="dialog"):
            yield Static(Text(self.message), id="message")
            with Horizontal(id="buttons"):
                yield Button("Keep", id="keep", variant="primary")
                yield Button(self.delete_label, id="delete", variant="error")
        yield KeyFooter()

    def on_mount(self) -> None:
        """Keep is the safe choice."""
        self.query_one("#keep", Button).focus()

    def action_choose(self, delete: bool) -> None:
        """Close with the choice."""
        self.dismiss(delete)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "delete")
