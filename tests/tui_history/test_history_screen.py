"""Pilot tests of the history screen: the table, reading a session, deleting, errors, streaks."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from rich.text import Text
from textual.widgets import DataTable, Sparkline, Static

from session_player.core.log import LogStore
from session_player.home.paths import log_place
from session_player.home.settings import Settings
from session_player.tui.screens.confirm_delete import ConfirmDeleteScreen
from session_player.tui.screens.history import EMPTY, LOADING, HistoryScreen
from session_player.tui.screens.session_detail import SessionDetailScreen
from session_player.tui.widgets.heatmap import CELL, STEPS, HeatMap, needs_steps

from .conftest import MARKUP, SESSIONS, TODAY, HistoryApp, build_log, settle


def table_of(app: HistoryApp) -> DataTable[Text]:
    return app.screen.query_one("#sessions", DataTable)


def cells(app: HistoryApp) -> list[list[str]]:
    table = table_of(app)
    return [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]


def status_of(app: HistoryApp) -> Static:
    return app.screen.query_one("#status", Static)


def visible_text(widget: Static) -> str:
    return str(widget.render())


async def test_lists_every_session_newest_first(db: Path) -> None:
    app = HistoryApp(db)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, HistoryScreen)
        rows = cells(app)
        assert len(rows) == SESSIONS
        newest = rows[0]
        assert newest[0] == "Sat 29 Jun 2024 08:30"  # local time, +02:00
        assert newest[1] == "Loving-kindness for a hard day"
        assert newest[2] == "5 min"
        assert newest[3] == "completed"
        assert {r[3] for r in rows} == {"completed", "stopped early", "interrupted"}
        assert not status_of(app).display
        overall = visible_text(app.screen.query_one("#practice-totals", Static))
        assert overall.startswith(f"{SESSIONS} sessions")


async def test_enter_opens_the_session_and_shows_writing_literally(db: Path) -> None:
    app = HistoryApp(db)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await pilot.press("down", "down")  # the third row is a letter, with writing
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, SessionDetailScreen)
        entry = app.screen.query_one(".entry", Static)
        assert f"{MARKUP} (2)" in visible_text(entry)
        checks = visible_text(app.screen.query_one("#check-ins", Static))
        # each question against itself, with its ends named; never distress against settled
        assert "Safe and settled, 0 not at all to 10 completely: 5 before, 7 after." in checks
        assert (
            "How distressed do you feel? (0 calm to 10 very distressed): 6 before. "
            "And now, how distressed?: 3 after." in checks
        )  # each rating with the question that asked it
        assert "score" not in checks.lower()
        await pilot.press("escape")
        assert isinstance(app.screen, HistoryScreen)


async def test_delete_one_after_confirming(db: Path) -> None:
    app = HistoryApp(db)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await pilot.press("down")
        doomed = app.screen.highlighted() if isinstance(app.screen, HistoryScreen) else None
        assert doomed is not None and doomed.id is not None
        await pilot.press("d")
        assert isinstance(app.screen, ConfirmDeleteScreen)
        assert "can't be undone" in app.screen.message
        await pilot.press("y")
        await settle(pilot)
        assert isinstance(app.screen, HistoryScreen)
        assert len(cells(app)) == SESSIONS - 1
        assert doomed.id not in {r.id for r in app.screen.history.sessions}  # type: ignore[union-attr]
    with LogStore.open(log_place(db)) as store:
        assert store.count() == SESSIONS - 1
        assert store.session(doomed.id) is None


async def test_cancel_keeps_everything(db: Path) -> None:
    app = HistoryApp(db)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await pilot.press("d")
        assert isinstance(app.screen, ConfirmDeleteScreen)
        await pilot.press("enter")  # Keep has the focus
        await settle(pilot)
        await pilot.press("D")
        assert isinstance(app.screen, ConfirmDeleteScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, HistoryScreen)
        assert len(cells(app)) == SESSIONS
    with LogStore.open(log_place(db)) as store:
        assert store.count() == SESSIONS


async def test_delete_all_after_confirming(db: Path) -> None:
    app = HistoryApp(db)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await pilot.press("D")
        assert isinstance(app.screen, ConfirmDeleteScreen)
        assert f"{SESSIONS} sessions" in app.screen.message
        await pilot.press("y")
        await settle(pilot)
        assert isinstance(app.screen, HistoryScreen)
        assert status_of(app).display
        assert visible_text(status_of(app)) == EMPTY
        assert not app.screen.query_one("#content").display
    with LogStore.open(log_place(db)) as store:
        assert store.count() == 0


async def test_empty_log_is_gentle(home: Path) -> None:
    app = HistoryApp(home / "data" / "log.sqlite3")
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        assert visible_text(status_of(app)) == EMPTY
        await pilot.press("d", "D", "enter")  # nothing to delete or open: no dialog
        assert isinstance(app.screen, HistoryScreen)
        await pilot.press("escape")
        assert not isinstance(app.screen, HistoryScreen)


async def test_streaks_hidden_by_default(db: Path) -> None:
    app = HistoryApp(db)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        assert not app.screen.query("#streaks")
        assert "in a row" not in app.export_screenshot()


async def test_streaks_shown_when_turned_on(home: Path) -> None:
    path = home / "data" / "log.sqlite3"
    build_log(path, sessions=1)  # yesterday only
    app = HistoryApp(path, Settings(streaks=True))
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        streaks = visible_text(app.screen.query_one("#streaks", Static))
        assert streaks == "Days in a row: 1 now, longest 1."


async def test_a_damaged_file_is_moved_aside_and_said(home: Path) -> None:
    path = home / "data" / "log.sqlite3"
    path.parent.mkdir(parents=True)
    path.write_bytes(b"this is not a database, only garbage " * 200)
    app = HistoryApp(path)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        notice = app.screen.query_one("#notice", Static)
        assert notice.display
        assert "moved aside" in visible_text(notice)
        assert visible_text(status_of(app)) == EMPTY
    assert list(path.parent.glob("log.sqlite3.corrupt-*"))


async def test_an_unreadable_log_is_said_kindly(home: Path) -> None:
    path = home / "data" / "log.sqlite3"
    path.mkdir(parents=True)  # a folder where the file should be: it can't be opened at all
    app = HistoryApp(path)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, HistoryScreen)
        text = visible_text(status_of(app))
        assert text.startswith("Your practice log can't be read right now")
        assert not app.screen.query_one("#content").display


async def test_escape_and_h_go_back(db: Path) -> None:
    for key in ("escape", "h"):
        app = HistoryApp(db)
        async with app.run_test(size=(100, 40)) as pilot:
            await settle(pilot)
            await pilot.press(key)
            assert not isinstance(app.screen, HistoryScreen)


async def test_today_is_used_for_the_heat_map(db: Path) -> None:
    app = HistoryApp(db)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        history = app.screen.history  # type: ignore[attr-defined]
        assert history.stats.today == TODAY


async def test_a_calm_loading_state_while_the_log_is_read(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened = LogStore.open
    release = threading.Event()

    def slow_open(path: Path) -> LogStore:
        release.wait(10)  # a slow disk: the screen must stay responsive meanwhile
        return opened(path)

    monkeypatch.setattr(LogStore, "open", slow_open)
    app = HistoryApp(db)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        assert visible_text(status_of(app)) == LOADING
        assert not app.screen.query_one("#content").display
        await pilot.press("d")  # nothing to delete yet
        assert isinstance(app.screen, HistoryScreen)
        release.set()
        await settle(pilot)
        assert app.screen.query_one("#content").display
        assert len(cells(app)) == SESSIONS


def seen_cells(app: HistoryApp) -> list[str]:
    """Every cell as drawn: the column's width, the text cut where the column ends."""
    table = table_of(app)
    widths = [
        column.get_render_width(table) - 2 * table.cell_padding for column in table.ordered_columns
    ]
    return [
        str(cell)[:width]
        for i in range(table.row_count)
        for cell, width in zip(table.get_row_at(i), widths, strict=True)
    ]


async def test_the_columns_fit_the_width_and_follow_a_resize(db: Path) -> None:
    app = HistoryApp(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        table = table_of(app)
        assert "Loving-kindness for a hard day" in seen_cells(app)  # there is room: whole
        for width in (100, 80, 60, 120):
            await pilot.resize_terminal(width, 40)
            await settle(pilot)
            assert table.virtual_size.width <= table.scrollable_content_region.width, width
            assert {"stopped early", "interrupted", "completed"} <= set(seen_cells(app)), width
        assert "Loving-kindness for a hard day" in seen_cells(app)  # wide again: whole again


@pytest.mark.parametrize(("size", "weeks"), [((100, 32), 52), ((80, 24), 12), ((60, 20), 0)])
async def test_the_calendar_and_weekly_chart_fit_the_terminal(
    db: Path, size: tuple[int, int], weeks: int
) -> None:
    app = HistoryApp(db)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        heatmap = app.screen.query_one(HeatMap)
        chart = app.screen.query_one("#weeks", Sparkline)
        assert (heatmap.region.width > 0 and chart.region.width > 0) == bool(weeks)
        if weeks:  # the year from 100x32 (52 or 53 Mondays); at 80x24 the last 12 weeks
            monday = heatmap.render().plain.splitlines()[1]
            mondays = sum(monday.count(cell) for cell in {CELL, *STEPS})
            assert weeks <= mondays <= weeks + 1
            assert len(chart.data or []) == (12 if weeks == 12 else 53)


@pytest.mark.parametrize(
    ("system", "no_color", "steps"),
    [("truecolor", False, False), ("256", False, True), ("standard", False, True),
     ("truecolor", True, True)],
)  # fmt: skip
def test_the_shades_have_shapes_where_colours_cannot_tell_them_apart(
    system: str, no_color: bool, steps: bool
) -> None:
    assert needs_steps(system, no_color=no_color) == steps


async def test_in_sixteen_colours_each_shade_of_the_calendar_has_its_own_shape(db: Path) -> None:
    app = HistoryApp(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert app.console.color_system == "standard"  # how the tests' terminal is seen
        lines = app.screen.query_one(HeatMap).render().plain.splitlines()
        assert lines[-1].strip() == "Less · ░ ▒ ▓ █ More"
        assert {"·", "▓", "█"} <= set("".join(lines[1:8]))  # empty days and practised ones
