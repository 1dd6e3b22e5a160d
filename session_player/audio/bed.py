"""A soundscape bed: one loop played without end under a session, its level moved smoothly.

A bed is one simpleaudio stream, like every other sound (the audio server mixes it with the
voice and the chimes), but it has no end known ahead: a two-hour sit at 44.1 kHz would be
1.3 GB of samples. So its buffer is an anonymous memory map as long as ``SPAN_S`` (only address
space: a page costs memory once it is written) that a thread of ours fills ``AHEAD_S`` ahead of
the play position and gives back to the system ``BEHIND_S`` behind it (``madvise``). What it
holds at any moment is a few seconds of samples, whatever the session's length. A stream written
to its end hands over to the next (``CROSS_S``).

The level is a product of three things, each a function of time: the person's volume, the
``Envelope`` of fades (in over the opening, out for a pause and back, lower for the grounding
pause, out with the end bell), and the ducks under spoken lines (``DUCK_DB`` lower, with
``DUCK_ATTACK_S`` and ``DUCK_RELEASE_S`` ramps). A change is written into the part of the buffer
not yet on its way to the device (from ``LEAD_S`` ahead of the play position), from the raw
samples kept for it, in 10 ms steps of gain: no step is large enough to click.
"""

from __future__ import annotations

import contextlib
import mmap
import sys
import threading
from collections.abc import Callable
from typing import Any, Protocol

from session_player.audio.api import FADE_AHEAD_S
from session_player.audio.levels import Ducks, Envelope
from session_player.audio.pcm import scale

SPAN_S = 4 * 3600 if hasattr(mmap.mmap, "madvise") else 600
"""How long one stream plays (its address space; memory is only what is written ahead and not
yet given back). Where pages can't be given back (Windows), a stream is short: ten minutes."""
CROSS_S = 0.5
"""A stream's last half second crossfades into the next one's first, the same samples."""
AHEAD_S = 3.0
"""How far ahead of the play position samples are written."""
WAKE_S = 2.0
"""How often the writer wakes to write more (or at once when the level changes)."""
BEHIND_S = 4.0
"""Samples further behind the play position than this are given back to the system."""
LEAD_S = FADE_AHEAD_S
"""A change is written from this far ahead of the play position: closer is on its way out."""
STEP_S = 0.01
"""The gain moves in steps this long."""


class Loop(Protocol):
    """Where a bed's samples come from, for ever: 16-bit interleaved PCM."""

    channels: int
    rate: int

    def read(self, frames: int) -> bytes:
        """The next ``frames`` frames (exactly that many)."""
        ...

    def at_volume(self, gain: float) -> bool:
        """Scale at the source once, if it can (True): the usual stretch is then a copy."""
        ...

    def close(self) -> None:
        """Let go of any file."""
        ...


class Player(Protocol):
    """What a bed needs of the output: a clock, and simpleaudio's ``play_buffer``."""

    clock: Callable[[], float]

    def play_buffer(self, buf: Any, channels: int, rate: int) -> Any:
        """Hand ``buf`` to the device; a play object with ``stop()``, or None."""
        ...


class Bed:
    """One loop playing under a session; see the module docstring."""

    def __init__(self, player: Player, loop: Loop, volume: int, span_s: float = SPAN_S) -> None:
        self.player, self.loop = player, loop
        self.volume = max(0, min(100, volume)) / 100
        if loop.at_volume(self.volume):
            self.volume = 1.0
        self.level = Envelope(0.0)
        self.ducks = Ducks()
        self.fb = 2 * loop.channels
        rate = loop.rate
        self.rate = rate
        self._lock = threading.RLock()
        self._wake = threading.Event()
        self._dirty = False
        self._done = False
        self._obj: Any = None
        self._t0 = 0.0
        self._head = 0  # frames written
        self._raw = bytearray()  # the loop's samples from frame _raw_at to _head, unscaled
        self._raw_at = 0
        self._freed = 0  # frames before this are given back
        self._mm = _mapping(int(span_s * rate) * self.fb)
        self.frames = len(self._mm) // self.fb
        self._thread: threading.Thread | None = None
        self._stop_at: float | None = None
        self._span_s = span_s
        self._old: tuple[Any, float] | None = None  # the stream before, and when it ends

    # -- the controls ------------------------------------------------------------------

    def start(self, fade_in_s: float, *, writer: bool = True) -> bool:
        """Start playing, fading in over ``fade_in_s``; False when the device refused. Without
        a ``writer`` thread, the caller calls ``step`` (a test on a driven clock)."""
        with self._lock:
            now = self.player.clock()
            self.level.ramp(now, 1.0, fade_in_s)
            self._write_to(int(AHEAD_S * self.rate), now)
            self._obj = self.player.play_buffer(self._mm, self.loop.channels, self.rate)
            if self._obj is None:
                self._done = True
                return False
            self._t0 = self.player.clock()
        if not writer:
            return True
        self._thread = threading.Thread(target=self._run, name="soundscape", daemon=True)
        self._thread.start()
        return True

    def to(self, level: float, seconds: float) -> None:
        """Move the level (1 is the person's volume) to ``level`` over ``seconds``, starting
        as soon as the device allows."""
        with self._lock:
            self.level.ramp(self.player.clock() + LEAD_S, level, seconds)
            self._changed()

    def duck(self, key: int, start: float, end: float) -> None:
        """A line (``key`` names it) is heard from ``start`` to ``end`` (wall clock)."""
        with self._lock:
            self.ducks.add(key, start, end, self.player.clock() + LEAD_S)
            self._changed()

    def fade_out(self, seconds: float, at: float | None = None) -> None:
        """Fade to silence over ``seconds`` from ``at`` (wall clock; as soon as the device
        allows when None or past) and stop."""
        with self._lock:
            soonest = self.player.clock() + LEAD_S
            begins = soonest if at is None else max(soonest, at)
            end = begins + seconds
            self.level.ramp(begins, 0.0, seconds)
            self._stop_at = end
            self._changed()

    def stop(self) -> None:
        """Fade out quickly and stop (the app closes); one never started lets its loop go."""
        if self._obj is None:
            self._done = True
            self.loop.close()
            return
        self.fade_out(0.06)
        thread = self._thread
        if thread is not None:
            thread.join(timeout=LEAD_S + 1.0)

    def wait(self, timeout: float) -> bool:
        """Block until the bed has stopped (False if ``timeout`` seconds passed first)."""
        thread = self._thread
        if thread is not None:
            thread.join(timeout)
        return not (thread is not None and thread.is_alive())

    @property
    def playing(self) -> bool:
        """True until the bed has faded out and stopped."""
        return not self._done

    # -- the writer --------------------------------------------------------------------

    def _changed(self) -> None:
        self._dirty = True
        self._wake.set()

    def _run(self) -> None:
        while True:
            wait = WAKE_S
            if self._stop_at is not None:  # wake for the end of a fade out, not later
                wait = min(wait, max(0.0, self._stop_at - self.player.clock()) + 0.01)
            self._wake.wait(wait)
            self._wake.clear()
            with self._lock:
                if self.step():
                    break
        _stopped(self._obj)
        if self._old is not None:
            _stopped(self._old[0])
        self.loop.close()
        self._done = True

    def step(self) -> bool:
        """One wake of the writer: write ahead, rewrite a change, give back what was played;
        True when the bed is done."""
        now = self.player.clock()
        played = int((now - self._t0) * self.rate)
        if self._stop_at is not None and now >= self._stop_at:
            return True
        if self._old is not None and now >= self._old[1]:
            _stopped(self._old[0])
            self._old = None
        if self._dirty:
            self._dirty = False
            self._rewrite(played + int(LEAD_S * self.rate))
        self._write_to(played + int(AHEAD_S * self.rate), self._t0)
        if self._head >= self.frames:
            if not self._next_span():
                return True  # the device refused the next stream: the bed ends with this one
            self._write_to(int((now - self._t0) * self.rate) + int(AHEAD_S * self.rate), self._t0)
        self._give_back(int((now - self._t0) * self.rate) - int(BEHIND_S * self.rate))
        self.ducks.forget(now)
        return False

    def _next_span(self) -> bool:
        """This stream is written to its end: start the next, its first ``CROSS_S`` the same
        samples as this one's last, faded in as these fade out, heard from the same moment."""
        fb, cross = self.fb, int(CROSS_S * self.rate)
        tail = bytes(self._raw[-cross * fb :])
        at = self.frames - cross
        self._put(at, tail, self._t0, fade=(1.0, 0.0))
        heard = self._t0 + at / self.rate  # when the crossfade begins
        mm = _mapping(int(self._span_s * self.rate) * fb)
        obj = self.player.play_buffer(mm, self.loop.channels, self.rate)
        if obj is None:
            return False
        self._old = (self._obj, self._t0 + self.frames / self.rate)
        self._obj, self._mm, self._t0 = obj, mm, self.player.clock()
        self.frames, self._freed = len(mm) // fb, 0
        start = max(0, round((heard - self._t0) * self.rate))  # silence until then
        self._put(start, tail, self._t0, fade=(0.0, 1.0))
        self._raw, self._raw_at, self._head = bytearray(tail), start, start + cross
        return True

    def _write_to(self, frame: int, t0: float) -> None:
        """Write the loop on from ``_head`` up to ``frame``."""
        frame = min(frame, self.frames)
        if frame <= self._head:
            return
        raw = self.loop.read(frame - self._head)
        self._put(self._head, raw, t0)
        self._raw += raw
        self._head = frame
        keep = int(AHEAD_S * self.rate) * self.fb  # raw kept only for what may be rewritten
        if len(self._raw) > keep:
            cut = len(self._raw) - keep
            del self._raw[:cut]
            self._raw_at += cut // self.fb

    def _rewrite(self, frame: int) -> None:
        """Write again from ``frame`` to ``_head`` with the level as it is now."""
        frame = max(frame, self._raw_at)
        if frame >= self._head:
            return
        raw = bytes(self._raw[(frame - self._raw_at) * self.fb :])
        self._put(frame, raw, self._t0)

    def _put(
        self, frame: int, raw: bytes, t0: float, fade: tuple[float, float] | None = None
    ) -> None:
        """Write ``raw`` (unscaled) at ``frame``, scaled by the gain of each 10 ms (and by a
        ``fade`` from one level to another across it, at a crossfade between streams)."""
        fb, step = self.fb, max(1, int(STEP_S * self.rate))
        frames = len(raw) // fb
        runs: list[tuple[int, int, float]] = []  # (first frame, last frame, gain)
        begins, ends = t0 + frame / self.rate, t0 + (frame + frames) / self.rate
        steady = self.level.points[-1][0] <= begins and self.ducks.quiet(begins, ends)
        if steady and fade is None:
            step = frames  # the usual case: one level all through
        for a in range(0, frames, step):
            b = min(frames, a + step)
            t = t0 + (frame + (a + b) / 2) / self.rate
            gain = self.volume * self.level.at(t) * self.ducks.gain(t)
            if fade is not None:
                gain *= fade[0] + (fade[1] - fade[0]) * (a + b) / 2 / frames
            gain = round(gain, 4)
            if runs and runs[-1][2] == gain:
                runs[-1] = (runs[-1][0], b, gain)
            else:
                runs.append((a, b, gain))
        base = frame * fb
        for a, b, gain in runs:
            part = raw[a * fb : b * fb]
            out = bytes(len(part)) if gain <= 0 else part if gain == 1 else scale(part, gain)
            self._mm[base + a * fb : base + b * fb] = out

    def _give_back(self, frame: int) -> None:
        """Let the system have the pages of what was played long ago."""
        page = mmap.PAGESIZE
        end = (max(0, frame) * self.fb) // page * page
        start = self._freed * self.fb // page * page
        if end - start >= 16 * page and hasattr(self._mm, "madvise"):
            with contextlib.suppress(OSError, ValueError):
                self._mm.madvise(_DONTNEED, start, end - start)
            self._freed = end // self.fb


_DONTNEED = getattr(mmap, "MADV_DONTNEED", 4)


def _stopped(obj: Any) -> None:
    """Stop a stream (it plays silence by now)."""
    with contextlib.suppress(Exception):
        obj.stop()


def _mapping(size: int) -> mmap.mmap:
    """Private anonymous memory of ``size`` bytes (halved until the system agrees)."""
    page = mmap.PAGESIZE
    size = max(page, size // page * page)
    noreserve = 0x4000 if sys.platform.startswith("linux") else 0  # address space, not memory
    flags = getattr(mmap, "MAP_PRIVATE", 0) | getattr(mmap, "MAP_NORESERVE", noreserve)
    while True:
        try:
            if hasattr(mmap, "MAP_PRIVATE"):
                return mmap.mmap(-1, size, flags=flags)
            return mmap.mmap(-1, size)
        except (OSError, OverflowError):
            if size <= 64 * page:
                raise
            size = size // 2 // page * page
