"""Guards for tests of hostile input: a call that must never block on a FIFO, and the CLI in a
child process held to a memory limit (the worst inputs once took gigabytes)."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from collections.abc import Callable
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
