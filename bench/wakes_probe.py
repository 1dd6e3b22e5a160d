"""What wakes a running session, counted from inside it (run by ``bench_wakes`` in place of
``python -m session_player``): ``python bench/wakes_probe.py OUT ARGS...``.

Every asyncio callback is counted by name (a task's step by its coroutine) with the thread CPU
it took, every Textual message by receiver and kind, the driver's writes, and each thread's CPU
and voluntary context switches (its wakes) from ``/proc``. SIGUSR1 starts the window, SIGUSR2
ends it and writes the counts, a minute's worth, to OUT as JSON. A measuring tool only: it
wraps private parts of asyncio and Textual, and the app's driver.
"""

from __future__ import annotations

import asyncio
import collections
import json
import os
import runpy
import signal
import sys
import threading
import time
from pathlib import Path
from typing import Any

OUT = sys.argv[1]
counts: collections.Counter[str] = collections.Counter()
costs: collections.Counter[str] = collections.Counter()
messages: collections.Counter[str] = collections.Counter()
window: dict[str, Any] = {"on": False, "writes": 0, "characters": 0}


def _name(handle: asyncio.Handle) -> str:
    callback = handle._callback  # type: ignore[attr-defined]
    owner = getattr(callback, "__self__", None)
    if hasattr(owner, "get_coro"):  # a task's step: name its coroutine
        coroutine = owner.get_coro()
        return "task " + getattr(coroutine, "__qualname__", repr(coroutine))
    return getattr(callback, "__qualname__", None) or repr(callback).split(" at 0x")[0]


_run = asyncio.events.Handle._run


def _counted_run(self: asyncio.Handle) -> None:
    if not window["on"]:
        return _run(self)
    started = time.thread_time()
    try:
        return _run(self)
    finally:
        name = _name(self)
        counts[name] += 1
        costs[name] += time.thread_time() - started


asyncio.events.Handle._run = _counted_run  # type: ignore[method-assign]
asyncio.Task = asyncio.tasks.Task = asyncio.tasks._PyTask  # type: ignore[attr-defined, misc]

from textual.drivers._writer_thread import WriterThread  # noqa: E402
from textual.message_pump import MessagePump  # noqa: E402

_dispatch = MessagePump._dispatch_message
_write = WriterThread.write


async def _counted_dispatch(self: MessagePump, message: Any) -> Any:
    if window["on"]:
        messages[f"{type(self).__name__} <- {type(message).__name__}"] += 1
    return await _dispatch(self, message)


def _counted_write(self: WriterThread, text: str) -> None:
    if window["on"]:
        window["writes"] += 1
        window["characters"] += len(text)
    _write(self, text)


MessagePump._dispatch_message = _counted_dispatch  # type: ignore[method-assign]
WriterThread.write = _counted_write  # type: ignore[method-assign]

# The app's driver writes its frames itself (``tui/driver.py``), not through the writer thread.
from session_player.tui import driver as _driver  # noqa: E402

_quiet_driver = _driver.quiet_driver


def _counted_driver() -> Any:
    base = _quiet_driver()
    if base is None:
        return None

    class Counted(base):  # type: ignore[misc, valid-type]
        def write(self, data: str) -> None:
            if window["on"] and getattr(self, "_terminal", None) is not None:
                window["writes"] += 1
                window["characters"] += len(data)
            super().write(data)

    return Counted


_driver.quiet_driver = _counted_driver  # type: ignore[assignment]


def _threads() -> dict[str, tuple[int, int]]:
    """Each thread's CPU (ns) and voluntary context switches, by its Python name."""
    names = {thread.native_id: thread.name for thread in threading.enumerate()}
    found = {}
    for task in Path(f"/proc/{os.getpid()}/task").iterdir():
        try:
            cpu = int((task / "schedstat").read_text().split()[0])
            status = (task / "status").read_text()
        except OSError:  # it has just ended
            continue
        wakes = int(status.split("voluntary_ctxt_switches:")[1].split()[0])
        found[names.get(int(task.name), task.name)] = (cpu, wakes)
    return found


def _start(*_: object) -> None:
    counts.clear(), costs.clear(), messages.clear()
    window.update(on=True, writes=0, characters=0, at=time.monotonic(), threads=_threads(),
                  cpu=time.process_time())  # fmt: skip


def _stop(*_: object) -> None:
    window["on"] = False
    minute = 60 / (time.monotonic() - window["at"])
    threads = {}
    for name, (cpu, wakes) in _threads().items():
        cpu0, wakes0 = window["threads"].get(name, (0, 0))
        threads[str(name)] = {
            "cpu": (cpu - cpu0) / 1e9 * minute,
            "wakes": (wakes - wakes0) * minute,
        }
    document = {
        "cpu": (time.process_time() - window["cpu"]) * minute,
        "threads": threads,
        "callbacks": {
            name: {"count": n * minute, "ms": costs[name] / n * 1000}
            for name, n in counts.most_common()
        },
        "messages": {name: n * minute for name, n in messages.most_common()},
        "writes": window["writes"] * minute,
        "characters": window["characters"] / max(1, window["writes"]),
    }
    with open(OUT, "w") as out:
        json.dump(document, out)


signal.signal(signal.SIGUSR1, _start)
signal.signal(signal.SIGUSR2, _stop)
sys.argv = ["session-player", *sys.argv[2:]]
runpy.run_module("session_player", run_name="__main__", alter_sys=True)
