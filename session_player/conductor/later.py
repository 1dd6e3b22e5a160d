"""Calls made a little later that keep to session time: they wait through a pause."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, Protocol


class Timer(Protocol):
    """What ``Later`` needs of a timer: ``threading.Timer``, or a test's manual one."""

    daemon: bool

    def start(self) -> None:
        """Begin counting down."""

    def cancel(self) -> None:
        """Never fire."""


TimerFactory = Callable[[float, Callable[..., None], tuple[Any, ...]], Timer]


def thread_timer(delay: float, func: Callable[..., None], args: tuple[Any, ...]) -> Timer:
    """A real timer: ``func(*args)`` on a thread of its own after ``delay`` seconds."""
    return threading.Timer(delay, func, args=args)


class Later:
    """Calls made a little later (the chimes of an opening) that wait while the session is
    paused, and are dropped when it ends."""

    def __init__(self, wall: Callable[[], float], timer: TimerFactory = thread_timer) -> None:
        self._wall = wall
        self._timer = timer
        self._lock = threading.Lock()
        self._pending: list[tuple[float, Callable[..., None], tuple[Any, ...]]] = []
        self._timers: list[Timer] = []
        self._paused_at: float | None = None

    def call(self, delay: float, func: Callable[..., None], *args: Any) -> None:
        """Call ``func(*args)`` after ``delay`` seconds of unpaused time."""
        with self._lock:
            self._pending.append((self._wall() + delay, func, args))
            if self._paused_at is None:
                self._arm()

    def pause(self) -> None:
        """Hold every pending call."""
        with self._lock:
            if self._paused_at is None:
                self._paused_at = self._wall()
                self._disarm()

    def resume(self) -> None:
        """Shift pending calls by the pause's length and let them run."""
        with self._lock:
            if self._paused_at is not None:
                held = self._wall() - self._paused_at
                self._pending = [(due + held, f, a) for due, f, a in self._pending]
                self._paused_at = None
                self._arm()

    def cancel(self) -> None:
        """Drop every pending call."""
        with self._lock:
            self._pending.clear()
            self._disarm()

    def _arm(self) -> None:
        self._disarm()
        now = self._wall()
        for entry in self._pending:
            timer = self._timer(max(0.0, entry[0] - now), self._fire, (entry,))
            timer.daemon = True
            timer.start()
            self._timers.append(timer)

    def _disarm(self) -> None:
        for timer in self._timers:
            timer.cancel()
        self._timers.clear()

    def _fire(self, entry: tuple[float, Callable[..., None], tuple[Any, ...]]) -> None:
        with self._lock:
            if entry not in self._pending or self._paused_at is not None:
                return
            self._pending.remove(entry)
        entry[1](*entry[2])
