"""What a closed prompt gave: the answer (or its default when skipped) and, for a check-in, the
rating. Kept apart from the engine, which decides only when a prompt closes."""

from __future__ import annotations

from ..script.model import Step
from ..script.text import default_answer
from .checkins import parse_rating
from .events import Answered, Prompted


def answered(
    prompt: Prompted,
    step: Step,
    draft: str,
    variables: dict[str, str],
    at: float,
    skipped: bool,
    parts: dict[str, dict[int, str]] | None = None,
) -> Answered:
    """Close ``prompt`` at ``at`` with ``draft``: fill its variable (a skipped one reads
    naturally later) and say what was given.

    ``parts`` holds what each answer has been written as, part by part (by step): a ``write``
    with ``append`` adds its part to them (or, gone back to, rewrites it), and the variable
    reads as all the parts in order, one paragraph each (a skipped part adds nothing)."""
    text = "" if skipped else draft
    value = None
    if prompt.kind == "check_in" and not skipped:
        try:
            value = parse_rating(text)
        except ValueError:  # a half-typed rating when time ran out: not a rating
            text, skipped = "", True
    if step.into:
        written = dict(parts.get(step.into, {})) if parts is not None and step.append else {}
        written.pop(prompt.step, None)
        if not skipped:
            written[prompt.step] = text
        if parts is not None:
            parts[step.into] = written
        # A skipped answer (and a letter with no part written yet) still reads naturally.
        whole = "\n\n".join(written[k] for k in sorted(written))
        variables[step.into] = whole or step.default or default_answer(step.into)
    return Answered(at, prompt.kind, prompt.text, text, prompt.step, skipped, value)


def parts_before(parts: dict[str, dict[int, str]], step: Step, index: int) -> tuple[str, ...]:
    """For a ``write`` that adds to an earlier answer: the parts written before step ``index``."""
    if not step.append or not step.into:
        return ()
    written = parts.get(step.into, {})
    return tuple(written[k] for k in sorted(written) if k < index)
