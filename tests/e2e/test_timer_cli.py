"""``session-player timer`` as a person runs it: a fixed sit, an open-ended one ended with
Ctrl+C, presets, previews, and choices that can't be a timer."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import tomllib
from pathlib import Path


def timer(home: Path, *args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SESSION_PLAYER_HOME": str(home)}
    return subprocess.run(
        [sys.executable, "-m", "session_player", "timer", *args],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        env=env,
        timeout=timeout,
    )


def logged(home: Path) -> list[tuple[str, str, float, float]]:
    with sqlite3.connect(home / "data" / "log.sqlite3") as conn:
        return conn.execute(
            "select title, outcome, practised_seconds, planned_seconds from sessions"
        ).fetchall()


def test_a_short_sit_in_real_time_is_logged_as_completed(tmp_path: Path) -> None:
    done = timer(tmp_path, "2s", "--plain", "--no-sound")
    assert done.returncode == 0, done.stderr
    assert "Silent timer (2s)" in done.stdout and "You practised 2s." in done.stdout
    [(title, outcome, practised, planned)] = logged(tmp_path)
    assert (title, outcome, round(practised), planned) == ("Silent timer", "completed", 2, 2.0)


def test_bells_at_speed_are_a_preview_and_keep_nothing(tmp_path: Path) -> None:
    done = timer(
        tmp_path, "20m", "--bell-every", "5m", "--delay", "30s", "--plain", "--no-sound",
        "--speed", "300",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Beginning in 30s. Let yourself settle.\n")
    assert done.stdout.count("(bell)") == 3  # at 5, 10 and 15 minutes
    assert "Preview: not kept in your log." in done.stdout
    assert not (tmp_path / "data" / "log.sqlite3").exists()


def test_an_open_ended_sit_ends_with_ctrl_c_as_completed_with_the_time_sat(
    tmp_path: Path,
) -> None:
    env = {**os.environ, "SESSION_PLAYER_HOME": str(tmp_path)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "session_player", "timer", "--plain", "--no-sound"],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert proc.stdout is not None
    for line in proc.stdout:
        if "for as long as you like" in line:
            break
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=20)
    assert proc.returncode == 0, err
    assert "Thank you for taking this time." in out  # its natural end, not "stopping early"
    [(title, outcome, practised, _planned)] = logged(tmp_path)
    assert (title, outcome) == ("Open-ended sit", "completed")
    assert practised > 0


def test_a_saved_preset_plays_by_name_and_the_last_choice_is_kept(tmp_path: Path) -> None:
    first = timer(
        tmp_path, "1s", "--bell-every", "0.5s", "--bell", "bowl", "--save", "Morning  sit",
        "--plain", "--no-sound", "--speed", "10",
    )  # fmt: skip
    assert first.returncode == 0, first.stderr
    assert "Saved the preset 'Morning sit'" in first.stderr
    again = timer(tmp_path, "Morning sit", "--plain", "--no-sound", "--speed", "10")
    assert again.returncode == 0, again.stderr
    assert again.stdout.count("(bowl)") == 1
    kept = tomllib.loads((tmp_path / "config" / "timers.toml").read_text())
    assert kept["presets"]["Morning sit"]["bell"] == "bowl"
    assert kept["last"]["length"] == 1.0


def test_choices_that_cannot_be_a_timer_are_one_line_and_exit_2(tmp_path: Path) -> None:
    for args, message in (
        (("5m", "--bell", "gong", "--bell-every", "1m"), "no interval bell called 'gong'"),
        (("5m", "--bell-every", "5m"), "would never ring"),
        (("soon",), "'soon': \"soon\" is not a duration"),
    ):
        done = timer(tmp_path, *args, "--plain")
        assert done.returncode == 2
        assert message in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "data" / "log.sqlite3").exists()
