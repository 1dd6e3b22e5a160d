"""What is coming: each breath phase is told ``LEAD`` seconds before its boundary, so a sound can
be started ahead and land exactly on it.

A sound started at the boundary itself is late by however long the wake, the audio device's open
and the interpreter take; a sound started ahead with leading silence is not. The engine tells a
``BreathComing`` (with the boundary's practised moment) ``LEAD`` seconds before each phase, also
across a step's end when the next step's start is known from the timeline (this step ends on its
own and the next one breathes); where no lead can be given (the session's first phase, a step
entered by next or back) it is told as the phase begins. A boundary that was told and then no
longer comes (the person skipped, went back, answered early, extended into a different phase, or
stopped) is withdrawn with ``BreathWithdrawn``. Pausing withdraws nothing: the boundary moves by
the pause, and so does a sound that keeps its place through the pause.

Nothing here reads a clock: the engine hands in where it stands (``Here``).
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from .cues import Cue
from .events import BreathComing, BreathWithdrawn
from .timeline import PlannedStep

LEAD = 0.5
"""Practised seconds between a phase being told and its boundary. Longer than the sound
output's rewrite horizon (``session_player.audio.player.LEAD_S``, 0.3 s), so a pause or a skip
early in the lead still takes the whole sound back silently; far longer than any wake is late."""


@dataclass(frozen=True)
class Here:
    """Where the engine stands: step ``index`` began at practised ``start`` and lasts ``length``
    (infinite while it waits on the person); ``cues[next_cue:]`` are still to come."""

    steps: Sequence[PlannedStep]
    index: int
    start: float
    length: float
    cues: Sequence[Cue]
    next_cue: int

    def soonest(self, *moments: float | None) -> float:
        """Seconds into the step at which something next falls due: its end, its next cue, or
        one of ``moments`` (practised; None for none); infinite when nothing comes on its own."""
        candidates = [self.length]
        if self.next_cue < len(self.cues):
            candidates.append(self.cues[self.next_cue].at)
        candidates += [moment - self.start for moment in moments if moment is not None]
        return min(candidates)


def _key(due: float, phase: str) -> tuple[float, str]:
    return round(due, 6), phase


def boundaries(here: Here, until: float) -> Iterator[tuple[float, Cue]]:
    """Breath boundaries still to come, in time order, up to practised moment ``until``: the
    current step's, then (when its end is known) the following steps' as the timeline lays
    them out after it."""
    for cue in here.cues[here.next_cue :]:
        due = here.start + cue.at
        if due > until:
            return
        if cue.kind == "breath":
            yield due, cue
    if math.isinf(here.length):
        return
    start = here.start + here.length
    for planned in here.steps[here.index + 1 :]:
        if start > until:
            return
        for cue in planned.cues:
            due = start + cue.at
            if due > until:
                break
            if cue.kind == "breath":
                yield due, cue
        if planned.waits:
            return  # its end depends on the person
        start += planned.length


class Ahead:
    """The boundaries told and not yet reached, for one session."""

    def __init__(self, lead: float = LEAD) -> None:
        self.lead = lead
        self.told: dict[tuple[float, str], BreathComing] = {}

    def due_by(self, moment: float, here: Here) -> list[BreathComing]:
        """Tell every boundary whose lead has begun by practised ``moment``."""
        told: list[BreathComing] = []
        for due, cue in boundaries(here, moment + self.lead):
            key = _key(due, cue.phase)
            if key not in self.told:
                event = BreathComing(max(due - self.lead, here.start), cue.phase, due)
                self.told[key] = event
                told.append(event)
        return told

    def next_moment(self, here: Here) -> float | None:
        """The practised moment the next boundary is to be told, if any falls before this step
        ends (after that, the step's end is due first anyway)."""
        until = here.start + (here.length if not math.isinf(here.length) else 0.0) + self.lead
        for due, cue in boundaries(here, until):
            if _key(due, cue.phase) not in self.told:
                return max(due - self.lead, here.start)
        return None

    def reached(self, due: float, phase: str) -> None:
        """The phase began: it is no longer coming."""
        self.told.pop(_key(due, phase), None)

    def withdraw(self, at: float) -> list[BreathWithdrawn]:
        """Everything told no longer comes (a jump, an answer, the end)."""
        gone = [BreathWithdrawn(at, e.phase, e.due) for e in self.told.values()]
        self.told.clear()
        return gone

    def recheck(self, at: float, here: Here) -> list[BreathWithdrawn]:
        """Withdraw what the plan no longer holds (the step's length changed)."""
        if not self.told:
            return []
        latest = max(e.due for e in self.told.values())
        still = {_key(due, cue.phase) for due, cue in boundaries(here, latest)}
        gone = [k for k in self.told if k not in still]
        return [BreathWithdrawn(at, self.told[k].phase, self.told.pop(k).due) for k in gone]
