"""Reading the log back: recent sessions, one session, deleting, and interrupted sessions."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from session_player.core.log import STALE_SECONDS, LogStore, SessionRecorder
from session_player.home.paths import log_place

from .conftest import START, FakeClock, MakeDetail


def test_recent_is_newest_first_with_limit_and_since(
    store: LogStore, make_detail: MakeDetail
) -> None:
    days = [START + timedelta(days=i) for i in range(5)]
    store.add(make_detail(day, title=f"Day {i}") for i, day in enumerate(days))
    assert [s.title for s in store.recent()] == ["Day 4", "Day 3", "Day 2", "Day 1", "Day 0"]
    assert [s.title for s in store.recent(limit=2)] == ["Day 4", "Day 3"]
    assert [s.title for s in store.recent(since=date(2024, 5, 3))] == ["Day 4", "Day 3", "Day 2"]
    moment = datetime(2024, 5, 4, 5, 0, tzinfo=UTC)
    assert [s.title for s in store.recent(since=moment)] == ["Day 4", "Day 3"]
    assert store.count() == 5


def test_since_a_date_means_the_local_day(store: LogStore, make_detail: MakeDetail) -> None:
    # 23:30 UTC on 30 April is 01:30 on 1 May at +02:00: it belongs to 1 May.
    late = make_detail(datetime(2024, 4, 30, 23, 30, tzinfo=UTC), offset=7200)
    store.add([late])
    (found,) = store.recent(since=date(2024, 5, 1))
    assert found.day == date(2024, 5, 1)


def test_one_session_with_its_children(store: LogStore, make_detail: MakeDetail) -> None:
    detail = make_detail(
        check_ins=(("before", "Distress", 7), ("after", "Distress", 5)),
        entries=((2, "What do you need?", "Rest"), (5, "A kind word", None)),
    )
    other = make_detail(START + timedelta(hours=1), check_ins=(("before", "Distress", 2),))
    store.add([detail, other])
    (row,) = [s for s in store.recent() if s.uuid == detail.session.uuid]
    assert row.id is not None
    found = store.session(row.id)
    assert found is not None
    assert found.check_ins == detail.check_ins
    assert found.entries == detail.entries
    assert store.session_by_uuid(detail.session.uuid) == found
    assert store.session(9999) is None
    assert store.session_by_uuid("no-such-uuid") is None


def test_delete_one_session_takes_its_children(store: LogStore, make_detail: MakeDetail) -> None:
    keep = make_detail(check_ins=(("before", "D", 1),), entries=((1, "P", "T"),))
    drop = make_detail(START + timedelta(days=1), check_ins=(("before", "D", 2),))
    store.add([keep, drop])
    (row,) = store.recent(limit=1)
    assert row.uuid == drop.session.uuid and row.id is not None
    assert store.delete_session(row.id) is True
    assert store.delete_session(row.id) is False
    assert [s.uuid for s in store.recent()] == [keep.session.uuid]
    assert store.conn.execute("SELECT count(*) FROM check_ins").fetchone()[0] == 1


def test_delete_all(store: LogStore, make_detail: MakeDetail) -> None:
    store.add(make_detail(START + timedelta(days=i), entries=((1, "P", "T"),)) for i in range(3))
    assert store.delete_all() == 3
    assert store.recent() == []
    for table in ("sessions", "check_ins", "entries"):
        assert store.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == 0


def test_iter_details_is_oldest_first_in_batches(store: LogStore, make_detail: MakeDetail) -> None:
    made = [
        make_detail(START + timedelta(hours=i), check_ins=(("before", "D", i % 11),))
        for i in range(1203)
    ]
    store.add(reversed(made))
    found = list(store.iter_details())
    assert [d.session.uuid for d in found] == [d.session.uuid for d in made]
    assert [d.check_ins[0].value for d in found] == [i % 11 for i in range(1203)]


# Interrupted sessions ---------------------------------------------------------------------


def _reader(clock: FakeClock, later: float) -> LogStore:
    return LogStore.open(log_place(), clock=lambda: clock() + timedelta(seconds=later))


def test_a_session_gone_quiet_is_interrupted(recorder: SessionRecorder, clock: FakeClock) -> None:
    uuid = recorder.begin("s", "S", "breathing", 600)
    clock.advance(40)
    recorder.progress(38, 3)
    # Its process died here: no more updates, no finish.
    with _reader(clock, STALE_SECONDS + 1) as store:
        (found,) = store.recent()
        assert found.uuid == uuid
        assert found.outcome == "interrupted"
        assert found.practised_seconds == 38
        assert found.ended_at == START + timedelta(seconds=40)  # last heard from
        detail = store.session_by_uuid(uuid)
        assert detail is not None and detail.session.outcome == "interrupted"
        stored = store.conn.execute("SELECT outcome FROM sessions").fetchone()[0]
        assert stored == "running"  # derived when read, never rewritten by a reader


def test_a_live_session_is_still_running(recorder: SessionRecorder, clock: FakeClock) -> None:
    recorder.begin("s", "S", "breathing", 600)
    with _reader(clock, STALE_SECONDS - 1) as store:
        (found,) = store.recent()
        assert found.outcome == "running"
        assert found.ended_at is None


def test_a_session_that_wakes_up_is_running_again(
    recorder: SessionRecorder, clock: FakeClock
) -> None:
    # A laptop asleep for an hour mid-session: it looks interrupted until the player writes.
    recorder.begin("s", "S", "breathing", 600)
    clock.advance(3600)
    with LogStore.open(log_place(), clock=clock) as store:
        assert store.recent()[0].outcome == "interrupted"
    recorder.progress(20, 2)
    with LogStore.open(log_place(), clock=clock) as store:
        assert store.recent()[0].outcome == "running"
    recorder.finish("completed", 600)
    with _reader(clock, 3600) as store:
        assert store.recent()[0].outcome == "completed"
