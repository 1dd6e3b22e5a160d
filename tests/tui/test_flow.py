"""Around the session: preparing, check-ins, the start delay, the end screen and its keys."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable

from textual.widgets import Input, Static

from session_player.core.clock import FakeClock
from session_player.core.library.scripts import load_script_file
from session_player.core.session.events import SessionEnded
from session_player.core.session.timeline import compile_timeline
from session_player.tui.app import SessionPlayerApp
from session_player.tui.screens.checkin import CheckInScreen
from session_player.tui.screens.end import EndScreen, change_words, ending_words, practised_words
from session_player.tui.screens.library import LibraryScreen
from session_player.tui.screens.player import PlayerScreen
from session_player.tui.screens.preparing import PreparingScreen
from session_player.tui.widgets.guidance import Guidance

from .conftest import SIZE, RecordingConductor, advance, player_of, settle

Build = Callable[..., SessionPlayerApp]


async def test_check_ins_before_and_after_reach_the_conductor_and_the_end(
    build: Build, clock: FakeClock, conductors: list[RecordingConductor]
) -> None:
    async with build("breathing", checkins=True).run_test(size=SIZE) as pilot:
        player = await player_of(pilot, "checking")
        assert isinstance(pilot.app.screen, CheckInScreen)
        assert player.session is not None and player.session.state == "ready"
        await pilot.press("4", "enter")
        await player_of(pilot)
        await advance(pilot, clock, 30.0)
        await settle(pilot)
        assert isinstance(pilot.app.screen, CheckInScreen)
        assert "And now" in str(pilot.app.screen.query_one("#question", Static).render())
        await pilot.press("7", "enter")
        await settle(pilot)
        end = pilot.app.screen
        assert isinstance(end, EndScreen)
        change = str(end.query_one("#change", Static).render())
        assert change == (
            "Safe and settled, 0 not at all to 10 completely: 4 before, 7 after. Just noticing."
        )
    calls = [c for c in conductors[0].calls if c[0] == "check_in"]
    assert calls == [("check_in", ("before", "settled", 4)), ("check_in", ("after", "settled", 7))]


async def test_check_ins_can_be_skipped(build: Build, conductors: list[RecordingConductor]) -> None:
    async with build("breathing", checkins=True).run_test(size=SIZE) as pilot:
        await player_of(pilot, "checking")
        await pilot.press("escape")
        await player_of(pilot)
        await pilot.press("q", "enter")
        await settle(pilot)
        assert isinstance(pilot.app.screen, CheckInScreen)
        await pilot.press("enter")  # empty: skipped too
        await settle(pilot)
        assert isinstance(pilot.app.screen, EndScreen)
        assert not pilot.app.screen.query("#change")
    calls = [c for c in conductors[0].calls if c[0] == "check_in"]
    assert calls == [
        ("check_in", ("before", "settled", None)),
        ("check_in", ("after", "settled", None)),
    ]


async def test_a_check_in_takes_only_0_to_10(build: Build) -> None:
    async with build("breathing", checkins=True).run_test(size=SIZE) as pilot:
        await player_of(pilot, "checking")
        field = pilot.app.screen.query_one("#rating", Input)
        await pilot.press(*"x1", "1", "enter")  # letters are refused as typed; 11 is too high
        assert field.value == "11"
        assert isinstance(pilot.app.screen, CheckInScreen)
        await pilot.press("backspace", "enter")
        await player_of(pilot)


async def test_a_start_delay_counts_down_quietly(build: Build, clock: FakeClock) -> None:
    async with build("short", start_delay=5).run_test(size=SIZE) as pilot:
        player = await player_of(pilot, "countdown")
        session = player.session
        assert session is not None and session.state == "ready"
        assert "Beginning in 5" in str(player.query_one(Guidance).render())
        await advance(pilot, clock, 2.0)
        assert "Beginning in 3" in str(player.query_one(Guidance).render())
        await advance(pilot, clock, 3.0)
        assert session.state == "running"
        assert "welcome" in str(player.query_one(Guidance).render())


async def test_stopping_during_the_countdown_goes_back_quietly(build: Build) -> None:
    async with build(start_delay=10).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await player_of(pilot, "countdown")
        await pilot.press("q", "enter")
        await settle(pilot)
        assert isinstance(pilot.app.screen, LibraryScreen)
        assert pilot.app.last_ended is None  # type: ignore[attr-defined]


async def test_grounding_during_the_countdown_starts_it_again(
    build: Build, clock: FakeClock
) -> None:
    async with build("short", start_delay=5).run_test(size=SIZE) as pilot:
        player = await player_of(pilot, "countdown")
        await advance(pilot, clock, 3.0)
        await pilot.press("g")
        await advance(pilot, clock, 30.0)
        await pilot.press("r")
        assert player.state == "countdown"
        assert "Beginning in 5" in str(player.query_one(Guidance).render())


async def test_escape_while_preparing_goes_back(build: Build, folders: list[tuple]) -> None:
    entry = load_script_file(folders[0][0] / "short.toml", "bundled")
    release = threading.Event()  # the rendering goes on only when the test says so

    class Slow(RecordingConductor):
        def prepare(self, script, progress):  # type: ignore[no-untyped-def]
            assert release.wait(10)
            return compile_timeline(script)

    app = build()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.conductor_factory = Slow
        app.play(entry.script)
        await pilot.pause()
        assert isinstance(app.screen, PreparingScreen)
        await pilot.press("escape")
        release.set()  # the rendering finishes after the person went back
        await settle(pilot)
        assert isinstance(app.screen, LibraryScreen)
        assert not any(isinstance(s, PlayerScreen) for s in app.screen_stack)


async def test_escape_as_the_preparing_ends_opens_the_library(build: Build) -> None:
    """Escape reaches the app just as the voice is ready, before the preparing screen hears
    so (keys sent while a session opens): the session is left, and the library opens, even
    where the session was the first screen (`session-player play`), with nothing under it."""
    release = threading.Event()

    class Slow(RecordingConductor):
        def prepare(self, script, progress):  # type: ignore[no-untyped-def]
            assert release.wait(10)
            return compile_timeline(script)

    app = build("short")
    app.conductor_factory = Slow
    async with app.run_test(size=SIZE) as pilot:
        preparing = app.screen
        for _ in range(50):
            await pilot.pause()
            preparing = app.screen
            if isinstance(preparing, PreparingScreen) and preparing._worker is not None:
                break
        assert isinstance(preparing, PreparingScreen) and preparing._worker is not None
        busy = asyncio.Event()

        async def hold() -> None:
            await busy.wait()

        preparing.call_later(hold)  # the screen is busy a moment: what it hears next waits
        release.set()
        await preparing._worker.wait()  # ready; the screen hasn't heard yet
        preparing.action_back()  # Escape, as the app runs it
        busy.set()
        await settle(pilot)
        await settle(pilot)
        assert isinstance(app.screen, LibraryScreen)
        assert not any(isinstance(s, PlayerScreen) for s in app.screen_stack)


async def test_the_library_opens_with_no_screen_of_ours_open(build: Build) -> None:
    """Asked for with only Textual's own blank screen left (it can't be switched away), the
    library is opened over it."""
    app = build("short")
    async with app.run_test(size=SIZE) as pilot:
        await player_of(pilot)
        while len(app.screen_stack) > 1:
            await app.pop_screen()
        await app.run_action("app.library")
        await settle(pilot)
        assert isinstance(app.screen, LibraryScreen)


async def test_going_back_stops_the_rendering_at_the_next_line(
    build: Build, folders: list[tuple]
) -> None:
    entry = load_script_file(folders[0][0] / "short.toml", "bundled")
    rendered: list[int] = []
    first_done, went_back = threading.Event(), threading.Event()

    class Rendering(RecordingConductor):
        def prepare(self, script, progress):  # type: ignore[no-untyped-def]
            for line in range(1, 50):
                progress(line, 50)  # raises once the person has gone back
                rendered.append(line)
                first_done.set()
                assert went_back.wait(10)
            return compile_timeline(script)

    app = build()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.conductor_factory = Rendering
        app.play(entry.script)
        assert await asyncio.to_thread(first_done.wait, 10)
        await pilot.press("escape")
        went_back.set()
        await settle(pilot)
        assert isinstance(app.screen, LibraryScreen)
    assert rendered == [1]  # the line after going back was never rendered


async def test_a_failing_conductor_still_lets_the_session_play(
    build: Build, folders: list[tuple]
) -> None:
    entry = load_script_file(folders[0][0] / "short.toml", "bundled")

    class Failing(RecordingConductor):
        def prepare(self, script, progress):  # type: ignore[no-untyped-def]
            raise RuntimeError("no speech engine")

    app = build()
    notes: list[str] = []
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.notify = lambda message, **kw: notes.append(message)  # type: ignore[method-assign]
        app.conductor_factory = Failing
        app.play(entry.script)
        player = await player_of(pilot)
        assert player.session is not None and player.session.state == "running"
    assert any("could not be prepared" in note and "no speech engine" in note for note in notes)


async def test_end_screen_keys(build: Build) -> None:
    # Enter and l go back to the library beneath; q quits.
    for key in ("enter", "l"):
        async with build().run_test(size=SIZE) as pilot:
            await settle(pilot)
            await pilot.press("enter")
            await player_of(pilot)
            await pilot.press("q", "enter")
            await settle(pilot)
            assert isinstance(pilot.app.screen, EndScreen)
            await pilot.press(key)
            await settle(pilot)
            assert isinstance(pilot.app.screen, LibraryScreen)
    app = build("short")
    async with app.run_test(size=SIZE) as pilot:
        await player_of(pilot)
        await pilot.press("q", "enter")
        await settle(pilot)
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running


async def test_the_library_opens_after_a_session_started_directly(build: Build) -> None:
    async with build("short").run_test(size=SIZE) as pilot:
        await player_of(pilot)
        await pilot.press("q", "enter")
        await settle(pilot)
        await pilot.press("l")
        await settle(pilot)
        assert isinstance(pilot.app.screen, LibraryScreen)
        assert len(pilot.app.screen_stack) == 2  # the default screen and the library


def test_end_words_are_kind() -> None:
    done = SessionEnded(600.0, "completed", 600.0, 600.0)
    stopped = SessionEnded(185.0, "stopped", 185.0, 600.0)
    assert ending_words(done) == "You practised 10 minutes."
    assert ending_words(stopped) == (
        "You practised 3 minutes. Stopping when you need to is part of practice."
    )
    assert practised_words(1) == "1 second"
    assert practised_words(60) == "1 minute"
    assert change_words(5, 5) == (
        "Safe and settled, 0 not at all to 10 completely: 5 before, 5 after. Just noticing."
    )
    assert change_words(None, None) == ""
    assert change_words(None, 8) == "Safe and settled, 0 not at all to 10 completely: 8."
    assert "score" not in change_words(3, 8)


async def test_a_preview_at_speed_says_it_is_not_kept(
    clock: FakeClock, folders: list[tuple], build: Build
) -> None:
    from session_player.home.settings import Settings
    from session_player.tui.app import make_app

    for speed, kept in ((10.0, False), (1.0, True)):
        app = make_app(
            settings=Settings(checkins=False),
            script_path=folders[0][0] / "short.toml",
            speed=speed,
            clock=clock,
            folders=folders,
        )
        async with app.run_test(size=SIZE) as pilot:
            await player_of(pilot)
            await pilot.press("q", "enter")
            await settle(pilot)
            end = pilot.app.screen
            assert isinstance(end, EndScreen)
            notes = end.query("#preview")
            assert (not notes) == kept
            if notes:
                assert str(notes.first(Static).render()) == "Preview: not kept in your log."
