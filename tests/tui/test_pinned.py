"""Favourites and "again" at the top of the library: a key marks a session, kept between runs;
the sessions played lately come back from the log."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from textual.widgets import OptionList

from session_player.core.log import LogStore, SessionRecord
from session_player.home.favourites import favourites_path, load_favourites
from session_player.home.paths import log_place
from session_player.tui.app import SessionPlayerApp

from .conftest import SIZE, settle

Build = Callable[..., SessionPlayerApp]


def lines(app: SessionPlayerApp) -> list[str]:
    sessions = app.screen.query_one("#sessions", OptionList)
    return [
        str(sessions.get_option_at_index(i).prompt).strip() for i in range(sessions.option_count)
    ]


def played(name: str, title: str, days_ago: int, origin: str = "played") -> None:
    at = datetime(2026, 1, 5, 8, 0, tzinfo=UTC) - timedelta(days=days_ago)
    record = SessionRecord(
        str(uuid.uuid4()), name, title, "breathing", at, 0, 60.0, at,
        practised_seconds=60.0, outcome="completed", ended_at=at, origin=origin,
    )  # fmt: skip
    with LogStore.open(log_place()) as store:
        store.save(record)


async def test_a_favourite_is_marked_with_a_key_and_stays_at_the_top(build: Build) -> None:
    async with build().run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "FAVOURITES" not in lines(pilot.app)
        await pilot.press("down")  # the second session: "A short test"
        await pilot.press("*")
        await settle(pilot)
        shown = lines(pilot.app)
        assert shown[shown.index("FAVOURITES") + 1].endswith("A short test")
        assert pilot.app.screen.highlighted.name == "short"  # type: ignore[attr-defined]
        await pilot.press("a")  # a filter lists each session once, in its group
        assert "FAVOURITES" not in lines(pilot.app)
    assert load_favourites() == (["short"], [])
    async with build().run_test(size=SIZE) as pilot:  # kept for the next time
        await settle(pilot)
        shown = lines(pilot.app)
        assert shown[:2] == ["TIMER", shown[1]] and shown[2] == "FAVOURITES"
        assert pilot.app.screen.highlighted.name == "short"  # type: ignore[attr-defined]
        await pilot.press("*")  # and unmarked with the same key
        await settle(pilot)
        assert "FAVOURITES" not in lines(pilot.app)
    assert favourites_path().is_file() and load_favourites() == ([], [])


async def test_the_sessions_played_lately_come_again_at_the_top(build: Build) -> None:
    played("short", "A short test", 3)
    played("breathing", "Just breathing", 1)
    played("short", "A short test", 2)
    played("breathing", "Just breathing", 0, origin="manual")  # added by hand: not "played"
    async with build().run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.app.workers.wait_for_complete()
        await settle(pilot)
        shown = lines(pilot.app)
        start = shown.index("AGAIN")
        assert [line.split("  ")[-1] for line in shown[start + 1 : start + 3]] == [
            "Just breathing",
            "A short test",
        ]
