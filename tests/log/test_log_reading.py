"""Reading the history never needs to write: a read-only or full disk still shows it all.

``log``, ``log --json``, ``stats`` and ``export`` on a real read-only mount and a real full
tmpfs; a damaged log is reported and left exactly where it is; ``log --json`` writes a whole
document or nothing.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from session_player.core.log import LogStore
from session_player.home.paths import log_place

from .conftest import MakeDetail
from .mounts import fill, read_only, small_disk
from .test_log_cli import run

READERS = (("log",), ("log", "--json"), ("log", "--csv"), ("stats",), ("export",))


def _three(make_detail: MakeDetail) -> None:
    with LogStore.open(log_place()) as store:
        store.add([make_detail(title=f"Session {n}") for n in range(3)])


def _files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def _check_all_readers(capsys: pytest.CaptureFixture[str]) -> None:
    for argv in READERS:
        assert run(*argv) == 0, (argv, capsys.readouterr().err)
        out = capsys.readouterr().out
        if argv == ("log",):
            assert len(out.splitlines()) == 4  # a header and three sessions
        elif argv[-1] in ("--json", "export"):
            assert len(json.loads(out)["sessions"]) == 3
        elif argv == ("stats",):
            assert out.startswith("3 sessions")


@pytest.fixture
def on_small_disk(home: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The whole data home on its own 1 MiB tmpfs."""
    with small_disk(home.parent / "disk") as disk:
        monkeypatch.setenv("SESSION_PLAYER_HOME", str(disk))
        yield disk


def test_every_reader_works_on_a_full_disk_and_leaves_nothing_behind(
    on_small_disk: Path, db_path: Path, make_detail: MakeDetail, capsys: pytest.CaptureFixture[str]
) -> None:
    _three(make_detail)
    fill(on_small_disk)
    before = _files(db_path.parent)
    _check_all_readers(capsys)
    assert _files(db_path.parent) == before  # no 3-byte -shm, no empty -wal


def test_every_reader_works_on_a_read_only_disk(
    home: Path, db_path: Path, make_detail: MakeDetail, capsys: pytest.CaptureFixture[str]
) -> None:
    _three(make_detail)
    with read_only(db_path.parent):
        _check_all_readers(capsys)


def test_sessions_still_in_the_wal_are_read_on_a_read_only_disk(
    db_path: Path, make_detail: MakeDetail, capsys: pytest.CaptureFixture[str]
) -> None:
    """A running app holds its WAL open: a reader on a read-only view still sees all of it."""
    with LogStore.open(log_place()) as writer:
        writer.conn.execute("PRAGMA wal_autocheckpoint = 0")
        writer.add([make_detail(title=f"Session {n}") for n in range(3)])
        assert db_path.with_name("log.sqlite3-wal").stat().st_size > 0
        with read_only(db_path.parent):
            _check_all_readers(capsys)


def test_log_never_moves_a_damaged_file_aside(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db_path.parent.mkdir(parents=True)
    garbage = b"this is not a database, just some bytes " * 200
    db_path.write_bytes(garbage)
    for argv in READERS:
        assert run(*argv) == 1
        captured = capsys.readouterr()
        assert captured.out == ""
        assert "is damaged; reading it changed nothing" in captured.err
        assert "set it aside" in captured.err and captured.err.count("\n") == 1
    assert _files(db_path.parent) == ["log.sqlite3"] and db_path.read_bytes() == garbage


def _damage_the_middle(db_path: Path) -> None:
    with LogStore.open(log_place()) as store:
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = bytearray(db_path.read_bytes())
    page = 4096
    middle = len(data) // page // 2
    data[middle * page : (middle + 4) * page] = b"\xff" * 4 * page
    db_path.write_bytes(bytes(data))


@pytest.mark.parametrize("argv", [("log", "--json"), ("log", "--csv"), ("export",)])
def test_damage_found_half_way_prints_nothing(
    argv: tuple[str, ...],
    db_path: Path,
    make_detail: MakeDetail,
    capsys: pytest.CaptureFixture[str],
) -> None:
    with LogStore.open(log_place()) as store:
        store.add(make_detail(entries=((1, "P", "x" * 500),)) for _ in range(200))
    _damage_the_middle(db_path)
    # The damage is really there, past the start of the file.
    with pytest.raises(sqlite3.DatabaseError), LogStore.open(log_place()) as store:
        list(store.iter_details())
    capsys.readouterr()
    assert run(*argv) == 1
    captured = capsys.readouterr()
    assert captured.out == ""  # not half a document
    assert "is damaged" in captured.err and "Traceback" not in captured.err
    assert not list(db_path.parent.glob("*.corrupt-*"))


def test_a_write_refused_by_a_full_disk_leaves_nothing_behind_either(
    on_small_disk: Path,
    db_path: Path,
    tmp_path: Path,
    make_detail: MakeDetail,
    capsys: pytest.CaptureFixture[str],
) -> None:
    _three(make_detail)
    fill(on_small_disk)
    before = _files(db_path.parent)
    export = tmp_path / "empty.json"
    export.write_text('{"format": "session-player-log", "version": 1, "sessions": []}')
    assert run("import", str(export)) == 1
    assert "(disk full)" in capsys.readouterr().err
    assert _files(db_path.parent) == before
