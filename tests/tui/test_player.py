"""The player: every key, time standing still while paused, prompts, the end; what it tells
the conductor is in test_player_conductor.py."""

from __future__ import annotations

from collections.abc import Callable

from textual.widgets import Input, Static, TextArea

from session_player.core.clock import FakeClock
from session_player.core.session.events import Answered
from session_player.tui.app import SessionPlayerApp
from session_player.tui.screens.confirm_stop import ConfirmStopScreen
from session_player.tui.screens.end import EndScreen
from session_player.tui.screens.grounding import GroundingScreen
from session_player.tui.screens.player import PlayerScreen
from session_player.tui.widgets.guidance import Guidance
from session_player.tui.widgets.outline import Outline
from session_player.tui.widgets.prompt import PromptArea

from .conftest import SIZE, RecordingConductor, advance, player_of, settle

Build = Callable[..., SessionPlayerApp]


def guidance_text(player: PlayerScreen) -> str:
    return str(player.query_one(Guidance).render())


async def to_step(pilot: object, player: PlayerScreen, index: int) -> None:
    """Press n until the session is at step ``index``."""
    assert player.session is not None
    while player.session.index < index:
        await pilot.press("n")  # type: ignore[attr-defined]


async def test_the_session_starts_with_the_first_line(build: Build) -> None:
    async with build("short").run_test(size=SIZE) as pilot:
        player = await player_of(pilot)
        assert player.session is not None and player.session.state == "running"
        assert "welcome" in guidance_text(player)
        assert player.query_one(Outline).current == 0


async def test_script_text_is_shown_literally_never_as_markup(build: Build) -> None:
    async with build("short").run_test(size=SIZE) as pilot:
        player = await player_of(pilot)
        assert "Hello [bold]x[/bold], welcome." in guidance_text(player)
        assert "[bold]x[/bold]" in pilot.app.export_screenshot()


async def test_space_pauses_and_time_stands_still(build: Build, clock: FakeClock) -> None:
    async with build("short").run_test(size=SIZE) as pilot:
        player = await player_of(pilot)
        session = player.session
        assert session is not None
        await advance(pilot, clock, 1.0)
        await pilot.press("space")
        assert session.state == "paused"
        remaining, practised = session.remaining, session.practised
        await advance(pilot, clock, 30.0)
        assert session.remaining == remaining
        assert session.practised == practised
        assert "paused" in str(player.query_one("#clock", Static).render())
        await pilot.press("space")
        assert session.state == "running"
        await advance(pilot, clock, 0.5)
        assert session.practised == practised + 0.5


async def test_n_and_right_go_on_p_and_left_go_back(build: Build) -> None:
    async with build("short").run_test(size=SIZE) as pilot:
        player = await player_of(pilot)
        session = player.session
        assert session is not None
        await pilot.press("n")
        assert session.index == 1
        assert player.query_one("#pacer-box").display
        await pilot.press("p")
        assert session.index == 0
        await pilot.press("right")
        assert session.index == 1
        await pilot.press("left")
        assert session.index == 0
        assert "welcome" in guidance_text(player)


async def test_plus_gives_the_step_one_more_minute(build: Build) -> None:
    async with build("short").run_test(size=SIZE) as pilot:
        player = await player_of(pilot)
        session = player.session
        assert session is not None
        before = session.step_length
        await pilot.press("plus")
        assert session.step_length == before + 60


async def test_plus_does_nothing_where_a_question_waits_already(build: Build) -> None:
    async with build("short").run_test(size=SIZE) as pilot:
        player = await player_of(pilot)
        session = player.session
        assert session is not None
        await to_step(pilot, player, 2)
        await pilot.press("escape")  # leave the writing field
        await pilot.press("n")
        assert session.index == 3 and session.prompt is not None
        await pilot.press("escape")
        assert player.check_action("extend", ()) is None
        await pilot.press("plus")
        assert session.prompt is not None and session.index == 3


async def test_q_asks_first_and_escape_keeps_going(build: Build) -> None:
    async with build("short").run_test(size=SIZE) as pilot:
        player = await player_of(pilot)
        session = player.session
        assert session is not None
        await pilot.press("q")
        assert isinstance(pilot.app.screen, ConfirmStopScreen)
        assert session.state == "paused"  # time waits while the question is open
        await pilot.press("escape")
        assert pilot.app.screen is player
        assert session.state == "running"


async def test_q_then_enter_stops_kindly(build: Build, clock: FakeClock) -> None:
    async with build("short").run_test(size=SIZE) as pilot:
        await player_of(pilot)
        await advance(pilot, clock, 3.0)
        await pilot.press("q")
        message = str(pilot.app.screen.query_one("#message", Static).render())
        assert "Stopping when you need to is part of practice" in message
        await pilot.press("enter")
        await settle(pilot)
        end = pilot.app.screen
        assert isinstance(end, EndScreen)
        words = str(end.query_one("#practised", Static).render())
        assert words == ("You practised 3 seconds. Stopping when you need to is part of practice.")
        assert pilot.app.last_ended is not None  # type: ignore[attr-defined]
        assert pilot.app.last_ended.reason == "stopped"  # type: ignore[attr-defined]


async def test_confirm_keys(build: Build) -> None:
    for keys, stops in ((("q", "y"), True), (("q", "s"), True), (("q", "q"), True)):
        async with build("short").run_test(size=SIZE) as pilot:
            await player_of(pilot)
            await pilot.press(*keys)
            await settle(pilot)
            assert isinstance(pilot.app.screen, EndScreen) is stops
    for keys in (("q", "k"), ("q", "n"), ("q", "tab", "enter")):
        async with build("short").run_test(size=SIZE) as pilot:
            player = await player_of(pilot)
            await pilot.press(*keys)
            await settle(pilot)
            assert pilot.app.screen is player


async def test_g_opens_a_grounding_pause(build: Build, clock: FakeClock) -> None:
    async with build("short").run_test(size=SIZE) as pilot:
        player = await player_of(pilot)
        session = player.session
        assert session is not None
        await pilot.press("g")
        screen = pilot.app.screen
        assert isinstance(screen, GroundingScreen)
        words = str(screen.query_one("#grounding", Static).render())
        assert "feet on the floor" in words
        assert "sounds in the room" in words
        assert "fine to stop" in words and "support" in words
        assert session.state == "paused"
        practised = session.practised
        await advance(pilot, clock, 20.0)
        assert session.practised == practised
        await pilot.press("r")
        assert pilot.app.screen is player
        assert session.state == "running"
        for key in ("escape", "space", "g"):
            await pilot.press("g")
            assert isinstance(pilot.app.screen, GroundingScreen)
            await pilot.press(key)
            assert pilot.app.screen is player


async def test_grounding_can_end_the_session(build: Build) -> None:
    for key in ("e", "q"):
        async with build("short").run_test(size=SIZE) as pilot:
            await player_of(pilot)
            await pilot.press("g", key)
            await settle(pilot)
            assert isinstance(pilot.app.screen, EndScreen)


async def test_a_paused_session_stays_paused_after_grounding(build: Build) -> None:
    async with build("short").run_test(size=SIZE) as pilot:
        player = await player_of(pilot)
        await pilot.press("space", "g", "r")
        assert player.session is not None and player.session.state == "paused"


async def test_the_grounding_pause_is_said_and_resuming_after_the_session_resumes(
    build: Build, conductors: list[RecordingConductor]
) -> None:
    for keys, resumed in ((("g", "r"), True), (("g", "e"), False), (("space", "g", "r"), False)):
        async with build("short").run_test(size=SIZE) as pilot:
            await player_of(pilot)
            await pilot.press(*keys)
            await settle(pilot)
            calls = [name for name, _ in conductors[-1].calls]
            assert calls.count("grounding") == 1
            # Said when it opens, and closed once the session has gone on (or ended).
            assert ("grounded", resumed) in conductors[-1].calls
            assert calls.index("grounding") < calls.index("grounded")


async def test_typing_keeps_every_key_and_the_session_gets_the_text(build: Build) -> None:
    async with build("short").run_test(size=SIZE) as pilot:
        player = await player_of(pilot)
        session = player.session
        assert session is not None
        await to_step(pilot, player, 2)
        writing = player.query_one("#prompt-writing", TextArea)
        assert pilot.app.focused is writing
        await pilot.press(*"a n p q g +", "space", "enter", *"ok")
        assert writing.text == "a n p q g + \nok"
        assert session.index == 2 and session.state == "running"
        await pilot.press("ctrl+s")
        answered = session_answers(pilot)
        assert answered[-1].text == "a n p q g + \nok"
        assert session.variables["letter"] == "a n p q g + \nok"
        assert session.index == 3


async def test_n_as_the_first_key_in_an_empty_box_is_next_and_the_box_keeps_nothing(
    build: Build,
) -> None:
    async with build("short").run_test(size=SIZE) as pilot:
        player = await player_of(pilot)
        await to_step(pilot, player, 2)
        hint = str(player.query_one("#prompt-hint", Static).render())
        assert "n in an empty box for next" in hint
        assert pilot.app.focused is player.query_one("#prompt-writing", TextArea)
        await pilot.press("n")
        await settle(pilot)
        assert player.session is not None and player.session.index == 3  # skipped on
        answered = session_answers(pilot)
        assert answered[-1].skipped and answered[-1].text == ""


async def test_while_typing_the_footer_offers_only_keys_that_cannot_be_typed(
    build: Build,
) -> None:
    async with build("short").run_test(size=SIZE) as pilot:
        player = await player_of(pilot)
        keys = set(player.active_bindings)
        assert {"space", "n", "p", "q", "g", "plus"} <= keys
        await to_step(pilot, player, 2)
        typing = {key for key, active in player.active_bindings.items() if active.binding.show}
        assert not typing & {"space", "n", "p", "q", "g", "plus"}
        assert {"ctrl+s", "escape", "ctrl+q"} <= typing
        session = player.session
        assert session is not None
        length = session.step_length
        await pilot.press("plus")
        assert session.step_length == length  # it typed a "+" instead
        await pilot.press("escape")
        assert "plus" in player.active_bindings


async def test_a_time_box_that_runs_out_keeps_the_text(build: Build, clock: FakeClock) -> None:
    async with build("short").run_test(size=SIZE) as pilot:
        player = await player_of(pilot)
        session = player.session
        assert session is not None
        await to_step(pilot, player, 2)
        await pilot.press(*"kept")
        hint = str(player.query_one("#prompt-hint", Static).render())
        assert "0:30 left" in hint
        await advance(pilot, clock, 10.0)
        hint = str(player.query_one("#prompt-hint", Static).render())
        assert "0:20 left" in hint
        await advance(pilot, clock, 20.0)
        assert session.index == 3
        assert session_answers(pilot)[-1].text == "kept"
        assert not session_answers(pilot)[-1].skipped


async def test_escape_leaves_the_field_so_keys_work_again(build: Build) -> None:
    async with build("short").run_test(size=SIZE) as pilot:
        player = await player_of(pilot)
        session = player.session
        assert session is not None
        await to_step(pilot, player, 2)
        await pilot.press(*"draft", "escape")
        assert pilot.app.focused is None
        await pilot.press("space")
        assert session.state == "paused"
        await pilot.press("space", "n")
        assert session.index == 3
        assert session_answers(pilot)[-1].text == ""  # a skipped box keeps nothing
        assert session_answers(pilot)[-1].skipped


async def test_an_answer_fills_later_text(build: Build) -> None:
    async with build("short").run_test(size=SIZE) as pilot:
        player = await player_of(pilot)
        session = player.session
        assert session is not None
        await to_step(pilot, player, 2)
        await pilot.press("ctrl+s")
        answer = player.query_one("#prompt-input", Input)
        assert pilot.app.focused is answer
        await pilot.press(*"the quiet lake", "enter")
        assert session.variables["image"] == "the quiet lake"
        assert "Goodbye, the quiet lake." in guidance_text(player)
        assert not player.query_one(PromptArea).display


async def test_the_session_runs_to_its_end_on_the_clock(build: Build, clock: FakeClock) -> None:
    async with build("breathing").run_test(size=SIZE) as pilot:
        await player_of(pilot)
        await advance(pilot, clock, 30.0)
        await settle(pilot)
        end = pilot.app.screen
        assert isinstance(end, EndScreen)
        assert str(end.query_one("#practised", Static).render()) == "You practised 30 seconds."


async def test_a_clock_jump_pauses_instead_of_racing(build: Build, clock: FakeClock) -> None:
    async with build("short").run_test(size=SIZE) as pilot:
        player = await player_of(pilot)
        session = player.session
        assert session is not None
        clock.advance(600.0)  # the laptop slept
        player.poll()
        await pilot.pause()
        assert session.state == "paused"
        assert session.index == 0


def session_answers(pilot: object) -> list[Answered]:
    """What the conductor heard answered, in order."""
    app = pilot.app  # type: ignore[attr-defined]
    players = [s for s in app.screen_stack if isinstance(s, PlayerScreen)]
    conductor = players[-1].conductor
    assert isinstance(conductor, RecordingConductor)
    return conductor.of(Answered)
