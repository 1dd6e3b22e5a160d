"""What the prompts (``ask``, ``write``, ``check_in``) share: the keys that keep their answer, and
their cues (the prompt, then the soft cue that the session waits)."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from ...session.cues import Cue, SpeechLength
from ..model import Step
from ..text import IDENTIFIER
from ._kind import Fields, StepTable, flag, kept_name

WAIT_GAP = 1.0  # after a prompt has been said, the soft cue that the session waits
QUESTION_QUIET_S = 30.0
"""With no one there to answer (a rendered file), the quiet left after a question (``ask``,
``check_in``) that has no ``for`` of its own."""


def quiet_after(step: Step) -> Step:
    """A question with no one there to answer: its prompt, then a quiet of its own ``for`` or
    ``QUESTION_QUIET_S``."""
    return step if step.duration is not None else replace(step, duration=QUESTION_QUIET_S)


def check_answer(step: StepTable, fields: Fields) -> None:
    """Add to ``fields`` where the answer goes: ``into`` (then known to later steps), ``append``
    and ``keep``."""
    checker, table, where = step.checker, step.table, step.where
    fields["into"] = _into(step)
    if "append" in table:
        fields["append"] = _append(step, fields["into"])
    if fields["into"] and fields["into"] in checker.kept:
        checker.error(
            f"{where}.into",
            f"{fields['into']!r} is already the name of a kept answer this script uses "
            "(in [kept]); choose another name",
        )
    if "keep" in table:
        fields["keep"] = kept_name(checker, table["keep"], f"{where}.keep")
    if fields["into"] and not checker.failed:
        checker.known.add(fields["into"])


def _into(step: StepTable) -> str | None:
    value: Any = step.table.get("into")
    if value is None:
        return None
    if not isinstance(value, str) or not IDENTIFIER.match(value):
        step.checker.error(
            step.at("into"),
            'must be a name of letters, digits and _, starting with a letter (like "image")',
        )
        return None
    return value


def _append(step: StepTable, into: str | None) -> bool:
    """``append`` on a `write`: this part joins the earlier answer of the same ``into``."""
    checker, where = step.checker, step.where
    append = flag(checker, step.table["append"], f"{where}.append")
    if not append:
        return False
    if "into" not in step.table:
        checker.error(f"{where}.into", "is missing; `append` adds to the answer named by `into`")
    elif into is not None and into not in checker.known:
        checker.error(
            f"{where}.append",
            f'adds to an earlier answer, but no step before this one has into = "{into}"',
        )
    return append


def prompt_cues(step: Step, speak: SpeechLength, said: str | None = None) -> list[Cue]:
    """The prompt (``said`` is how the voice says it, when not its text), and once it has been
    said the soft cue that the session waits, unless a short time box leaves no room for it."""
    assert step.text is not None
    said = step.text if said is None else said
    laid = [Cue(0.0, "prompt", step.text, step.duration or 0.0, True, step.kind, said=said)]
    waiting = round(speak(said) + WAIT_GAP, 6)
    if step.duration is None or waiting < step.duration:
        laid.append(Cue(waiting, "waiting", phase=step.kind))
    return laid
