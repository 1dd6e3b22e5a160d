"""A soundscape's level over time: the fades (``Envelope``) and the lines it gives way to
(``Ducks``), both functions of the wall clock, so any stretch can be written again."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

DUCK_DB = 8.0
"""How far below its level the bed goes while the voice says a line."""
DUCK_ATTACK_S = 0.3
DUCK_RELEASE_S = 0.3


class Envelope:
    """A level over time: straight lines between points (time, level)."""

    def __init__(self, level: float = 0.0) -> None:
        self.points: list[tuple[float, float]] = [(0.0, level)]

    def at(self, t: float) -> float:
        """The level at time ``t``."""
        points = self.points
        if t <= points[0][0]:
            return points[0][1]
        for (t0, v0), (t1, v1) in itertools.pairwise(points):
            if t < t1:
                return v0 + (v1 - v0) * (t - t0) / (t1 - t0)
        return points[-1][1]

    @property
    def target(self) -> float:
        """The level it is on its way to."""
        return self.points[-1][1]

    def ramp(self, at: float, to: float, seconds: float) -> None:
        """From time ``at``, move from where it is then to ``to`` over ``seconds``."""
        now = self.at(at)
        kept = [p for p in self.points if p[0] < at]
        self.points = [*kept[-2:], (at, now), (at + max(seconds, 1e-3), to)]


@dataclass
class Ducks:
    """Spoken lines the bed gives way to: (heard from, heard until) on the wall clock."""

    db: float = DUCK_DB
    spans: dict[int, tuple[float, float]] = field(default_factory=dict)

    def add(self, key: int, start: float, end: float, soonest: float) -> None:
        """A line (``key``) heard from ``start`` to ``end``, told when the level can change no
        sooner than ``soonest``. A line told too late for its attack to end by its start (one
        that starts at once) is given way to from ``soonest``, over the whole attack from the
        level the bed has then: the bed eases down a moment late rather than dropping at once
        (found at ALSA: a step of the whole ``db`` in one 10 ms gain step, 300 ms into the
        line)."""
        already = self.amount(soonest)
        self.spans[key] = (max(start, soonest + DUCK_ATTACK_S * (1 - already)), end)

    def amount(self, t: float) -> float:
        """How far down the bed is at ``t``: 0 (not at all) to 1 (by ``db``)."""
        best = 0.0
        for start, end in self.spans.values():
            if start - DUCK_ATTACK_S < t < end + DUCK_RELEASE_S:
                if t < start:
                    part = 1 - (start - t) / DUCK_ATTACK_S
                elif t > end:
                    part = 1 - (t - end) / DUCK_RELEASE_S
                else:
                    part = 1.0
                best = max(best, part)
        return best

    def gain(self, t: float) -> float:
        """The ducks' gain at ``t`` (1 when no line sounds)."""
        amount = self.amount(t)
        return 1.0 if amount <= 0 else 10 ** (-self.db * amount / 20)

    def quiet(self, start: float, end: float) -> bool:
        """True when no line moves the bed between ``start`` and ``end``."""
        return all(
            e + DUCK_RELEASE_S <= start or s - DUCK_ATTACK_S >= end for s, e in self.spans.values()
        )

    def forget(self, before: float) -> None:
        """Drop lines that ended well before ``before``."""
        for key in [k for k, (_s, e) in self.spans.items() if e + DUCK_RELEASE_S < before]:
            del self.spans[key]
