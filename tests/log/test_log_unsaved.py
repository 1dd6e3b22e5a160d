"""A session the app promised to keep is kept, whatever keeps the log from taking it.

Each way the log can be out of reach for a whole session, made for real (a lock held by
another connection, a newer or foreign file, a full tmpfs, a read-only mount, ``chattr +i``,
a folder or /dev/null where the file should be, a data home that is a file): the recorder says
why, keeps the session in a small file elsewhere when it closes, and the next open of the log
folds it in with a notice. When nowhere takes the file, the session is handed back as text.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from session_player.core.log import LogStore, LogUnavailable, SessionRecorder, unsaved
from session_player.core.log.outbox import unsaved_notice
from session_player.core.log.schema import SCHEMA_VERSION
from session_player.home.paths import log_place

from .conftest import FakeClock
from .mounts import fill, immutable, read_only, small_disk
from .test_log_cli import run
from .test_log_processes import ROOT


@pytest.fixture(autouse=True)
def temp_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The system's temporary folder, the last place to keep a session, is this test's own."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def _session(recorder: SessionRecorder, clock: FakeClock, title: str = "Kept") -> str:
    uuid = recorder.begin("kept", title, "breathing", 60)
    _the_rest(recorder, clock)
    return uuid


def _the_rest(recorder: SessionRecorder, clock: FakeClock) -> None:
    recorder.check_in("before", "Distress", 6)
    clock.advance(30)
    recorder.progress(30, 2)
    recorder.entry(2, "What do you need?", "rest")
    clock.advance(30)
    recorder.check_in("after", "Distress", 3)
    recorder.finish("completed", 60)


def _kept(recorder: SessionRecorder, reason: str) -> Path:
    """Close a recorder whose log is out of reach; where it kept the session."""
    assert recorder.close() is False
    assert recorder.kept_at is not None and recorder.kept_at.is_file()
    assert recorder.notice == (
        f"This session could not be written to your log ({reason}), so it was kept in "
        f"{recorder.kept_at}; it will be added to your log the next time the log can be opened."
    )
    return recorder.kept_at


def _folded(clock: FakeClock, kept: Path, uuid: str, path: Path | None = None) -> None:
    """The next open takes the kept session in whole, says so, and removes the file."""
    with LogStore.open(log_place(path), clock=clock) as store:
        assert store.notice is not None
        assert store.notice.startswith("1 session that couldn't be written to your log last time")
        assert str(kept.parent) in store.notice
        detail = store.session_by_uuid(uuid)
        assert detail is not None
        assert (detail.session.outcome, detail.session.practised_seconds) == ("completed", 60)
        assert [c.value for c in detail.check_ins] == [6, 3]
        assert [e.text for e in detail.entries] == ["rest"]
        assert store.count() == 1
    assert not kept.exists()
    with LogStore.open(log_place(path), clock=clock) as store:
        assert store.notice is None and store.count() == 1  # folded once only


def test_a_log_locked_for_the_whole_session(clock: FakeClock, db_path: Path) -> None:
    LogStore.open(log_place(), clock=clock).close()
    other = sqlite3.connect(db_path, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    recorder = SessionRecorder(log_place(), clock=clock, busy_timeout=0.01)
    uuid = _session(recorder, clock)
    kept = _kept(recorder, "busy: another program is using it")
    assert kept.parent == db_path.parent / "unsaved"
    other.execute("COMMIT")
    other.close()
    _folded(clock, kept, uuid)


def test_a_log_from_a_newer_version(clock: FakeClock, db_path: Path) -> None:
    LogStore.open(log_place(), clock=clock).close()
    conn = sqlite3.connect(db_path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    recorder = SessionRecorder(log_place(), clock=clock)
    uuid = _session(recorder, clock)
    assert recorder.notice == unsaved_notice("made by a newer version of session-player")
    kept = _kept(recorder, "made by a newer version of session-player")
    with pytest.raises(LogUnavailable):
        LogStore.open(log_place(), clock=clock)
    assert kept.exists()  # still waiting for a log that can take it
    db_path.unlink()  # the person goes back to their own version's log
    _folded(clock, kept, uuid)


def test_another_programs_database(clock: FakeClock, db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    conn = sqlite3.connect(db_path)
    conn.execute("CREATE TABLE sessions (id INTEGER PRIMARY KEY, cookie TEXT)")
    conn.close()
    recorder = SessionRecorder(log_place(), clock=clock)
    uuid = _session(recorder, clock)
    kept = _kept(recorder, "it is another program's database, not a session-player log")
    conn = sqlite3.connect(db_path)
    assert conn.execute("SELECT name FROM sqlite_master").fetchall() == [("sessions",)]
    conn.close()  # left exactly as it was
    other = db_path.with_name("cookies.sqlite3")
    db_path.rename(other)
    _folded(clock, kept, uuid)


def test_a_full_disk(
    clock: FakeClock, home: Path, temp_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with small_disk(home.parent / "disk") as disk:
        monkeypatch.setenv("SESSION_PLAYER_HOME", str(disk))
        recorder = SessionRecorder(log_place(), clock=clock)
        uuid = recorder.begin("kept", "Kept", "breathing", 60)  # written: the row exists
        fill(disk)
        _the_rest(recorder, clock)
        kept = _kept(recorder, "disk full")
        assert kept.is_relative_to(temp_folder)  # the data folder and cache are full too
        (disk / "filler").unlink()
        _folded(clock, kept, uuid)  # the row written at the start is brought up to date


def test_a_read_only_disk(clock: FakeClock, home: Path, temp_folder: Path) -> None:
    LogStore.open(log_place(), clock=clock).close()
    with read_only(home):
        recorder = SessionRecorder(log_place(), clock=clock)
        uuid = _session(recorder, clock)
        kept = _kept(recorder, "read-only: its disk is mounted read-only")
        assert kept.is_relative_to(temp_folder)
    _folded(clock, kept, uuid)


def test_a_read_only_folder(clock: FakeClock, db_path: Path, home: Path) -> None:
    LogStore.open(log_place(), clock=clock).close()
    with immutable(db_path.parent):
        recorder = SessionRecorder(log_place(), clock=clock)
        uuid = _session(recorder, clock)
        kept = _kept(recorder, "read-only: the log's folder can't be written")
        assert kept.is_relative_to(home / "cache")
    _folded(clock, kept, uuid)


def test_a_read_only_file(clock: FakeClock, db_path: Path) -> None:
    LogStore.open(log_place(), clock=clock).close()
    with immutable(db_path):
        recorder = SessionRecorder(log_place(), clock=clock)
        uuid = _session(recorder, clock)
        kept = _kept(recorder, "read-only: the log file can't be written")
    _folded(clock, kept, uuid)


def test_a_folder_where_the_log_should_be(clock: FakeClock, db_path: Path) -> None:
    db_path.mkdir(parents=True)
    recorder = SessionRecorder(log_place(), clock=clock)
    uuid = _session(recorder, clock)
    kept = _kept(recorder, f"{db_path} is a folder, not a file")
    db_path.rmdir()
    _folded(clock, kept, uuid)


def test_dev_null_as_the_log(clock: FakeClock, db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    db_path.symlink_to(os.devnull)
    recorder = SessionRecorder(log_place(), clock=clock)
    uuid = _session(recorder, clock)
    kept = _kept(recorder, f"{db_path} is a character device, not a file")
    db_path.unlink()
    _folded(clock, kept, uuid)


def test_a_data_home_that_is_a_file(
    clock: FakeClock, home: Path, temp_folder: Path, db_path: Path
) -> None:
    home.write_text("not a folder")
    recorder = SessionRecorder(log_place(), clock=clock)
    uuid = _session(recorder, clock)
    kept = _kept(recorder, f"its folder {home / 'data'} can't be made: not a directory")
    assert kept.is_relative_to(temp_folder)
    home.unlink()
    _folded(clock, kept, uuid)


def test_nowhere_to_keep_it_hands_the_session_back(
    clock: FakeClock, home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home.write_text("not a folder")
    blocked = tmp_path / "blocked"
    blocked.write_text("")
    monkeypatch.setattr(tempfile, "tempdir", str(blocked))  # not a folder either
    recorder = SessionRecorder(log_place(), clock=clock)
    uuid = _session(recorder, clock)
    assert recorder.close() is False
    assert recorder.kept_at is None and recorder.kept_document is not None
    assert recorder.notice is not None and "follows on standard output" in recorder.notice
    assert "session-player import FILE" in recorder.notice
    home.unlink()
    printed = tmp_path / "printed.json"
    printed.write_text(recorder.kept_document, encoding="utf-8")
    assert run("import", str(printed)) == 0  # what was printed is a plain export
    with LogStore.open(log_place(), clock=clock) as store:
        assert store.session_by_uuid(uuid) is not None


def test_a_kept_file_keeps_what_an_export_leaves_out(clock: FakeClock, db_path: Path) -> None:
    db_path.mkdir(parents=True)
    recorder = SessionRecorder(log_place(), clock=clock)
    uuid = _session(recorder, clock)
    kept = _kept(recorder, f"{db_path} is a folder, not a file")
    data = json.loads(kept.read_text(encoding="utf-8"))
    assert set(data["records"][uuid]) == {"preview"}  # the rest is in the export itself
    db_path.rmdir()
    _folded(clock, kept, uuid)


def test_a_damaged_kept_file_is_left_and_said(clock: FakeClock, db_path: Path) -> None:
    folder = unsaved.folders(log_place(db_path))[0]
    folder.mkdir(parents=True)
    (folder / "unsaved-20240501T060000-deadbeef.json").write_text("{", encoding="utf-8")
    with LogStore.open(log_place(), clock=clock) as store:
        assert store.notice is not None and "could not be read; it was left there" in store.notice
    assert (folder / "unsaved-20240501T060000-deadbeef.json").exists()


def test_reading_shows_kept_sessions_once_the_log_can_take_them(
    clock: FakeClock, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db_path.mkdir(parents=True)
    recorder = SessionRecorder(log_place(), clock=clock)
    _session(recorder, clock, title="Evening calm")
    kept = _kept(recorder, f"{db_path} is a folder, not a file")
    db_path.rmdir()
    assert run("log", "--since", "2024-01-01") == 0
    captured = capsys.readouterr()
    assert "Evening calm" in captured.out
    assert "1 session that couldn't be written to your log last time" in captured.err
    assert not kept.exists()


PLAIN_SCRIPT = 'title = "Short"\npractice = "breathing"\n\n[[step]]\nsilence = "2s"\n'


def _play(home: Path, script: Path, **more: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SESSION_PLAYER_HOME": str(home), "PYTHONPATH": str(ROOT), **more}
    return subprocess.run(
        [sys.executable, "-m", "session_player", "play", "--plain", "--no-sound", str(script)],
        capture_output=True,
        text=True,
        env=env,
        stdin=subprocess.DEVNULL,
        timeout=60,
        check=False,
    )


@pytest.fixture
def short_script(tmp_path: Path) -> Path:
    script = tmp_path / "short.toml"
    script.write_text(PLAIN_SCRIPT, encoding="utf-8")
    return script


def test_plain_play_says_why_and_where_and_the_next_log_has_it(
    home: Path, db_path: Path, short_script: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db_path.mkdir(parents=True)
    done = _play(home, short_script)
    assert done.returncode == 0, done.stderr
    assert f"could not be written to your log ({db_path} is a folder, not a file)" in done.stderr
    assert "the disk" not in done.stderr
    (kept,) = (db_path.parent / "unsaved").glob("unsaved-*.json")
    assert f"so it was kept in {kept}" in done.stderr
    db_path.rmdir()
    env = {**os.environ, "SESSION_PLAYER_HOME": str(home), "PYTHONPATH": str(ROOT)}
    log = subprocess.run(
        [sys.executable, "-m", "session_player", "log"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert log.returncode == 0 and "Short" in log.stdout
    assert "1 session that couldn't be written to your log last time" in log.stderr
    assert not kept.exists()


def test_a_temporary_folder_others_may_write_in_is_never_used(
    clock: FakeClock, home: Path, temp_folder: Path
) -> None:
    home.write_text("not a folder")
    shared = temp_folder / f"session-player-{os.getuid()}"
    shared.mkdir(mode=0o777)
    shared.chmod(0o777)  # as if someone else had made it first, for everyone
    recorder = SessionRecorder(log_place(), clock=clock)
    _session(recorder, clock)
    assert recorder.close() is False
    assert recorder.kept_at is None and recorder.kept_document is not None
    assert not list(shared.rglob("unsaved-*"))


def test_plain_play_prints_the_session_when_nowhere_takes_it(
    home: Path, tmp_path: Path, short_script: Path
) -> None:
    LogStore.open(log_place()).close()
    shared = tmp_path / "shared-tmp"
    (shared / f"session-player-{os.getuid()}").mkdir(parents=True, mode=0o777)
    (shared / f"session-player-{os.getuid()}").chmod(0o777)  # others may write: never used
    with read_only(home):  # the log, the data folder and the cache: all read-only
        done = _play(home, short_script, TMPDIR=str(shared))
    assert done.returncode == 0, done.stderr
    assert "no folder would take a copy, so it follows on standard output" in done.stderr
    document = json.loads(done.stdout[done.stdout.index("{") :])
    (session,) = document["sessions"]
    assert session["title"] == "Short" and session["outcome"] == "completed"
