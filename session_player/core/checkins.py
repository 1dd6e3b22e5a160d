"""Before and after check-ins: a 0-10 "how safe and settled" rating, always skippable.

Shared by both front ends; the aim is noticing, never a score to beat.
"""

from __future__ import annotations

from typing import Literal

Moment = Literal["before", "after"]
LABEL = "settled"
"""What the rating is about, as the conductor and the log record it."""

QUESTIONS: dict[Moment, str] = {
    "before": "Before you begin: how safe and settled do you feel right now?",
    "after": "And now: how safe and settled do you feel?",
}
SCALE = "0 is not at all, 10 is completely. There's no right answer; this is just for noticing."


LOW = "not at all"
HIGH = "completely"


def scale_words(low: str | None, high: str | None) -> str:
    """A check-in's scale as the voice says it: "From 0, not at all, to 10, completely."."""
    return f"From 0, {low or LOW}, to 10, {high or HIGH}."


def parse_rating(text: str) -> int | None:
    """A whole number from 0 to 10, or None when ``text`` is not one."""
    text = text.strip()
    if not text.isdigit():
        return None
    value = int(text)
    return value if 0 <= value <= 10 else None
