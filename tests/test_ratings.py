"""The one rating rule: what a check-in takes as typed, wherever it is typed (the app's check-in,
a script's ``check_in`` step, plain mode)."""

from __future__ import annotations

import pytest

from session_player.core.clock import FakeClock
from session_player.core.script.loader import load_text
from session_player.core.session import events as ev
from session_player.core.session.checkins import RULE, parse_rating
from session_player.core.session.engine import Session
from session_player.core.session.timeline import compile_timeline

TAKEN = {" 0 ": 0, "7": 7, "10": 10, "07": 7, "\t3\n": 3, "٥": 5, "١٠": 10}
REFUSED = ["", "  ", "11", "-1", "-0", "+5", "1_0", "²", "5.0", "five", "1 0", "9" * 5000]


@pytest.mark.parametrize(("typed", "value"), TAKEN.items())
def test_digits_alone_from_0_to_10_are_a_rating(typed: str, value: int) -> None:
    assert parse_rating(typed) == value


@pytest.mark.parametrize("typed", REFUSED, ids=lambda typed: repr(typed)[:12])
def test_anything_else_is_refused_saying_the_rule(typed: str) -> None:
    with pytest.raises(ValueError) as refused:
        parse_rating(typed)
    assert str(refused.value) == RULE == "a whole number from 0 to 10"


def test_a_scripts_check_in_step_takes_the_same_rule() -> None:
    script = load_text('title = "T"\npractice = "custom"\n[[step]]\ncheck_in = "How?"\n')
    assert not isinstance(script, list), script
    session = Session(compile_timeline(script), FakeClock())
    session.start()
    for typed in REFUSED[2:]:  # empty skips; everything else the parser refuses, this does
        with pytest.raises(ValueError, match=RULE):
            session.answer(typed)
    assert session.prompt is not None  # nothing was recorded; still asking
    [answered] = [e for e in session.answer("٥") if isinstance(e, ev.Answered)]
    assert (answered.value, answered.text) == (5, "5")
