"""A polite kill (SIGTERM) or a closed terminal (SIGHUP): the session ends as interrupted, what
was practised is in the log, and then the app leaves, even when the terminal is gone.

A terminal that has hung up can leave Textual's own shutdown waiting on it for ever (its writer
thread, its input thread), which would leave the process behind with no one to see it. Once the
session is safely in the log, Textual has ``QUIT_GRACE`` seconds to give the terminal back; after
that the process ends anyway, with the exit status a shell reports for the signal.
"""

from __future__ import annotations

import asyncio
import os
import threading
from collections.abc import Callable
from contextlib import suppress

from ..home import system

QUIT_GRACE = 5.0
"""Seconds Textual has to restore the terminal and exit after a kill or a hang-up."""


def watch_signals(end_and_quit: Callable[[], None]) -> None:
    """On SIGTERM or SIGHUP (where there is one): ``end_and_quit``, then leave for sure."""
    loop = asyncio.get_running_loop()
    for sig in system.termination_signals():  # no SIGHUP on Windows
        with suppress(NotImplementedError, RuntimeError, ValueError):
            loop.add_signal_handler(sig, _ended_by, int(sig), end_and_quit)


def _ended_by(sig: int, end_and_quit: Callable[[], None]) -> None:
    end_and_quit()  # the session is in the log when this returns
    leave_after(QUIT_GRACE, 128 + sig)


def leave_after(seconds: float, status: int) -> threading.Timer:
    """End the process with ``status`` after ``seconds``, unless it has ended by then."""
    timer = threading.Timer(seconds, os._exit, (status,))
    timer.daemon = True  # a process that exits normally doesn't wait for it
    timer.start()
    return timer
