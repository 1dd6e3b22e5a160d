"""Every rating keeps its question and what its ends mean: "distress" (0 calm) and "safe and
settled" (10 completely) are never one number, in the log, its exports, or ``stats``."""

from __future__ import annotations

import argparse
import csv
import io
import json
import sqlite3
from dataclasses import replace
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from session_player.cli.log import register
from session_player.core.log import CheckIn, LogStore, SessionRecorder
from session_player.core.log.errors import LogImportError
from session_player.core.log.exchange.export import write_csv, write_json
from session_player.core.log.exchange.health import write_health
from session_player.core.log.exchange.importer import parse_export, read_export
from session_player.core.log.schema import _V1, _V2, SCHEMA_VERSION, user_version
from session_player.home.paths import log_place

from .conftest import START, FakeClock, MakeDetail

DISTRESS = ("calm", "very distressed")
SETTLED = ("not at all", "completely")
STAMP = "2024-05-01T06:00:00.000000Z"


def version_2_log(path: Path) -> None:
    """A log as version 2 left it: two sessions, the app's ratings and a script's own."""
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path)
    for statement in (*_V1, *_V2):
        conn.execute(statement)
    for n in (1, 2):
        conn.execute(
            "INSERT INTO sessions (id, uuid, script_name, title, practice, started_at,"
            " utc_offset, local_date, ended_at, planned_seconds, practised_seconds, outcome,"
            " updated_at) VALUES (?, ?, 'rain', 'RAIN', 'rain', ?, 0, '2024-05-01', ?, 600,"
            " 600, 'completed', ?)",
            (n, f"old-{n}", STAMP, STAMP, STAMP),
        )
    rows = [
        (1, "before", "settled", 4, None),
        (1, "step", "How distressed do you feel right now?", 6, 2),
        (1, "step", "And now, how distressed do you feel?", 3, 9),
        (1, "after", "settled", 7, None),
        (2, "step", "How distressed do you feel right now?", 5, 2),
    ]
    conn.executemany(
        "INSERT INTO check_ins (session_id, moment, label, value, step_number, at)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        [(*row, STAMP) for row in rows],
    )
    conn.execute("PRAGMA user_version = 2")
    conn.commit()
    conn.close()


def test_migrating_an_old_log_keeps_every_rating_and_gives_the_apps_its_ends(
    db_path: Path,
) -> None:
    version_2_log(db_path)
    with LogStore.open(log_place(db_path)) as store:
        assert user_version(store.conn) == SCHEMA_VERSION == 4
        details = {d.session.uuid: d for d in store.iter_details()}
    first = details["old-1"].check_ins
    assert [(c.moment, c.label, c.value, c.step_number) for c in first] == [
        ("before", "settled", 4, None),
        ("step", "How distressed do you feel right now?", 6, 2),
        ("step", "And now, how distressed do you feel?", 3, 9),
        ("after", "settled", 7, None),
    ]  # nothing lost, nothing reworded
    assert [(c.low, c.high) for c in first] == [SETTLED, (None, None), (None, None), SETTLED]
    assert len(details["old-2"].check_ins) == 1


def test_the_recorder_keeps_each_ratings_ends(recorder: SessionRecorder, clock: FakeClock) -> None:
    recorder.begin("rain", "RAIN", "rain", 600.0)
    recorder.check_in("step", "How distressed do you feel right now?", 6, 2, *DISTRESS)
    clock.advance(300)
    recorder.check_in("after", "settled", 8, None, *SETTLED)
    recorder.finish("completed", 300.0)
    assert recorder.close()
    with LogStore.open(log_place(), clock=clock) as store:
        (detail,) = store.iter_details()
    assert [(c.label, c.value, c.low, c.high) for c in detail.check_ins] == [
        ("How distressed do you feel right now?", 6, *DISTRESS),
        ("settled", 8, *SETTLED),
    ]


def rated(
    make_detail: MakeDetail, days: int, *ratings: tuple[str, str, int, tuple[str, str]]
) -> Any:
    detail = make_detail(START + timedelta(days=days))
    at = detail.session.started_at
    items = tuple(CheckIn(m, q, v, at, None, *ends) for m, q, v, ends in ratings)  # type: ignore[arg-type]
    return replace(detail, check_ins=items)


@pytest.fixture
def two_questions(store: LogStore, make_detail: MakeDetail) -> LogStore:
    """RAIN asks distress at its start and end; two sessions with the app's question; one
    session whose only ratings are a distress before and a settled after (nothing to compare)."""
    store.add(
        [
            rated(make_detail, 0, ("step", "How distressed?", 6, DISTRESS),
                  ("step", "And now, how distressed?", 3, DISTRESS)),
            rated(make_detail, 1, ("before", "settled", 4, SETTLED),
                  ("after", "settled", 7, SETTLED)),
            rated(make_detail, 2, ("before", "settled", 5, SETTLED),
                  ("after", "settled", 6, SETTLED)),
            rated(make_detail, 3, ("step", "How distressed?", 8, DISTRESS),
                  ("after", "settled", 2, SETTLED)),
        ]
    )  # fmt: skip
    return store


def test_stats_give_change_per_question_never_across_scales(two_questions: LogStore) -> None:
    changes = two_questions.stats(START.date() + timedelta(days=3), changes=True).changes
    found = {(c.question, c.low, c.high): c for c in changes}
    settled = found[("settled", *SETTLED)]
    distress = found[("How distressed?", *DISTRESS)]
    assert (settled.sessions, settled.mean_before, settled.mean_after) == (2, 4.5, 6.5)
    assert (distress.sessions, distress.mean_before, distress.mean_after) == (1, 6.0, 3.0)
    assert len(changes) == 2  # the last session's 8 distress and 2 settled are no change


def run(*argv: str) -> int:
    parser = argparse.ArgumentParser(prog="session-player")
    register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    code: int = args.func(args)
    return code


def test_the_stats_command_names_each_question_and_its_ends(
    two_questions: LogStore, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run("stats") == 0
    out = capsys.readouterr().out
    assert (
        "  safe and settled, 0 not at all to 10 completely: "
        "4.5 before, 6.5 after on average, over 2 sessions"
    ) in out
    # Each rating with the question that asked it: the closing one is worded otherwise.
    assert (
        "  How distressed? (0 calm to 10 very distressed): 6.0 before. "
        "And now, how distressed?: 3.0 after. On average, over 1 session"
    ) in out
    assert run("stats", "--json") == 0
    document = json.loads(capsys.readouterr().out)
    assert document["check_ins"][0] == {
        "question": "safe and settled", "question_after": "safe and settled",
        "low": "not at all", "high": "completely",
        "sessions": 2, "mean_before": 4.5, "mean_after": 6.5,
    }  # fmt: skip
    assert document["check_ins"][1]["question_after"] == "And now, how distressed?"


def test_stats_since_a_day_count_from_that_day_on(
    two_questions: LogStore, capsys: pytest.CaptureFixture[str]
) -> None:
    second_day = (START + timedelta(days=2)).date().isoformat()
    assert run("stats", "--since", second_day) == 0
    out = capsys.readouterr().out
    assert out.startswith("2 sessions,")  # the days before are left out
    assert f"Since {second_day}:" in out
    assert "How distressed?" not in out  # its only change was before that day
    assert "over 1 session" in out  # settled: the one session on or after it
    assert run("stats", "--since", "2999-01-01") == 0
    assert capsys.readouterr().out == "No sessions since then.\n"
    assert run("stats", "--json", "--since", second_day) == 0
    assert json.loads(capsys.readouterr().out)["sessions"] == 2


def test_ends_travel_through_an_export_and_back(
    two_questions: LogStore, tmp_path: Path, clock: FakeClock
) -> None:
    path = tmp_path / "export.json"
    with path.open("w", encoding="utf-8") as out:
        write_json(two_questions.iter_details(), out, exported_at=START)
    first = json.loads(path.read_text())["sessions"][0]["check_ins"][0]
    assert (first["label"], first["low"], first["high"]) == ("How distressed?", *DISTRESS)
    with LogStore.open(log_place(tmp_path / "other.sqlite3"), clock=clock) as other:
        assert other.add(read_export(path)).added == 4
        again = [c for d in other.iter_details() for c in d.check_ins]
    before = [c for d in two_questions.iter_details() for c in d.check_ins]
    assert [(c.label, c.value, c.low, c.high) for c in again] == [
        (c.label, c.value, c.low, c.high) for c in before
    ]


def old_export(*check_ins: dict[str, Any]) -> dict[str, Any]:
    session = {
        "uuid": "8a7a3c1e-4f8e-4a55-9d3e-0c6f4b1e2a90", "script_name": "s", "title": "S",
        "practice": "rain", "started_at": STAMP, "utc_offset": 0, "ended_at": None,
        "updated_at": STAMP, "planned_seconds": 600, "practised_seconds": 600.0,
        "outcome": "completed", "pauses": 0, "skips": 0, "last_step": None,
        "check_ins": list(check_ins), "entries": [], "origin": "played", "note": None,
        "time_zone": None,
    }  # fmt: skip
    return {"format": "session-player-log", "version": 2, "sessions": [session]}


def test_an_older_export_still_imports_with_the_apps_ends_where_known() -> None:
    base = {"step_number": None, "at": STAMP}
    (detail,) = parse_export(
        old_export(
            {**base, "moment": "before", "label": "settled", "value": 4},
            {**base, "moment": "step", "label": "How distressed?", "value": 6, "step_number": 2},
        )
    )
    assert [(c.label, c.low, c.high) for c in detail.check_ins] == [
        ("settled", *SETTLED),
        ("How distressed?", None, None),
    ]


@pytest.mark.parametrize(
    ("low", "message"),
    [(7, r"check_ins\[0\]\.low: "), ("x" * 256, r"check_ins\[0\]\.low: ")],
)
def test_bad_ends_are_refused_naming_their_place(low: object, message: str) -> None:
    document = old_export(
        {"moment": "after", "label": "calm", "value": 4, "step_number": None, "at": STAMP,
         "low": low, "high": "completely"}
    )  # fmt: skip
    document["version"] = 3
    with pytest.raises(LogImportError, match=message):
        parse_export(document)


def test_spreadsheet_and_health_exports_name_each_ratings_scale(two_questions: LogStore) -> None:
    out, health = io.StringIO(), io.StringIO()
    write_csv(two_questions.iter_details(), out)
    write_health(two_questions.iter_details(), health, exported_at=START)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    last = next(r for r in rows if "8" in r["check_ins"])  # distress before, settled after
    assert last["check_ins"] == (
        "step: How distressed? 8 (0 calm to 10 very distressed); "
        "after: settled 2 (0 not at all to 10 completely)"
    )
    notes = [s["notes"] for s in json.loads(health.getvalue())["health_connect"]]
    assert "Before: settled 4 (0 not at all to 10 completely)." in " ".join(notes)
