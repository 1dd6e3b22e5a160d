"""The timer in the TUI: its line at the top of the library, its choices, the last choice
remembered, presets in the library and the palette, and an open-ended sit ended by the person."""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from textual.widgets import Button, Digits, Input, Static

from session_player.core.clock import FakeClock
from session_player.core.library.scripts import Source
from session_player.core.library.timer import TimerChoice
from session_player.core.session import events as ev
from session_player.home.settings import Settings
from session_player.home.timers import remember, timers_path
from session_player.tui.app import SessionPlayerApp, make_app
from session_player.tui.commands import LibraryCommands
from session_player.tui.screens.confirm_stop import ConfirmStopScreen
from session_player.tui.screens.end import EndScreen
from session_player.tui.screens.library import LibraryScreen
from session_player.tui.screens.timer import TimerScreen

from .conftest import SIZE, RecordingConductor, advance, player_of, settle
from .test_library import shown

Build = Callable[..., SessionPlayerApp]


async def open_form(pilot: object) -> TimerScreen:
    await settle(pilot)  # type: ignore[arg-type]
    await pilot.press("up", "enter")  # type: ignore[attr-defined]
    await settle(pilot)  # type: ignore[arg-type]
    screen = pilot.app.screen  # type: ignore[attr-defined]
    assert isinstance(screen, TimerScreen)
    return screen


async def test_the_timer_sits_as_chosen_and_the_choice_is_remembered(
    build: Build, clock: FakeClock, conductors: list[RecordingConductor], home: Path
) -> None:
    async with build().run_test(size=SIZE) as pilot:
        form = await open_form(pilot)
        assert form.query_one("#length", Input).value == "20m"  # the usual first choice
        form.query_one("#length", Input).value = "3m"
        form.query_one("#every", Input).value = "1m"
        await pilot.press("enter")
        player = await player_of(pilot)
        assert player.script.title == "Silent timer"
        await advance(pilot, clock, 181)
        await settle(pilot)
        assert isinstance(pilot.app.screen, EndScreen)
    events = conductors[0].events
    bells = [e.at for e in events if isinstance(e, ev.ChimeRang) and e.purpose == "interval"]
    assert bells == [60.0, 120.0]
    [end] = [e for e in events if isinstance(e, ev.SessionEnded)]
    assert (end.reason, end.practised) == ("completed", 180.0)
    kept = tomllib.loads(timers_path().read_text())
    assert (kept["last"]["length"], kept["last"]["bell_every"]) == (180.0, 60.0)
    async with build().run_test(size=SIZE) as pilot:  # the next time, the last choice
        await settle(pilot)
        assert "     ⏲  Timer · 3m, a bell every 1m" in shown(pilot.app)
        form = await open_form(pilot)
        assert form.query_one("#length", Input).value == "3m"


async def test_an_open_ended_sit_ends_when_the_person_stops_it_as_completed(
    build: Build, clock: FakeClock, conductors: list[RecordingConductor]
) -> None:
    async with build().run_test(size=SIZE) as pilot:
        form = await open_form(pilot)
        form.query_one("#length", Input).value = ""
        await pilot.press("enter")
        player = await player_of(pilot)
        await advance(pilot, clock, 125)
        assert str(player.query_one("#clock").render()) == "2:05 sat · open ended"
        await pilot.press("q", "enter")  # stop, and yes
        await settle(pilot)
        end = pilot.app.screen
        assert isinstance(end, EndScreen)
        assert str(end.query_one("#practised", Static).render()) == "You practised 2 minutes."
    [ended] = [e for e in conductors[0].events if isinstance(e, ev.SessionEnded)]
    assert ended.reason == "completed"


async def test_ending_an_open_ended_sit_is_asked_as_its_end_and_does_not_hold_it(
    build: Build, clock: FakeClock, conductors: list[RecordingConductor]
) -> None:
    async with build().run_test(size=SIZE) as pilot:
        form = await open_form(pilot)
        form.query_one("#length", Input).value = ""
        form.query_one("#every", Input).value = "1m"
        await pilot.press("enter")
        await player_of(pilot)
        await advance(pilot, clock, 65)
        await pilot.press("q")
        await settle(pilot)
        question = pilot.app.screen
        assert isinstance(question, ConfirmStopScreen)
        words = str(question.query_one("#message", Static).render())
        assert words.startswith("End the sit here?") and "end bell rings" in words
        assert str(question.query_one("#stop", Button).label) == "End the sit"
        await advance(pilot, clock, 60)  # asking holds nothing: the bells go on meanwhile
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(pilot.app.screen, EndScreen)
    events = conductors[0].events
    assert not [e for e in events if isinstance(e, ev.Paused)]
    assert [e.purpose for e in events if isinstance(e, ev.ChimeRang)].count("interval") == 2
    [ended] = [e for e in events if isinstance(e, ev.SessionEnded)]
    assert ended.reason == "completed"


@pytest.mark.parametrize(
    ("every", "problem"),
    [
        (
            "20m",
            "the interval bell (20m) is as long as the silence itself (20m), so no bell would ring",
        ),
        # Once a day's sit with a bell every millisecond planned 86 million bells (3.8 GB).
        ("1ms", "the interval bell must be at least 1 second"),
    ],
)
async def test_a_choice_that_cannot_be_a_timer_says_why_and_waits(
    build: Build, every: str, problem: str
) -> None:
    async with build().run_test(size=SIZE) as pilot:
        form = await open_form(pilot)
        form.query_one("#every", Input).value = every
        await pilot.press("enter")
        await settle(pilot)
        assert pilot.app.screen is form
        assert str(form.query_one("#problem", Static).render()) == problem
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(pilot.app.screen, LibraryScreen)


async def test_a_named_preset_appears_in_the_library_and_the_palette(
    build: Build, clock: FakeClock
) -> None:
    async with build().run_test(size=SIZE) as pilot:
        form = await open_form(pilot)
        form.query_one("#length", Input).value = "10m"
        form.query_one("#name", Input).value = "Evening"
        await pilot.press("enter")
        await player_of(pilot)
        await pilot.press("q", "enter")
        await settle(pilot)
        await pilot.press("l")
        await settle(pilot)
        assert "     ⏲  Evening · 10m" in shown(pilot.app)
        provider = LibraryCommands(pilot.app.screen)
        texts = [hit.text async for hit in provider.discover()]
        assert "Timer" in texts and "Timer: Evening" in texts


async def test_a_timer_previewed_at_speed_leaves_the_last_timer_as_it_was(
    clock: FakeClock, folders: list[tuple[Path, Source]]
) -> None:
    assert remember(TimerChoice(length=1200, bell_every=300)) is None
    before = timers_path().read_text()
    app = make_app(
        settings=Settings(checkins=False, timer_checkins=False),
        clock=clock,
        speed=100.0,
        conductor_factory=RecordingConductor,
        folders=folders,
        timer=TimerChoice(length=20),
    )
    async with app.run_test(size=SIZE) as pilot:
        await player_of(pilot)
        await settle(pilot)
        await app.workers.wait_for_complete()  # where a kept timer would be written
    assert timers_path().read_text() == before  # the library still offers the 20-minute sit
    assert remember(TimerChoice(length=60), name="Quick", last=False) is None  # --save, at speed
    kept = tomllib.loads(timers_path().read_text())
    assert kept["last"]["length"] == 1200.0 and kept["presets"]["Quick"]["length"] == 60.0


async def test_a_preset_starts_from_the_palette_as_it_is(
    build: Build, conductors: list[RecordingConductor]
) -> None:
    assert remember(TimerChoice(length=3600, bell_every=900), name="Long sit") is None
    async with build().run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.press(*"Timer: Long")
        await settle(pilot)
        await pilot.press("enter")
        player = await player_of(pilot)
        assert player.session is not None
        assert player.session.timeline.length == 3600
        assert player.session.timeline.steps[0].step.bell_every == 900


async def test_the_timer_command_opens_the_player_alone_and_keeps_the_choice(
    build: Build, clock: FakeClock
) -> None:
    # `session-player timer 3m --save Short` in the TUI: the sit starts at once, with no
    # library built beneath it, and the choice (and the named preset) is kept meanwhile.
    app = build(timer=TimerChoice(length=180), timer_preset="Short")
    async with app.run_test(size=SIZE) as pilot:
        player = await player_of(pilot)
        assert player.script.title == "Silent timer"
        assert not any(isinstance(s, LibraryScreen) for s in pilot.app.screen_stack)
        await settle(pilot)
        kept = tomllib.loads(timers_path().read_text())
        assert kept["last"]["length"] == 180.0 and kept["presets"]["Short"]["length"] == 180.0
        await advance(pilot, clock, 181)
        await settle(pilot)
        assert isinstance(pilot.app.screen, EndScreen)
        await pilot.press("l")  # and the library is still a key away
        await settle(pilot)
        assert isinstance(pilot.app.screen, LibraryScreen)


async def test_the_timer_line_shows_the_preset_just_played(build: Build) -> None:
    assert remember(TimerChoice(length=3600, bell_every=900), name="Long sit") is None
    assert remember(TimerChoice(length=180)) is None  # the last timer, before the preset
    async with build().run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "     ⏲  Timer · 3m" in shown(pilot.app)
        await pilot.press("up", "enter")  # the preset's line, just above the sessions
        session = (await player_of(pilot)).session
        assert session is not None and session.timeline.length == 3600
        await pilot.press("q", "enter")
        await settle(pilot)
        await pilot.press("l")
        await pilot.app.workers.wait_for_complete()
        await settle(pilot)
        assert "     ⏲  Timer · 1h, a bell every 15m" in shown(pilot.app)


async def test_the_form_sits_until_a_time_with_bells_at_chosen_moments(
    build: Build, clock: FakeClock, conductors: list[RecordingConductor]
) -> None:
    soon = (datetime.now() + timedelta(minutes=3)).strftime("%H:%M")  # 2 to 3 minutes away
    async with build().run_test(size=SIZE) as pilot:
        form = await open_form(pilot)
        form.query_one("#length", Input).value = ""
        form.query_one("#until", Input).value = soon
        form.query_one("#bells", Input).value = "1m, 30s"
        await pilot.press("enter")
        player = await player_of(pilot)
        assert player.session is not None
        assert 100 < player.session.timeline.length <= 180
        await advance(pilot, clock, 70)
    events = conductors[0].events
    rang = [e.at for e in events if isinstance(e, ev.ChimeRang) and e.purpose == "moment"]
    assert rang == [30.0, 60.0]
    kept = tomllib.loads(timers_path().read_text())["last"]
    assert (kept["until"], kept["bells"], kept["length"]) == (soon, [30.0, 60.0], 0)


@pytest.mark.parametrize(
    ("field", "value", "problem"),
    [
        ("bells", "5m, 25m", "the bell at 25m would be after the sit's end (20m), so it would"),
        ("until", "25:00", "'25:00' is not a time of day; write it like 07:30 or 19:45"),
        ("until", "07:30", "a length or a time to sit until, not both: empty one of them"),
    ],
)
async def test_a_time_or_bell_that_cannot_be_says_why_in_the_form(
    build: Build, field: str, value: str, problem: str
) -> None:
    async with build().run_test(size=SIZE) as pilot:
        form = await open_form(pilot)  # with the usual 20 minutes
        form.query_one(f"#{field}", Input).value = value
        await pilot.press("enter")
        await settle(pilot)
        assert pilot.app.screen is form
        assert str(form.query_one("#problem", Static).render()).startswith(problem)


@pytest.mark.parametrize(
    ("size", "reduced", "large"),
    [((100, 30), False, True), ((60, 20), False, False), ((100, 30), True, False)],
    ids=["large", "60x20", "reduced-motion"],
)
async def test_a_timer_shows_its_time_to_go_large_and_the_small_line_always(
    build: Build, clock: FakeClock, size: tuple[int, int], reduced: bool, large: bool
) -> None:
    app = build(timer=TimerChoice(length=1200), reduced_motion=reduced)
    async with app.run_test(size=size) as pilot:
        player = await player_of(pilot)
        await advance(pilot, clock, 62)
        digits = [d for d in player.query(Digits) if d.display]
        assert [d.value for d in digits] == (["18:58"] if large else [])
        assert str(player.query_one("#clock").render()) == "1:02 practised · 18:58 to go"
