"""Snapshots of the key screens: the library, the player while breathing, and the end.

Each is deterministic: a fixed terminal size, the test scripts, and a fake clock moved by hand.
Update them after a deliberate change with ``pytest tests/tui --snapshot-update`` and look at the
SVGs before committing.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from session_player.core.clock import FakeClock
from session_player.core.library.scripts import Source
from session_player.core.library.timer import TimerChoice
from session_player.home import paths
from session_player.home.settings import Settings
from session_player.tui.app import SessionPlayerApp, make_app
from session_player.tui.screens.end import EndScreen

from .conftest import BREATHING, BROKEN, SIZE, advance, player_of, settle


def quiet_app(
    folders: list[tuple[Path, Source]], clock: FakeClock, script: str | None = None, **choices: Any
) -> SessionPlayerApp:
    """The app with the quiet conductor (no notices to pop up in the picture)."""
    choices.setdefault("checkins", False)
    return make_app(
        settings=Settings(**choices),
        script_path=folders[0][0] / f"{script}.toml" if script else None,
        clock=clock,
        folders=folders,
    )


def test_library(snap_compare: Any, folders: list[tuple[Path, Source]], clock: FakeClock) -> None:
    mine = paths.ensure(paths.user_scripts_dir())
    (mine / "mine.toml").write_text(BREATHING.replace("Just breathing", "My own"), "utf-8")
    (mine / "broken.toml").write_text(BROKEN, "utf-8")

    async def ready(pilot: Pilot[Any]) -> None:
        await settle(pilot)

    assert snap_compare(quiet_app(folders, clock), terminal_size=SIZE, run_before=ready)


def test_player_while_breathing(
    snap_compare: Any, folders: list[tuple[Path, Source]], clock: FakeClock
) -> None:
    async def breathe(pilot: Pilot[Any]) -> None:
        await player_of(pilot)
        await pilot.press("n")  # from the greeting to the breaths
        await advance(pilot, clock, 2.0)  # half way through the first in-breath
        await settle(pilot)

    app = quiet_app(folders, clock, "short")
    assert snap_compare(app, terminal_size=SIZE, run_before=breathe)


def test_end_screen(
    snap_compare: Any, folders: list[tuple[Path, Source]], clock: FakeClock
) -> None:
    async def stop_early(pilot: Pilot[Any]) -> None:
        await player_of(pilot)
        await advance(pilot, clock, 20.0)
        await pilot.press("q", "enter")
        await settle(pilot)
        assert isinstance(pilot.app.screen, EndScreen)

    app = quiet_app(folders, clock, "breathing")
    assert snap_compare(app, terminal_size=SIZE, run_before=stop_early)


# -- every key screen at the sizes people use: a split pane, the classic terminal, a roomy one --

SIZES = [(60, 20), (80, 24), (120, 40)]
BY_SIZE = pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")


@BY_SIZE
def test_library_at_each_size(
    snap_compare: Any, folders: list[tuple[Path, Source]], clock: FakeClock, size: tuple[int, int]
) -> None:
    assert snap_compare(quiet_app(folders, clock), terminal_size=size, run_before=settle)


@BY_SIZE
def test_player_breathing_at_each_size(
    snap_compare: Any, folders: list[tuple[Path, Source]], clock: FakeClock, size: tuple[int, int]
) -> None:
    async def breathe(pilot: Pilot[Any]) -> None:
        await player_of(pilot)
        await pilot.press("n")
        await advance(pilot, clock, 2.0)
        await settle(pilot)

    app = quiet_app(folders, clock, "short")
    assert snap_compare(app, terminal_size=size, run_before=breathe)


@BY_SIZE
def test_player_writing_at_each_size(
    snap_compare: Any, folders: list[tuple[Path, Source]], clock: FakeClock, size: tuple[int, int]
) -> None:
    async def write(pilot: Pilot[Any]) -> None:
        player = await player_of(pilot)
        assert player.session is not None
        while player.session.index < 2:
            await pilot.press("n")
        await pilot.press(*"Dear me,")
        await settle(pilot)

    app = quiet_app(folders, clock, "short")
    assert snap_compare(app, terminal_size=size, run_before=write)


@BY_SIZE
def test_settings_at_each_size(
    snap_compare: Any, folders: list[tuple[Path, Source]], clock: FakeClock, size: tuple[int, int]
) -> None:
    async def open_settings(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        await pilot.press("f2")
        await settle(pilot)

    app = quiet_app(folders, clock)
    assert snap_compare(app, terminal_size=size, run_before=open_settings)


@BY_SIZE
def test_timer_at_each_size(
    snap_compare: Any, folders: list[tuple[Path, Source]], clock: FakeClock, size: tuple[int, int]
) -> None:
    # The time to go in large digits, the small line beneath; at 60x20 the small line alone.
    async def sit(pilot: Pilot[Any]) -> None:
        await player_of(pilot)
        await advance(pilot, clock, 62.0)
        await settle(pilot)

    app = make_app(
        settings=Settings(timer_checkins=False),
        clock=clock,
        folders=folders,
        timer=TimerChoice(length=1200, bell_every=300),
    )
    assert snap_compare(app, terminal_size=size, run_before=sit)
