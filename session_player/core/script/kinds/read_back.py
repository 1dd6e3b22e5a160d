"""``read_back``: an earlier answer shown again (and said, with ``speak``) for a while."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from ...session.cues import Cue, SpeechLength
from ..keys import did_you_mean
from ..model import Step
from ..text import IDENTIFIER
from ..values import ValueChecker
from ._kind import Fields, Kind, StepTable, flag, timed

DEFAULT_READ_BACK = 60.0
READ_BACK_QUIET = 2.0  # a spoken read-back that outgrows its `for` has this quiet after it


def check(step: StepTable) -> Fields:
    """The answer it reads, for how long, and whether it is said too."""
    fields: Fields = {"reads": _earlier_answer(step.checker, step.value, step.path)}
    fields["duration"] = step.duration("for", DEFAULT_READ_BACK)
    if "speak" in step.table:
        fields["speak"] = flag(step.checker, step.table["speak"], step.at("speak"))
    return fields


def _earlier_answer(checker: ValueChecker, value: Any, path: str) -> str | None:
    """The name of an answer an earlier `ask` or `write` keeps with ``into``."""
    if not isinstance(value, str) or not IDENTIFIER.match(value):
        checker.error(path, 'must be the name of an earlier answer (its `into`, like "letter")')
        return None
    if value not in checker.known:
        names = tuple(sorted(checker.known))
        checker.error(
            path,
            f"{value!r} is not written before this step{did_you_mean(value, names)}; a `write` "
            f'or `ask` step with into = "{value}" must come earlier',
        )
        return None
    return value


def cues(step: Step, speak: SpeechLength) -> list[Cue]:
    """The answer as a line: filled in, and voiced, once it is written."""
    assert step.reads is not None
    line = f"{{{step.reads}}}"
    seconds = speak(line) if step.speak else 0.0
    return [Cue(0.0, "line", line, seconds, speak=step.speak, purpose="read_back")]


def needs(step: Step, own: list[Cue], said: SpeechLength) -> float:
    """Spoken, what was written is heard whole, then ``READ_BACK_QUIET`` (a shorter ``for``
    grows to hold it); shown only, nothing more than its time."""
    if not step.speak:
        return 0.0
    lines = [c.text for c in own if c.purpose == "read_back" and c.speak]
    return (said(lines[0]) if lines else 0.0) + READ_BACK_QUIET


def left_out(step: Step) -> None:
    """With no one there, nothing was written: a read-back has nothing to show."""
    return None


def said_too(step: Step) -> Step:
    """Said as well as shown (the person's "speak read-backs" setting)."""
    return replace(step, speak=True)


KIND = Kind(
    name="read_back",
    keys=("for", "speak"),
    practice=False,
    check=check,
    length=timed,
    cues=cues,
    needs=needs,
    unattended=left_out,
    voiced=said_too,
)
