"""The log's tables, and the migrations that bring any older file up to date.

``PRAGMA user_version`` holds how many migrations a file has had. Migrations never remove a
session or anything written (indexes may be replaced); they run in one ``BEGIN IMMEDIATE``
transaction, so two processes opening an old file at once can't both apply them.
"""

from __future__ import annotations

import sqlite3

from .db import transaction
from .errors import LogUnavailable

_V1: tuple[str, ...] = (
    """
    CREATE TABLE sessions (
        id INTEGER PRIMARY KEY,
        uuid TEXT NOT NULL UNIQUE,
        script_name TEXT NOT NULL,
        title TEXT NOT NULL,
        practice TEXT NOT NULL,
        started_at TEXT NOT NULL,           -- UTC, fixed-width ISO 8601 with Z
        utc_offset INTEGER NOT NULL,        -- seconds east of UTC when it started
        local_date TEXT NOT NULL,           -- the local day it started: stats group by it
        ended_at TEXT,
        planned_seconds REAL NOT NULL,
        practised_seconds REAL NOT NULL DEFAULT 0,
        outcome TEXT NOT NULL
            CHECK (outcome IN ('running', 'completed', 'stopped', 'interrupted')),
        pauses INTEGER NOT NULL DEFAULT 0,
        skips INTEGER NOT NULL DEFAULT 0,
        last_step INTEGER,
        updated_at TEXT NOT NULL
    )
    """,
    "CREATE INDEX sessions_started ON sessions (started_at)",
    # Covering index: the per-day sums and the streak scan never touch the table itself.
    "CREATE INDEX sessions_day ON sessions (local_date, practised_seconds)",
    # Likewise for totals by practice: grouped in index order, no sort, no table reads.
    "CREATE INDEX sessions_practice ON sessions (practice, practised_seconds)",
    """
    CREATE TABLE check_ins (
        id INTEGER PRIMARY KEY,
        session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
        moment TEXT NOT NULL CHECK (moment IN ('before', 'after', 'step')),
        label TEXT NOT NULL,
        value INTEGER NOT NULL CHECK (value BETWEEN 0 AND 10),
        step_number INTEGER,
        at TEXT NOT NULL
    )
    """,
    "CREATE INDEX check_ins_session ON check_ins (session_id)",
    """
    CREATE TABLE entries (
        id INTEGER PRIMARY KEY,
        session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
        step_number INTEGER NOT NULL,
        prompt TEXT NOT NULL,
        text TEXT,                          -- NULL when written text is not kept
        at TEXT NOT NULL
    )
    """,
    "CREATE INDEX entries_session ON entries (session_id)",
)

PREVIEW_SLACK = 1.05
"""A session whose practised time exceeds its wall time by more than this factor (and a
second) can only have been played at ``--speed``: version 2 marks such sessions as previews."""

_V2: tuple[str, ...] = (
    # A preview (played at --speed) is kept but is not practice: no stats, streaks or exports.
    "ALTER TABLE sessions ADD COLUMN preview INTEGER NOT NULL DEFAULT 0",
    # Where a session comes from: 'played' here, 'manual' (added by hand), or the app it was
    # imported from ('meditation-assistant', 'insight-timer').
    "ALTER TABLE sessions ADD COLUMN origin TEXT NOT NULL DEFAULT 'played'",
    "ALTER TABLE sessions ADD COLUMN note TEXT",
    # The IANA time zone it started in, where known (HealthKit's HKMetadataKeyTimeZone).
    "ALTER TABLE sessions ADD COLUMN time_zone TEXT",
    f"""
    UPDATE sessions SET preview = 1
    WHERE practised_seconds > 1.0 + {PREVIEW_SLACK} * 86400.0
        * (julianday(COALESCE(ended_at, updated_at)) - julianday(started_at))
    """,
    # Stats and streaks read only what was practised: partial covering indexes.
    "DROP INDEX sessions_day",
    "DROP INDEX sessions_practice",
    "CREATE INDEX sessions_day ON sessions (local_date, practised_seconds) WHERE preview = 0",
    "CREATE INDEX sessions_practice ON sessions (practice, practised_seconds) WHERE preview = 0",
    # The journal's search: an index over entries' text, kept in step by triggers (deleting a
    # session cascades to its entries, and so out of the index).
    "CREATE VIRTUAL TABLE entries_search USING fts5(text, content='entries', content_rowid='id')",
    "INSERT INTO entries_search (entries_search) VALUES ('rebuild')",
    """
    CREATE TRIGGER entries_search_insert AFTER INSERT ON entries WHEN new.text IS NOT NULL
    BEGIN
        INSERT INTO entries_search (rowid, text) VALUES (new.id, new.text);
    END
    """,
    """
    CREATE TRIGGER entries_search_delete AFTER DELETE ON entries WHEN old.text IS NOT NULL
    BEGIN
        INSERT INTO entries_search (entries_search, rowid, text)
            VALUES ('delete', old.id, old.text);
    END
    """,
    """
    CREATE TRIGGER entries_search_update AFTER UPDATE OF text ON entries
    BEGIN
        INSERT INTO entries_search (entries_search, rowid, text)
            SELECT 'delete', old.id, old.text WHERE old.text IS NOT NULL;
        INSERT INTO entries_search (rowid, text) SELECT new.id, new.text WHERE new.text IS NOT NULL;
    END
    """,
)

_V3: tuple[str, ...] = (
    # Every rating carries what its 0 and 10 mean, so ratings on different scales are never
    # compared. The question itself was always kept (``label``).
    "ALTER TABLE check_ins ADD COLUMN low TEXT",
    "ALTER TABLE check_ins ADD COLUMN high TEXT",
    # Before and after ratings were only ever the app's own question, on its own scale.
    """
    UPDATE check_ins SET low = 'not at all', high = 'completely'
    WHERE moment IN ('before', 'after') AND label = 'settled'
    """,
)

_V4: tuple[str, ...] = (
    # The journal's search finds a word by its stem as well as its start ("blame" finds
    # "blaming" and "blamed"): the index made again with the porter tokenizer over unicode61,
    # its triggers as before.
    "DROP TRIGGER entries_search_insert",
    "DROP TRIGGER entries_search_delete",
    "DROP TRIGGER entries_search_update",
    "DROP TABLE entries_search",
    "CREATE VIRTUAL TABLE entries_search USING fts5(text, content='entries', content_rowid='id', "
    "tokenize='porter unicode61')",
    *_V2[-4:],  # the rebuild and the three triggers
)

MIGRATIONS: tuple[tuple[str, ...], ...] = (_V1, _V2, _V3, _V4)
"""Each item is the statements that take a file from version ``i`` to ``i + 1``."""

SCHEMA_VERSION = len(MIGRATIONS)


def user_version(conn: sqlite3.Connection) -> int:
    """The schema version a file says it has."""
    row = conn.execute("PRAGMA user_version").fetchone()
    return int(row[0])


def migrate(conn: sqlite3.Connection) -> int:
    """Bring ``conn``'s file up to ``SCHEMA_VERSION``; return the version it had.

    A file from a newer version of the app is left alone: ``LogUnavailable`` says so.
    """
    found = user_version(conn)
    if found > SCHEMA_VERSION:
        raise LogUnavailable("made by a newer version of session-player")
    if found == SCHEMA_VERSION:
        return found
    if found == 0 and conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
        # Tables, yet never one of ours: another program's database, left as it is.
        raise LogUnavailable("it is another program's database, not a session-player log")
    with transaction(conn):
        found = user_version(conn)  # another process may have migrated while we waited
        for statements in MIGRATIONS[found:]:
            for statement in statements:
                conn.execute(statement)
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    return found
