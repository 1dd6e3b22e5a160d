"""Turns: one voice at a time.

Everything the voice says (a line, a prompt, a touch word, a breath word or count) takes its
turn here. A step left (next, back, a step's end, the session's end) fades what its voice was
still saying over ``LEAVE_FADE_MS``, and the next thing said waits until that fade is silent. A
line that comes while something of the same step is still being said waits for it when it ends
within ``WAIT_AT_MOST_S`` (a breath word, a line a wake late), and otherwise fades it first. A
step that runs its time while its voice still speaks (a letter read back for longer than its
estimate) is not cut: the next step's voice waits for it. A step left during a pause ends
what the pause held unheard, and nothing waits for it. A
breath word or count gives way to a line: it is not said while a line sounds. Sounds started
with a delay keep it: the output holds their first sample until the turn is theirs.

The times are estimates on the wall clock (each sound's start and length), kept right through
pauses; a handle that says it has ended has ended, whatever the estimate.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass

from ...audio.api import DEFAULT_FADE_MS, FADE_AHEAD_S, PlayHandle

LEAVE_FADE_MS = 150
"""How fast the voice of a step that is left fades out (pause fades more slowly)."""
WAIT_AT_MOST_S = 1.0
"""A line waits this long at most for what is still being said; longer, and that fades."""


@dataclass
class _Said:
    handle: PlayHandle
    ends: float  # wall clock: when it will be silent
    line: bool  # a line (True) or a breath word or count (False)
    owed: bool = False  # its step ran its time while it still sounded: it is heard out
    voice: bool = True  # the voice's own (a tone is only waited for, never faded here)
    starts: float = 0.0  # wall clock: when it is first heard


class Turns:
    """What the voice is saying now, and when the next thing may be said."""

    def __init__(self, wall: Callable[[], float]) -> None:
        self.wall = wall
        self._said: list[_Said] = []
        self._clear = 0.0  # nothing new is heard before this (a fade still sounding)
        self._paused_at: float | None = None
        self._tail = 0.0  # a pause's fade-out still sounds until then (it is not held)
        self._strike = 0.0  # an opening bell rung late strikes until then: no line before
        self._lock = threading.RLock()  # a late line takes its turn from a timer's thread
        self.on_line: Callable[[PlayHandle, float, float], None] | None = None
        """Told of each line with when it is heard (start, end), and again when that changes:
        the soundscape gives way to it."""

    def sounding(self, *, lines_only: bool = False, after: float = 0.0) -> bool:
        """True while anything said (or a line, with ``lines_only``) sounds or is about to, and
        will still sound ``after`` seconds from now."""
        with self._lock:
            if self._tail > self.wall() + after:  # a pause's fade-out still sounds
                return True
            now = self._paused_at if self._paused_at is not None else self.wall()
            return any(
                (s.line or not lines_only) and s.ends > now + after for s in self._now_sounding()
            )

    def lines_left(self) -> float:
        """Seconds from now until every line said (not a breath word) has ended; 0 if none."""
        with self._lock:
            now = self._paused_at if self._paused_at is not None else self.wall()
            ends = [s.ends for s in self._now_sounding() if s.line]
            ends.append(self._tail)  # a pause's fade-out of what was said
            return max(0.0, max(ends) - now)

    def turn(self) -> float:
        """Seconds from now until a new line may be heard: what ends soon is waited for, what
        doesn't is faded first."""
        with self._lock:
            now = self.wall()
            until = max(self._clear, self._tail, self._strike)
            for said in self._now_sounding():
                if said.owed or said.ends - now <= WAIT_AT_MOST_S:
                    until = max(until, said.ends)
                else:
                    until = max(until, self._fade(said, now))
            return max(0.0, until - now)

    def quiet_in(self) -> float:
        """Seconds from now until what a step left (or a pause) is still fading is silent: a
        chime of the new step waits for it, as a line does. 0 when nothing is fading."""
        with self._lock:
            return max(0.0, self._clear - self.wall(), self._tail - self.wall())

    def strikes(self, until: float) -> None:
        """An opening bell rung late (once what a step left was silent) strikes until
        ``until`` (wall clock): the step's first line waits for it, as it does for a bell rung
        on time (its cues are laid out after the strike)."""
        with self._lock:
            self._strike = max(self._strike, until)

    def started(
        self, handle: PlayHandle, seconds: float, delay: float, *, line: bool, voice: bool = True
    ) -> None:
        """``handle`` was started, to be heard ``delay`` seconds from now for ``seconds``
        (not the ``voice``'s: a breath tone the next line waits for)."""
        with self._lock:
            starts = self.wall() + delay
            said = _Said(handle, starts + seconds, line, voice=voice, starts=starts)
            self._said.append(said)
            self._tell(said)

    def leave(self, *, fade: bool = True) -> None:
        """A step is left (or the session ends): what is still being said fades out, and the
        next thing said waits until it is silent. A step that ran its time (``fade`` False)
        leaves what it still says to be heard out, and the next thing said waits for that."""
        with self._lock:
            now = self.wall()
            self._strike = 0.0  # the bell of the step left fades: its strike holds nothing
            for said in self._now_sounding():
                if not said.voice:
                    self._clear = max(self._clear, said.ends)
                elif fade and self._paused_at is not None:  # held by the pause: it ends unheard
                    said.handle.fade_out(LEAVE_FADE_MS)
                    said.ends = self._paused_at
                    self._tell(said)
                elif fade:
                    self._clear = max(self._clear, self._fade(said, now))
                else:
                    said.owed = True

    def chimes_fade(self) -> None:
        """A pause begins while a chime rings: its fade-out is heard out before a new line, as
        the voice's own is (the person may go on to the next step before resuming)."""
        with self._lock:
            self._tail = max(self._tail, self.wall() + FADE_AHEAD_S + DEFAULT_FADE_MS / 1000)

    def paused(self) -> None:
        """The output holds every sound: so do the estimates."""
        with self._lock:
            if self._paused_at is None:
                self._paused_at = self.wall()
                if self._now_sounding():  # what sounds fades out over the next moments
                    self._tail = self._paused_at + FADE_AHEAD_S + DEFAULT_FADE_MS / 1000

    def resumed(self) -> None:
        """Every sound goes on where it was: its end moves by the pause."""
        with self._lock:
            if self._paused_at is None:
                return
            held = self.wall() - self._paused_at
            self._paused_at = None
            # A sound goes on once its pause's fade-out has ended, however quick the resume.
            held = max(held, FADE_AHEAD_S + DEFAULT_FADE_MS / 1000)
            for said in self._said:
                said.ends += held
                said.starts += held
                self._tell(said)
            self._clear += held
            self._strike += held if self._strike else 0.0

    def _now_sounding(self) -> list[_Said]:
        now = self._paused_at if self._paused_at is not None else self.wall()
        self._said = [s for s in self._said if s.ends > now and still_playing(s.handle)]
        return self._said

    def _tell(self, said: _Said) -> None:
        if self.on_line is not None and said.line and said.voice:
            self.on_line(said.handle, said.starts, said.ends)

    def _fade(self, said: _Said, now: float) -> float:
        said.handle.fade_out(LEAVE_FADE_MS)
        said.ends = min(said.ends, now + FADE_AHEAD_S + LEAVE_FADE_MS / 1000)
        self._tell(said)
        return said.ends


def still_playing(handle: PlayHandle) -> bool:
    """Whether ``handle`` sounds still (False for one whose output went away)."""
    try:
        return handle.is_playing()
    except Exception:  # a handle whose output went away has nothing more to say
        return False
