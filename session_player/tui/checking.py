"""The editor's check, in a process of its own beside the app's.

Checking a 2,000-line script takes a tenth of a second of pure Python; in a thread of the app it
held the interpreter's lock while keys arrived, and each keystroke waited for it. So the check
runs in one worker process for each editor screen, started at its first check and ended when the
screen closes: the text goes to it, and plain data comes back (the problems, the schedule, the
planned length, the line of each step). A check asked while one runs replaces any still waiting
there; a worker takes only the newest text it has been sent, and the older requests come back
as skipped. Where a worker can't start, or stops, the text is checked in this process instead,
as before, so the editor goes on checking either way.

The worker is a new Python process running ``serve`` (as the library's batch does: never a fork
of an app running threads, never the app's main module again). It ends when its input does, so
it never outlives the app, even one that is killed: the pipe closes with it.
"""

from __future__ import annotations

import contextlib
import pickle
import queue
import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Literal

from ..core.errors import ScriptError
from ..home.settings import Settings

Cue = tuple[int, float, str]  # the step's number, the offset in seconds, the cue in words


@dataclass(frozen=True)
class Checked:
    """One check of the text: its problems, or its schedule and planned length; and the line
    (from 0) of each ``[[step]]``, either way."""

    errors: tuple[ScriptError, ...]
    cues: tuple[Cue, ...] = ()
    length: str = ""
    steps: tuple[int, ...] = ()

    @property
    def passed(self) -> bool:
        """Whether the script checked has no problem (it can be played)."""
        return not self.errors


def check_text(text: str, path: Path, settings: Settings) -> Checked:
    """What the real checker says of ``text`` as the file ``path``: its problems, or the script
    laid out as heard, with its schedule and planned length."""
    from ..conductor.heard import as_heard
    from ..core.library.card import length_text
    from ..core.script.editing import step_lines
    from ..core.script.loader import load_text
    from ..core.session.schedule import schedule

    steps = tuple(step_lines(text))
    result = load_text(text, file=path.name, folder=path.parent, name=path.stem)
    if isinstance(result, list):
        return Checked(tuple(result), steps=steps)
    timeline = as_heard(result, settings)
    length = length_text(timeline.length, estimated=timeline.estimated)
    return Checked((), tuple(schedule(timeline)), length, steps)


Request = tuple[int, str, Path, Settings]  # its number, the text, the file's path, the settings
Outcome = Checked | Literal["skipped", "here"]  # "here": check it in this process


class _Reply:
    """A request's answer, once the worker's reply (or a newer one, or its end) has come."""

    def __init__(self) -> None:
        self.outcome: Outcome = "here"
        self._done = threading.Event()

    def give(self, outcome: Outcome) -> None:
        self.outcome = outcome
        self._done.set()

    def wait(self) -> Outcome:
        self._done.wait()
        return self.outcome


# The worker: Python running ``serve`` on the same modules (the path is sent first), with
# nothing from the current folder (-P) and Ctrl+C left to the app (it ends with its input).
_WORKER = (
    "import pickle, signal, sys; signal.signal(signal.SIGINT, signal.SIG_IGN); "
    "sys.path[:] = pickle.load(sys.stdin.buffer); "
    "from session_player.tui.checking import serve; serve()"
)


class CheckerProcess:
    """One worker process checking an editor's text: started at the first ``check``, ended by
    ``close``. ``check`` is called from worker threads, any number at once."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._process: subprocess.Popen[bytes] | None = None
        self._reader: threading.Thread | None = None
        self._waiting: dict[int, _Reply] = {}
        self._sent = 0
        self._failed = False  # it couldn't start, or stopped: checks are made here
        self._closed = False

    @property
    def pid(self) -> int | None:
        """The worker's process id, once it has started."""
        return self._process.pid if self._process is not None else None

    def check(self, text: str, path: Path, settings: Settings) -> Checked | None:
        """``text`` checked in the worker (here, without one); None when a newer text was
        checked instead, or the checker was closed while this one waited."""
        reply = self._send(text, path, settings)
        outcome = reply.wait() if reply is not None else "here"
        if outcome == "skipped":
            return None
        if outcome == "here":
            return check_text(text, path, settings)
        return outcome

    def _send(self, text: str, path: Path, settings: Settings) -> _Reply | None:
        """Hand the text to the worker (starting it first); None: check it here."""
        with self._lock:
            if self._closed:
                reply = _Reply()
                reply.give("skipped")
                return reply
            if self._failed or (self._process is None and not self._start()):
                self._failed = True
                return None
            assert self._process is not None and self._process.stdin is not None
            self._sent += 1
            reply = self._waiting[self._sent] = _Reply()
            request: Request = (self._sent, text, path, settings)
            try:
                pickle.dump(request, self._process.stdin)
                self._process.stdin.flush()
            except (OSError, ValueError):  # it has gone: this and what follows is checked here
                self._failed = True
                del self._waiting[self._sent]
                return None
            return reply

    def _start(self) -> bool:
        try:
            process = subprocess.Popen(
                [sys.executable, "-P", "-c", _WORKER],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,  # the app draws on the terminal: never a word there
            )
        except (OSError, ValueError):
            return False
        assert process.stdin is not None and process.stdout is not None
        try:
            pickle.dump(sys.path, process.stdin)
        except OSError:
            process.kill()
            process.wait()
            return False
        self._process = process
        self._reader = threading.Thread(
            target=self._read, args=(process.stdout,), name="editor-check-replies", daemon=True
        )
        self._reader.start()
        return True

    def _read(self, replies: IO[bytes]) -> None:
        """In a thread: hand each reply to its request, and the older ones still waiting are
        skipped (the worker took a newer text instead). At the worker's end, whatever still
        waits is checked here."""
        with contextlib.suppress(EOFError, OSError, ValueError, pickle.UnpicklingError):
            while True:
                number, checked = pickle.load(replies)
                with self._lock:
                    for sent in sorted(n for n in self._waiting if n <= number):
                        outcome: Outcome = "skipped" if sent < number else checked or "here"
                        self._waiting.pop(sent).give(outcome)
        with self._lock:
            self._failed = True
            left, self._waiting = list(self._waiting.values()), {}
        for reply in left:
            reply.give("skipped" if self._closed else "here")

    def close(self) -> None:
        """End the worker now (a check it was making is of no use any more); whatever waits
        is skipped. Checks asked after this are skipped too."""
        with self._lock:
            self._closed = True
            process, reader = self._process, self._reader
            left, self._waiting = list(self._waiting.values()), {}
        for reply in left:
            reply.give("skipped")
        if process is None:
            return
        assert process.stdin is not None and process.stdout is not None
        with contextlib.suppress(OSError):
            process.stdin.close()
        process.kill()
        process.wait()
        if reader is not None:
            reader.join()
        process.stdout.close()


def serve() -> None:
    """The worker's loop: check the newest text sent, reply with its number and the result
    (None where the check itself failed: the app checks it again, and shows what happens), and
    end when the input does. Its output carries only replies (a print goes to the error stream)."""
    channel = sys.stdout.buffer
    sys.stdout = sys.stderr
    requests: queue.SimpleQueue[Request | None] = queue.SimpleQueue()
    # Its input is read as it comes, so a newer text is there to be seen while one is checked.
    threading.Thread(target=_read_requests, args=(requests,), daemon=True).start()
    while (request := _newest(requests)) is not None:
        number, text, path, settings = request
        try:
            checked: Checked | None = check_text(text, path, settings)
        except Exception:  # a fault in the checker: the app meets it as it would have
            checked = None
        pickle.dump((number, checked), channel)
        channel.flush()


def _newest(requests: queue.SimpleQueue[Request | None]) -> Request | None:
    """The newest request waiting (the ones before it are skipped); None at the input's end."""
    request = requests.get()
    while request is not None:
        try:
            newer = requests.get_nowait()
        except queue.Empty:
            return request
        request = newer
    return None


def _read_requests(requests: queue.SimpleQueue[Request | None]) -> None:
    with contextlib.suppress(EOFError, OSError, pickle.UnpicklingError):
        while True:
            requests.put(pickle.load(sys.stdin.buffer))
    requests.put(None)  # the input ended (the app closed it, or is gone): the worker ends
