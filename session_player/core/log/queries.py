"""Reading the log: recent sessions, one session in full, everything for export, deleting.

A row still ``running`` whose ``updated_at`` is older than ``STALE_SECONDS`` belongs to a process
that died (killed, crashed, power lost): every query reports it as ``interrupted``, ending when it
was last heard from. Deriving this at read time, rather than rewriting rows on open, means a
read-only log still reads right, and a session whose computer merely slept comes back to life
when its player writes again.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from datetime import date, datetime, timedelta
from typing import Any, cast

from .records import STALE_SECONDS, CheckIn, Entry, Moment, Outcome, SessionDetail, SessionRecord
from .times import from_text, to_text

_STALE = "outcome = 'running' AND updated_at < :stale"
_COLUMNS = f"""
    id, uuid, script_name, title, practice, started_at, utc_offset, planned_seconds,
    updated_at, practised_seconds,
    CASE WHEN {_STALE} THEN 'interrupted' ELSE outcome END,
    CASE WHEN {_STALE} THEN updated_at ELSE ended_at END,
    pauses, skips, last_step, preview, origin, note, time_zone
"""
_CHUNK = 500  # sessions per batch when children are fetched alongside them


def stale_before(now: datetime) -> str:
    """Rows running but not updated since this instant (stored text form) are interrupted."""
    return to_text(now - timedelta(seconds=STALE_SECONDS))


def session_from_row(row: Sequence[Any]) -> SessionRecord:
    """A ``SessionRecord`` from a row selected with ``_COLUMNS``."""
    return SessionRecord(
        id=int(row[0]),
        uuid=str(row[1]),
        script_name=str(row[2]),
        title=str(row[3]),
        practice=str(row[4]),
        started_at=from_text(row[5]),
        utc_offset=int(row[6]),
        planned_seconds=float(row[7]),
        updated_at=from_text(row[8]),
        practised_seconds=float(row[9]),
        outcome=cast(Outcome, row[10]),
        ended_at=None if row[11] is None else from_text(row[11]),
        pauses=int(row[12]),
        skips=int(row[13]),
        last_step=None if row[14] is None else int(row[14]),
        preview=bool(row[15]),
        origin=str(row[16]),
        note=None if row[17] is None else str(row[17]),
        time_zone=None if row[18] is None else str(row[18]),
    )


def _since_clause(
    since: date | datetime | None, params: dict[str, Any], *, previews: bool = True
) -> str:
    """A WHERE clause for ``since`` (a date is a local day, a datetime an instant), leaving
    previews out unless ``previews``."""
    terms = [] if previews else ["preview = 0"]
    if isinstance(since, datetime):
        params["since"] = to_text(since)
        terms.append("started_at >= :since")
    elif since is not None:
        params["since"] = since.isoformat()
        terms.append("local_date >= :since")
    return f"WHERE {' AND '.join(terms)}" if terms else ""


def recent(
    conn: sqlite3.Connection,
    now: datetime,
    *,
    limit: int | None = None,
    since: date | datetime | None = None,
    previews: bool = True,
) -> list[SessionRecord]:
    """Sessions newest first, at most ``limit`` (None: all), started on or after ``since``;
    previews among them unless ``previews`` is False."""
    params: dict[str, Any] = {"stale": stale_before(now), "limit": -1 if limit is None else limit}
    where = _since_clause(since, params, previews=previews)
    sql = f"SELECT {_COLUMNS} FROM sessions {where} ORDER BY started_at DESC, id DESC LIMIT :limit"
    return [session_from_row(row) for row in conn.execute(sql, params)]


def _check_ins(conn: sqlite3.Connection, ids: Sequence[int]) -> dict[int, list[CheckIn]]:
    marks = ",".join("?" * len(ids))
    found: dict[int, list[CheckIn]] = {}
    sql = (
        "SELECT session_id, moment, label, value, at, step_number, low, high FROM check_ins "
        f"WHERE session_id IN ({marks}) ORDER BY id"
    )
    for sid, moment, label, value, at, step, low, high in conn.execute(sql, list(ids)):
        found.setdefault(int(sid), []).append(
            CheckIn(cast(Moment, moment), str(label), int(value), from_text(at), step, low, high)
        )
    return found


def _entries(conn: sqlite3.Connection, ids: Sequence[int]) -> dict[int, list[Entry]]:
    marks = ",".join("?" * len(ids))
    found: dict[int, list[Entry]] = {}
    sql = (
        "SELECT session_id, step_number, prompt, text, at FROM entries "
        f"WHERE session_id IN ({marks}) ORDER BY id"
    )
    for sid, step, prompt, text, at in conn.execute(sql, list(ids)):
        found.setdefault(int(sid), []).append(Entry(int(step), str(prompt), text, from_text(at)))
    return found


def with_children(
    conn: sqlite3.Connection, sessions: Sequence[SessionRecord]
) -> list[SessionDetail]:
    """The sessions (read from this log) with their check-ins and entries."""
    ids = [s.id for s in sessions if s.id is not None]
    check_ins = _check_ins(conn, ids)
    entries = _entries(conn, ids)
    return [
        SessionDetail(s, tuple(check_ins.get(s.id or 0, ())), tuple(entries.get(s.id or 0, ())))
        for s in sessions
    ]


def detail(conn: sqlite3.Connection, now: datetime, session_id: int) -> SessionDetail | None:
    """One session with its check-ins and entries, or None if there is no such row."""
    sql = f"SELECT {_COLUMNS} FROM sessions WHERE id = :id"
    row = conn.execute(sql, {"stale": stale_before(now), "id": session_id}).fetchone()
    return None if row is None else with_children(conn, [session_from_row(row)])[0]


def detail_by_uuid(conn: sqlite3.Connection, now: datetime, uuid: str) -> SessionDetail | None:
    """Like ``detail``, found by the session's uuid."""
    row = conn.execute("SELECT id FROM sessions WHERE uuid = ?", (uuid,)).fetchone()
    return None if row is None else detail(conn, now, int(row[0]))


def iter_details(
    conn: sqlite3.Connection,
    now: datetime,
    *,
    since: date | datetime | None = None,
    previews: bool = False,
) -> Iterator[SessionDetail]:
    """Every session oldest first (previews only if asked for: exports leave them out), with
    its children, fetched in batches so a long history never has to fit in memory at once."""
    params: dict[str, Any] = {"stale": stale_before(now)}
    where = _since_clause(since, params, previews=previews)
    sql = f"SELECT {_COLUMNS} FROM sessions {where} ORDER BY started_at, id"
    cursor = conn.execute(sql, params)
    while rows := cursor.fetchmany(_CHUNK):
        yield from with_children(conn, [session_from_row(row) for row in rows])


def count(conn: sqlite3.Connection) -> int:
    """How many sessions the log holds."""
    return int(conn.execute("SELECT count(*) FROM sessions").fetchone()[0])
