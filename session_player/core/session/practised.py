"""Practised time: clock time since a session began, less every pause.

The engine keeps every offset in practised seconds, so a pause moves everything after it by its
length. A gap of more than ``jump_limit`` seconds between two looks (a suspended laptop, a stopped
process) is not practice: time stands still from the earlier look, as if paused there.
"""

from __future__ import annotations

from ..clock import Clock


class PractisedTime:
    """Practised seconds on ``clock``: started once, then paused, resumed and looked at."""

    def __init__(self, clock: Clock, jump_limit: float) -> None:
        self.clock = clock
        self.jump_limit = jump_limit
        self._origin = 0.0
        self._paused_total = 0.0
        self._paused_at: float | None = None
        self._held: float | None = None  # practised time stands here for the voice
        self._last_look = 0.0

    def start(self) -> None:
        """Begin counting from now."""
        self._origin = self._last_look = self.clock()

    def now(self) -> float:
        """Seconds practised so far (standing still while paused)."""
        return self._at(self.clock())

    def look(self) -> float | None:
        """Practised now; or None when the clock jumped since the last look, and time now stands
        still from that look (``now()`` says where)."""
        now = self.clock()
        last, self._last_look = self._last_look, now
        if now - last > self.jump_limit:
            self._paused_at = last
            return None
        return self._at(now)

    def awake(self) -> None:
        """Something came from the person just now (a key typed), so the computer was awake:
        a gap between looks counts from here. A flood of keys can keep the front end from
        looking for longer than ``jump_limit`` (8,000 typed at once took 13 s), and that is
        not a sleep. A gap already past the limit is left for ``look`` to find: a key may be
        the first thing after a real sleep."""
        now = self.clock()
        if self._paused_at is None and now - self._last_look <= self.jump_limit:
            self._last_look = now

    def pause(self) -> float:
        """Stand still from now; the practised time it stands at."""
        now = self.clock()
        self._paused_at = now
        return self._at(now)

    def hold(self, at: float) -> None:
        """Stand still at practised ``at`` (now, or a moment passed since the last look) until
        ``release``, whatever pauses come meanwhile: the session waits there for its voice."""
        if self._held is None:
            self._held = at

    def release(self) -> None:
        """Run on from where a ``hold`` stood (the time held is not practice)."""
        if self._held is not None:
            self._paused_total += max(0.0, self._running(self.clock()) - self._held)
            self._held = None

    def resume(self) -> float:
        """Run on from where time stood; practised now."""
        now = self.clock()
        if self._paused_at is not None:
            self._paused_total += now - self._paused_at
        self._paused_at = None
        self._last_look = now
        return self._at(now)

    def clock_time(self, start: float, offset: float) -> float:
        """The clock time practised ``start + offset`` is reached at, while time runs."""
        return self._origin + self._paused_total + start + offset

    def _at(self, now: float) -> float:
        running = self._running(now)
        return running if self._held is None else min(running, self._held)

    def _running(self, now: float) -> float:
        """Practised now, were nothing held."""
        if self._paused_at is not None:
            now = self._paused_at
        return now - self._origin - self._paused_total
