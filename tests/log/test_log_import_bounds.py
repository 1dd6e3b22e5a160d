"""Import keeps to what the app could have written; CSV never hands a spreadsheet a formula.

A file someone else made can hold anything. Every field is bounded (and named when it isn't),
so an imported session can never break ``stats``, the history or an export later; every text
column of a CSV is guarded, whatever it starts with.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from session_player.core.log import LogImportError, LogStore, records
from session_player.core.log.exchange import importer
from session_player.core.log.exchange.export import guard_cell, write_csv
from session_player.core.log.exchange.importer import parse_export
from session_player.core.log.records import MAX_PRACTISED_SECONDS
from session_player.core.script.checker import MAX_STEPS
from session_player.core.script.loader import MAX_BYTES, MAX_PLANNED_SECONDS
from session_player.core.script.text import shown
from session_player.home.paths import log_place

from .conftest import MakeDetail
from .test_log_cli import run
from .test_log_export import U1, _document

UUID = U1


def _check_in(**changes: Any) -> dict[str, Any]:
    item = {"moment": "step", "label": "L", "value": 5, "step_number": 3}
    return {**item, "at": "2024-05-01T06:01:00Z", **changes}


def _entry(**changes: Any) -> dict[str, Any]:
    item = {"step_number": 2, "prompt": "P", "text": "t", "at": "2024-05-01T06:01:00Z"}
    return {**item, **changes}


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"uuid": '=HYPERLINK("http://x","y")'}, "uuid", "not a uuid"),
        ({"uuid": "u" * 5_000_000}, "uuid", "not a uuid"),
        ({"uuid": UUID[:-1] + "\x00"}, "uuid", "not a uuid"),
        ({"uuid": UUID[:-1] + "\x1b"}, "uuid", "not a uuid"),
        ({"uuid": UUID.replace("-", "")}, "uuid", "not a uuid"),
        ({"uuid": " "}, "uuid", "can't be empty"),
        ({"practised_seconds": 1e308}, "practised_seconds", "more than"),
        ({"practised_seconds": 10**400}, "practised_seconds", "more than"),
        ({"planned_seconds": MAX_PLANNED_SECONDS + 1}, "planned_seconds", "more than"),
        ({"last_step": -5}, "last_step", "out of range"),
        ({"last_step": MAX_STEPS + 1}, "last_step", "out of range"),
        ({"pauses": 10**30}, "pauses", "the number is out of range"),
        ({"skips": -1}, "skips", "out of range"),
        ({"script_name": "x" * 256}, "script_name", "256 characters long"),
        ({"script_name": "a/b"}, "script_name", "isn't a file name"),
        ({"script_name": "a\x00b"}, "script_name", "isn't a file name"),
        ({"practice": "p" * 1000}, "practice", "1,000 characters long"),
        ({"title": "t" * (MAX_BYTES + 1)}, "title", "at most 1,048,576"),
        ({"started_at": "2024-05-01T06:00:00Z" + " " * 100}, "started_at", "characters long"),
        ({"check_ins": [_check_in(step_number=-1)]}, "check_ins[0].step_number", "out of range"),
        ({"check_ins": [_check_in(label="l" * (MAX_BYTES + 1))]}, "check_ins[0].label", "long"),
        ({"entries": [_entry(step_number=10**9)]}, "entries[0].step_number", "out of range"),
        ({"entries": [_entry(text="w" * (MAX_BYTES + 1))]}, "entries[0].text", "long"),
    ],
)
def test_a_field_beyond_what_the_app_writes_is_named(
    changes: dict[str, Any], field: str, words: str
) -> None:
    with pytest.raises(LogImportError) as raised:
        parse_export(_document(**changes))
    message = str(raised.value)
    assert message.startswith(f"sessions[0].{field}: ") and words in message
    assert len(message) < 200  # what was found is never echoed at length


def test_the_bounds_follow_the_scripts_own_limits() -> None:
    assert importer.MAX_STEP == MAX_STEPS
    assert importer.MAX_TEXT == MAX_BYTES
    assert records.MAX_PLANNED_SECONDS == MAX_PLANNED_SECONDS


def test_what_the_app_itself_writes_still_comes_back() -> None:
    (detail,) = parse_export(
        _document(
            uuid=UUID.upper(),  # uuids are the same in either case: kept as the app writes them
            practised_seconds=6 * 24 * 3600,
            planned_seconds=MAX_PLANNED_SECONDS,
            last_step=MAX_STEPS,
            check_ins=[_check_in(step_number=None)],
            entries=[_entry(text=None)],
        )
    )
    assert detail.session.uuid == UUID
    assert detail.session.last_step == MAX_STEPS


def test_an_import_refused_for_a_bound_leaves_stats_working(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "big.json"
    path.write_text(json.dumps(_document(practised_seconds=1e308)), encoding="utf-8")
    assert run("import", str(path)) == 1
    err = capsys.readouterr().err
    assert "sessions[0].practised_seconds" in err
    assert run("stats") == 0
    assert "No sessions yet." in capsys.readouterr().out


# CSV ---------------------------------------------------------------------------------------

HOSTILE = [
    "=1+1",
    "+1",
    "-1",
    "@SUM(A1)",
    " =1+1",
    "\n=1+1",
    "\r=1",
    "\t=1",
    "\u00a0=1+1",  # NBSP
    "\uff1d1+1",  # fullwidth =
    "\uff0b1",
    "\uff0d1",
    "\uff20SUM(A1)",
    "\u3000=1",  # ideographic space
]


@pytest.mark.parametrize("text", HOSTILE)
def test_every_text_column_is_guarded(store: LogStore, make_detail: MakeDetail, text: str) -> None:
    detail = make_detail(title=text)
    session = replace(detail.session, uuid=text, script_name=text, practice=text)
    store.add([replace(detail, session=session)])
    out = io.StringIO()
    write_csv(store.iter_details(), out)
    (row,) = csv.DictReader(io.StringIO(out.getvalue(), newline=""))
    for column in ("uuid", "script_name", "title", "practice"):
        assert row[column] == "'" + shown(text), column  # a carriage return shows as \x0d


def test_plain_text_is_left_as_it_is() -> None:
    assert guard_cell("before: x 3") == "before: x 3"
    assert guard_cell("") == ""
    assert guard_cell("Soothing rhythm") == "Soothing rhythm"
    assert guard_cell("2024-05-01") == "2024-05-01"


def test_a_uuid_formula_from_an_old_import_is_guarded_in_log_csv(
    store: LogStore, make_detail: MakeDetail, capsys: pytest.CaptureFixture[str]
) -> None:
    """Logs written before uuids were checked on import may hold anything there."""
    detail = make_detail()
    bad = replace(detail.session, uuid='=HYPERLINK("http://x","y")')
    store.add([replace(detail, session=bad)])
    assert run("log", "--csv") == 0
    (row,) = csv.DictReader(io.StringIO(capsys.readouterr().out, newline=""))
    assert row["uuid"] == "'" + bad.uuid


def test_impossible_times_from_an_older_import_are_capped_when_the_log_opens(
    make_detail: MakeDetail, capsys: pytest.CaptureFixture[str]
) -> None:
    """A log written before imports were bounded may hold 1e308 s: ``stats`` works again."""
    detail = make_detail()
    with LogStore.open(log_place()) as store:
        store.add([replace(detail, session=replace(detail.session, practised_seconds=1e308))])
    with LogStore.open(log_place()) as store:
        assert store.notice is not None and "1 session was imported with a practised" in (
            store.notice
        )
        (session,) = store.recent()
        assert session.practised_seconds == MAX_PRACTISED_SECONDS
    assert run("stats") == 0
    assert run("export", "--format", "health") == 0
    assert "168 h 0 min" in capsys.readouterr().out
    with LogStore.open(log_place()) as store:
        assert store.notice is None  # capped once
