"""What a step kind is (its keys, its check, its length, its cues) and the step table its check
reads, with the checks several kinds share."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ...session.cues import Cue, SpeechLength
from ..model import Step, StepKind
from ..text import IDENTIFIER
from ..values import ValueChecker

MAX_PHRASES = 50  # phrases in a `phrases` step, lines in a `breathe` step

Fields = dict[str, Any]
"""A checked step's fields, by the names of ``Step``'s."""


@dataclass(frozen=True)
class StepTable:
    """One ``[[step]]`` table of kind ``kind`` being checked: the table, where it is in the
    script (``step[3]``), the script's pause, and the value checks that report its problems."""

    checker: ValueChecker
    table: dict[str, Any]
    kind: StepKind
    where: str
    pause: float

    @property
    def value(self) -> Any:
        """The value of the step's action (``say = "..."``: the line)."""
        return self.table[self.kind]

    @property
    def path(self) -> str:
        """The key path of the step's action, as messages name it."""
        return self.at(self.kind)

    def at(self, key: str) -> str:
        """The key path of ``key`` in this step."""
        return f"{self.where}.{key}"

    def duration(self, key: str, default: float | None) -> float | None:
        """The duration under ``key``, or ``default`` when the step has no such key."""
        if key not in self.table:
            return default
        return self.checker.duration(self.table[key], self.at(key))

    def text(self, key: str, *, variables: bool = True) -> str | None:
        """The text under ``key`` (which the step has)."""
        return self.checker.text(self.table[key], self.at(key), variables=variables)


@dataclass(frozen=True)
class Kind:
    """One step kind: everything the checker, the timeline and the engine know of it.

    ``keys`` are those it takes besides ``section`` and its own name. ``practice`` says whether
    a step of it is the practice itself, or words, a chime or a check-in standing around it (a
    script's own check-in before the first practice step or after the last stands in for the
    app's). ``check`` reports a table's problems and gives the step's fields; ``length`` is a
    step's planned length and whether it waits on the person (the length is then its cap, or
    an estimate); ``cues`` lays the step out from its own start. ``stretch``, for a kind whose
    cues follow its length (a breathing step's breaths, a silence's bells), lays them out again
    for a longer step: from the step's own cues and its new length; ``extend``, for one that
    gives more time only in whole units of its own (a breathing step: whole breaths), turns the
    seconds asked for into those it gives. ``needs``, for a kind whose cues may outgrow its
    planned length once the answers are known (a spoken read-back), gives the seconds from its
    start they need, from its own cues and what a line takes to say (filled in); the step then
    grows to hold them. ``after``, for a kind whose cues go on as long as the person stays (an
    open-ended silence's bells), gives the cues a cue brings when it falls due.
    ``unattended``, for a kind that waits on the person or shows what they gave, is a step as
    it plays with no one there (a rendered file): ended by itself, or None to leave it out.
    ``open``, for a kind whose step may last until the person ends it (a silence with no
    length: the timer's open-ended sit), says whether this one does; ending it is then its
    natural end. ``voiced``, for a kind that shows what may be said as well (a read-back), is
    the step said too (the person's "speak read-backs" setting).
    """

    name: StepKind
    keys: tuple[str, ...]
    practice: bool
    check: Callable[[StepTable], Fields]
    length: Callable[[Step, SpeechLength], tuple[float, bool]]
    cues: Callable[[Step, SpeechLength], list[Cue]]
    stretch: Callable[[Step, list[Cue], float], list[Cue]] | None = None
    extend: Callable[[Step, float], float] | None = None
    needs: Callable[[Step, list[Cue], SpeechLength], float] | None = None
    after: Callable[[Step, Cue], list[Cue]] | None = None
    unattended: Callable[[Step], Step | None] | None = None
    open: Callable[[Step], bool] | None = None
    voiced: Callable[[Step], Step] | None = None


def timed(step: Step, speak: SpeechLength) -> tuple[float, bool]:
    """A step's length is its time (a time box the person may end sooner)."""
    assert step.duration is not None
    return step.duration, False


def waits_about(estimate: float) -> Callable[[Step, SpeechLength], tuple[float, bool]]:
    """The length of a step that waits on the person: up to its time box, or about
    ``estimate`` seconds (shown as "about")."""

    def length(step: Step, speak: SpeechLength) -> tuple[float, bool]:
        return step.duration or estimate, True

    return length


def listed(checker: ValueChecker, value: Any, path: str, what: str, example: str) -> bool:
    """Whether ``value`` is a list of 1 to ``MAX_PHRASES`` ``what`` (reported if not)."""
    if not isinstance(value, list) or not value:
        checker.error(path, f'must be a list of {what}, such as ["{example}"]')
        return False
    if len(value) > MAX_PHRASES:
        checker.error(path, f"has {len(value)} {what}; the limit is {MAX_PHRASES}")
        return False
    return True


def flag(checker: ValueChecker, value: Any, path: str) -> bool:
    """A true or false switch."""
    if not isinstance(value, bool):
        checker.error(path, "must be true or false (without quotes)")
        return False
    return value


def kept_name(checker: ValueChecker, value: Any, path: str) -> str | None:
    """The name of a kept answer: letters, digits and _, starting with a letter."""
    if not isinstance(value, str) or not IDENTIFIER.match(value):
        checker.error(
            path,
            "must be the name of a kept answer: letters, digits and _, starting with a letter "
            '(like "image_name")',
        )
        return None
    return value
