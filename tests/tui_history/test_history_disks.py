"""The history on a disk that can't be written: shown all the same, read as it stands."""

from __future__ import annotations

from pathlib import Path

from log.mounts import read_only  # tests/log/mounts.py: a real read-only bind mount

from session_player.tui.screens.history import HistoryScreen

from .conftest import SESSIONS, HistoryApp, settle
from .test_history_screen import cells, status_of


async def test_the_history_of_a_read_only_disk_is_shown(db: Path) -> None:
    with read_only(db.parent):
        app = HistoryApp(db)
        async with app.run_test(size=(100, 40)) as pilot:
            await settle(pilot)
            assert isinstance(app.screen, HistoryScreen)
            assert not status_of(app).display
            assert len(cells(app)) == SESSIONS
    assert sorted(p.name for p in db.parent.iterdir()) == ["log.sqlite3"]
