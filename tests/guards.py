"""Guards for tests of hostile input: a call that must never block on a FIFO, the CLI in a
child process held to a memory limit (the worst inputs once took gigabytes), and a limit on this
process's own memory while it reads a hostile file (the corpus, case by case)."""

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


@contextmanager
def memory_capped(gib: float = 1) -> Iterator[None]:
    """Hold this process to ``gib`` GiB of address space more than it has now, for as long as
    the block runs: a hostile file that once more took gigabytes to read fails its test with a
    MemoryError instead of swapping the machine. Cheaper than a child a case (the corpus has
    hundreds), and lifted again after. Where /proc isn't there (not Linux), nothing is held."""
    import resource

    now = _address_space()
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if now is None:
        yield
        return
    limit = now + int(gib * (1 << 30))
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))
