"""A session laid out as it would be heard, with no one there and no time passing: the real
conductor plays it on a virtual clock into an output that only notes what sounds when.

Every listener does what it does in a played session (the opening, lines in their turns, breath
sounds as the settings say, chimes and interval bells, the prompt said again, the end bell once
the last voice has faded), so a rendered file and a played session agree. ``audio.mixdown``
turns what was noted into samples.
"""

from __future__ import annotations

import wave
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from ..audio.api import DEFAULT_FADE_MS, FADE_AHEAD_S, STOP_FADE_MS, FinishedHandle, PlayHandle
from ..audio.pcm import Sound, wav_seconds
from ..audio.speech import Speech
from ..core.clock import FakeClock
from ..core.log.kept import KeptStore
from ..core.script.model import Script
from ..core.session import events as ev
from ..core.session.engine import Session
from ..core.session.timeline import Timeline
from ..core.session.unattended import unattended
from ..home.settings import Settings
from .dispatcher import Conductor
from .noted_bed import NotedBed, Noting

MIN_FADE_MS = 10  # as the player: even a stop ramps down over this long
STEP_S = 1.0  # the virtual clock moves at most this far between polls, as a front end's ticks


@dataclass
class Placed:
    """One sound in the session: heard from ``start`` (seconds from the session's start) for
    ``seconds``, unless a fade to silence begins at ``fade_at`` and lasts ``fade_s``."""

    path: Path
    volume: int
    start: float
    seconds: float
    fade_at: float | None = None
    fade_s: float = 0.0
    label: str = ""

    @property
    def end(self) -> float:
        """When its last audible sample is over."""
        whole = self.start + self.seconds
        return whole if self.fade_at is None else min(whole, self.fade_at + self.fade_s)


@dataclass(frozen=True)
class Layout:
    """A session laid out: the timeline it kept to, every sound in it, and its whole length
    (the end bell rung out)."""

    timeline: Timeline
    sounds: tuple[Placed, ...]
    length: float
    bed: NotedBed | None = None  # the soundscape under it, if any


class _Handle:
    """The handle of one noted sound: fading it notes where the fade begins, as the player's
    would (``FADE_AHEAD_S`` from now; a sound not begun by then is never heard)."""

    def __init__(self, output: NotingOutput, placed: Placed) -> None:
        self.output, self.placed = output, placed

    def is_playing(self) -> bool:
        return self.output.now() < self.placed.end

    def fade_out(self, ms: int = DEFAULT_FADE_MS) -> None:
        placed = self.placed
        begins = self.output.now() + FADE_AHEAD_S
        if begins >= placed.end:
            return
        if begins <= placed.start:  # still the silence before it: taken back unheard
            placed.fade_at, placed.fade_s = placed.start, 0.0
            return
        placed.fade_at, placed.fade_s = begins, max(ms, MIN_FADE_MS) / 1000

    def stop(self) -> None:
        self.fade_out(STOP_FADE_MS)

    def pause(self, ms: int = DEFAULT_FADE_MS) -> None:
        """A render is never paused."""

    def resume(self, ms: int = DEFAULT_FADE_MS) -> None:
        """A render is never paused."""

    def wait(self, timeout: float | None = None) -> bool:
        return not self.is_playing()


class NotingOutput:
    """An ``Output`` that plays nothing: it notes each sound, its moment and its fades."""

    available = True
    paused = False

    def __init__(self, now: Callable[[], float]) -> None:
        self.now = now
        self.placed: list[Placed] = []
        self.handles: list[_Handle] = []
        self._seconds: dict[Path, float] = {}

    def prepare(self, sound: Sound | Path, volume: int = 100) -> None:
        """Nothing to load ahead."""

    def play(
        self, sound: Sound | Path, volume: int = 100, delay: float = 0.0, held: bool = True
    ) -> PlayHandle:
        """Note ``sound``, heard ``delay`` seconds from now (a render is never paused, so
        ``held`` changes nothing)."""
        if isinstance(sound, Sound) or volume <= 0:
            return FinishedHandle()
        if sound not in self._seconds:
            try:
                self._seconds[sound] = wav_seconds(sound)
            except (OSError, EOFError, wave.Error):
                self._seconds[sound] = 0.0
        placed = Placed(sound, volume, self.now() + max(0.0, delay), self._seconds[sound])
        self.placed.append(placed)
        handle = _Handle(self, placed)
        self.handles.append(handle)
        return handle

    def pause(self, fade_ms: int = DEFAULT_FADE_MS) -> None:
        """A render is never paused."""

    def resume(self, fade_ms: int = DEFAULT_FADE_MS) -> None:
        """A render is never paused."""

    def stop_all(self, fade_ms: int = DEFAULT_FADE_MS) -> None:
        """Fade every sound for good."""
        for handle in self.handles:
            handle.fade_out(fade_ms)

    def close(self) -> None:
        """The end bell rings out: nothing is cut."""


class _Timer:
    daemon = False

    def __init__(self, timers: VirtualTimers, due: float, func: Any, args: tuple[Any, ...]):
        self.timers, self.due, self.func, self.args = timers, due, func, args

    def start(self) -> None:
        self.timers.armed.append(self)

    def cancel(self) -> None:
        if self in self.timers.armed:
            self.timers.armed.remove(self)


class VirtualTimers:
    """The conductor's timers on the virtual clock: each fires, in order, when time reaches it."""

    def __init__(self) -> None:
        self.now = 0.0
        self.armed: list[_Timer] = []

    def wall(self) -> float:
        """The virtual wall clock."""
        return self.now

    def __call__(self, delay: float, func: Callable[..., None], args: tuple[Any, ...]) -> _Timer:
        """A timer that calls ``func(*args)`` ``delay`` virtual seconds from now."""
        return _Timer(self, self.now + delay, func, args)

    def next_due(self) -> float | None:
        """When the next armed timer fires."""
        return min((t.due for t in self.armed), default=None)

    def advance_to(self, until: float) -> None:
        """Move to ``until``, firing each timer due by then at its own moment."""
        while due := [t for t in self.armed if t.due <= until + 1e-9]:
            first = min(due, key=lambda t: t.due)
            self.armed.remove(first)
            self.now = max(self.now, first.due)
            first.func(*first.args)
        self.now = max(self.now, until)


def lay_out(
    script: Script,
    settings: Settings,
    speech: Speech | None,
    *,
    kept: KeptStore | None = None,
    progress: Callable[[int, int], None] | None = None,
    soundscape: str | None = None,
) -> Layout:
    """``script`` played through with no one there (``core.session.unattended``), as these
    settings play it (``soundscape`` as ``--soundscape``); speech is rendered (or taken from
    the cache) first, with ``progress``."""
    settings = replace(settings, sound=True, checkins=False)  # no one to rate anything
    timers = VirtualTimers()
    output = NotingOutput(timers.wall)
    conductor = Conductor(
        settings,
        output=output,
        speech=speech,
        wall=timers.wall,
        timers=timers,
        kept=kept,
        soundscape=soundscape,
    )
    conductor.keeper.keep = False  # a render keeps nothing: no one answered
    noting = conductor.soundscape.maker = Noting(timers.wall)
    try:
        timeline = conductor.prepare(  # every line made first: no one is listening yet
            unattended(script), progress or (lambda done, total: None), early=False
        )
        clock = FakeClock(0.0)
        session = Session(timeline, clock)
        conductor.begin(session)
        _hand(conductor, timers, session.start())
        while session.ended is None:
            now = clock()
            moments = [now + STEP_S, session.next_due(), timers.next_due()]
            until = max(now + 1e-3, min(m for m in moments if m is not None))
            clock.advance(until - now)
            timers.advance_to(until)
            _hand(conductor, timers, session.poll())
        timers.advance_to(timers.now + 3600.0)  # the end bell, rung after a last fade
    finally:
        conductor.close()
    voiced = {path: text for text, path in conductor.voice.spoken.items()}
    for placed in output.placed:
        placed.label = voiced.get(placed.path, "") or placed.path.stem
    heard = tuple(p for p in output.placed if p.end > p.start)
    bed = noting.noted
    length = max([timeline.length, *(p.end for p in heard), (bed and bed.ends) or 0.0])
    return Layout(timeline, heard, round(length, 6), bed)


def _hand(conductor: Conductor, timers: VirtualTimers, events: list[ev.Event]) -> None:
    """Give ``events`` to the conductor; a line an answer completes is rendered before the
    virtual clock moves on (a played session renders it while the person reads)."""
    conductor.handle(events)
    if any(isinstance(e, ev.Answered) for e in events):
        conductor.voice.settle()
        timers.advance_to(timers.now)  # a line shown before its voice was ready says it now
