"""A snapshot of the history screen: a fixed ``today``, the standard log, 100 x 40.

Update after a deliberate change with ``pytest tests/tui_history --snapshot-update`` and look
at the SVG before committing.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from session_player.settings import Settings

from .conftest import HistoryApp, settle


def test_history_screen(snap_compare: Any, db: Path) -> None:
    app = HistoryApp(db, Settings(streaks=True))
    assert snap_compare(app, terminal_size=(100, 40), run_before=settle)
