"""Text from a script, a file name or the log never drives the terminal, whatever prints it.

Every command is fed the same hostile strings (a window title, a clipboard write, a screen
clear, a C1 CSI, a bell, NUL...) and the bytes it writes are checked: no control character
but newline and tab comes out, and the hostile text is there, shown visibly.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

HOSTILE = (
    "\x1b]0;PWNED-TITLE\x07"  # OSC 0: the window title
    "\x1b]52;c;UFdORUQ=\x07"  # OSC 52: a clipboard write
    "\x1b[2J"  # CSI 2J: clear the screen
    "\u009b31m"  # C1 CSI
    "\x00\x08\r\x7f\u0085"  # NUL, backspace, carriage return, DEL, C1 NEL
)
SHOWN = r"\x1b]0;PWNED-TITLE\x07\x1b]52;c;UFdORUQ=\x07\x1b[2J\x9b31m\x00\x08\x0d\x7f\x85"
# Any C0 control but tab and newline, DEL, or a C1 control (UTF-8 encoded).
CONTROL = re.compile(rb"[\x00-\x08\x0b-\x1f\x7f]|\xc2[\x80-\x9f]")


def toml_text(text: str) -> str:
    """``text`` as a TOML basic string (JSON's escapes are TOML's, for these characters)."""
    return json.dumps(text)


GOOD = f"""title = {toml_text(HOSTILE)}
practice = "custom"
summary = {toml_text(HOSTILE)}

[[step]]
section = {toml_text(HOSTILE)}
say = {toml_text(HOSTILE)}

[[step]]
ask = {toml_text(HOSTILE)}
into = "name"

[[step]]
touch = "hand-on-heart"
say = {toml_text(HOSTILE)}
"""

# Each line is wrong in a way check's messages echo: a key, a duration, a sound, a variable.
BAD = f"""title = "Bad"
practice = "custom"
{toml_text(HOSTILE)} = 1

[[step]]
silence = {toml_text(HOSTILE)}

[[step]]
chime = {toml_text(HOSTILE)}

[[step]]
say = {toml_text("Hello, {" + HOSTILE + "}.")}

[[step]]
say = "Hello, {{name}}."
"""


UUID = "3f2b8a9e-1c4d-4e5f-8a6b-7c8d9e0f1a2b"


def export_document() -> dict[str, object]:
    at = "2024-05-01T05:30:00.000000Z"
    return {
        "format": "session-player-log",
        "version": 1,
        "sessions": [
            {
                "uuid": UUID,
                "script_name": HOSTILE.replace("\x00", ""),
                "title": HOSTILE,
                "practice": "custom",
                "started_at": at,
                "utc_offset": 0,
                "ended_at": "2024-05-01T05:40:00.000000Z",
                "updated_at": "2024-05-01T05:40:00.000000Z",
                "planned_seconds": 600.0,
                "practised_seconds": 600.0,
                "outcome": "completed",
                "pauses": 0,
                "skips": 0,
                "last_step": 2,
                "check_ins": [
                    {"moment": "before", "label": HOSTILE, "value": 5, "step_number": None,
                     "at": at}
                ],
                "entries": [{"step_number": 1, "prompt": HOSTILE, "text": HOSTILE, "at": at}],
            }
        ],
    }  # fmt: skip


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = tmp_path_factory.mktemp("hostile")
    scripts = home / "data" / "scripts"
    scripts.mkdir(parents=True)
    (scripts / "good.toml").write_text(GOOD)
    (scripts / f"name{HOSTILE.replace(chr(0), '')}.toml").write_text(GOOD)  # a file name
    (home / "bad.toml").write_text(BAD)
    (home / "export.json").write_text(json.dumps(export_document()))
    (home / "config").mkdir()
    (home / "config" / "settings.toml").write_text("checkins = false\nsound = false\n")
    assert run(home, "import", str(home / "export.json")).returncode == 0
    return home


def run(home: Path, *args: str, stdin: bytes = b"") -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "SESSION_PLAYER_HOME": str(home)}
    command = [sys.executable, "-m", "session_player", *args]
    return subprocess.run(command, input=stdin, capture_output=True, env=env, timeout=60)


COMMANDS = {
    "check": ("check", "{home}/data/scripts/good.toml"),
    "check --schedule": ("check", "--schedule", "{home}/data/scripts/good.toml"),
    "check's errors": ("check", "{home}/bad.toml"),
    "list": ("list",),
    "play --plain": ("play", "{home}/data/scripts/good.toml", "--plain", "--speed", "1000"),
    "log": ("log",),
    "log --csv": ("log", "--csv"),
    "log --json": ("log", "--json"),
    "export csv": ("export", "--format", "csv"),
    "export json": ("export", "--format", "json"),
    "export health": ("export", "--format", "health"),
    "stats": ("stats",),
    "stats --json": ("stats", "--json"),
    "a usage error": ("play", HOSTILE.replace("\x00", "")),
}


def texts(value: object) -> list[str]:
    """Every string in a JSON document."""
    if isinstance(value, dict):
        return [t for v in value.values() for t in texts(v)]
    if isinstance(value, list):
        return [t for v in value for t in texts(v)]
    return [value] if isinstance(value, str) else []


@pytest.mark.parametrize("name", COMMANDS)
def test_no_control_character_reaches_the_terminal(home: Path, name: str) -> None:
    args = [a.format(home=home) for a in COMMANDS[name]]
    done = run(home, *args, stdin=HOSTILE.replace("\x00", "").encode() + b"\n")
    assert b"Traceback" not in done.stderr, done.stderr.decode()
    for stream in (done.stdout, done.stderr):
        assert not CONTROL.findall(stream), stream.decode(errors="replace")
    both = (done.stdout + done.stderr).decode()
    if "json" in name or "health" in name:
        document = json.loads(done.stdout)  # escaped, not broken: the same text to a reader
        assert name in ("stats --json", "export health") or HOSTILE in texts(document)
    elif name != "stats":
        assert "PWNED-TITLE" in both and r"\x1b]0;PWNED-TITLE\x07" in both


def test_check_shows_every_error_visibly(home: Path) -> None:
    done = run(home, "check", str(home / "bad.toml"))
    lines = done.stderr.decode().splitlines()
    assert any(SHOWN in line and "unknown key" in line for line in lines), lines
    assert sum(r"\x1b]0;PWNED-TITLE" in line for line in lines) >= 3, lines


def test_json_exports_escape_c1_and_read_back_the_same(home: Path) -> None:
    done = run(home, "export", "--format", "json")
    assert b"\\u009b31m" in done.stdout and b"\\u0085" in done.stdout
    [session] = [s for s in json.loads(done.stdout)["sessions"] if s["uuid"] == UUID]
    assert session["title"] == HOSTILE and session["entries"][0]["text"] == HOSTILE
