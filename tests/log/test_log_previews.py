"""Previews are not practice: a session played at ``--speed`` never reaches the log, and those
an older version logged are marked as previews, kept, and left out of stats and exports."""

from __future__ import annotations

import io
import json
import sqlite3
from datetime import timedelta
from pathlib import Path

import pytest

from session_player.conductor.dispatcher import Conductor
from session_player.core.clock import FakeClock
from session_player.core.log import LogStore, SessionRecorder
from session_player.core.log.exchange.export import write_csv, write_json
from session_player.core.log.exchange.health import write_health
from session_player.core.log.schema import _V1
from session_player.core.script.loader import load_text
from session_player.core.session.engine import Session
from session_player.core.session.timeline import compile_timeline
from session_player.home.paths import log_place
from session_player.home.settings import Settings

from .conftest import START

SCRIPT = 'title = "Sit"\npractice = "silent"\n[[step]]\nsilence = "12m"\n'


def play_through(conductor: Conductor) -> None:
    script = load_text(SCRIPT)
    assert not isinstance(script, list)
    clock = FakeClock()
    session = Session(compile_timeline(script), clock)
    conductor.begin(session)
    conductor.handle(session.start())
    for _ in range(721):
        clock.advance(1)
        conductor.tick(session)
        conductor.handle(session.poll())
    assert session.ended is not None and session.ended.reason == "completed"
    conductor.close()


def test_a_session_at_any_speed_but_one_writes_nothing(db_path: Path) -> None:
    for speed in (30.0, 0.5):
        conductor = Conductor(Settings(), recorder=SessionRecorder(log_place(db_path)), speed=speed)
        assert conductor.preview
        play_through(conductor)
    assert not db_path.exists()


def test_the_same_session_in_real_time_is_logged(db_path: Path) -> None:
    play_through(Conductor(Settings(), recorder=SessionRecorder(log_place(db_path))))
    with LogStore.open(log_place(db_path)) as store:
        [record] = store.recent()
    assert (record.outcome, record.practised_seconds, record.preview) == ("completed", 720, False)


def old_log(path: Path, rows: list[tuple[str, float, float]]) -> None:
    """A version-1 log holding sessions (uuid, practised seconds, wall seconds)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path)
    for statement in _V1:
        conn.execute(statement)
    for n, (uuid, practised, wall) in enumerate(rows):
        start = START + timedelta(days=n)
        end = start + timedelta(seconds=wall)
        stamp = lambda t: t.strftime("%Y-%m-%dT%H:%M:%S.%fZ")  # noqa: E731
        conn.execute(
            "INSERT INTO sessions (uuid, script_name, title, practice, started_at, utc_offset,"
            " local_date, ended_at, planned_seconds, practised_seconds, outcome, updated_at)"
            " VALUES (?, 'silent-sitting', 'Silent sitting', 'silent', ?, 0, ?, ?, 720, ?,"
            " 'completed', ?)",
            (uuid, stamp(start), start.date().isoformat(), stamp(end), practised, stamp(end)),
        )
    conn.execute("PRAGMA user_version = 1")
    conn.commit()
    conn.close()


def test_the_migration_marks_old_previews_and_keeps_them_out_of_counts(db_path: Path) -> None:
    # A real sit (paused a while: less practised than wall time), the 24-second preview of a
    # 12-minute session from the issue, and a sit whose clocks differ by a hair.
    old_log(db_path, [("real", 700.0, 760.0), ("fast", 720.0, 24.0), ("hair", 600.2, 600.0)])
    with LogStore.open(log_place(db_path)) as store:
        shown = {r.uuid: r.preview for r in store.recent()}
        stats = store.stats(START.date() + timedelta(days=2))
        exported = [d.session.uuid for d in store.iter_details()]
        health, csv, backup = io.StringIO(), io.StringIO(), io.StringIO()
        write_health(store.iter_details(), health, exported_at=START)
        write_csv(store.iter_details(), csv)
        write_json(store.iter_details(), backup, exported_at=START)
    assert shown == {"real": False, "fast": True, "hair": False}  # kept, and marked
    assert stats.sessions == 2 and stats.practised_seconds == 1300.2
    assert stats.current_streak == 1  # the preview's day doesn't join the two sits' days
    assert sorted(stats.per_day) == [START.date(), START.date() + timedelta(days=2)]
    assert exported == ["real", "hair"]
    kit = json.loads(health.getvalue())["healthkit"]
    assert [k["metadata"]["HKExternalUUID"] for k in kit] == ["real", "hair"]
    assert "fast" not in csv.getvalue() and "fast" not in backup.getvalue()


def test_the_history_table_says_which_sessions_are_previews(db_path: Path) -> None:
    from session_player.cli.log import render_table

    old_log(db_path, [("real", 700.0, 760.0), ("fast", 720.0, 24.0)])
    with LogStore.open(log_place(db_path)) as store:
        table = render_table(store.recent())
    [fast, real] = table.splitlines()[1:]
    assert fast.endswith("completed (preview, not counted)")
    assert real.endswith("completed")


def test_log_as_json_or_csv_leaves_previews_out_too(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from .test_log_cli import run

    old_log(db_path, [("real", 700.0, 760.0), ("fast", 720.0, 24.0)])
    for shape in ("--json", "--csv"):
        for limit in ((), ("--limit", "5")):
            assert run("log", shape, *limit) == 0
            out = capsys.readouterr().out
            assert "real" in out and "fast" not in out
