"""Export (JSON, CSV, health shapes) and import of our own JSON: nothing lost on the way."""

from __future__ import annotations

import csv
import io
import json
import string
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from session_player.core.log import (
    CheckIn,
    Entry,
    LogImportError,
    LogStore,
    SessionDetail,
    SessionRecord,
)
from session_player.core.log.exchange.export import (
    CSV_COLUMNS,
    session_to_dict,
    write_csv,
    write_json,
)
from session_player.core.log.exchange.health import write_health
from session_player.core.log.exchange.importer import parse_export, read_export
from session_player.home.paths import log_place

from .conftest import START, FakeClock, MakeDetail


def _json(store: LogStore) -> dict[str, Any]:
    out = io.StringIO()
    write_json(store.iter_details(), out, exported_at=START)
    document: dict[str, Any] = json.loads(out.getvalue())
    return document


def test_json_export_shape(store: LogStore, make_detail: MakeDetail) -> None:
    store.add(
        [
            make_detail(
                offset=3600,
                check_ins=(("before", "Distress", 6),),
                entries=((2, "What do you need?", "Rest"), (3, "Kind words", None)),
            )
        ]
    )
    document = _json(store)
    assert document["format"] == "session-player-log"
    assert document["version"] == 3
    assert document["exported_at"] == "2024-05-01T06:00:00.000000Z"
    (session,) = document["sessions"]
    assert session["started_at"] == "2024-05-01T06:00:00.000000Z"
    assert session["utc_offset"] == 3600
    assert session["check_ins"] == [
        {"moment": "before", "label": "Distress", "value": 6, "step_number": None,
         "at": "2024-05-01T06:00:00.000000Z", "low": None, "high": None}
    ]  # fmt: skip
    assert [e["text"] for e in session["entries"]] == ["Rest", None]
    assert (session["origin"], session["note"], session["time_zone"]) == ("played", None, None)


def test_an_empty_export_is_valid_json(store: LogStore) -> None:
    assert _json(store)["sessions"] == []


def test_round_trip_through_a_file(
    store: LogStore, make_detail: MakeDetail, tmp_path: Path, clock: FakeClock
) -> None:
    store.add(
        make_detail(START + timedelta(days=i), 60.0 * i + 0.25, check_ins=(("after", "D", i),))
        for i in range(10)
    )
    path = tmp_path / "export.json"
    with path.open("w", encoding="utf-8") as out:
        write_json(store.iter_details(), out, exported_at=START)
    with LogStore.open(log_place(tmp_path / "other.sqlite3"), clock=clock) as other:
        result = other.add(read_export(path))
        assert (result.added, result.skipped) == (10, 0)
        assert _json(other) == _json(store)
        again = other.add(read_export(path))
        assert (again.added, again.skipped) == (0, 10)  # dedupe by uuid
        assert other.count() == 10


def test_a_running_session_exports_as_what_it_is(
    store: LogStore, make_detail: MakeDetail, clock: FakeClock
) -> None:
    store.add([make_detail(outcome="running")])
    clock.advance(3600)  # long gone quiet
    (session,) = _json(store)["sessions"]
    assert session["outcome"] == "interrupted"
    assert session["ended_at"] == session["updated_at"]


# Hypothesis: any log survives export and import -------------------------------------------

_times = st.datetimes(
    min_value=datetime(1990, 1, 1), max_value=datetime(2090, 1, 1), timezones=st.just(UTC)
)
_text = st.text(max_size=40)
_seconds = st.floats(min_value=0, max_value=86_400, allow_nan=False, allow_infinity=False)
_check_ins = st.builds(
    CheckIn,
    moment=st.sampled_from(["before", "after", "step"]),
    label=_text,
    value=st.integers(0, 10),
    at=_times,
    step_number=st.none() | st.integers(1, 2000),
)
_entries = st.builds(
    Entry,
    step_number=st.integers(1, 2000),
    prompt=_text,
    text=st.none() | st.text(max_size=300),
    at=_times,
)


@st.composite
def _details(draw: st.DrawFn) -> SessionDetail:
    outcome = draw(st.sampled_from(["running", "completed", "stopped", "interrupted"]))
    started = draw(_times)
    record = SessionRecord(
        uuid=str(draw(st.uuids())),
        script_name=draw(st.text(string.ascii_lowercase + "-", min_size=1, max_size=20)),
        title=draw(_text),
        practice=draw(st.sampled_from(["breathing", "rain", "letter", "silent", "custom"])),
        started_at=started,
        utc_offset=draw(st.integers(-14 * 60, 14 * 60)) * 60,
        planned_seconds=draw(_seconds),
        practised_seconds=draw(_seconds),
        outcome=outcome,
        ended_at=None if outcome == "running" else draw(_times),
        updated_at=draw(_times),
        pauses=draw(st.integers(0, 1000)),
        skips=draw(st.integers(0, 1000)),
        last_step=draw(st.none() | st.integers(1, 2000)),
    )
    return SessionDetail(
        record,
        tuple(draw(st.lists(_check_ins, max_size=4))),
        tuple(draw(st.lists(_entries, max_size=3))),
    )


@settings(max_examples=60, deadline=None)
@given(st.lists(_details(), max_size=8, unique_by=lambda d: d.session.uuid))
def test_round_trip_loses_nothing(details: list[SessionDetail]) -> None:
    clock = FakeClock(datetime(2100, 1, 1, tzinfo=UTC))
    with (
        tempfile.TemporaryDirectory() as temp,
        LogStore.open(log_place(Path(temp) / "a.sqlite3"), clock=clock) as first,
        LogStore.open(log_place(Path(temp) / "b.sqlite3"), clock=clock) as second,
    ):
        first.add(details)
        exported = _json(first)
        second.add(parse_export(exported))
        assert _json(second) == exported
        # And field by field, against what went in (running ones have long gone quiet).
        by_uuid = {d.session.uuid: d for d in second.iter_details()}
        for detail in details:
            back = by_uuid[detail.session.uuid]
            assert back.check_ins == detail.check_ins
            assert back.entries == detail.entries
            expected = session_to_dict(detail)
            if detail.session.outcome == "running":
                expected["outcome"] = "interrupted"
                expected["ended_at"] = expected["updated_at"]
            assert session_to_dict(back) == expected


# Import errors ---------------------------------------------------------------------------


U1 = "0b7a3c52-1f7e-4d5e-9c1a-2f6e8d9b0a11"
U2 = "5d0c9e3b-7a41-4b8e-8f2d-6c1b3a9e7f22"


def _document(**changes: Any) -> dict[str, Any]:
    session = {
        "uuid": U1, "script_name": "s", "title": "S", "practice": "breathing",
        "started_at": "2024-05-01T06:00:00Z", "utc_offset": 0, "ended_at": None,
        "updated_at": "2024-05-01T06:10:00Z", "planned_seconds": 600,
        "practised_seconds": 600.0, "outcome": "completed", "pauses": 0, "skips": 0,
        "last_step": None, "check_ins": [], "entries": [],
    }  # fmt: skip
    session.update(changes)
    return {"format": "session-player-log", "version": 1, "sessions": [session]}


def test_a_good_document_parses() -> None:
    (detail,) = parse_export(_document())
    assert detail.session.practised_seconds == 600
    assert detail.session.started_at == datetime(2024, 5, 1, 6, tzinfo=UTC)


@pytest.mark.parametrize(
    ("document", "message"),
    [
        ([], "not a session-player log export"),
        ({"format": "something-else"}, "not a session-player log export"),
        ({"format": "session-player-log", "version": 4, "sessions": []}, "newer"),
        ({"format": "session-player-log", "version": 1}, "export.sessions: missing"),
        ({"format": "session-player-log", "version": 1, "sessions": {}}, "expected a list"),
        (_document(uuid=""), r"sessions\[0\].uuid: can't be empty"),
        (_document(outcome="great"), r"sessions\[0\].outcome: expected one of"),
        (_document(started_at="yesterday"), r"sessions\[0\].started_at: not a time"),
        (_document(started_at="2024-05-01T06:00:00"), r"sessions\[0\].started_at: not a time"),
        (_document(started_at="0001-01-01T00:00:00Z"), "out of range"),
        (_document(practised_seconds=-1), "can't be negative"),
        (_document(practised_seconds="ten"), "expected a number"),
        (_document(pauses=True), r"sessions\[0\].pauses: expected a whole number"),
        (_document(utc_offset=100_000), "out of range"),
        (_document(colour="blue"), r"sessions\[0\].colour: unknown key"),
        (_document(check_ins=[{"moment": "before"}]), r"check_ins\[0\].at: missing"),
        (
            _document(
                check_ins=[
                    {
                        "moment": "before",
                        "label": "D",
                        "value": 11,
                        "step_number": None,
                        "at": "2024-05-01T06:00:00Z",
                    }
                ]
            ),
            r"sessions\[0\].check_ins\[0\].value: 11 is out of range",
        ),
        (
            _document(
                entries=[{"step_number": 1, "prompt": "P", "text": 5, "at": "2024-05-01T06:00:00Z"}]
            ),
            r"sessions\[0\].entries\[0\].text: expected text",
        ),
    ],
)
def test_bad_documents_name_the_problem(document: Any, message: str) -> None:
    with pytest.raises(LogImportError, match=message):
        parse_export(document)


def test_unreadable_files(tmp_path: Path) -> None:
    with pytest.raises(LogImportError, match=r"missing\.json: there is no such file"):
        read_export(tmp_path / "missing.json")
    broken = tmp_path / "broken.json"
    broken.write_text('{"format": ', encoding="utf-8")
    with pytest.raises(LogImportError, match=r"broken.json:1:\d+: not valid JSON"):
        read_export(broken)
    binary = tmp_path / "binary.json"
    binary.write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(LogImportError, match=r"binary.json:1:1: is not UTF-8 text \(byte 0xff\)"):
        read_export(binary)


def test_an_import_is_all_or_nothing(store: LogStore) -> None:
    good = _document()["sessions"][0]
    bad = {**good, "uuid": U2, "practised_seconds": -5}
    with pytest.raises(LogImportError):
        store.add(parse_export({**_document(), "sessions": [good, bad]}))
    assert store.count() == 0


# CSV --------------------------------------------------------------------------------------


def test_csv(store: LogStore, make_detail: MakeDetail) -> None:
    store.add(
        [
            make_detail(
                offset=7200, check_ins=(("before", "Distress", 6), ("after", "Distress", 4))
            ),
            make_detail(START + timedelta(days=1), title="=HYPERLINK(1)", outcome="stopped"),
        ]
    )
    out = io.StringIO()
    assert write_csv(store.iter_details(), out) == 2
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert list(rows[0]) == list(CSV_COLUMNS)
    first, second = rows
    assert first["started"] == "2024-05-01T08:00:00+02:00"
    assert first["utc_offset"] == "+02:00"
    assert first["date"] == "2024-05-01"
    assert first["practised_seconds"] == "600.0"
    assert first["check_ins"] == "before: Distress 6; after: Distress 4"
    assert second["title"] == "'=HYPERLINK(1)"  # never run as a formula
    assert second["outcome"] == "stopped"


# Health -----------------------------------------------------------------------------------


def _health(store: LogStore) -> dict[str, Any]:
    out = io.StringIO()
    write_health(store.iter_details(), out, exported_at=START)
    document: dict[str, Any] = json.loads(out.getvalue())
    return document


def test_health_shapes(store: LogStore, make_detail: MakeDetail) -> None:
    store.add(
        [
            make_detail(
                practised=597.5,
                offset=7200,
                check_ins=(("before", "Distress", 6), ("after", "Distress", 4)),
                entries=((2, "Dear me", "private words"),),
            ),
            make_detail(START + timedelta(days=1), 300, practice="silent", outcome="stopped"),
            make_detail(START + timedelta(days=2), 300, practice="rain"),
            make_detail(START + timedelta(days=3), 0.4),  # too short to share
        ]
    )
    document = _health(store)
    assert (document["format"], document["version"]) == ("session-player-health", 2)
    kit, connect = document["healthkit"], document["health_connect"]
    assert len(kit) == len(connect) == 3
    assert kit[0]["type"] == "HKCategoryTypeIdentifierMindfulSession"
    assert kit[0]["value"] == 0
    assert kit[0]["startDate"] == "2024-05-01T08:00:00+02:00"
    assert kit[0]["endDate"] == "2024-05-01T08:09:57+02:00"  # start + practised time
    assert kit[0]["metadata"]["HKExternalUUID"]
    hc = connect[0]
    assert hc["recordType"] == "MindfulnessSessionRecord"
    assert (hc["startTime"], hc["endTime"]) == ("2024-05-01T06:00:00Z", "2024-05-01T06:09:57Z")
    assert hc["startZoneOffset"] == hc["endZoneOffset"] == "+02:00"
    assert hc["mindfulnessSessionType"] == "MINDFULNESS_SESSION_TYPE_BREATHING"
    assert hc["title"] == "Soothing rhythm breathing"
    assert hc["notes"] == "Before: Distress 6. After: Distress 4."
    assert "private" not in json.dumps(document)  # written text never leaves in health data
    assert connect[1]["mindfulnessSessionType"] == "MINDFULNESS_SESSION_TYPE_UNGUIDED"
    assert connect[1]["notes"] == "Stopped early."
    assert connect[2]["mindfulnessSessionType"] == "MINDFULNESS_SESSION_TYPE_MEDITATION"
    assert "notes" not in connect[2]  # nothing to say: no empty notes
    played = {c["metadata"]["recordingMethod"] for c in connect}
    assert played == {"RECORDING_METHOD_ACTIVELY_RECORDED"}


def test_health_leaves_out_live_sessions(
    store: LogStore, make_detail: MakeDetail, clock: FakeClock
) -> None:
    store.add([make_detail(outcome="running")])
    clock.now = START  # still live
    assert _health(store)["healthkit"] == []
