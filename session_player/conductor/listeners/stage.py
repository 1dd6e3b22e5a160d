"""What every listener shares: the settings, the sound output, the notices and the session."""

from __future__ import annotations

import time
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from ...audio.api import Output, PlayHandle
from ...home.settings import Settings
from ..later import Later, TimerFactory, thread_timer

if TYPE_CHECKING:
    from ...core.session import events as ev
    from ...core.session.engine import Session


class Stage:
    """The shared part of one app run: one session after another plays on it."""

    def __init__(
        self,
        settings: Settings,
        output: Output | None,
        wall: Callable[[], float] = time.monotonic,
        timers: TimerFactory = thread_timer,
    ) -> None:
        self.settings = settings
        self.output = output
        self.wall = wall
        self.notices: list[str] = []
        self.session: Session | None = None
        self.timers = timers
        self.later = Later(wall, timers)  # calls a little later that keep to session time
        self.voice: PlayHandle | None = None  # the line being spoken, if any
        self.end_rings_at: float | None = None  # when the end chime rings (wall clock), if it does
        self.chimes_silent_at: float | None = None  # a stop faded chimes: silent then (wall)
        self.speed = 1.0  # how many times faster than real time the session's clock runs

    def note(self, notice: str) -> None:
        """Add a one-line notice, once."""
        if notice not in self.notices:
            self.notices.append(notice)

    def play(
        self, path: Path | None, volume: int, delay: float = 0.0, *, held: bool = True
    ) -> PlayHandle | None:
        """Start a sound (heard ``delay`` seconds from now; through a pause unless ``held``);
        a sound that can't be played is a notice, never an error."""
        if self.output is None or path is None:
            return None
        try:
            if not held:
                return self.output.play(path, volume, max(0.0, delay), held=False)
            if delay <= 0:  # the call every output has always taken
                return self.output.play(path, volume)
            return self.output.play(path, volume, delay)
        except Exception as problem:  # a bad WAV must not end the session
            self.note(f"A sound could not be played: {problem}")
            return None

    def prepare(self, path: Path, volume: int) -> None:
        """Load and scale a sound now, not on its cue."""
        if self.output is not None:
            with suppress(Exception):
                self.output.prepare(path, volume)


class Listener(Protocol):
    """One concern of the conductor."""

    def begin(self, session: Session) -> None:
        """A session is about to start."""
        ...

    def handle(self, event: ev.Event) -> None:
        """One event from the engine (never blocks)."""
        ...

    def close(self) -> None:
        """The app run ends."""
        ...
