"""Writing to the log from the history: a session's note, and a session added by hand.

``NoteScreen`` dismisses with the note's new text ("" removes it) or None to leave it;
``AddSessionScreen`` with the session to add (completed, marked as added by hand) or None.
"""

from __future__ import annotations

import os
from datetime import datetime
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static

from ...core.log import LogError, SessionDetail, utc_now
from ...core.log.manual import MAX_NOTE, manual_session
from ...core.log.times import system_zone
from ...core.script.durations import DurationError, parse_duration
from ...core.script.practices import PRACTICE_LABELS, PRACTICES
from ...core.script.text import shown
from ..help_key import HELP_KEY
from ..widgets.footer import KeyFooter


class _Form(ModalScreen[object]):
    """A small form: Enter in a field or the first button saves, Escape goes back."""

    CSS_PATH = "log_entry.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "back", "Back"), HELP_KEY]

    def buttons(self, save: str) -> ComposeResult:
        """The problem line and the two buttons."""
        yield Static("", id="problem")
        with Horizontal(id="buttons"):
            yield Button(save, id="save", variant="primary")
            yield Button("Back", id="back")

    def action_back(self) -> None:
        """Leave without changing anything."""
        self.dismiss(None)

    def save(self) -> None:
        """Dismiss with what the form says (overridden)."""

    def problem(self, words: str) -> None:
        """Say what to change, and stay."""
        self.query_one("#problem", Static).update(words)

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.save()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save":
            self.save()
        else:
            self.action_back()


class NoteScreen(_Form):
    """Add, change or remove a session's note."""

    def __init__(self, title: str, note: str | None) -> None:
        super().__init__()
        self.title_text = title
        self.note = note or ""

    def compose(self) -> ComposeResult:
        """The session's title and its note."""
        with Vertical(id="dialog"):
            yield Static(f"A note on {shown(self.title_text)}", id="heading", markup=False)
            yield Input(self.note, placeholder="a few words (empty removes the note)", id="note")
            yield from self.buttons("Keep")
        yield KeyFooter()

    def save(self) -> None:
        """The note as typed ("" removes it)."""
        text = self.query_one("#note", Input).value.strip()
        if len(text) > MAX_NOTE:
            self.problem(f"A note is up to {MAX_NOTE} characters.")
            return
        self.dismiss(text)


class AddSessionScreen(_Form):
    """A session practised away from the computer: how long, what, when, and a note."""

    def compose(self) -> ComposeResult:
        """The fields, each with its label."""
        with Vertical(id="dialog"):
            yield Static("A session away from the computer", id="heading")
            yield Label("How long")
            yield Input("20m", id="length")
            yield Label("What")
            options = [(PRACTICE_LABELS.get(p, p), p) for p in PRACTICES]
            yield Select(options, value="silent", allow_blank=False, id="practice")
            yield Label("When it started (YYYY-MM-DD HH:MM; empty: it ended just now)")
            yield Input(placeholder=f"{datetime.now():%Y-%m-%d %H:%M}", id="when")
            yield Label("A note (optional)")
            yield Input(id="note")
            yield from self.buttons("Add")
        yield KeyFooter()

    def on_mount(self) -> None:
        """Start in the length."""
        self.query_one("#length", Input).focus()

    def chosen(self) -> SessionDetail:
        """The session the form describes (``ValueError`` or ``LogError`` say why not)."""
        try:
            seconds = parse_duration(self.query_one("#length", Input).value)
        except DurationError as problem:
            raise ValueError(f"How long: {problem}") from None
        when = self.query_one("#when", Input).value.strip()
        now = utc_now()
        if when:
            try:
                start = datetime.fromisoformat(when).astimezone()
            except ValueError:
                raise ValueError(f"When: not a time: {when!r} (YYYY-MM-DD HH:MM)") from None
        else:
            start = datetime.fromtimestamp(now.timestamp() - seconds).astimezone()
        practice = self.query_one("#practice", Select).value
        return manual_session(
            seconds,
            practice if isinstance(practice, str) else "silent",
            start,
            now,
            note=self.query_one("#note", Input).value,
            time_zone=system_zone(os.environ.get("TZ")),
        )

    def save(self) -> None:
        """Add it, if the form describes a session; else say what to change."""
        try:
            detail = self.chosen()
        except (ValueError, LogError) as problem:
            self.problem(str(problem))
            return
        self.dismiss(detail)
