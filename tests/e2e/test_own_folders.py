"""Nothing of ours creates files outside the data, config and cache folders (issue 27).

Seen elsewhere: a run with HOME pointed at an empty folder left ``.config/pulse/...`` in it,
from the sound libraries' own probing. Here every command that opens sound or speech runs with
HOME (and the XDG folders) pointed at an empty folder and SESSION_PLAYER_HOME beside it, with
sound and voice on and with them off; afterwards the empty folder is still empty. (Where ALSA
has no PulseAudio plugin, as on the machine these tests were written on, the case seen is not
reproduced: the test then guards against everything else writing into HOME.)
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


@pytest.mark.parametrize("sound", [True, False])
def test_a_session_and_a_sit_leave_nothing_outside_our_folders(tmp_path: Path, sound: bool) -> None:
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
    for args in (
        ("play", str(script), "--plain", "--speed", "10"),
        ("timer", "2s", "--plain", "--speed", "10"),
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
    assert sorted(str(p.relative_to(elsewhere)) for p in elsewhere.rglob("*")) == []
