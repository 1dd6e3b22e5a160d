"""Before and after check-ins: a 0-10 "how safe and settled" rating, always skippable.

Shared by both front ends; the aim is noticing, never a score to beat.
"""

from __future__ import annotations

from typing import Literal

Moment = Literal["before", "after"]
LABEL = "settled"
"""What the rating is about, as the conductor and the log record it."""
QUESTION_NAME = "safe and settled"
"""The app's question as history and ``stats`` name it."""

QUESTIONS: dict[Moment, str] = {
    "before": "Before you begin: how safe and settled do you feel right now?",
    "after": "And now: how safe and settled do you feel?",
}
LOWEST = 0
HIGHEST = 10
"""Every rating, the app's or a script's ``check_in``, is a whole number on this one scale."""
SPAN = f"from {LOWEST} to {HIGHEST}"
RULE = f"a whole number {SPAN}"
"""The rule in words, as every message that asks again states it."""
TYPED = rf"\d{{0,{len(str(HIGHEST))}}}"
"""What a rating field lets through as it is typed: digits alone, no more than the top has."""
LOW = "not at all"
HIGH = "completely"
SCALE = (
    f"{LOWEST} is {LOW}, {HIGHEST} is {HIGH}. There's no right answer; this is just for noticing."
)


def scale_words(low: str | None, high: str | None) -> str:
    """A check-in's scale as the voice says it: "From 0, not at all, to 10, completely."."""
    return f"From {LOWEST}, {low or LOW}, to {HIGHEST}, {high or HIGH}."


def parse_rating(text: str) -> int:
    """The rating typed as ``text``: decimal digits alone (spaces around them are fine) making
    a whole number from 0 to 10. ValueError, saying the rule, otherwise.

    No sign: a rating has none and the check-in field takes digits alone, so "+5" or "-0"
    typed in plain mode is a slip to ask about again, never a number to record. No
    underscores (``int`` would read "1_0" as 10). Any script's decimal digits, as the field
    lets them through; other digit-like marks ("²") are refused."""
    digits = text.strip()
    if not digits.isdecimal():
        raise ValueError(RULE)
    digits = digits.lstrip("0") or "0"  # "007" is 7, and no long number reaches int()
    if len(digits) > len(str(HIGHEST)) or not in_scale(int(digits)):
        raise ValueError(RULE)
    return int(digits)


def in_scale(value: object) -> bool:
    """Whether ``value`` is a rating: an ``int`` (not a bool) from 0 to 10."""
    return isinstance(value, int) and not isinstance(value, bool) and LOWEST <= value <= HIGHEST


SHORT_SIT = 180.0
"""A session planned shorter than this (3 minutes) is asked no before/after check-in, unless the
person chose check-ins for short sits too (the ``short_checkins`` setting)."""
