"""After a read-only spell the log takes sessions again by itself, and folds in those that waited.

Seen: a log file set to 0444 while it was read left its ``-shm`` 0444 too (SQLite makes its side
files with the log file's mode), so once the file was writable again every session still waited
in ``unsaved/``. The permission bits are real here: the commands run as an unprivileged user
(``setpriv`` to ``nobody`` when the tests run as root, who ignores permission bits; as themselves
otherwise), in a folder that user owns.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

Run = Callable[..., subprocess.CompletedProcess[str]]
NOBODY = ("--reuid=nobody", "--regid=nogroup", "--clear-groups")


@pytest.fixture
def place() -> Iterator[Path]:
    """A home folder the unprivileged user owns, in the system's temporary folder (a test's
    own ``tmp_path`` is private to root)."""
    folder = Path(tempfile.mkdtemp(prefix="session-player-spell-"))
    try:
        if os.geteuid() == 0:
            if shutil.which("setpriv") is None:
                pytest.skip("running as root needs setpriv to drop to nobody, and it is missing")
            shutil.chown(folder, "nobody", "nogroup")
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def run(place: Path) -> Run:
    """``session-player ARGS`` as the unprivileged user, its home in ``place``."""
    drop = ["setpriv", *NOBODY] if os.geteuid() == 0 else []
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(place),
        "SESSION_PLAYER_HOME": str(place / "home"),
        "LANG": "C.UTF-8",
    }

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        command = [*drop, sys.executable, "-m", "session_player", *args]
        return subprocess.run(
            command, env=env, stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=300
        )

    return run


def _sit(run: Run) -> subprocess.CompletedProcess[str]:
    """A one-second timer with no sound: a session the log is asked to keep."""
    done = run(
        "timer", "1s", "--plain", "--no-sound", "--start-chime", "none", "--end-chime", "none"
    )
    assert done.returncode == 0, done.stderr
    return done


def test_a_log_writable_again_takes_sessions_and_folds_in_those_that_waited(
    place: Path, run: Run
) -> None:
    assert run("log", "add", "20m").returncode == 0
    data = place / "home" / "data"
    log, shm = data / "log.sqlite3", data / "log.sqlite3-shm"

    log.chmod(0o444)  # the read-only spell
    assert "kept in" in _sit(run).stderr
    (waiting,) = (data / "unsaved").iterdir()
    assert shm.exists() and shm.stat().st_mode & 0o777 == 0o444  # left by the spell

    log.chmod(0o644)  # over: nothing else is done by hand
    added = run("log", "add", "5m")
    assert added.returncode == 0, added.stderr
    assert added.stderr == (
        f"1 session that couldn't be written to your log last time (kept in {waiting.parent}) "
        "is now in it.\n"
    )
    assert not waiting.exists()
    assert _sit(run).stderr == ""  # the next session goes straight into the log
    listed = run("log").stdout
    assert listed.count("Silent timer") == 2 and listed.count("Silent sitting") == 2
