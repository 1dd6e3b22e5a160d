"""Writing the log: the statements behind the recorder, imports and deletes.

Callers hold a transaction (``db.transaction``) around them, so a session row and its children
land together or not at all.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

from .records import CheckIn, Entry, SessionRecord
from .times import local_date, to_text


def _session_values(record: SessionRecord) -> dict[str, object]:
    return {
        "uuid": record.uuid,
        "script_name": record.script_name,
        "title": record.title,
        "practice": record.practice,
        "started_at": to_text(record.started_at),
        "utc_offset": record.utc_offset,
        "local_date": local_date(record.started_at, record.utc_offset).isoformat(),
        "ended_at": None if record.ended_at is None else to_text(record.ended_at),
        "planned_seconds": record.planned_seconds,
        "practised_seconds": record.practised_seconds,
        "outcome": record.outcome,
        "pauses": record.pauses,
        "skips": record.skips,
        "last_step": record.last_step,
        "updated_at": to_text(record.updated_at),
        "preview": int(record.preview),
        "origin": record.origin,
        "note": record.note,
        "time_zone": record.time_zone,
    }


def insert_session(conn: sqlite3.Connection, record: SessionRecord) -> int:
    """Add a session row (its ``id`` is ignored); return the new row id."""
    values = _session_values(record)
    names = ", ".join(values)
    marks = ", ".join(f":{name}" for name in values)
    cursor = conn.execute(f"INSERT INTO sessions ({names}) VALUES ({marks})", values)
    return int(cursor.lastrowid or 0)


def update_session(conn: sqlite3.Connection, record: SessionRecord) -> int | None:
    """Update the row with ``record.uuid`` to match ``record``; its row id, or None if the log
    has no such row (never written yet, or deleted meanwhile). The note is the person's, set
    only by ``set_note``: a recorder's later progress never clears one written meanwhile."""
    values = _session_values(record)
    sets = ", ".join(f"{name} = :{name}" for name in values if name not in ("uuid", "note"))
    # No RETURNING: it needs SQLite 3.35, older than some systems' Python builds.
    if conn.execute(f"UPDATE sessions SET {sets} WHERE uuid = :uuid", values).rowcount == 0:
        return None
    row = conn.execute("SELECT id FROM sessions WHERE uuid = ?", (record.uuid,)).fetchone()
    return None if row is None else int(row[0])


def insert_check_ins(conn: sqlite3.Connection, session_id: int, items: Iterable[CheckIn]) -> None:
    """Add check-ins to a session."""
    conn.executemany(
        "INSERT INTO check_ins (session_id, moment, label, value, step_number, at, low, high) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (session_id, c.moment, c.label, c.value, c.step_number, to_text(c.at), c.low, c.high)
            for c in items
        ],
    )


def insert_entries(conn: sqlite3.Connection, session_id: int, items: Iterable[Entry]) -> None:
    """Add written entries to a session."""
    conn.executemany(
        "INSERT INTO entries (session_id, step_number, prompt, text, at) VALUES (?, ?, ?, ?, ?)",
        [(session_id, e.step_number, e.prompt, e.text, to_text(e.at)) for e in items],
    )


def set_note(conn: sqlite3.Connection, session_id: int, note: str | None) -> bool:
    """Set (or, with None or blank text, clear) a session's note; whether the session exists."""
    text = note.strip() if note else ""
    sql = "UPDATE sessions SET note = ? WHERE id = ?"
    return conn.execute(sql, (text or None, session_id)).rowcount > 0


def has_uuid(conn: sqlite3.Connection, uuid: str) -> bool:
    """Whether the log already holds the session ``uuid``."""
    return conn.execute("SELECT 1 FROM sessions WHERE uuid = ?", (uuid,)).fetchone() is not None


def delete_session(conn: sqlite3.Connection, session_id: int) -> bool:
    """Delete one session with its check-ins and entries; whether it existed."""
    return conn.execute("DELETE FROM sessions WHERE id = ?", (session_id,)).rowcount > 0


def delete_all(conn: sqlite3.Connection) -> int:
    """Delete every session (and so every check-in and entry); how many there were."""
    conn.execute("DELETE FROM check_ins")
    conn.execute("DELETE FROM entries")
    return conn.execute("DELETE FROM sessions").rowcount


def forget_deleted_text(conn: sqlite3.Connection) -> None:
    """Merge the journal's search index, so deleted writing leaves no trace in it (FTS5 keeps
    deleted terms in old segments until they are merged; ``secure_delete`` then zeroes the
    freed pages)."""
    conn.execute("INSERT INTO entries_search (entries_search) VALUES ('optimize')")
