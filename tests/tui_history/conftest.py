"""Fixtures for the history screen: a private home, and a log built with the real recorder.

The log holds 40 sessions spread over the months before a fixed ``TODAY``, in a +02:00 zone,
with check-ins and writing (some of it looking like markup, which must be shown literally).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from textual.app import App, ComposeResult
from textual.pilot import Pilot
from textual.widgets import Static

from session_player.core.log import Outcome, SessionRecorder
from session_player.home.paths import database_path, log_place
from session_player.home.settings import Settings
from session_player.tui.screens.history import HistoryScreen

TODAY = date(2024, 6, 30)
SESSIONS = 40
MARKUP = "I noticed [bold]markup[/bold] and [red]kindness[/]."
TITLES = ("Loving-kindness for a hard day", "Three breaths", "A letter to myself")
PRACTICES = ("loving-kindness", "breathing", "letter")
OUTCOMES: tuple[Outcome, ...] = ("completed", "completed", "stopped", "interrupted")


class FakeClock:
    """A clock that only moves when told to."""

    def __init__(self) -> None:
        self.now = datetime(2023, 1, 1, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Everything the app stores goes under this test's own folder."""
    folder = tmp_path / "home"
    monkeypatch.setenv("SESSION_PLAYER_HOME", str(folder))
    return folder


DISTRESS = ("calm", "very distressed")


def build_log(path: Path, sessions: int = SESSIONS) -> None:
    """Record ``sessions`` sessions with the real recorder, every ~4 days back from TODAY.

    Session ``i`` (0 is the newest) lasts ``5 + i`` minutes; every third has writing with
    markup-like text; most have before/after check-ins.
    """
    clock = FakeClock()
    recorder = SessionRecorder(log_place(path), clock=clock, utc_offset=lambda _: 7200)
    try:
        for i in reversed(range(sessions)):
            day = TODAY - timedelta(days=1 + i * 4 + i % 3)
            start = datetime(day.year, day.month, day.day, 6, 30, tzinfo=UTC)  # 08:30 local
            clock.now = start
            kind = i % 3
            recorder.begin(f"script-{kind}", TITLES[kind], PRACTICES[kind], 900.0)
            if i % 5 != 4:
                recorder.check_in("before", "settled", 3 + i % 4, None, "not at all", "completely")
            if kind == 2:  # the script's own question, on its own scale
                recorder.check_in("step", "How distressed do you feel?", 6, 1, *DISTRESS)
            minutes = 5 + i
            clock.now = start + timedelta(minutes=minutes / 2)
            recorder.progress(minutes * 30, 2)
            if kind == 2:
                recorder.entry(3, "Write a few kind words.", f"{MARKUP} ({i})")
            clock.now = start + timedelta(minutes=minutes)
            if i % 5 != 4:
                recorder.check_in("after", "settled", 5 + i % 4, None, "not at all", "completely")
            if kind == 2:
                recorder.check_in("step", "And now, how distressed?", 3, 5, *DISTRESS)
            recorder.finish(OUTCOMES[i % 4], minutes * 60.0)
    finally:
        recorder.close()


@pytest.fixture
def db(home: Path) -> Path:
    """A log with the standard sessions, at the app's own database path."""
    path = database_path()
    build_log(path)
    return path


class HistoryApp(App[None]):
    """A plain app that opens the history screen over a quiet base screen."""

    def __init__(self, path: Path, settings: Settings | None = None) -> None:
        super().__init__()
        self.path = path
        self.settings = settings or Settings()

    def compose(self) -> ComposeResult:
        yield Static("base", id="base")

    def on_mount(self) -> None:
        self.push_screen(HistoryScreen(log_place(self.path), self.settings, today=TODAY))


async def settle(pilot: Pilot[Any]) -> None:
    """Let the workers finish and their messages land."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()


MakeApp = Callable[..., HistoryApp]
