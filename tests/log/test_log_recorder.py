"""The recorder as the player uses it: begin, progress, check-ins, entries, finish."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from session_player.core.log import LogStore, SessionRecorder
from session_player.home.paths import log_place

from .conftest import START, FakeClock


def _read(clock: FakeClock, uuid: str):  # type: ignore[no-untyped-def]
    with LogStore.open(log_place(), clock=clock) as store:
        return store.session_by_uuid(uuid)


def test_a_whole_session_is_recorded(recorder: SessionRecorder, clock: FakeClock) -> None:
    uuid = recorder.begin("soothing-rhythm", "Soothing rhythm", "breathing", 600)
    assert recorder.session_uuid == uuid
    assert recorder.session_id == 1
    recorder.check_in("before", "How distressed?", 6)
    clock.advance(30)
    recorder.progress(28.5, 2, pauses=1, skips=0)
    clock.advance(30)
    recorder.entry(3, "What do you need to hear?", "That I'm doing my best")
    recorder.check_in("step", "How safe and settled?", 5, step_number=4)
    clock.advance(540)
    recorder.progress(590, 7, pauses=1, skips=2)
    recorder.check_in("after", "How distressed?", 4)
    recorder.finish("completed", 595)
    assert recorder.saved and recorder.notice is None

    detail = _read(clock, uuid)
    assert detail is not None
    s = detail.session
    assert (s.script_name, s.title, s.practice) == (
        "soothing-rhythm",
        "Soothing rhythm",
        "breathing",
    )
    assert s.started_at == START
    assert s.utc_offset == 7200
    assert s.started_local.hour == 8
    assert s.ended_at == START + timedelta(seconds=600)
    assert (s.planned_seconds, s.practised_seconds, s.outcome) == (600, 595, "completed")
    assert (s.pauses, s.skips, s.last_step) == (1, 2, 7)
    assert [(c.moment, c.value, c.step_number) for c in detail.check_ins] == [
        ("before", 6, None),
        ("step", 5, 4),
        ("after", 4, None),
    ]
    assert detail.check_ins[0].at == START
    assert [(e.step_number, e.prompt, e.text) for e in detail.entries] == [
        (3, "What do you need to hear?", "That I'm doing my best")
    ]
    assert detail.entries[0].at == START + timedelta(seconds=60)


def test_every_call_is_committed_at_once(recorder: SessionRecorder, clock: FakeClock) -> None:
    uuid = recorder.begin("s", "S", "breathing", 300)
    detail = _read(clock, uuid)
    assert detail is not None and detail.session.outcome == "running"
    clock.advance(10)
    recorder.progress(10, 2)
    detail = _read(clock, uuid)
    assert detail is not None
    assert detail.session.practised_seconds == 10
    assert detail.session.updated_at == START + timedelta(seconds=10)
    recorder.check_in("before", "Distress", 3)
    detail = _read(clock, uuid)
    assert detail is not None and len(detail.check_ins) == 1


def test_a_local_start_time_keeps_its_offset(recorder: SessionRecorder, clock: FakeClock) -> None:
    local = datetime(2024, 5, 1, 1, 30, tzinfo=timezone(timedelta(hours=-5)))
    uuid = recorder.begin("s", "S", "rain", 300, started_at=local)
    detail = _read(clock, uuid)
    assert detail is not None
    assert detail.session.utc_offset == -5 * 3600
    assert detail.session.started_at == datetime(2024, 5, 1, 6, 30, tzinfo=UTC)
    assert detail.session.day.isoformat() == "2024-05-01"


def test_naive_start_times_are_refused(recorder: SessionRecorder) -> None:
    with pytest.raises(ValueError, match="aware"):
        recorder.begin("s", "S", "rain", 300, started_at=datetime(2024, 5, 1))


def test_written_text_is_not_kept_when_turned_off(clock: FakeClock) -> None:
    recorder = SessionRecorder(log_place(), clock=clock, keep_text=False)
    uuid = recorder.begin("letter", "A letter", "letter", 600)
    recorder.entry(2, "Dear ...", "something private")
    recorder.finish("completed", 600)
    recorder.close()
    detail = _read(clock, uuid)
    assert detail is not None
    assert [(e.prompt, e.text) for e in detail.entries] == [("Dear ...", None)]
    with LogStore.open(log_place(), clock=clock) as store:
        found = store.conn.execute("SELECT count(*) FROM entries WHERE text LIKE '%private%'")
        assert found.fetchone()[0] == 0


def test_bad_values_are_programming_errors(recorder: SessionRecorder) -> None:
    with pytest.raises(RuntimeError, match="begin"):
        recorder.progress(1, 1)
    recorder.begin("s", "S", "breathing", 60)
    for value in (-1, 11, 3.5, True):
        with pytest.raises(ValueError, match="0 to 10"):
            recorder.check_in("before", "Distress", value)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="moment"):
        recorder.check_in("during", "Distress", 3)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="outcome"):
        recorder.finish("running", 10)
    recorder.finish("stopped", 10)
    with pytest.raises(RuntimeError, match="finished"):
        recorder.progress(11, 2)


def test_one_recorder_records_sessions_in_turn(recorder: SessionRecorder, clock: FakeClock) -> None:
    first = recorder.begin("a", "A", "breathing", 60)
    clock.advance(20)
    recorder.progress(20, 2)
    # A new session without finishing the last: the last ended unannounced.
    second = recorder.begin("b", "B", "rain", 60)
    clock.advance(60)
    recorder.finish("completed", 60)
    with LogStore.open(log_place(), clock=clock) as store:
        by_uuid = {s.uuid: s for s in store.recent()}
    assert by_uuid[first].outcome == "interrupted"
    assert by_uuid[first].practised_seconds == 20
    assert by_uuid[second].outcome == "completed"


def test_stopped_sessions_keep_their_practised_time(
    recorder: SessionRecorder, clock: FakeClock
) -> None:
    uuid = recorder.begin("s", "S", "breathing", 600)
    clock.advance(65)
    recorder.finish("stopped", 61.5)
    detail = _read(clock, uuid)
    assert detail is not None
    assert (detail.session.outcome, detail.session.practised_seconds) == ("stopped", 61.5)
    assert detail.session.ended_at == START + timedelta(seconds=65)


def test_calls_from_many_threads_are_all_kept(recorder: SessionRecorder, clock: FakeClock) -> None:
    uuid = recorder.begin("s", "S", "breathing", 600)

    def rate(n: int) -> None:
        for i in range(10):
            recorder.check_in("step", f"thread {n}", i)
            recorder.progress(float(i), i)

    threads = [threading.Thread(target=rate, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    recorder.finish("completed", 600)
    detail = _read(clock, uuid)
    assert detail is not None
    assert len(detail.check_ins) == 40
    assert recorder.saved


def test_close_flushes_and_closes(clock: FakeClock, db_path: Path) -> None:
    recorder = SessionRecorder(log_place(), clock=clock)
    recorder.begin("s", "S", "breathing", 60)
    assert recorder.close() is True
    assert recorder.close() is True  # twice is harmless


def test_record_shows_what_memory_holds(recorder: SessionRecorder) -> None:
    assert recorder.record is None
    recorder.begin("s", "S", "breathing", 60)
    recorder.progress(5, 2, 0, 1)
    assert recorder.record is not None
    assert recorder.record.skips == 1


def test_impossible_durations_are_kept_as_zero(recorder: SessionRecorder, clock: FakeClock) -> None:
    uuid = recorder.begin("s", "S", "breathing", float("inf"))
    recorder.progress(float("nan"), 1)
    recorder.finish("stopped", -3)
    detail = _read(clock, uuid)
    assert detail is not None
    assert (detail.session.planned_seconds, detail.session.practised_seconds) == (0.0, 0.0)


def test_the_plan_as_it_ended_replaces_the_plan_at_the_start(
    recorder: SessionRecorder, clock: FakeClock
) -> None:
    uuid = recorder.begin("s", "S", "breathing", 360)
    clock.advance(400)
    recorder.finish("stopped", 390, 420)  # a minute was added on the way
    detail = _read(clock, uuid)
    assert detail is not None
    assert (detail.session.planned_seconds, detail.session.practised_seconds) == (420, 390)
