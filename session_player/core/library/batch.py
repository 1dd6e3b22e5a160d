"""Checking many scripts for the library's cards, on every core when there are many.

A cold listing of thousands of scripts is all checking, and checking one script is pure
Python (tomllib's parse is about half of it): one process does one script at a time whatever
the machine has. With many scripts to check, some are checked in worker processes while this
one checks others: the scripts are cut into runs of ``RUN`` in the folder's order, the workers
take runs from the front and this process takes them from the back until the two meet, and
every result is put back in its script's place. Each script is checked by the same function
either way, so the cards and their errors are those a check in this process would give, in the
same order. Anything that stops a worker (no way to start a process, one killed) leaves its
run to be checked here, as if there had been no worker at all.

A worker is a new Python process running ``serve`` (never a fork of an app that may be running
threads, never the app's main module again); runs and results go through its pipes as pickles,
between two processes of the same program.
"""

from __future__ import annotations

import contextlib
import gc
import os
import pickle
import queue
import sys
import threading
from collections import deque
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from ..bundled import bundled_sounds
from .card import Card

if TYPE_CHECKING:
    from .scripts import Source

Job = tuple[Path, "Source"]
Checked = tuple[Card, list[Path]]  # a card, and every sound file its check looked at

RUN = 40  # scripts handed to a process at a time: small enough to share the end out evenly
PER_PROCESS = 150  # scripts worth starting a process for (starting one costs what 100 do)
MAX_WORKERS = 8


def check_card(path: Path, source: Source, sounds: Mapping[str, Path]) -> Checked:
    """Check the script at ``path``: its card, and every sound file the check looked at.

    Only what the card shows is worked out: the planned length, not the timeline's cues.
    """
    from ..script.loader import load_script  # the loader and checker load only when needed

    looked_at: set[Path] = set()
    plan: list[tuple[float, bool]] = []
    result = load_script(path, sounds=sounds, looked_at=looked_at, plan=plan)
    if isinstance(result, list):
        return Card(path.stem, path, source, errors=tuple(result)), sorted(looked_at)
    (length, estimated) = plan[0]
    card = Card(
        path.stem,
        path,
        source,
        title=result.title,
        practice=result.practice,
        summary=result.summary,
        length=length,
        estimated=estimated,
    )
    return card, sorted(looked_at)


def check_all(jobs: Sequence[Job], *, workers: int | None = None) -> list[Checked]:
    """Each job's card, in the order of ``jobs``.

    ``workers`` is how many processes may help this one (None: one for each other core, as
    many as there are scripts enough for); 0 checks every script here.
    """
    sounds = bundled_sounds()  # once for them all, not once a script
    if workers is None:
        workers = min(_cores() - 1, len(jobs) // PER_PROCESS - 1, MAX_WORKERS)
    runs = [jobs[at : at + RUN] for at in range(0, len(jobs), RUN)]
    if workers < 1 or len(runs) < 2:
        return _check_run(jobs, sounds)
    results: list[list[Checked] | None] = [None] * len(runs)
    share = _Share(len(runs))
    helpers = [
        threading.Thread(target=_helper, args=(share, runs, results, sounds), daemon=True)
        for _ in range(workers)
    ]
    for helper in helpers:
        helper.start()
    try:
        while (index := share.back()) is not None:
            results[index] = _check_run(runs[index], sounds)
    finally:
        share.close()
    for helper in helpers:
        helper.join()
    # Whatever the workers didn't bring back (one failed to start, or was killed) is checked
    # here; a script whose check raises raises here too, as it would have anyway.
    return [
        checked
        for run, found in zip(runs, results, strict=True)
        for checked in (found if found is not None else _check_run(run, sounds))
    ]


def _cores() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # not on Linux
        return os.cpu_count() or 1


class _Share:
    """The runs still to check: workers take them from the front, this process from the back."""

    def __init__(self, count: int) -> None:
        self._lock = threading.Lock()
        self._front, self._end = 0, count
        self.closed = False

    def front(self) -> int | None:
        with self._lock:
            if self.closed or self._front >= self._end:
                return None
            self._front += 1
            return self._front - 1

    def back(self) -> int | None:
        with self._lock:
            if self._front >= self._end:
                return None
            self._end -= 1
            return self._end

    def close(self) -> None:
        """No more runs for the workers (this process is leaving, or failed)."""
        with self._lock:
            self.closed = True


# A worker is Python running ``serve`` on the same modules (the path is sent first), never
# forked from the app (which may be running threads) and never running the app's main module.
_WORKER = (
    "import pickle, signal, sys; signal.signal(signal.SIGINT, signal.SIG_IGN); "
    "sys.path[:] = pickle.load(sys.stdin.buffer); "
    "from session_player.core.library.batch import serve; serve()"
)


def _helper(
    share: _Share,
    runs: Sequence[Sequence[Job]],
    results: list[list[Checked] | None],
    sounds: Mapping[str, Path],
) -> None:
    """In a thread of this process: start a worker and hand it runs until none are left.

    A worker that can't start or fails stops taking runs; the run it had is left unchecked,
    for this process to check at the end.
    """
    import subprocess  # only when there are many to check

    try:
        worker = subprocess.Popen(
            [sys.executable, "-P", "-c", _WORKER],  # -P: nothing from the current folder
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,  # it may be drawing on the terminal: never a word there
        )
    except (OSError, ValueError):
        return
    assert worker.stdin is not None and worker.stdout is not None
    sent: deque[int] = deque()  # the runs it has, in order: the next waits while it checks one

    def send() -> None:
        assert worker.stdin is not None
        index = share.front()
        if index is not None:
            pickle.dump(runs[index], worker.stdin)
            worker.stdin.flush()
            sent.append(index)

    try:
        pickle.dump(sys.path, worker.stdin)
        pickle.dump(dict(sounds), worker.stdin)
        send()
        send()
        while sent:
            results[sent[0]] = pickle.load(worker.stdout)
            sent.popleft()
            send()
    except Exception:  # whatever it was, this process checks the runs it had itself
        pass
    finally:
        with contextlib.suppress(OSError):
            worker.stdin.close()  # the worker ends when its input does
        worker.stdout.close()
        worker.wait()


def serve() -> None:
    """A worker's loop: read the bundled sounds, then check each run read, until the input
    ends. Its output carries only the results (anything printed goes to the error stream)."""
    gc.disable()  # like its parent: thousands of records made and kept, nothing to collect
    channel = sys.stdout.buffer
    sys.stdout = sys.stderr
    sounds = pickle.load(sys.stdin.buffer)
    runs: queue.SimpleQueue[Sequence[Job] | None] = queue.SimpleQueue()
    # Its input is read as it comes, so the parent's writing never waits on this one's.
    threading.Thread(target=_read_runs, args=(runs,), daemon=True).start()
    while (run := runs.get()) is not None:
        pickle.dump(_check_run(run, sounds), channel)
        channel.flush()


def _read_runs(runs: queue.SimpleQueue[Sequence[Job] | None]) -> None:
    with contextlib.suppress(EOFError, OSError, pickle.UnpicklingError):
        while True:
            runs.put(pickle.load(sys.stdin.buffer))
    runs.put(None)  # the input ended (or can't be read): the worker ends


def _check_run(run: Sequence[Job], sounds: Mapping[str, Path]) -> list[Checked]:
    return [check_card(path, source, sounds) for path, source in run]
