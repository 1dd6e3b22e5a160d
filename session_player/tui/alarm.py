"""One pending wake-up at a time, for code that sets a new one after every change.

Textual's ``set_timer`` starts a task for every timer and delivers each tick as a message. The
player and the pacer set a fresh one-shot wake after every change, a few times a second for a
whole session, so they keep one event-loop timer handle instead and are called from it directly
(measured in bench/bench_tui.py; see docs/performance.md). A callback that fails is handed to
the owner's message queue and raised there, so Textual reports it as it would any handler's.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from textual.message_pump import MessagePump


def _raise(error: Exception) -> None:
    raise error


class Alarm:
    """Calls ``callback`` once, ``delay`` seconds after ``set``; a new ``set`` replaces the
    pending one. ``owner`` is the widget or screen the callback belongs to."""

    def __init__(self, owner: MessagePump, callback: Callable[[], None]) -> None:
        self._owner = owner
        self._callback = callback
        self._handle: asyncio.TimerHandle | None = None

    @property
    def pending(self) -> bool:
        """True while a wake is set and hasn't rung."""
        return self._handle is not None

    def set(self, delay: float) -> None:
        """Ring after ``delay`` seconds (replacing any wake already set)."""
        self.cancel()
        self._handle = asyncio.get_running_loop().call_later(delay, self._ring)

    def cancel(self) -> None:
        """Forget the pending wake, if any."""
        if self._handle is not None:
            self._handle.cancel()
            self._handle = None

    def _ring(self) -> None:
        self._handle = None
        if not self._owner.is_running:
            return  # the owner has gone (its screen closed) since the wake was set
        try:
            self._callback()
        except Exception as error:  # raised again where Textual reports it
            self._owner.call_next(_raise, error)
