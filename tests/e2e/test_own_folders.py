"""Nothing of ours creates files outside the data, config and cache folders (issue 27).

Seen: a run with HOME pointed at an empty folder left ``.config/pulse/<machine id>-runtime`` in
it. espeak-ng 1.51 asks libpulse for a sound server as it starts, even to render to a file, and
libpulse makes its runtime folder to look in (``home/pulse.py``). Here every command that opens
sound or speech (``render`` with an espeak-ng voice among them, which is the case seen) runs
with HOME (and the XDG folders) pointed at an empty folder and SESSION_PLAYER_HOME beside it,
with sound and voice on and with them off, and with a runtime folder no sound server has used
or none; afterwards the empty folders are still empty.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = """title = "Short"
practice = "custom"

[[step]]
say = "Hello."
pause = "1s"
"""


@pytest.mark.parametrize(("sound", "runtime"), [(True, False), (False, False), (True, True)])
def test_a_session_and_a_sit_leave_nothing_outside_our_folders(
    tmp_path: Path, sound: bool, runtime: bool
) -> None:
    ours, elsewhere = tmp_path / "ours", tmp_path / "elsewhere"
    elsewhere.mkdir()
    (ours / "config").mkdir(parents=True)
    on = "true" if sound else "false"
    (ours / "config" / "settings.toml").write_text(
        f"checkins = false\nsound = {on}\nvoice = {on}\n", encoding="utf-8"
    )
    script = tmp_path / "short.toml"
    script.write_text(SCRIPT, encoding="utf-8")
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("XDG_", "PULSE_", "ALSA_"))
    }
    env |= {"HOME": str(elsewhere), "SESSION_PLAYER_HOME": str(ours)}
    env |= {f"XDG_{kind}_HOME": str(elsewhere / kind.lower()) for kind in ("CONFIG", "DATA")}
    env["XDG_CACHE_HOME"] = str(elsewhere / "cache")
    if runtime:  # a login's runtime folder, where no sound server has been
        env["XDG_RUNTIME_DIR"] = str(elsewhere / "run")
        (elsewhere / "run").mkdir(mode=0o700)
    for args in (
        ("play", str(script), "--plain", "--speed", "10"),
        ("timer", "2s", "--plain", "--speed", "10"),
        ("render", str(script), "-o", str(ours / "short.wav"), "--voice", "gmw/en-us"),
        ("list",),
        ("log",),
    ):
        done = subprocess.run(
            [sys.executable, "-m", "session_player", *args],
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            env=env,
            timeout=120,
        )
        assert done.returncode == 0, done.stderr
    left = sorted(str(p.relative_to(elsewhere)) for p in elsewhere.rglob("*"))
    assert left == (["run"] if runtime else [])
