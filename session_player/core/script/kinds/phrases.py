"""``phrases``: short wishes, shown and spoken one at a time, in rounds."""

from __future__ import annotations

from typing import Any

from ...session.cues import Cue, SpeechLength
from ..model import Step
from ..values import ValueChecker
from ._kind import Fields, Kind, StepTable, kept_name, listed


def check(step: StepTable) -> Fields:
    """The phrases, the rounds, the pauses, and the kept phrases used instead when there are."""
    fields: Fields = {"phrases": _phrases(step.checker, step.value, step.path)}
    fields["repeat"] = step.checker.count(step.table.get("repeat", 1), step.at("repeat"), 1, 100)
    fields["pause"] = step.duration("pause", step.pause)
    fields["round_pause"] = step.duration("round_pause", fields["pause"] or step.pause)
    if "kept" in step.table:
        fields["kept"] = kept_name(step.checker, step.table["kept"], step.at("kept"))
    return fields


def _phrases(checker: ValueChecker, value: Any, path: str) -> tuple[str, ...] | None:
    if not listed(checker, value, path, "phrases", "May I be safe."):
        return None
    texts = [checker.text(item, f"{path}[{i}]") for i, item in enumerate(value, 1)]
    if any(t is None for t in texts):
        return None
    return tuple(t for t in texts if t is not None)


def length(step: Step, speak: SpeechLength) -> tuple[float, bool]:
    """Every round: its phrases as spoken, the pauses between them, and the round's pause."""
    spoken = sum(speak(p) for p in step.phrases)
    one_round = spoken + step.pause * (len(step.phrases) - 1) + step.round_pause
    return round(step.repeat * one_round, 6), False


def cues(step: Step, speak: SpeechLength) -> list[Cue]:
    """Each phrase of each round, one after another."""
    laid: list[Cue] = []
    at = 0.0
    for round_number in range(1, step.repeat + 1):
        for position, phrase in enumerate(step.phrases):
            seconds = speak(phrase)
            laid.append(Cue(at, "line", phrase, seconds, True, "", round_number, step.repeat))
            last = position == len(step.phrases) - 1
            at = round(at + seconds + (step.round_pause if last else step.pause), 6)
    return laid


KIND = Kind(
    name="phrases",
    keys=("repeat", "pause", "round_pause", "kept"),
    practice=True,
    check=check,
    length=length,
    cues=cues,
)
