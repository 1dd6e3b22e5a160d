"""Guards for tests of hostile input: a call that must never block on a FIFO, the CLI in a
child process held to a memory limit (the worst inputs once took gigabytes), and limits on this
process's own memory and processor time while it reads a hostile file (the corpus, case by case)."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

import pytest

T = TypeVar("T")
ROOT = Path(__file__).resolve().parent.parent


def never_blocks(call: Callable[[], T], fifo: Path) -> T:
    """``call()``'s result; fails (after freeing it) if it blocked on ``fifo``."""
    done = threading.Event()
    box: dict[str, T] = {}
    failure: list[BaseException] = []

    def target() -> None:
        try:
            box["value"] = call()
        except BaseException as error:
            failure.append(error)
        finally:
            done.set()

    threading.Thread(target=target, daemon=True).start()
    if not done.wait(30):  # never reached by code that doesn't block
        os.close(os.open(fifo, os.O_RDWR | os.O_NONBLOCK))  # lets a blocked reader go
        done.wait(30)
        pytest.fail(f"blocked on the FIFO {fifo}")
    if failure:
        raise failure[0]
    return box["value"]


def run_limited(args: list[str], home: Path, *, gib: int = 1) -> subprocess.CompletedProcess[str]:
    """``session-player ARGS`` in a child held to ``gib`` GiB of address space, with its home
    at ``home``: a runaway allocation ends in a MemoryError there, never on this machine."""
    limit = gib << 30
    code = (
        "import resource, sys\n"
        f"resource.setrlimit(resource.RLIMIT_AS, ({limit}, {limit}))\n"
        "from session_player.cli.main import main\n"
        f"sys.exit(main({args!r}))\n"
    )
    env = {**os.environ, "SESSION_PLAYER_HOME": str(home), "PYTHONPATH": str(ROOT)}
    # The timeout only frees the suite from a hang; nothing here is timed.
    return subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=600
    )


def _address_space() -> int | None:
    """This process's address space now, in bytes (Linux's /proc); None elsewhere."""
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return None
    return pages * os.sysconf("SC_PAGE_SIZE")


class CpuRunaway(Exception):
    """A hostile input kept the processor busy past its case's CPU-time limit."""


@contextmanager
def capped(gib: float = 1, cpu_seconds: int = 60) -> Iterator[None]:
    """Hold this process, for as long as the block runs, to ``gib`` GiB of address space more
    than it has now and ``cpu_seconds`` of processor time more than it has used: a hostile file
    that once more took gigabytes or minutes to read fails its test (MemoryError, CpuRunaway)
    instead of swapping or stalling the machine. A limit of processor time, not of the clock, so a
    busy machine never trips it; nothing is timed. Cheaper than a child a case (the corpus has
    hundreds), and lifted again after. Where /proc isn't there (not Linux), nothing is held."""
    import resource
    import signal

    now = _address_space()
    if now is None:
        yield
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    limit = now + int(gib * (1 << 30))
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    cpu_soft, cpu_hard = resource.getrlimit(resource.RLIMIT_CPU)
    used = resource.getrusage(resource.RUSAGE_SELF)
    cpu_limit = int(used.ru_utime + used.ru_stime) + 1 + cpu_seconds
    if cpu_hard != resource.RLIM_INFINITY:
        cpu_limit = min(cpu_limit, cpu_hard)

    def runaway(_signum: int, _frame: object) -> None:
        raise CpuRunaway(f"more than {cpu_seconds} s of processor time")

    before = signal.signal(signal.SIGXCPU, runaway)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu_limit, cpu_hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_CPU, (cpu_soft, cpu_hard))
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))
        signal.signal(signal.SIGXCPU, before)
