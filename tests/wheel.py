"""The package's wheel, built once for the whole test run and shared by every test process."""

from __future__ import annotations

import fcntl
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def built_wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build the wheel as pip builds it, once: pytest-xdist's processes share the run's folder."""
    base = tmp_path_factory.getbasetemp()
    # Under pytest-xdist each process has its own folder inside the run's: share the run's.
    shared = (base.parent if "PYTEST_XDIST_WORKER" in os.environ else base) / "wheel"
    shared.mkdir(exist_ok=True)
    with open(shared / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        found = sorted(shared.glob("session_player-*.whl"))
        if not found:
            # pip reads its own configuration (where it finds hatchling with the network cut)
            # from the real XDG_CONFIG_HOME, which conftest points into the test's home.
            env = {k: v for k, v in os.environ.items() if k != "XDG_CONFIG_HOME"}
            # With the network cut (make test), pip retried the index it cannot reach for 45 s
            # before building from what it finds locally; once is enough to know.
            env["PIP_RETRIES"] = "0"
            subprocess.run(
                [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(shared), ROOT],
                check=True,
                capture_output=True,
                env=env,
            )
            found = sorted(shared.glob("session_player-*.whl"))
    [wheel] = found
    return wheel
