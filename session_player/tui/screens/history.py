"""The practice history: a year of days, minutes per week, totals, and every session to reread.

The log is read in a thread worker, never on the event loop: the screen shows a quiet
"gathering" line until a ``Loaded`` message arrives. Deleting asks first, runs in a worker too,
and reads the log again. Streaks appear only when the person has turned them on.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import date
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Sparkline, Static
from textual.worker import get_current_worker

from ...core.log import (
    LogError,
    LogPlace,
    LogStore,
    LogUnavailable,
    SessionDetail,
    SessionRecord,
    Stats,
)
from ...core.log.errors import reason_for
from ...core.log.reading import UNWRITABLE, open_for_reading
from ...core.script.text import shown
from ...home.settings import Settings
from ..help_key import HELP_KEY
from ..widgets.footer import KeyFooter
from ..widgets.heatmap import COMPACT_DAYS, HeatMap
from .confirm_delete import ConfirmDeleteScreen, delete_all_words, delete_one_words
from .session_detail import SessionDetailScreen, minutes_words, practice_label, session_row

LIMIT = 200
COLUMNS = ("When", "Session", "Practised", "How it ended")
FULL_FROM = (100, 32)  # columns, rows: a year's calendar; smaller, the last 12 weeks
COMPACT_FROM = (80, 24)  # smaller still, the calendar gives its room to the rest
TITLE_AT_LEAST = 12  # cells of a title in the table, however narrow
LOADING = "Gathering your practice…"
EMPTY = "No sessions yet. Whenever you practise, it will appear here."
READ_ERRORS = (LogError, sqlite3.Error, OSError)


def unreadable_words(error: BaseException) -> str:
    """What the person is told when the log can't be read; nothing has been lost."""
    return (
        f"Your practice log can't be read right now ({reason_for(error)}). "
        "Nothing has been changed. Press r to try again in a while."
    )


def _opened(log: LogPlace, *, writing: bool) -> LogStore:
    """The log as the app opens it (a damaged file is set aside, kept sessions folded in); when
    only reading and the disk can't be written (read-only, full), opened just to read it."""
    try:
        return LogStore.open(log)
    except LogUnavailable as error:
        if writing or not error.reason.startswith(UNWRITABLE):
            raise
        store = open_for_reading(log)
        if store is None:
            raise
        return store


def plural(n: int, word: str) -> str:
    """ "1 session", "3 sessions"."""
    return f"{n} {word}" + ("" if n == 1 else "s")


def totals_text(stats: Stats) -> Text:
    """Sessions and time in all, then for each practice, most practised first."""
    text = Text(no_wrap=True, overflow="ellipsis", end="")
    text.append(f"{plural(stats.sessions, 'session')}, ", style="bold")
    text.append(f"{minutes_words(stats.practised_seconds)} in all\n\n", style="bold")
    text.append(f"{'Practice':<16}{'sessions':>8}  {'time':>10}", style="dim")
    for total in stats.by_practice:
        label = shown(practice_label(total.practice))[:20]
        duration = minutes_words(total.practised_seconds)
        text.append(f"\n{label:<20}{total.sessions:>4}  {duration:>10}")
    return text


@dataclass(frozen=True)
class History:
    """What the screen shows: stats, the latest sessions, and any notice about the file."""

    stats: Stats
    sessions: list[SessionRecord]
    notice: str | None = None


class HistoryScreen(Screen[None]):
    """The practice history, read from the log at ``practice_log``."""

    CSS_PATH = "history.tcss"
    PURPOSE = (
        "Your practice so far: a year of days, minutes by week and by practice, and every "
        "session, to read again (with what you wrote) or to delete."
    )
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,h", "back", "Back"),
        Binding("enter", "open", "Read", priority=True),
        Binding("a", "add", "Add"),
        Binding("n", "note", "Note"),
        Binding("j", "app.journal", "Journal"),
        Binding("d", "delete", "Delete session"),
        Binding("D", "delete_all", "Delete all"),
        Binding("r", "reload", "Refresh"),
        HELP_KEY,
    ]

    @dataclass
    class Loaded(Message):
        """The log was read (``history``), or couldn't be (``error``)."""

        history: History | None
        error: str | None = None
        deleted: int = 0

    @dataclass
    class Opened(Message):
        """A session's detail was read (None if it is no longer in the log)."""

        detail: SessionDetail | None
        error: str | None = None

    def __init__(
        self, practice_log: LogPlace, settings: Settings, *, today: date | None = None
    ) -> None:
        super().__init__()
        self.practice_log = practice_log
        self.settings = settings
        self.today = today
        self.history: History | None = None

    def compose(self) -> ComposeResult:
        """A heading, a status line, and the history (hidden until read)."""
        yield Static("Your practice", id="heading")
        yield Static("", id="notice")
        yield Static(LOADING, id="status")
        with Vertical(id="content"):
            with Horizontal(id="overview"):
                with Vertical(id="calendar"):
                    yield Static("", id="days-caption", classes="caption")
                    yield HeatMap(today=self.today, id="heatmap")
                    yield Static("Minutes each week", classes="caption")
                    yield Sparkline([], id="weeks")
                    yield Static("", id="this-week")
                with Vertical(id="totals"):
                    yield Static("", id="practice-totals")
                    if self.settings.streaks:
                        yield Static("", id="streaks")
            yield Static("", id="list-caption", classes="caption")
            yield DataTable[Text](id="sessions", cursor_type="row")
        yield KeyFooter()

    def on_mount(self) -> None:
        """Set up the table and start reading."""
        table = self.query_one("#sessions", DataTable)
        table.add_columns(*COLUMNS)
        self.query_one("#content").display = False
        self.query_one("#notice").display = False
        self.read()

    # Reading and deleting, in a thread -------------------------------------------------------

    @work(thread=True, exclusive=True, group="log")
    def read(
        self,
        delete_id: int | None = None,
        delete_all: bool = False,
        *,
        note: tuple[int, str] | None = None,
        add: SessionDetail | None = None,
    ) -> None:
        """Delete, set a note or add a session if asked, then read stats and the latest
        sessions; post ``Loaded``."""
        deleted = 0
        writing = delete_all or delete_id is not None or note is not None or add is not None
        try:
            with _opened(self.practice_log, writing=writing) as store:
                if delete_all:
                    deleted = store.delete_all()
                elif delete_id is not None:
                    deleted = int(store.delete_session(delete_id))
                elif note is not None:
                    store.set_note(*note)
                elif add is not None:
                    store.add([add])
                history = History(store.stats(self.today), store.recent(limit=LIMIT), store.notice)
        except READ_ERRORS as error:
            self.post_message(self.Loaded(None, unreadable_words(error), deleted))
            return
        if not get_current_worker().is_cancelled:  # a newer read is on its way
            self.post_message(self.Loaded(history, None, deleted))

    @work(thread=True, exclusive=True, group="detail")
    def read_detail(self, session_id: int) -> None:
        """Read one session with its check-ins and entries; post ``Opened``."""
        try:
            with _opened(self.practice_log, writing=False) as store:
                detail = store.session(session_id)
        except READ_ERRORS as error:
            self.post_message(self.Opened(None, unreadable_words(error)))
            return
        self.post_message(self.Opened(detail))

    # Showing ---------------------------------------------------------------------------------

    @on(Loaded)
    def _loaded(self, message: Loaded) -> None:
        self.history = message.history
        status = self.query_one("#status", Static)
        content = self.query_one("#content")
        if message.deleted:
            self.notify(f"Deleted {plural(message.deleted, 'session')}.", timeout=4)
        history = message.history
        if history is None:
            status.update(Text(shown(message.error or "")))
            status.display, content.display = True, False
        else:
            notice = self.query_one("#notice", Static)
            notice.update(Text(shown(history.notice or "")))
            notice.display = bool(history.notice)
            empty = not history.sessions
            status.update(EMPTY)
            status.display, content.display = empty, not empty
            if not empty:
                self._show(history)
        self.refresh_bindings()

    def on_resize(self) -> None:
        """On a small terminal the calendar steps aside: the totals and the sessions (with how
        each ended) are what a person needs whole. The table's titles fit the new width."""
        width, height = self.app.size  # the terminal's, as a person speaks of it (80x24)
        compact = width < FULL_FROM[0] or height < FULL_FROM[1]
        small = width < COMPACT_FROM[0] or height < COMPACT_FROM[1]
        self.set_class(small, "-compact")  # at 80x24 the last 12 weeks, and the weekly chart
        self.query_one(HeatMap).span(COMPACT_DAYS if compact else 365)
        caption = (
            "Minutes each day, 12 weeks" if compact else "Minutes each day, the last 12 months"
        )
        self.query_one("#days-caption", Static).update(caption)
        if self.history is not None and self.history.sessions:
            self._show(self.history)

    def _show(self, history: History) -> None:
        stats = history.stats
        self.query_one(HeatMap).show(
            {day: seconds / 60 for day, seconds in stats.per_day.items()}, stats.today
        )
        weeks = [week.practised_seconds / 60 for week in stats.per_week]
        weeks = weeks[-COMPACT_DAYS // 7 :] if self.query_one(HeatMap).days < 365 else weeks
        sparkline = self.query_one("#weeks", Sparkline)
        sparkline.data = weeks
        sparkline.styles.width = max(1, len(weeks))
        this_week = stats.per_week[-1].practised_seconds if stats.per_week else 0.0
        self.query_one("#this-week", Static).update(f"This week so far: {minutes_words(this_week)}")
        self.query_one("#practice-totals", Static).update(totals_text(stats))
        if self.settings.streaks:
            self.query_one("#streaks", Static).update(
                f"Days in a row: {stats.current_streak} now, longest {stats.longest_streak}."
            )
        shown, total = len(history.sessions), stats.sessions
        self.query_one("#list-caption", Static).update(
            "Sessions, newest first" if shown >= total else f"The latest {shown} of {total}"
        )
        table = self.query_one("#sessions", DataTable)
        row = table.cursor_row
        table.clear(columns=True)  # a column keeps its widest cell: after a resize, made anew
        table.add_columns(*COLUMNS)
        # The title gives way (ending in …) so that how each session ended is never cut.
        rows = [session_row(record) for record in history.sessions]
        for short in (False, True):  # narrow (60 columns): "29 Jun 08:30", the day and year go
            if short:
                for record, cells in zip(history.sessions, rows, strict=True):
                    cells[0].plain = record.started_local.strftime("%d %b %H:%M")
            others = sum(max(len(r[i].plain) for r in rows) for i in (0, 2, 3)) if rows else 0
            if self.size.width - 4 - others - 8 - 1 >= TITLE_AT_LEAST:
                break
        room = max(TITLE_AT_LEAST, self.size.width - 4 - others - 8 - 1)
        for record, cells in zip(history.sessions, rows, strict=True):
            cells[1].truncate(room, overflow="ellipsis")
            table.add_row(*cells, key=str(record.id))
        table.move_cursor(row=min(row, table.row_count - 1))
        table.focus()

    @on(Opened)
    def _opened(self, message: Opened) -> None:
        if message.error is not None:
            self.notify(message.error, severity="warning", markup=False)
        elif message.detail is None:
            self.notify("That session is no longer in the log.", timeout=4)
            self.read()
        else:
            self.app.push_screen(SessionDetailScreen(message.detail))

    # Keys ------------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Reading and deleting only apply when there are sessions."""
        if action in ("open", "delete", "delete_all", "note"):
            return self.highlighted() is not None
        return True

    def highlighted(self) -> SessionRecord | None:
        """The session under the table's cursor, if any."""
        if self.history is None or not self.history.sessions:
            return None
        row = self.query_one("#sessions", DataTable).cursor_row
        return self.history.sessions[row] if 0 <= row < len(self.history.sessions) else None

    @on(DataTable.RowSelected)
    def _selected(self) -> None:
        self.action_open()

    def action_open(self) -> None:
        """Open the highlighted session to read its check-ins and writing."""
        record = self.highlighted()
        if record is not None and record.id is not None:
            self.read_detail(record.id)

    def action_delete(self) -> None:
        """Delete the highlighted session, after asking."""
        record = self.highlighted()
        if record is None or record.id is None:
            return
        session_id = record.id
        message = delete_one_words(record)

        def chosen(delete: bool | None) -> None:
            if delete:
                self.read(delete_id=session_id)

        self.app.push_screen(ConfirmDeleteScreen(message), chosen)

    def action_note(self) -> None:
        """Add or change the highlighted session's note."""
        from .log_entry import NoteScreen

        record = self.highlighted()
        if record is None or record.id is None:
            return
        session_id = record.id

        def chosen(text: object) -> None:
            if isinstance(text, str):
                self.read(note=(session_id, text))

        self.app.push_screen(NoteScreen(record.title or record.script_name, record.note), chosen)

    def action_add(self) -> None:
        """Add a session practised away from the computer."""
        from .log_entry import AddSessionScreen

        def chosen(detail: object) -> None:
            if isinstance(detail, SessionDetail):
                self.read(add=detail)

        self.app.push_screen(AddSessionScreen(), chosen)

    def action_delete_all(self) -> None:
        """Delete the whole history, after asking."""
        message = delete_all_words(self.history.stats.sessions if self.history else 0)

        def chosen(delete: bool | None) -> None:
            if delete:
                self.read(delete_all=True)

        self.app.push_screen(ConfirmDeleteScreen(message, delete_label="Delete all"), chosen)

    def action_reload(self) -> None:
        """Read the log again."""
        self.read()

    def action_back(self) -> None:
        """Back to where the history was opened from."""
        self.dismiss(None)
