"""The one-line breathing pattern (``breathe = "4-7-8"``, ``"5(4-0-6-0)+10(box)"``): what the
pacer does with it, what a session played from it sounds like, and what a mistake in it says."""

from __future__ import annotations

import tomllib

import pytest
from jsonschema import Draft202012Validator

from session_player.core.clock import FakeClock
from session_player.core.errors import ScriptError
from session_player.core.script.loader import load_text
from session_player.core.script.model import Script
from session_player.core.session import events as ev
from session_player.core.session.engine import Session
from session_player.core.session.timeline import compile_timeline
from tests.test_schema import SCHEMA

HEAD = 'title = "T"\npractice = "breathing"\n'


def loaded(*bodies: str) -> Script | list[ScriptError]:
    return load_text(HEAD + "".join(f"\n[[step]]\n{body}\n" for body in bodies), file="b.toml")


def script(*bodies: str) -> Script:
    result = loaded(*bodies)
    assert isinstance(result, Script), "\n".join(map(str, result))
    return result


def errors(*bodies: str) -> list[str]:
    result = loaded(*bodies)
    assert isinstance(result, list), "the script passed"
    return [str(e) for e in result]


def phases_played(s: Script) -> list[tuple[str, float, int, int]]:
    """Every breath phase a session of ``s`` shows, as (phase, seconds, breath, of)."""
    clock = FakeClock()
    session = Session(compile_timeline(s), clock)
    events = session.start()
    while session.state != "ended":
        clock.advance(0.5)
        events += session.poll()
    return [
        (e.phase, e.seconds, e.breath, e.breaths) for e in events if isinstance(e, ev.BreathPhase)
    ]


def test_seconds_joined_by_dashes_are_in_hold_out_rest() -> None:
    played = phases_played(script('breathe = "4-4-4-4"\ncycles = 1', 'breathe = "3-5"\ncycles = 1'))
    assert played == [
        ("in", 4, 1, 1), ("hold", 4, 1, 1), ("out", 4, 1, 1), ("rest", 4, 1, 1),
        ("in", 3, 1, 1), ("out", 5, 1, 1),
    ]  # fmt: skip


def test_three_numbers_are_in_hold_out_and_a_zero_phase_is_left_out() -> None:
    played = phases_played(script('breathe = "4-0-6"\ncycles = 1'))
    assert played == [("in", 4, 1, 1), ("out", 6, 1, 1)]


def test_a_chain_breathes_each_part_in_turn_counting_through_them_all() -> None:
    s = script('breathe = "2(4-0-6-0)+1(box)"')
    played = phases_played(s)
    assert played == [
        ("in", 4, 1, 3), ("out", 6, 1, 3),
        ("in", 4, 2, 3), ("out", 6, 2, 3),
        ("in", 4, 3, 3), ("hold", 4, 3, 3), ("out", 4, 3, 3), ("rest", 4, 3, 3),
    ]  # fmt: skip
    assert compile_timeline(s).length == 2 * 10 + 16


def test_lines_over_a_chain_are_said_at_the_start_of_a_breath() -> None:
    s = script('breathe = "2(4-6)+2(box)"\nlines = ["Softly.", "Now the box."]')
    said = [c.at for c in compile_timeline(s).steps[0].cues if c.kind == "line"]
    # Spread over 4 breaths: at the start of the 2nd (after 10 s) and of the 4th (after two of
    # 10 s and one box of 16 s), as the chain lays them out.
    assert said == [10.0, 36.0]


def test_more_time_on_a_chain_goes_on_in_its_last_rhythm() -> None:
    clock = FakeClock()
    session = Session(compile_timeline(script('breathe = "1(3-3)+1(box)"')), clock)
    events = session.start()
    session.extend(30)  # whole breaths of box: 2 x 16 s
    while session.state != "ended":
        clock.advance(0.5)
        events += session.poll()
    ins = [e.seconds for e in events if isinstance(e, ev.BreathPhase) and e.phase == "in"]
    assert ins == [3, 4, 4, 4]
    assert session.practised == pytest.approx(6 + 16 + 32)


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (
            'breathe = "2(4-6)+box"',
            "b.toml:5:1: step[1].breathe: in a chain every part needs its count of breaths, "
            "such as 5(4-0-6-0)+10(box)",
        ),
        (
            'breathe = "4-7-8-9-1"\ncycles = 2',
            "b.toml:5:1: step[1].breathe: '4-7-8-9-1' has 5 phases; give 2 (in-out), "
            "3 (in-hold-out) or 4 (in-hold-out-rest)",
        ),
        ('breathe = "0-4"\nfor = "1m"', "b.toml:5:1: step[1].breathe: '0-4': in is 0 s;"),
        ('breathe = "4-61"\nfor = "1m"', "b.toml:5:1: step[1].breathe: '4-61': out is 61 s;"),
        ('breathe = "3(bxo)"', "did you mean `box`?"),
        ('breathe = "0(box)"', "the count of breaths must be from 1 to 1000"),
        ('breathe = "600(box)+600(4-6)"', "counts 1200 breaths; the limit is 1000"),
        (
            'breathe = "3(4-6)"\nfor = "1m"',
            "b.toml:6:1: step[1].for: the pattern counts its breaths already; leave out `for` "
            "and `cycles`",
        ),
        (
            'breathe = "4-6"',
            "b.toml:4:1: step[1]: a `breathe` step needs `for` (a time) or `cycles` (breaths)",
        ),
    ],
)
def test_a_mistake_in_a_pattern_says_where_and_what_to_write(body: str, message: str) -> None:
    found = errors(body)
    assert len(found) == 1, found
    assert message in found[0]


def test_an_unreadable_pattern_is_one_problem_not_two() -> None:
    # Whether "2(4-6)+box" counts its breaths can't be known, so no `for` is asked for.
    assert len(errors('breathe = "2(4-6)+box"')) == 1


def test_the_schema_agrees_on_counted_patterns() -> None:
    validator = Draft202012Validator(SCHEMA)

    def refused(body: str) -> bool:
        document = tomllib.loads(HEAD + f"\n[[step]]\n{body}\n")
        return any(validator.iter_errors(document))

    assert not refused('breathe = "5(4-0-6-0)+10(box)"')
    assert refused('breathe = "5(4-0-6-0)+10(box)"\ncycles = 3')
    assert not refused('breathe = "4-7-8"\ncycles = 3')
    assert refused('breathe = "4-7"')  # not counted: needs for or cycles
    assert refused('breathe = "4-7-8-9-1"\ncycles = 3')


def test_an_unknown_preset_shows_how_to_write_the_seconds_and_that_works() -> None:
    (error,) = errors('breathe = ""\nfor = "1m"')  # a newcomer's box of five, not yet written
    assert '"5-5-5-5"' in error and "box" in error
    assert script('breathe = "5-5-5-5"\nfor = "1m"').steps[0].breath is not None
