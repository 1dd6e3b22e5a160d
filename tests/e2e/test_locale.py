"""A locale that isn't UTF-8 (``LC_ALL=C`` with Python's own UTF-8 fallbacks off): every command
writes what it can and replaces the rest, never a traceback, never blaming the log."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

C_LOCALE = {"LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0"}
SCRIPT = """title = "Calm 🌿 café"
practice = "custom"
[[step]]
section = "Début ✨"
say = "Bienvenue — 🌿"
[[step]]
ask = "Ton nom ?"
into = "name"
[[step]]
say = "Bonjour {name} ✨"
"""
AT, END = "2024-05-01T05:30:00.000000Z", "2024-05-01T05:40:00.000000Z"  # ten minutes, as practised
SESSION = {
    "uuid": "3f2b8a9e-1c4d-4e5f-8a6b-7c8d9e0f1a2b", "script_name": "calm", "title": "Calm 🌿 café",
    "practice": "custom", "started_at": AT, "utc_offset": 0, "ended_at": END, "updated_at": END,
    "planned_seconds": 600.0, "practised_seconds": 600.0, "outcome": "completed", "pauses": 0,
    "skips": 0, "last_step": 2,
    "check_ins": [{"moment": "before", "label": "Détresse", "value": 5, "step_number": None,
                   "at": AT}],
    "entries": [{"step_number": 1, "prompt": "Ton nom ?", "text": "Zoë 🌿", "at": AT}],
}  # fmt: skip


def run(home: Path, *args: str, stdin: bytes = b"") -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "SESSION_PLAYER_HOME": str(home), **C_LOCALE}
    command = [sys.executable, "-m", "session_player", *args]
    return subprocess.run(command, input=stdin, capture_output=True, env=env, timeout=60)


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = tmp_path_factory.mktemp("c-locale")
    (home / "calm.toml").write_text(SCRIPT, encoding="utf-8")
    (home / "config").mkdir()
    (home / "config" / "settings.toml").write_text("checkins = false\nsound = false\n")
    document = {"format": "session-player-log", "version": 1, "sessions": [SESSION]}
    (home / "export.json").write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    done = run(home, "import", str(home / "export.json"))
    assert done.returncode == 0, done.stderr.decode()
    return home


def test_plain_play_with_typed_letters_the_locale_lacks(home: Path) -> None:
    done = run(home, "play", str(home / "calm.toml"), "--plain", "--speed", "100",
               stdin="Zoë 🌿\n".encode())  # fmt: skip
    assert done.returncode == 0, done.stderr.decode()
    assert b"Traceback" not in done.stderr
    assert b"Calm ? caf?" in done.stdout and b"Bonjour Zo? ? ?" in done.stdout
    assert b"LANG=C.UTF-8" in done.stderr  # and what to do about it


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("check", "--schedule", "{home}/calm.toml"), b"Calm ? caf?"),
        (("log",), b"Calm ? caf?"),
        (("log", "--csv"), b"Calm ? caf?"),
        (("stats",), b"1 session"),
        (("export", "--format", "csv"), b"D?tresse"),
    ],
)
def test_commands_replace_what_the_locale_lacks(
    home: Path, args: tuple[str, ...], expected: bytes
) -> None:
    done = run(home, *(a.format(home=home) for a in args))
    assert done.returncode == 0, done.stderr.decode()
    assert done.stderr == b"" and expected in done.stdout


@pytest.mark.parametrize("kind", ["json", "health"])
def test_json_stays_exact_in_an_ascii_locale(home: Path, kind: str) -> None:
    done = run(home, "export", "--format", kind)
    assert done.returncode == 0, done.stderr.decode()
    assert done.stdout.isascii()
    assert "Calm 🌿 café" in json.dumps(json.loads(done.stdout), ensure_ascii=False)
