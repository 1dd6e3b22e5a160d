"""Fixtures for the log tests: a private home folder, a fake clock, a store, a recorder.

Every test gets ``SESSION_PLAYER_HOME`` pointed at its own ``tmp_path``: nothing here ever
touches the real data folder.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from session_player.core.log import (
    CheckIn,
    Entry,
    LogStore,
    SessionDetail,
    SessionRecord,
    SessionRecorder,
)
from session_player.home.paths import database_path, log_place

START = datetime(2024, 5, 1, 6, 0, tzinfo=UTC)


class FakeClock:
    """A clock that only moves when told to."""

    def __init__(self, start: datetime = START) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Everything the app stores goes under this test's own folder."""
    folder = tmp_path / "home"
    monkeypatch.setenv("SESSION_PLAYER_HOME", str(folder))
    return folder


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def db_path(home: Path) -> Path:
    return database_path()


@pytest.fixture
def store(clock: FakeClock) -> Iterator[LogStore]:
    opened = LogStore.open(log_place(), clock=clock)
    yield opened
    opened.close()


@pytest.fixture
def recorder(clock: FakeClock) -> Iterator[SessionRecorder]:
    """A recorder in a +02:00 zone, so local days differ from UTC ones."""
    made = SessionRecorder(log_place(), clock=clock, utc_offset=lambda _: 7200)
    yield made
    made.close()


MakeDetail = Callable[..., SessionDetail]


@pytest.fixture
def make_detail() -> MakeDetail:
    """Build a finished session (with optional check-ins and entries) without a recorder."""

    def make(
        started: datetime = START,
        practised: float = 600.0,
        *,
        practice: str = "breathing",
        offset: int = 0,
        outcome: str = "completed",
        title: str = "Soothing rhythm breathing",
        check_ins: tuple[tuple[str, str, int], ...] = (),
        entries: tuple[tuple[int, str, str | None], ...] = (),
    ) -> SessionDetail:
        end = started + timedelta(seconds=practised)
        record = SessionRecord(
            uuid=str(uuid.uuid4()),
            script_name=title.lower().replace(" ", "-"),
            title=title,
            practice=practice,
            started_at=started,
            utc_offset=offset,
            planned_seconds=600.0,
            practised_seconds=practised,
            outcome=outcome,  # type: ignore[arg-type]
            ended_at=None if outcome == "running" else end,
            updated_at=end,
            last_step=3,
        )
        return SessionDetail(
            record,
            tuple(CheckIn(m, label, v, started) for m, label, v in check_ins),  # type: ignore[arg-type]
            tuple(Entry(step, prompt, text, end) for step, prompt, text in entries),
        )

    return make
