"""What the player tells its conductor: every event, the practised time each second, the
end however it comes (ctrl+c, ctrl+q); the conductor's notices shown once, mid-session too; and
one timeline compiled for a whole play, by the conductor."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from session_player.conductor.dispatcher import Conductor
from session_player.core.clock import FakeClock
from session_player.core.library.scripts import Source
from session_player.core.session import timeline as timeline_module
from session_player.core.session.events import BreathPhase, Paused, SessionEnded
from session_player.core.session.timeline import Timeline
from session_player.home.settings import Settings
from session_player.tui.app import SessionPlayerApp, make_app
from session_player.tui.screens.end import EndScreen
from session_player.tui.screens.library import LibraryScreen

from .conftest import SIZE, RecordingConductor, advance, player_of, settle

Build = Callable[..., SessionPlayerApp]


async def test_ctrl_c_ends_the_session_as_stopped(
    build: Build, conductors: list[RecordingConductor]
) -> None:
    app = build("short")
    async with app.run_test(size=SIZE) as pilot:
        await player_of(pilot)
        await pilot.press("ctrl+c")
        await pilot.pause()
    assert app.last_ended is not None and app.last_ended.reason == "stopped"
    assert ("close", None) in conductors[0].calls


async def test_ctrl_q_mid_session_stops_and_closes_the_conductor(
    build: Build, conductors: list[RecordingConductor]
) -> None:
    app = build("short")
    async with app.run_test(size=SIZE) as pilot:
        await player_of(pilot)
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert app.last_ended is not None and app.last_ended.reason == "stopped"
    assert conductors[0].of(SessionEnded)
    assert ("close", None) in conductors[0].calls


async def test_the_conductor_gets_every_event_and_its_notices_show_once(
    build: Build, conductors: list[RecordingConductor]
) -> None:
    app = build()
    notes: list[str] = []
    app.notify = lambda message, **kw: notes.append(message)  # type: ignore[method-assign]
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        for _ in range(2):  # two sessions, one after the other
            await pilot.press("enter")
            await player_of(pilot)
            await pilot.press("q", "enter")
            await settle(pilot)
            await pilot.press("l")
            await settle(pilot)
            assert isinstance(pilot.app.screen, LibraryScreen)
    first = conductors[0]
    assert first.calls[0] == ("prepare", "Just breathing")
    assert first.calls[1] == ("begin", "Just breathing")
    assert first.progress == [(1, 3), (2, 3), (3, 3)]
    assert first.of(BreathPhase) and first.of(SessionEnded)
    assert ("close", None) in first.calls
    assert notes.count("Sound is off: no audio device here.") == 1


async def test_clock_jump_is_told_kindly(build: Build, clock: FakeClock) -> None:
    app = build("short")
    notes: list[str] = []
    async with app.run_test(size=SIZE) as pilot:
        player = await player_of(pilot)
        app.notify = lambda message, **kw: notes.append(message)  # type: ignore[method-assign]
        clock.advance(60.0)
        player.poll()
        await pilot.pause()
        assert isinstance(player.conductor, RecordingConductor)
        assert player.conductor.of(Paused)[-1].reason == "clock-jump"
        assert any("slept" in note for note in notes)


async def test_the_log_hears_the_practised_time_every_second_while_playing(
    build: Build, clock: FakeClock, conductors: list[RecordingConductor]
) -> None:
    async with build("short").run_test(size=SIZE) as pilot:
        await player_of(pilot)
        await advance(pilot, clock, 3.0)
        ticks = [value for name, value in conductors[0].calls if name == "tick"]
        assert len(ticks) >= 3
        assert ticks[-1] >= 2.0  # practised time, for the conductor's 10-second log updates


async def test_a_notice_that_arrives_mid_session_is_shown(
    build: Build, clock: FakeClock, conductors: list[RecordingConductor]
) -> None:
    app = build("short")
    notes: list[str] = []
    app.notify = lambda message, **kw: notes.append(message)  # type: ignore[method-assign]
    async with app.run_test(size=SIZE) as pilot:
        await player_of(pilot)
        conductors[0].notices.append("Log kept in memory.")
        await advance(pilot, clock, 1.0)
        await settle(pilot)
        assert notes.count("Log kept in memory.") == 1


async def test_the_conductor_is_made_once_the_players_first_frame_is_out(
    build: Build, conductors: list[RecordingConductor]
) -> None:
    # Making the real conductor loads audio and the log and opens the sound device: the
    # player's first frame (the preparing screen over it) doesn't wait for that.
    app = build("short")
    made_after: list[bool] = []
    factory = app.conductor_factory
    assert factory is not None

    def make(settings: object) -> object:
        made_after.append(app.first_frame_out)
        return factory(settings)  # type: ignore[arg-type]

    app.conductor_factory = make  # type: ignore[assignment]
    async with app.run_test(size=SIZE) as pilot:
        await player_of(pilot)
    assert made_after == [True]
    assert conductors[0].calls[0] == ("prepare", "A short test")


async def test_a_play_in_the_tui_compiles_one_timeline_from_its_file_to_its_end(
    clock: FakeClock, folders: list[tuple[Path, Source]], monkeypatch: pytest.MonkeyPatch
) -> None:
    compiled: list[str] = []

    class Counted(Timeline):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            compiled.append(self.script.title)

    monkeypatch.setattr(timeline_module, "Timeline", Counted)
    app = make_app(
        settings=Settings(checkins=False),
        script_path=folders[0][0] / "breathing.toml",
        clock=clock,
        conductor_factory=Conductor,  # the real one: no sound here, so no voice either
        folders=folders,
    )
    async with app.run_test(size=SIZE) as pilot:
        await player_of(pilot)
        await advance(pilot, clock, 30.0)  # three soothing breaths, and the end
        await settle(pilot)
        assert isinstance(pilot.app.screen, EndScreen)
    assert compiled == ["Just breathing"]
