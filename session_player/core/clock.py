"""Clocks the engine runs against: the real monotonic clock, and a fake one for tests."""

from __future__ import annotations

import time
from typing import Protocol


class Clock(Protocol):
    """Seconds from an arbitrary origin, never going backwards."""

    def __call__(self) -> float:
        """The current time in seconds."""
        ...


def monotonic() -> float:
    """The real clock: ``time.monotonic``."""
    return time.monotonic()


class FakeClock:
    """A clock that moves only when told to. ``advance`` may jump (to test a suspended laptop)."""

    def __init__(self, start: float = 1000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        """The time the clock was last moved to."""
        return self.now

    def advance(self, seconds: float) -> None:
        """Move time forward."""
        self.now += seconds


PREVIEW_NOTICE = "Preview: not kept in your log."
"""What the end of a session played at any speed but real time says: a preview is not practice."""


def is_preview(speed: float) -> bool:
    """Whether a session played at ``speed`` is a preview (anything but real time)."""
    return speed != 1.0


class ScaledClock:
    """The real clock running ``speed`` times faster: ``--speed`` previews a script quickly."""

    def __init__(self, speed: float, base: Clock = monotonic) -> None:
        self.speed = speed
        self.base = base

    def __call__(self) -> float:
        """The base clock's time, ``speed`` times over."""
        return self.base() * self.speed
