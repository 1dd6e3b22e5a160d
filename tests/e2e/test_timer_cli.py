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
    assert not list(tmp_path.rglob("timers.toml"))  # nor kept as the last timer


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


def test_a_preset_saved_in_a_preview_plays_by_name_and_no_last_choice_is_kept(
    tmp_path: Path,
) -> None:
    first = timer(
        tmp_path, "2s", "--bell-every", "1s", "--bell", "bowl", "--save", "Morning  sit",
        "--plain", "--no-sound", "--speed", "20",
    )  # fmt: skip
    assert first.returncode == 0, first.stderr
    assert "Saved the preset 'Morning sit'" in first.stderr
    again = timer(tmp_path, "Morning sit", "--plain", "--no-sound", "--speed", "20")
    assert again.returncode == 0, again.stderr
    assert again.stdout.count("(bowl)") == 1
    kept = tomllib.loads((tmp_path / "config" / "timers.toml").read_text())
    assert kept["presets"]["Morning sit"]["bell"] == "bowl"  # asked for by name: kept
    assert "last" not in kept  # but a preview is not the last timer sat


def test_choices_that_cannot_be_a_timer_are_one_line_and_exit_2(tmp_path: Path) -> None:
    for args, message in (
        (("5m", "--bell", "gong", "--bell-every", "1m"), "no interval bell called 'gong'"),
        (("5m", "--bell-every", "5m"), "so no bell would ring"),
        # Once 76.6 s, 3.8 GB and a MemoryError: 86 million bells planned.
        (("24h", "--bell-every", "1ms", "--speed", "1000"), "bell must be at least 1 second"),
        (("soon",), "'soon': \"soon\" is not a duration"),
    ):
        done = timer(tmp_path, *args, "--plain")
        assert done.returncode == 2
        assert message in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "data" / "log.sqlite3").exists()


def test_a_run_never_deletes_presets_it_could_not_read(tmp_path: Path) -> None:
    # Seen: every run rewrote timers.toml from what it could read; one typo lost them all.
    config = tmp_path / "config"
    config.mkdir()
    text = (
        '[presets."Morning sit"]\nlength = 1200\n\n'
        '[presets."Evening"]\nlenght = 600\n\n'
        '[presets."Tiny bells"]\nlength = 86400\nbell_every = 0.0001\n'
    )
    (config / "timers.toml").write_text(text, encoding="utf-8")
    # Saved by name, so the file is written (a preview alone writes nothing to it).
    done = timer(tmp_path, "2s", "--save", "Quick", "--plain", "--no-sound", "--speed", "20")
    assert done.returncode == 0, done.stderr
    assert "note: Timer presets: 'Evening' 'lenght' is not a timer setting" in done.stderr
    assert "'Tiny bells' the interval bell must be at least 1 second" in done.stderr
    kept = tomllib.loads((config / "timers.toml").read_text(encoding="utf-8"))
    assert kept["presets"] == {
        "Morning sit": {"length": 1200},
        "Evening": {"lenght": 600},
        "Tiny bells": {"length": 86400, "bell_every": 0.0001},
        "Quick": kept["presets"]["Quick"],
    }
    assert kept["presets"]["Quick"]["length"] == 2.0
