"""Writing from the history: a session added by hand, a note added and changed, and the journal
(every text, searchable) opened from the history or the palette."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import DataTable, Input, Static

from session_player.core.log import LogStore
from session_player.home.paths import log_place
from session_player.tui.app import make_app
from session_player.tui.screens.history import HistoryScreen
from session_player.tui.screens.journal import JournalScreen
from session_player.tui.screens.log_entry import AddSessionScreen, NoteScreen

from .conftest import MARKUP, HistoryApp, settle

SIZE = (110, 40)


async def test_a_session_added_by_hand_is_listed_as_such(home: Path) -> None:
    path = home / "data" / "log.sqlite3"
    app = HistoryApp(path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("a")  # works on an empty log too: it may be the first session
        await settle(pilot)
        form = app.screen
        assert isinstance(form, AddSessionScreen)
        form.query_one("#length", Input).value = "1h 5m"
        form.query_one("#when", Input).value = "2024-06-29 07:00"
        form.query_one("#note", Input).value = "On the porch"
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, HistoryScreen)
        table = app.screen.query_one("#sessions", DataTable)
        row = [str(cell) for cell in table.get_row_at(0)]
        assert row[2:] == ["1 h 05 min", "completed, added by hand"]
    with LogStore.open(log_place(path)) as store:
        [s] = store.recent()
    assert (s.origin, s.practised_seconds, s.note) == ("manual", 3900.0, "On the porch")


async def test_a_form_that_is_not_a_session_says_why_and_stays(home: Path) -> None:
    app = HistoryApp(home / "data" / "log.sqlite3")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        form = app.screen
        form.query_one("#length", Input).value = "a while"
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is form
        assert "How long:" in str(form.query_one("#problem", Static).render())
        form.query_one("#length", Input).value = "10m"
        form.query_one("#when", Input).value = "2999-01-01 07:00"
        await pilot.press("enter")
        await settle(pilot)
        assert "would end in the future" in str(form.query_one("#problem", Static).render())
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, HistoryScreen)
    with LogStore.open(log_place(home / "data" / "log.sqlite3")) as store:
        assert store.count() == 0  # nothing was added


async def test_a_note_is_added_then_changed(db: Path) -> None:
    app = HistoryApp(db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        for text in ("Restless, then calm", "Calm"):
            await pilot.press("n")
            await settle(pilot)
            assert isinstance(app.screen, NoteScreen)
            app.screen.query_one("#note", Input).value = text
            await pilot.press("enter")
            await settle(pilot)
    with LogStore.open(log_place(db)) as store:
        newest = store.recent(limit=1)[0]
    assert newest.note == "Calm"


async def test_the_journal_lists_and_searches_what_was_written(db: Path) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.action_history()
        await settle(pilot)
        await pilot.press("j")
        await settle(pilot)
        journal = app.screen
        assert isinstance(journal, JournalScreen)
        texts = [e.text for e in journal.entries]
        assert len(texts) == 13 and texts[0] == f"{MARKUP} (2)"  # newest first
        shown = journal.query(".entry").first(Static)
        assert MARKUP in str(shown.render())  # literally, never as markup
        journal.query_one("#search", Input).value = "kindness (5)"
        await pilot.press("enter")
        await settle(pilot)
        assert [e.text for e in journal.entries] == [f"{MARKUP} (5)"]
        journal.query_one("#search", Input).value = "nothing-like-this"
        await pilot.press("enter")
        await settle(pilot)
        status = str(journal.query_one("#status", Static).render())
        assert status == "Nothing written holds all those words."


def test_the_history_marks_previews_and_where_sessions_came_from() -> None:
    from datetime import UTC, datetime

    from session_player.core.log import SessionRecord
    from session_player.tui.screens.session_detail import session_row, summary_text

    start = datetime(2024, 5, 1, 6, tzinfo=UTC)
    base = SessionRecord("u", "s", "Sit", "silent", start, 0, 600.0, start, 600.0, "completed")
    from dataclasses import replace

    def ended(record: SessionRecord) -> str:
        return str(session_row(record)[3])

    assert ended(base) == "completed"
    assert ended(replace(base, preview=True)) == "completed, a preview (not counted)"
    assert ended(replace(base, origin="insight-timer")) == "completed, from Insight Timer"
    noted = summary_text(replace(base, origin="manual", note="On the porch")).plain
    assert "completed, added by hand." in noted and noted.endswith("On the porch")
