"""Textual's terminal driver, with an input thread that sleeps until there is input.

Textual's Linux and macOS driver reads the keyboard in a thread that looks at the terminal ten
times a second whether or not anything was typed, so that a lone Escape (which could be the
start of a longer key sequence) is reported once ``ESCDELAY`` has passed. On this machine those
looks cost a third of a quiet session's CPU (about 0.06 s a minute; see docs/performance.md).
Here the thread looks every tenth of a second only while a key sequence may be waiting (until
one look has found nothing for longer than the escape delay), and otherwise sleeps until the
terminal has input or the driver asks it to stop: the stop is written to a pipe the thread
also waits on.

Frames are written to the terminal in the event loop's own thread. Textual hands each write to
a thread of its own, which woke for every frame (one or two a second in a session): writing
them here took about 6% off box breathing's CPU (docs/performance.md, `cpu4`). A frame while a
session plays is a few hundred bytes, far below what a terminal holds unread, and a terminal
program writing its frames as it makes them is the usual way (curses, countdown-cli, termdown).

Everything else is Textual's own driver. The key parser lives in a private Textual module, and
the terminal's file is the driver's own attribute; if a later Textual moves the parser,
``quiet_driver`` answers None and the app uses Textual's driver as it is, and without the file
the frames go through Textual's writer thread.
"""

from __future__ import annotations

import math
import os
import selectors
import sys
import threading
from codecs import getincrementaldecoder
from contextlib import suppress
from typing import IO, TYPE_CHECKING, Any

if TYPE_CHECKING:
    from textual.driver import Driver

LOOK_EVERY = 0.1
"""Seconds between looks while a key sequence may be waiting (Textual's own interval)."""


class _WakingEvent(threading.Event):
    """A threading event that also writes to a pipe when set, so a thread waiting on the
    pipe (in ``select``) sees it at once; clearing it empties the pipe."""

    def __init__(self) -> None:
        super().__init__()
        self.read_end, self._write_end = os.pipe()
        os.set_blocking(self.read_end, False)
        os.set_blocking(self._write_end, False)

    def set(self) -> None:
        """Set the event and wake whoever waits on ``read_end``."""
        super().set()
        with suppress(BlockingIOError):  # a byte is already waiting: it wakes them as well
            os.write(self._write_end, b"x")

    def clear(self) -> None:
        """Clear the event and what the pipe holds."""
        super().clear()
        with suppress(BlockingIOError):
            while os.read(self.read_end, 64):
                pass


def quiet_driver() -> type[Driver] | None:
    """The driver class to run the app with: the quiet one where Textual would use its Linux
    driver and its key parser is where this module expects it; else None (Textual chooses)."""
    if sys.platform == "win32" or os.environ.get("TEXTUAL_DRIVER"):
        return None
    try:
        from textual._parser import ParseError
        from textual._xterm_parser import XTermParser
        from textual.constants import ESCAPE_DELAY
        from textual.drivers.linux_driver import LinuxDriver
    except ImportError:
        return None
    # Looks needed after the last input for a pending Escape to be reported: a look that
    # finds nothing has waited ``LOOK_EVERY``, so the escape delay has passed after these.
    settle = math.ceil(ESCAPE_DELAY / LOOK_EVERY) + 1

    class QuietDriver(LinuxDriver):
        """Textual's Linux driver whose input thread sleeps while nothing is typed."""

        def __init__(self, app: Any, *, debug: bool = False, **options: Any) -> None:
            super().__init__(app, debug=debug, **options)
            self.exit_event = _WakingEvent()
            self._parser_debug = debug
            # Where Textual's writer thread writes (the terminal): written here instead.
            terminal = getattr(self, "_file", None)
            self._terminal: IO[str] | None = terminal if hasattr(terminal, "write") else None
            self._writing = threading.Lock()  # whole writes, whichever thread writes

        def write(self, data: str) -> None:
            """Write ``data`` to the terminal now, in this thread: no other thread wakes for a
            frame (Textual's writer thread is left with nothing to do)."""
            if self._terminal is None:
                super().write(data)
                return
            with self._writing, suppress(OSError, ValueError):
                # A terminal that has gone (hung up, closed) shows nothing more; the hang-up
                # ends the session (``hangup``), as it does when Textual's thread can't write.
                self._terminal.write(data)

        def flush(self) -> None:
            """Send what has been written (Textual flushes after each frame)."""
            if self._terminal is None:
                super().flush()
                return
            with self._writing, suppress(OSError, ValueError):
                self._terminal.flush()

        def run_input_thread(self) -> None:
            """Wait for input and dispatch events (as Textual's, but sleeping when idle)."""
            wake = self.exit_event
            assert isinstance(wake, _WakingEvent)
            selector = selectors.SelectSelector()
            selector.register(self.fileno, selectors.EVENT_READ)
            selector.register(wake.read_end, selectors.EVENT_READ)
            parser = XTermParser(self._parser_debug)
            decode = getincrementaldecoder("utf-8")().decode

            def process(ready: list[tuple[selectors.SelectorKey, int]], final: bool) -> bool:
                """Feed what the terminal has; True if it had anything."""
                read = False
                for key, _mask in ready:
                    if key.fd != self.fileno:
                        continue
                    try:
                        raw = os.read(self.fileno, 1024 * 4)
                    except OSError:  # the terminal has hung up (EIO)
                        raw = b""
                    if not raw:
                        # Piped input has ended, or the terminal has gone: nothing more will
                        # come, and a look now would find the end again at once, so stop
                        # looking (and sleep until asked to stop, not spin).
                        selector.unregister(self.fileno)
                        break
                    read = True
                    # Only the start of a character may have come: the decoder keeps it and
                    # gives "" until the rest arrives (an empty feed would end the parser).
                    data = decode(raw, final=final)
                    for event in parser.feed(data) if data else ():
                        self.process_message(event)
                for event in parser.tick():
                    self.process_message(event)
                return read

            try:
                quiet = settle  # looks since the last input; from ``settle`` on, sleep
                while not wake.is_set():
                    timeout = None if quiet >= settle else LOOK_EVERY
                    quiet = 0 if process(selector.select(timeout), False) else quiet + 1
                selector.unregister(wake.read_end)
                process(selector.select(LOOK_EVERY), True)
            finally:
                selector.close()
                with suppress(EOFError, ParseError):
                    for _event in parser.feed(""):
                        pass

    return QuietDriver
