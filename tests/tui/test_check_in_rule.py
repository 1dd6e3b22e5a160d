"""One check-in, one scale: a script that checks in on itself at its start or end asks there
instead of the app, so no session asks the same thing twice."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from textual.widgets import Static

from session_player.core.clock import FakeClock
from session_player.core.library.timer import TIMER_NAME, TimerChoice, timer_script
from session_player.core.script.loader import load_text
from session_player.core.script.model import Script
from session_player.core.session.asked import app_check_ins, own_check_ins
from session_player.core.session.timeline import Timeline, compile_timeline
from session_player.home.settings import Settings, settings_from, wants_check_ins
from session_player.tui.app import SessionPlayerApp
from session_player.tui.screens.checkin import CheckInScreen
from session_player.tui.screens.end import EndScreen
from session_player.tui.widgets.prompt import PromptArea

from .conftest import SIZE, RecordingConductor, advance, player_of, settle

Build = Callable[..., SessionPlayerApp]
OWN = """title = "Own check-ins"
practice = "custom"
[[step]]
say = "Welcome."
pause = "1s"
[[step]]
check_in = "How distressed do you feel right now?"
low = "calm"
high = "very distressed"
[[step]]
silence = "10s"
[[step]]
say = "When you're ready, open your eyes."
pause = "1s"
[[step]]
check_in = "And now, how distressed do you feel?"
low = "calm"
high = "very distressed"
"""


def script(steps: str) -> Script:
    result = load_text(f'title = "T"\npractice = "custom"\n{steps}')
    assert not isinstance(result, list), result
    return result


def test_the_rule_a_check_in_before_the_practice_or_after_it() -> None:
    say, check, sit = (
        '[[step]]\nsay = "Hi."\n',
        '[[step]]\ncheck_in = "How?"\n',
        ('[[step]]\nsilence = "1m"\n'),
    )
    assert own_check_ins(script(say + check + sit + say + check)) == {"before", "after"}
    assert own_check_ins(script(check + sit)) == {"before"}
    assert own_check_ins(script(sit + say + check)) == {"after"}
    assert own_check_ins(script(sit + check + sit)) == frozenset()  # in the middle: its own
    assert own_check_ins(script(say + sit)) == frozenset()
    assert own_check_ins(script(check + say)) == {"before"}  # only words: it opens the session
    assert own_check_ins(script(check + say + check)) == {"before", "after"}


async def test_a_script_with_its_own_check_ins_is_not_asked_the_apps(
    build: Build,
    clock: FakeClock,
    conductors: list[RecordingConductor],
    scripts: Path,
) -> None:
    (scripts / "own.toml").write_text(OWN, encoding="utf-8")
    async with build("own", checkins=True).run_test(size=SIZE) as pilot:
        await player_of(pilot)  # straight to playing: no app check-in before
        assert not isinstance(pilot.app.screen, CheckInScreen)
        await advance(pilot, clock, 5.0)
        prompt = pilot.app.screen.query_one(PromptArea)
        shown = str(prompt.query_one("#prompt-text", Static).render())
        assert (
            shown == "How distressed do you feel right now? From 0, calm, to 10, very distressed."
        )
        await pilot.press("6", "enter")
        await advance(pilot, clock, 30.0)
        await pilot.press("3", "enter")
        await settle(pilot)
        assert isinstance(pilot.app.screen, EndScreen)  # no app check-in after either
        change = str(pilot.app.screen.query_one("#change", Static).render())
        assert change == (
            "How distressed do you feel right now? (0 calm to 10 very distressed): "
            "6 before. And now, how distressed do you feel?: 3 after. Just noticing."
        )
    assert [c for c in conductors[0].calls if c[0] == "check_in"] == []


async def test_the_end_never_sets_one_question_against_another(
    build: Build, clock: FakeClock, scripts: Path
) -> None:
    # The script asks distress at its start only: the app asks its own question after.
    opening_only = OWN[: OWN.index('[[step]]\ncheck_in = "And now')]
    (scripts / "own.toml").write_text(opening_only, encoding="utf-8")
    async with build("own", checkins=True).run_test(size=SIZE) as pilot:
        await player_of(pilot)
        await advance(pilot, clock, 5.0)
        await pilot.press("6", "enter")
        await advance(pilot, clock, 30.0)
        await settle(pilot)
        assert isinstance(pilot.app.screen, CheckInScreen)  # the app's "after"
        await pilot.press("7", "enter")
        await settle(pilot)
        assert isinstance(pilot.app.screen, EndScreen)
        change = str(pilot.app.screen.query_one("#change", Static).render())
    assert change.splitlines() == [
        "How distressed do you feel right now? (0 calm to 10 very distressed): 6.",
        "Safe and settled, 0 not at all to 10 completely: 7.",
    ]  # two questions, each on its own scale: no change between them


async def test_the_apps_check_ins_are_handed_to_the_voice_as_they_appear(
    build: Build, clock: FakeClock, conductors: list[RecordingConductor], scripts: Path
) -> None:
    (scripts / "sit.toml").write_text(
        'title = "Sit"\npractice = "silent"\n[[step]]\nsilence = "10s"\n', encoding="utf-8"
    )
    async with build("sit", checkins=True).run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(pilot.app.screen, CheckInScreen)
        calls = conductors[0].calls
        assert calls[-1] == ("asking", "before")  # said as it is shown
        await pilot.press("4", "enter")
        await settle(pilot)
        await advance(pilot, clock, 30.0)
        await settle(pilot)
        assert isinstance(pilot.app.screen, CheckInScreen)
        assert [c for c in calls if c[0] in ("asking", "check_in")] == [
            ("asking", "before"),
            ("check_in", ("before", "settled", 4)),
            ("asking", "after"),
        ]


def timeline_of(steps: str, name: str = "mine") -> Timeline:
    made = compile_timeline(replace(script(steps), name=name))
    return made


LONG = '[[step]]\nsilence = "20m"\n'
SHORT_SIT = '[[step]]\nsilence = "2m"\n'


def test_the_apps_check_ins_follow_the_persons_choice_for_each_kind_and_length() -> None:
    guided, timer = timeline_of(LONG), timeline_of(LONG, TIMER_NAME)
    assert wants_check_ins(Settings(), guided) and wants_check_ins(Settings(), timer)
    assert not wants_check_ins(Settings(timer_checkins=False), timer)
    assert wants_check_ins(Settings(timer_checkins=False), guided)
    assert not wants_check_ins(Settings(checkins=False), guided)
    assert wants_check_ins(Settings(checkins=False), timer)
    # Under 3 minutes: none by default, whichever kind, unless chosen too.
    for name in ("mine", TIMER_NAME):
        assert not wants_check_ins(Settings(), timeline_of(SHORT_SIT, name))
        assert wants_check_ins(Settings(short_checkins=True), timeline_of(SHORT_SIT, name))
    open_ended = timer_script(TimerChoice(length=None), {"bell": Path("bell.wav")})
    assert wants_check_ins(Settings(), compile_timeline(open_ended))  # never "short"


def test_a_script_may_say_it_has_no_check_ins() -> None:
    none = script("check_ins = false\n" + LONG)
    assert not none.check_ins
    assert app_check_ins(none, True) == frozenset()
    assert app_check_ins(script(LONG), True) == {"before", "after"}
    problems = load_text(f'title = "T"\npractice = "custom"\ncheck_ins = "no"\n{LONG}')
    assert isinstance(problems, list)
    assert [str(p) for p in problems] == [
        "<script>:3:1: check_ins: must be true or false (false: no check-in before or after)"
    ]


def test_settings_written_before_timers_had_their_own_choice_keep_meaning_none() -> None:
    settings, notices = settings_from({"checkins": False})
    assert not settings.checkins and not settings.timer_checkins and notices == []
    settings, _ = settings_from({"checkins": False, "timer_checkins": True})
    assert settings.timer_checkins


async def test_a_short_sit_goes_straight_to_playing(
    build: Build, conductors: list[RecordingConductor], scripts: Path
) -> None:
    (scripts / "sit.toml").write_text(
        'title = "Sit"\npractice = "silent"\n[[step]]\nsilence = "10s"\n', encoding="utf-8"
    )
    (scripts / "none.toml").write_text(
        f'title = "None"\npractice = "silent"\ncheck_ins = false\n{LONG}', encoding="utf-8"
    )
    for name, short in (("sit", False), ("none", True)):
        async with build(name, checkins=True, short_checkins=short).run_test(size=SIZE) as pilot:
            await player_of(pilot)
            assert not isinstance(pilot.app.screen, CheckInScreen)
    assert not [c for made in conductors for c in made.calls if c[0] in ("asking", "check_in")]
