"""One past session, to read again: when, how long, the check-ins as a change noticed, and
what was written. Everything that came from the person is shown as plain text, never markup."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from ...core.log import CheckIn, Entry, SessionDetail, SessionRecord
from ...core.log.ratings import change_words, changes
from ...core.log.records import ORIGIN_WORDS
from ...core.script.practices import PRACTICE_LABELS
from ...core.script.text import shown
from ..help_key import HELP_KEY
from ..widgets.footer import KeyFooter

OUTCOME_WORDS: dict[str, str] = {
    "completed": "completed",
    "stopped": "stopped early",
    "interrupted": "interrupted",
    "running": "still going",
}


def outcome_words(outcome: str) -> str:
    """How a session ended, in kind words ("stopped early", never "failed")."""
    return OUTCOME_WORDS.get(outcome, outcome)


def how_words(record: SessionRecord) -> str:
    """How it ended, and what kind of entry it is: "completed", "completed, a preview (not
    counted)", "completed, added by hand"."""
    words = "skipped through" if record.skipped_through else outcome_words(record.outcome)
    if record.preview:
        return f"{words}, a preview (not counted)"
    origin = ORIGIN_WORDS.get(record.origin)
    return f"{words}, {origin}" if origin else words


def minutes_words(seconds: float) -> str:
    """A short duration: "under a minute", "12 min", "1 h 05 min"."""
    minutes = round(seconds / 60)
    if seconds > 0 and minutes == 0:
        return "under a minute"
    hours, rest = divmod(minutes, 60)
    return f"{hours} h {rest:02d} min" if hours else f"{minutes} min"


def practised_words(record: SessionRecord) -> str:
    """The time practised, and of what was planned when most of it was skipped: "12 min",
    "47 s of 11 min"."""
    if not record.skipped_through:
        return minutes_words(record.practised_seconds)
    seconds = record.practised_seconds
    practised = f"{seconds:.0f} s" if seconds < 60 else minutes_words(seconds)
    return f"{practised} of {minutes_words(record.planned_seconds)}"


def practice_label(practice: str) -> str:
    """The practice's friendly name ("Loving-kindness"), or its own name if unknown."""
    return PRACTICE_LABELS.get(practice, practice)


def when_text(record: SessionRecord) -> str:
    """The local date and time a session started, short: "Wed 01 May 2024 07:30"."""
    return record.started_local.strftime("%a %d %b %Y %H:%M")


def session_row(record: SessionRecord) -> tuple[Text, Text, Text, Text]:
    """A table row: local date and time, title, time practised, how it ended (all plain text)."""
    return (
        Text(when_text(record)),
        Text(shown(record.title or record.script_name)),
        Text(practised_words(record), justify="right"),
        Text(how_words(record)),
    )


def check_in_lines(check_ins: tuple[CheckIn, ...]) -> list[str]:
    """Each question rated, with its ends named: a change only between ratings of the same
    question and scale ("distress, 0 calm to 10 very distressed: 6 before, 3 after.")."""
    lines = [change_words(c) for c in changes(check_ins)]
    return [line[:1].upper() + line[1:] for line in lines]


def summary_text(record: SessionRecord) -> Text:
    """When it was, the practice, how long and how it ended."""
    start = record.started_local
    lines = [
        start.strftime("%A %d %B %Y, %H:%M"),
        shown(practice_label(record.practice)),
        f"{minutes_words(record.practised_seconds)} practised of "
        f"{minutes_words(record.planned_seconds)} planned; {how_words(record)}.",
    ]
    if record.note:
        lines += ["", shown(record.note)]
    return Text("\n".join(lines))


def entry_text(entry: Entry) -> Text:
    """A prompt (muted) and what was written under it, literally."""
    text = Text(shown(entry.prompt) or f"Step {entry.step_number}", style="dim")
    text.append("\n")
    if entry.text is None:
        text.append("Something was written here; the text wasn't kept.", style="italic dim")
    else:
        text.append(shown(entry.text) or "(left blank)")
    return text


class SessionDetailScreen(ModalScreen[None]):
    """A session from the log, read-only. Escape, Enter or q closes it."""

    CSS_PATH = "session_detail.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,enter,q", "close", "Close"),
        HELP_KEY,
    ]

    def __init__(self, detail: SessionDetail) -> None:
        super().__init__()
        self.detail = detail

    def compose(self) -> ComposeResult:
        """Title, summary, check-ins and entries in a scrolling panel."""
        record = self.detail.session
        with Vertical(id="panel"):
            yield Static(Text(shown(record.title or record.script_name), style="bold"), id="title")
            with VerticalScroll(id="body"):
                yield Static(summary_text(record), id="summary")
                checks = check_in_lines(self.detail.check_ins)
                if checks:
                    yield Static("Check-ins", classes="heading")
                    yield Static(Text("\n".join(checks)), id="check-ins")
                if self.detail.entries:
                    yield Static("What you wrote", classes="heading")
                    for entry in self.detail.entries:
                        yield Static(entry_text(entry), classes="entry")
                if not checks and not self.detail.entries:
                    yield Static("No check-ins or writing in this session.", classes="quiet")
        yield KeyFooter()

    def on_mount(self) -> None:
        """Focus the body so the arrow keys scroll long writing."""
        self.query_one("#body").focus()

    def action_close(self) -> None:
        """Back to the history."""
        self.dismiss(None)
