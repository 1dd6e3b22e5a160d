"""Odd environments a person can land in: each gets a clear message or just works."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

ASK = """title = "Ask"
practice = "custom"
[[step]]
ask = "What would you like to call your image?"
into = "image"
[[step]]
say = "Hello, {image}."
"""


def run(
    home: Path, *args: str, shell: str | None = None, stdin: bytes = b""
) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "SESSION_PLAYER_HOME": str(home)}
    command = [sys.executable, "-m", "session_player", *args]
    if shell is not None:  # for redirections a list can't express
        command = ["sh", "-c", " ".join(f"'{c}'" for c in command) + shell]
    return subprocess.run(command, input=stdin, capture_output=True, env=env, timeout=60)


def test_plain_mode_with_stdin_closed_skips_questions(tmp_path: Path) -> None:
    script = tmp_path / "ask.toml"
    script.write_text(ASK)
    done = run(tmp_path, "play", str(script), "--plain", "--no-sound", shell=" <&-")
    assert done.returncode == 0, done.stderr
    assert b"Hello, your image." in done.stdout
    assert b"Traceback" not in done.stderr


def test_answers_that_are_not_utf8_are_kept_as_well_as_they_can_be(tmp_path: Path) -> None:
    script = tmp_path / "ask.toml"
    script.write_text(ASK)
    done = run(tmp_path, "play", str(script), "--plain", "--no-sound", stdin=b"Sol\xff\n")
    assert done.returncode == 0, done.stderr
    assert "Hello, Sol\ufffd.".encode() in done.stdout
    with sqlite3.connect(tmp_path / "data" / "log.sqlite3") as conn:
        [(outcome,)] = conn.execute("select outcome from sessions").fetchall()
        [(text,)] = conn.execute("select text from entries").fetchall()
    assert (outcome, text) == ("completed", "Sol\ufffd")


def test_a_settings_file_that_is_not_utf8_is_a_note_not_a_traceback(tmp_path: Path) -> None:
    (tmp_path / "config").mkdir()
    (tmp_path / "config" / "settings.toml").write_bytes(b'theme = "\xff"\n')
    script = tmp_path / "ask.toml"
    script.write_text(ASK)
    done = run(tmp_path, "play", str(script), "--plain", "--no-sound")
    assert done.returncode == 0, done.stderr
    assert b"note:" in done.stderr and b"Traceback" not in done.stderr


def test_new_says_clearly_when_the_data_folder_cannot_be_made(tmp_path: Path) -> None:
    home = tmp_path / "a-file"
    home.write_text("not a folder")
    done = run(home, "new", "mine")
    assert done.returncode == 2  # the cause named: the home is a file, before anything is tried
    assert b"which is a file, not a folder" in done.stderr and b"Traceback" not in done.stderr


def test_the_tui_with_stdin_closed_is_a_message(tmp_path: Path) -> None:
    script = tmp_path / "ask.toml"
    script.write_text(ASK)
    for args in ((), ("play", str(script))):
        done = run(tmp_path, *args, shell=" <&-")
        assert done.returncode == 1
        assert b"standard input is closed" in done.stderr, done.stderr
        assert b"Traceback" not in done.stderr


def test_the_tui_with_stderr_closed_is_a_message_not_a_spin(tmp_path: Path) -> None:
    done = run(tmp_path, shell=" 2>&-")
    assert done.returncode == 1
    assert b"standard error is closed" in done.stdout  # the only stream left


def test_commands_with_stdout_closed_say_so(tmp_path: Path) -> None:
    script = tmp_path / "ask.toml"
    script.write_text(ASK)
    for args in (("check", str(script)), ("export",), ("play", str(script), "--plain")):
        done = run(tmp_path, *args, shell=" >&-")
        assert done.returncode == 1
        assert b"standard output" in done.stderr and b"closed" in done.stderr, done.stderr
        assert b"Traceback" not in done.stderr


def test_settings_nested_deeply_are_a_note(tmp_path: Path) -> None:
    (tmp_path / "config").mkdir()
    (tmp_path / "config" / "settings.toml").write_text("x = " + "[" * 5000 + "]" * 5000 + "\n")
    script = tmp_path / "ask.toml"
    script.write_text(ASK)
    done = run(tmp_path, "play", str(script), "--plain", "--no-sound")
    assert done.returncode == 0, done.stderr
    assert b"settings.toml:1:69: values are nested 65 deep here" in done.stderr
    assert b"Traceback" not in done.stderr
