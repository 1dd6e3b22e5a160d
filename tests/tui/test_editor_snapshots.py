"""Snapshots of the editor at 120x40 (the schedule beside the text), 80x24 and 60x20 (below it):
a script just given a mistake, its problems listed, the schedule of its last good check kept,
the cursor in the breathing step.

Update them after a deliberate change with ``pytest tests/tui/test_editor_snapshots.py
--snapshot-update`` and look at the SVGs before committing.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import TextArea

from session_player.core.clock import FakeClock
from session_player.core.library.scripts import Source
from session_player.home import paths
from session_player.home.settings import Settings
from session_player.tui.app import make_app
from session_player.tui.screens.editor import EditorScreen

from .conftest import settle
from .test_editor import MINE


@pytest.fixture(autouse=True)
def at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(EditorScreen, "CHECK_DELAY", 0)


@pytest.mark.parametrize("size", [(120, 40), (80, 24), (60, 20)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_editor(
    snap_compare: Any,
    folders: list[tuple[Path, Source]],
    clock: FakeClock,
    size: tuple[int, int],
) -> None:
    mine = paths.ensure(paths.user_scripts_dir()) / "mine.toml"
    mine.write_text(MINE, "utf-8")
    app = make_app(settings=Settings(checkins=False, sound=False), clock=clock, folders=folders)
    app.edit_path = mine

    async def ready(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        await settle(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, EditorScreen)
        area = screen.query_one("#source", TextArea)
        area.cursor_blink = False  # the cursor shown steadily, whenever the picture is taken
        area.cursor_location = (12, 3)
        await pilot.press("x")  # sayx = "Goodbye.": the schedule stays as last checked
        await settle(pilot)
        screen.query_one("#source", TextArea).cursor_location = (8, 0)
        await settle(pilot)

    assert snap_compare(app, terminal_size=size, run_before=ready)
