"""A snapshot of the history screen: a fixed ``today``, the standard log, 100 x 40.

Update after a deliberate change with ``pytest tests/tui_history --snapshot-update`` and look
at the SVG before committing.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from session_player.home.settings import Settings

from .conftest import HistoryApp, settle


def test_history_screen(snap_compare: Any, db: Path) -> None:
    app = HistoryApp(db, Settings(streaks=True))
    assert snap_compare(app, terminal_size=(100, 40), run_before=settle)


# The sizes people keep a timer at: a split pane, the classic terminal, a roomy one. At 60 x 20
# and 80 x 24 the calendar steps aside; the totals and "How it ended" are whole at every size.
SIZES = [(60, 20), (80, 24), (120, 40)]


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_history_at_each_size(snap_compare: Any, db: Path, size: tuple[int, int]) -> None:
    app = HistoryApp(db, Settings())
    assert snap_compare(app, terminal_size=size, run_before=settle)
