"""When things go wrong: full or read-only disks, a locked or damaged file.

The session always plays on: the recorder never raises, keeps the record in memory, says so,
and writes it all once it can. Failures are produced for real where they can be here (a
read-only connection, a page limit that fills the file, a lock held by another connection,
garbage bytes); only where they can't (tests run as root, so permissions don't bite) is a
connection made to report the error SQLite would give.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from session_player.core.log import LogStore, LogUnavailable, SessionRecorder
from session_player.core.log import db as logdb
from session_player.core.log.outbox import SAVED_AGAIN, unsaved_notice
from session_player.home.paths import log_place

from .conftest import FakeClock

WRITES = ("BEGIN", "INSERT", "UPDATE", "DELETE")


class Switch:
    """A connector whose connections fail as told: ``failure`` is the SQLite message writes
    raise, ``on_open`` an exception raised when connecting. ``opens`` counts connections."""

    def __init__(self) -> None:
        self.failure: str | None = None
        self.on_open: BaseException | None = None
        self.opens = 0
        self.attempts = 0
        switch = self

        class Flaky(sqlite3.Connection):
            def execute(self, sql: str, params: object = (), /) -> sqlite3.Cursor:  # type: ignore[override]
                if sql.lstrip().upper().startswith(WRITES):
                    switch.attempts += sql.lstrip().upper().startswith("BEGIN")
                    if switch.failure is not None:
                        error = (
                            sqlite3.DatabaseError
                            if "malformed" in switch.failure
                            else sqlite3.OperationalError
                        )
                        raise error(switch.failure)
                return super().execute(sql, params)  # type: ignore[arg-type]

        self.factory = Flaky

    def __call__(self, path: Path, timeout: float) -> sqlite3.Connection:
        self.opens += 1
        if self.on_open is not None:
            raise self.on_open
        return sqlite3.connect(
            str(path),
            timeout=timeout,
            isolation_level=None,
            check_same_thread=False,
            factory=self.factory,
        )


@pytest.fixture
def switch() -> Switch:
    return Switch()


@pytest.fixture
def notices() -> list[str]:
    return []


@pytest.fixture
def flaky(clock: FakeClock, switch: Switch, notices: list[str]) -> SessionRecorder:
    return SessionRecorder(log_place(), clock=clock, connect=switch, on_notice=notices.append)


def _stored(clock: FakeClock) -> list[tuple[str, float, str, int, int]]:
    with LogStore.open(log_place(), clock=clock) as store:
        rows = []
        for s in store.recent():
            detail = store.session(s.id or 0)
            assert detail is not None
            rows.append(
                (
                    s.title,
                    s.practised_seconds,
                    s.outcome,
                    len(detail.check_ins),
                    len(detail.entries),
                )
            )
        return rows


def test_a_full_disk_keeps_the_session_until_it_can_be_written(
    flaky: SessionRecorder, switch: Switch, clock: FakeClock, notices: list[str]
) -> None:
    # Something already logged before the trouble: it must survive untouched.
    flaky.begin("old", "Yesterday", "breathing", 60)
    flaky.finish("completed", 60)
    clock.advance(86400)

    flaky.begin("s", "Today", "breathing", 600)
    switch.failure = "database or disk is full"
    clock.advance(10)
    flaky.progress(10, 2)  # fails: kept in memory, nothing raised
    expected = unsaved_notice("disk full")
    assert flaky.notice == expected
    assert expected == (
        "Your log can't be written right now (disk full); this session is kept in memory "
        "and will be saved when possible."
    )
    assert not flaky.saved
    flaky.check_in("step", "How settled?", 6, 3)
    flaky.entry(4, "What do you need?", "quiet")
    clock.advance(10)
    flaky.progress(20, 5, 1, 1)

    switch.failure = None  # space freed
    clock.advance(10)
    flaky.progress(30, 6, 1, 1)
    assert flaky.saved
    assert flaky.notice == SAVED_AGAIN
    assert notices == [expected, SAVED_AGAIN]
    assert _stored(clock) == [
        ("Today", 30.0, "running", 1, 1),
        ("Yesterday", 60.0, "completed", 0, 0),
    ]


def test_retries_wait_a_while_but_finish_always_tries(
    flaky: SessionRecorder, switch: Switch, clock: FakeClock
) -> None:
    flaky.begin("s", "S", "breathing", 600)
    switch.failure = "database is locked"
    before = switch.attempts
    flaky.progress(1, 1)
    assert switch.attempts == before + 1
    for second in range(2, 5):  # within the retry wait: no attempt, no waiting on the lock
        clock.advance(1)
        flaky.progress(second, 1)
    assert switch.attempts == before + 1
    clock.advance(2)
    flaky.progress(6, 1)
    assert switch.attempts == before + 2
    flaky.finish("stopped", 6)
    assert switch.attempts == before + 3
    assert flaky.notice == unsaved_notice("busy: another program is using it")
    switch.failure = None
    assert flaky.flush() is True
    assert _stored(clock) == [("S", 6.0, "stopped", 0, 0)]


def test_a_really_full_file(clock: FakeClock, db_path: Path) -> None:
    """SQLite's own SQLITE_FULL, from a page limit: the file can't grow any more."""
    LogStore.open(log_place(), clock=clock).close()
    limited = {"on": True}

    def connect(path: Path, timeout: float) -> sqlite3.Connection:
        conn = logdb.connect(path, timeout)
        if limited["on"]:
            pages = conn.execute("PRAGMA page_count").fetchone()[0]
            conn.execute(f"PRAGMA max_page_count = {pages}")
        return conn

    recorder = SessionRecorder(log_place(), clock=clock, connect=connect)
    recorder.begin("letter", "A letter", "letter", 600)
    recorder.entry(2, "Dear me", "kind words " * 20_000)  # needs pages the file can't have
    assert recorder.notice == unsaved_notice("disk full")
    limited["on"] = False
    clock.advance(6)
    recorder.progress(60, 3)
    assert recorder.saved
    assert _stored(clock) == [("A letter", 60.0, "running", 0, 1)]
    recorder.close()


def test_a_read_only_log(clock: FakeClock, db_path: Path) -> None:
    LogStore.open(log_place(), clock=clock).close()
    read_only = {"on": True}

    def connect(path: Path, timeout: float) -> sqlite3.Connection:
        return (logdb.read_only_connect if read_only["on"] else logdb.connect)(path, timeout)

    recorder = SessionRecorder(log_place(), clock=clock, connect=connect)
    recorder.begin("s", "S", "breathing", 60)
    assert recorder.notice == unsaved_notice("read-only")
    assert _stored(clock) == []
    read_only["on"] = False
    clock.advance(6)
    recorder.finish("completed", 60)
    assert recorder.saved
    assert _stored(clock) == [("S", 60.0, "completed", 0, 0)]


def test_no_permission_to_open(flaky: SessionRecorder, switch: Switch, clock: FakeClock) -> None:
    switch.on_open = PermissionError(13, "Permission denied")
    flaky.begin("s", "S", "breathing", 60)
    assert flaky.notice == unsaved_notice("no permission")
    switch.on_open = None
    flaky.finish("completed", 60)
    assert flaky.saved and flaky.notice == SAVED_AGAIN


def test_a_folder_that_cannot_be_made(tmp_path: Path, clock: FakeClock) -> None:
    blocker = tmp_path / "data"
    blocker.write_text("a file where the folder should be")
    recorder = SessionRecorder(log_place(blocker / "log.sqlite3"), clock=clock)
    recorder.begin("s", "S", "breathing", 60)
    assert recorder.notice is not None and "can't be written right now" in recorder.notice
    blocker.unlink()
    recorder.finish("completed", 60)
    assert recorder.saved
    with LogStore.open(log_place(blocker / "log.sqlite3"), clock=clock) as store:
        assert [s.outcome for s in store.recent()] == ["completed"]


def test_locked_beyond_the_busy_timeout(clock: FakeClock, db_path: Path) -> None:
    LogStore.open(log_place(), clock=clock).close()
    other = sqlite3.connect(db_path, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    recorder = SessionRecorder(log_place(), clock=clock, busy_timeout=0.05)
    recorder.begin("s", "S", "breathing", 60)  # waits 50 ms, then keeps it for later
    assert recorder.notice == unsaved_notice("busy: another program is using it")
    other.execute("COMMIT")
    other.close()
    clock.advance(6)
    recorder.progress(30, 2)
    assert recorder.saved
    assert _stored(clock) == [("S", 30.0, "running", 0, 0)]
    recorder.close()


# A log from a newer version: tests/log/test_log_unsaved.py (it is kept elsewhere, then folded).


# A damaged file ---------------------------------------------------------------------------

GARBAGE = b"this is not a database, just some bytes " * 200


def _aside(folder: Path) -> list[Path]:
    return sorted(folder.glob("log.sqlite3.corrupt-*[0-9]"))


def test_a_damaged_file_is_moved_aside(db_path: Path, clock: FakeClock) -> None:
    db_path.parent.mkdir(parents=True)
    db_path.write_bytes(GARBAGE)
    db_path.with_name("log.sqlite3-wal").write_bytes(b"old wal")
    with LogStore.open(log_place(), clock=clock) as store:
        (aside,) = _aside(db_path.parent)
        assert re.fullmatch(r"log\.sqlite3\.corrupt-\d{8}T\d{6}", aside.name)
        assert aside.read_bytes() == GARBAGE  # kept, byte for byte
        assert aside.with_name(aside.name + "-wal").read_bytes() == b"old wal"
        assert store.notice is not None
        assert str(aside) in store.notice and "moved aside" in store.notice
        assert store.count() == 0  # a fresh log, that works
    recorder = SessionRecorder(log_place(), clock=clock)
    recorder.begin("s", "S", "breathing", 60)
    recorder.finish("completed", 60)
    assert recorder.notice is None
    assert _stored(clock) == [("S", 60.0, "completed", 0, 0)]


def test_damaged_twice_in_one_second_keeps_both(db_path: Path, clock: FakeClock) -> None:
    db_path.parent.mkdir(parents=True)
    for n in range(2):
        db_path.write_bytes(GARBAGE + bytes([n]))
        LogStore.open(log_place(), clock=clock).close()
    first, second = _aside(db_path.parent)
    assert {first.read_bytes()[-1], second.read_bytes()[-1]} == {0, 1}


def test_the_recorder_tells_of_a_damaged_file(db_path: Path, clock: FakeClock) -> None:
    db_path.parent.mkdir(parents=True)
    db_path.write_bytes(GARBAGE)
    heard: list[str] = []
    recorder = SessionRecorder(log_place(), clock=clock, on_notice=heard.append)
    recorder.begin("s", "S", "breathing", 60)
    assert recorder.saved
    assert len(heard) == 1 and "moved aside" in heard[0]
    assert _aside(db_path.parent)


def _break_a_page(db_path: Path) -> None:
    """Scribble over the middle of a file that is otherwise a sound database."""
    with LogStore.open(log_place()) as store:
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = bytearray(db_path.read_bytes())
    page = 4096
    assert len(data) > 3 * page
    data[2 * page : 3 * page] = b"\xff" * page
    db_path.write_bytes(bytes(data))


def test_quick_check_finds_damage_inside_the_file(
    db_path: Path, clock: FakeClock, make_detail: Callable[..., object]
) -> None:
    with LogStore.open(log_place(), clock=clock) as store:
        store.add(make_detail(entries=((1, "P", "x" * 500),)) for _ in range(100))  # type: ignore[misc]
    _break_a_page(db_path)
    with LogStore.open(log_place(), clock=clock, check=True) as store:
        assert store.notice is not None and "moved aside" in store.notice
        assert store.count() == 0
    assert _aside(db_path.parent)


def test_damage_noticed_mid_session(
    flaky: SessionRecorder, switch: Switch, clock: FakeClock, db_path: Path
) -> None:
    flaky.begin("s", "S", "breathing", 600)
    flaky.check_in("before", "Distress", 5)
    clock.advance(10)
    flaky.progress(10, 2)
    # The file goes bad under the running session.
    switch.failure = "database disk image is malformed"
    clock.advance(10)
    flaky.progress(20, 3)
    assert flaky.notice == unsaved_notice("the file seems damaged; it will be checked")
    db_path.write_bytes(GARBAGE)
    switch.failure = None
    clock.advance(10)
    flaky.progress(30, 4)
    # Reopened with a check: moved aside, a fresh log, and the whole session written again.
    assert flaky.saved
    assert _aside(db_path.parent)
    assert _stored(clock) == [("S", 30.0, "running", 1, 0)]


def test_open_refuses_plainly_when_it_cannot(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(LogUnavailable):
        LogStore.open(log_place(blocker / "log.sqlite3"))


_LEAVE_A_WAL = """
import os, sys
from session_player.core.log import LogStore
from session_player.core.log.records import SessionDetail, SessionRecord
from session_player.home.paths import log_place
from datetime import UTC, datetime
store = LogStore.open(log_place())
store.conn.execute("PRAGMA wal_autocheckpoint = 0")
at = datetime(2024, 5, 1, tzinfo=UTC)
def add(first):
    store.add(
        SessionDetail(SessionRecord(str(i), "s", "S" * 200, "breathing", at, 0, 60.0, at))
        for i in range(first, first + 100)
    )
add(0)
store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # these are in the main file
add(100)
os._exit(0)  # like kill -9: no checkpoint, the later sessions live only in the WAL
"""


def test_a_wal_holding_sessions_goes_aside_with_its_damaged_file(
    db_path: Path, clock: FakeClock
) -> None:
    import subprocess
    import sys

    subprocess.run([sys.executable, "-c", _LEAVE_A_WAL], check=True)
    wal = db_path.with_name("log.sqlite3-wal")
    kept = wal.read_bytes()
    assert len(kept) > 4096
    size = db_path.stat().st_size
    with open(db_path, "r+b") as handle:
        handle.seek(4096)  # the header page is fine; the pages after it are not
        handle.write(b"\xee" * (size - 4096))
    with LogStore.open(log_place(), clock=clock, check=True) as store:
        assert store.notice is not None
    (aside,) = _aside(db_path.parent)
    assert aside.with_name(aside.name + "-wal").read_bytes() == kept


def _immutable(*paths: Path) -> Callable[[], None]:
    """Make ``paths`` unwritable even by root (``chattr +i``); the undo."""
    import subprocess

    done = subprocess.run(["chattr", "+i", *map(str, paths)], capture_output=True, check=False)
    if done.returncode != 0:
        pytest.skip(f"chattr +i needs root on a file system that has it: {done.stderr!r}")
    return lambda: subprocess.run(["chattr", "-i", *map(str, paths)], check=True)


def test_an_unwritable_wal_is_named_as_the_file_to_fix(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Seen: after a read-only spell the -wal and -shm stayed unwritable, and every later
    # session waited in unsaved/ with words that named no file.
    import os

    from .test_log_cli import run

    assert run("log", "add", "20m") == 0
    import subprocess
    import sys

    died = (  # a writer that died: its -wal and -shm stay behind
        "import os, sqlite3, sys\n"
        "conn = sqlite3.connect(sys.argv[1])\n"
        "conn.execute('PRAGMA journal_mode=WAL')\n"
        "conn.execute('CREATE TABLE IF NOT EXISTS left_behind (x)')\n"
        "conn.commit()\n"
        "os._exit(0)\n"
    )
    subprocess.run([sys.executable, "-c", died, str(db_path)], check=True)
    wal, shm = (db_path.with_name(db_path.name + side) for side in ("-wal", "-shm"))
    assert wal.exists() and shm.exists()
    undo = _immutable(wal, shm)
    try:
        assert not os.access(wal, os.W_OK)
        capsys.readouterr()
        assert run("log", "add", "5m") == 1
        assert capsys.readouterr().err == (
            f"session-player log add: error: your log can't be used right now (read-only: "
            f"{wal} can't be written; make it writable, as log.sqlite3 is)\n"
        )
    finally:
        undo()
    assert run("log", "add", "5m") == 0  # once it is writable again, all is well
