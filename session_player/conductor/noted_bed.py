"""The soundscape of a rendered session: chosen, faded and ducked as in a played one, but
noted rather than played; ``audio.bedmix`` lays it under the mixed track."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..audio.bed import LEAD_S
from ..audio.levels import Ducks, Envelope


@dataclass
class NotedBed:
    """A bed's life on the virtual clock: when it began, its level, the lines it gave way to."""

    path: Path
    bundled: bool
    volume: int
    now: Callable[[], float]
    level: Envelope = field(default_factory=Envelope)
    ducks: Ducks = field(default_factory=Ducks)
    began: float = 0.0
    ends: float | None = None  # when its fade out is over

    def start(self, fade_in_s: float, *, writer: bool = True) -> bool:
        """Begin now, fading in over ``fade_in_s``."""
        self.began = self.now()
        self.level.ramp(self.began, 1.0, fade_in_s)
        return True

    def to(self, level: float, seconds: float) -> None:
        """Move the level, as the player's bed would (from ``LEAD_S`` on)."""
        self.level.ramp(self.now() + LEAD_S, level, seconds)

    def duck(self, key: int, start: float, end: float) -> None:
        """Give way to a line heard from ``start`` to ``end``."""
        self.ducks.spans[key] = (start, end)

    def undo(self, key: int) -> None:
        """The line ``key`` no longer comes, as the player's bed would have it; one the line's
        own duck covers (the planned one it took over from) is not noted at all."""
        self.ducks.withdraw(key, self.now() + LEAD_S)
        span = self.ducks.spans.get(key)
        others = [s for k, s in self.ducks.spans.items() if k != key]
        if span is not None and any(s <= span[0] and span[1] <= e for s, e in others):
            del self.ducks.spans[key]

    def fade_out(self, seconds: float, at: float | None = None) -> None:
        """Fade out over ``seconds`` from ``at`` (or as soon as the player could)."""
        soonest = self.now() + LEAD_S
        begins = soonest if at is None else max(soonest, at)
        self.level.ramp(begins, 0.0, seconds)
        self.ends = begins + seconds

    def stop(self) -> None:
        """The run ends: a rendered bed has already faded with the end bell."""
        if self.ends is None:
            self.fade_out(0.06)

    @property
    def playing(self) -> bool:
        """Until its fade out is over."""
        return self.ends is None or self.now() < self.ends


class Noting:
    """A bed maker for ``Soundscape`` that notes the bed (the last one made is ``noted``)."""

    def __init__(self, now: Callable[[], float]) -> None:
        self.now = now
        self.noted: NotedBed | None = None

    def __call__(self, output: Any, name: str, volume: int) -> NotedBed | str | None:
        """The noted bed for ``name``, or why it can't be heard."""
        from ..home.soundscapes import Soundscape, find

        found = find(name)
        if not isinstance(found, Soundscape):
            return found
        if volume <= 0:
            return None
        self.noted = NotedBed(found.path, found.bundled, volume, self.now)
        return self.noted
