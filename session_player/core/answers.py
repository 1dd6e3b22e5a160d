"""What a closed prompt gave: the answer (or its default when skipped) and, for a check-in, the
rating. Kept apart from the engine, which decides only when a prompt closes."""

from __future__ import annotations

from .events import Answered, Prompted
from .model import Step
from .text import default_answer


def rating(text: str) -> int:
    """A check-in's whole number from 0 to 10 (ValueError otherwise)."""
    try:
        value = int(text.strip())
    except ValueError:
        raise ValueError("a check-in takes a whole number from 0 to 10") from None
    if not 0 <= value <= 10:
        raise ValueError("a check-in takes a whole number from 0 to 10")
    return value


def answered(
    prompt: Prompted, step: Step, draft: str, variables: dict[str, str], at: float, skipped: bool
) -> Answered:
    """Close ``prompt`` at ``at`` with ``draft``: fill its variable (a skipped one reads
    naturally later) and say what was given."""
    text = "" if skipped else draft
    value = None
    if prompt.kind == "check_in" and not skipped:
        try:
            value = rating(text)
        except ValueError:  # a half-typed rating when time ran out: not a rating
            text, skipped = "", True
    if step.into:
        if skipped:  # later text still reads naturally
            variables[step.into] = step.default or default_answer(step.into)
        else:
            variables[step.into] = text
    return Answered(at, prompt.kind, prompt.text, text, prompt.step, skipped, value)
