"""A bare number is minutes where a person types a sit's length: ``timer 20``, ``log add 20``."""

from __future__ import annotations

import sqlite3

import pytest

from session_player.cli.main import main
from session_player.core.script.durations import parse_sit_length
from session_player.home.paths import log_place


def test_a_bare_number_is_minutes_and_a_unit_is_kept() -> None:
    assert parse_sit_length("20") == 1200.0
    assert parse_sit_length(" 1.5 ") == 90.0
    assert parse_sit_length("90s") == 90.0 and parse_sit_length("1h") == 3600.0


def test_log_add_20_adds_twenty_minutes_and_says_so(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["log", "add", "20", "--practice", "silent"]) == 0
    out = capsys.readouterr().out
    assert ", 20 min, at " in out
    with sqlite3.connect(log_place().path) as conn:
        [(practised,)] = conn.execute("select practised_seconds from sessions").fetchall()
    assert practised == 1200.0


def test_timer_1_is_a_one_minute_sit(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["timer", "1", "--plain", "--no-sound", "--speed", "600"]) == 0
    out = capsys.readouterr().out
    assert "Silent timer (1m)" in out and "You practised 1m." in out
