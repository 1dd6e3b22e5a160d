"""Opening the log: schema version, migrations, connection settings."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from session_player.core.log import LogStore, LogUnavailable
from session_player.core.log.schema import MIGRATIONS, SCHEMA_VERSION, migrate, user_version
from session_player.home.paths import log_place

from .conftest import FakeClock


def test_open_creates_the_data_folder_and_a_current_schema(db_path: Path) -> None:
    assert not db_path.parent.exists()
    with LogStore.open(log_place()) as store:
        assert store.path == db_path
        assert user_version(store.conn) == SCHEMA_VERSION == len(MIGRATIONS)
        tables = {r[0] for r in store.conn.execute("SELECT name FROM sqlite_master")}
        assert {"sessions", "check_ins", "entries"} <= tables
        assert store.notice is None
    assert db_path.is_file()


def test_connection_settings(store: LogStore) -> None:
    pragma = store.conn.execute
    assert pragma("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert pragma("PRAGMA busy_timeout").fetchone()[0] == 5000
    assert pragma("PRAGMA foreign_keys").fetchone()[0] == 1
    assert pragma("PRAGMA synchronous").fetchone()[0] == 2  # FULL


def test_reopening_migrates_nothing_twice(db_path: Path, clock: FakeClock) -> None:
    LogStore.open(log_place(), clock=clock).close()
    with LogStore.open(log_place(), clock=clock) as store:
        assert migrate(store.conn) == SCHEMA_VERSION


def test_an_empty_file_is_migrated(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    db_path.touch()
    with LogStore.open(log_place()) as store:
        assert user_version(store.conn) == SCHEMA_VERSION
        assert store.notice is None


def test_a_file_from_a_newer_version_is_left_alone(db_path: Path) -> None:
    LogStore.open(log_place()).close()
    conn = sqlite3.connect(db_path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    before = db_path.read_bytes()
    with pytest.raises(LogUnavailable, match="newer version"):
        LogStore.open(log_place())
    assert db_path.read_bytes() == before


def test_the_store_works_as_a_context_manager(db_path: Path) -> None:
    with LogStore.open(log_place()) as store:
        conn = store.conn
    with pytest.raises(sqlite3.ProgrammingError):
        conn.execute("SELECT 1")


def test_an_explicit_path_is_used(tmp_path: Path) -> None:
    target = tmp_path / "elsewhere" / "my.sqlite3"
    with LogStore.open(log_place(target)) as store:
        assert store.path == target
    assert target.is_file()
