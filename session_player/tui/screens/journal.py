"""The journal: everything written in sessions, newest first, with its date and session.

Typing in the search box and pressing Enter keeps the texts holding every word (the log's
FTS5 index); an empty search shows everything. The log is read in a thread worker; nothing is
created when there is no log yet. Everything shown came from the person: plain text, never
markup.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Input, Static

from ...core.log.journal import JournalEntry
from ...core.log.place import LogPlace
from ...core.log.reading import open_for_reading
from ..help_key import HELP_KEY
from ..widgets.footer import KeyFooter
from .history import READ_ERRORS, unreadable_words

LIMIT = 500
EMPTY = "Nothing written yet. What you write in letters, dialogues and answers appears here."
NO_MATCH = "Nothing written holds all those words."


def entry_text(entry: JournalEntry) -> Text:
    """When and where (muted), the prompt, and the words, literally."""
    text = Text(f"{entry.started:%a %d %b %Y %H:%M} · {entry.title}", style="bold")
    text.append(f"\n{entry.prompt}", style="dim")
    text.append(f"\n{entry.text}")
    return text


class JournalScreen(Screen[None]):
    """The journal, read from the log at ``practice_log``."""

    CSS_PATH = "journal.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "back", "Back"), HELP_KEY]

    @dataclass
    class Found(Message):
        """The texts read (or why they couldn't be)."""

        entries: list[JournalEntry]
        search: str
        error: str | None = None

    def __init__(self, practice_log: LogPlace) -> None:
        super().__init__()
        self.practice_log = practice_log
        self.entries: list[JournalEntry] = []

    def compose(self) -> ComposeResult:
        """The search box, a status line and the texts."""
        yield Static("Your journal", id="heading")
        yield Input(placeholder="Search your words, then Enter", id="search")
        yield Static("Gathering what you wrote…", id="status")
        yield VerticalScroll(id="entries")
        yield KeyFooter()

    def on_mount(self) -> None:
        """Read everything, newest first."""
        self.query_one("#search", Input).focus()
        self.find("")

    @work(thread=True, exclusive=True, group="journal")
    def find(self, search: str) -> None:
        """Read the texts (those holding every word of ``search``); post ``Found``."""
        try:
            store = open_for_reading(self.practice_log)
            if store is None:
                entries: list[JournalEntry] = []
            else:
                with store:
                    entries = store.journal(search=search or None, limit=LIMIT)
        except READ_ERRORS as error:
            self.post_message(self.Found([], search, unreadable_words(error)))
            return
        self.post_message(self.Found(entries, search))

    @on(Found)
    def _found(self, message: Found) -> None:
        self.entries = message.entries
        status = self.query_one("#status", Static)
        shown = self.query_one("#entries", VerticalScroll)
        shown.remove_children()
        if message.error is not None:
            status.update(Text(message.error))
        elif not message.entries:
            status.update(NO_MATCH if message.search.strip() else EMPTY)
        else:
            n = len(message.entries)
            status.update(f"{n} text{'s' if n != 1 else ''}, newest first")
            shown.mount_all(Static(entry_text(e), classes="entry") for e in message.entries)

    @on(Input.Submitted, "#search")
    def _search(self, event: Input.Submitted) -> None:
        self.find(event.value)

    def action_back(self) -> None:
        """Back to where the journal was opened from."""
        self.dismiss(None)
