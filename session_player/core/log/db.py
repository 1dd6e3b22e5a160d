"""Opening one SQLite connection the way the log needs it, and its transactions."""

from __future__ import annotations

import errno
import os
import sqlite3
import stat
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from ..files import Refused, kind_of

Connector = Callable[[Path, float], sqlite3.Connection]
"""Opens a connection to a file with a busy timeout in seconds. Tests pass their own (a
read-only URI, a connection that reports a full disk) to reach failures honestly."""

BUSY_TIMEOUT = 5.0
"""Seconds a write waits for another process's write to finish before giving up (it is then
retried later; the player never waits on it)."""


def connect(path: Path, timeout: float) -> sqlite3.Connection:
    """The real connector: autocommit mode (we open transactions ourselves), usable from the
    worker thread that writes the log (callers serialise access with a lock)."""
    return sqlite3.connect(
        str(path), timeout=timeout, isolation_level=None, check_same_thread=False
    )


def _uri_connect(path: Path, timeout: float, query: str) -> sqlite3.Connection:
    return sqlite3.connect(
        f"{path.resolve().as_uri()}?{query}",
        uri=True,
        timeout=timeout,
        isolation_level=None,
        check_same_thread=False,
    )


def read_only_connect(path: Path, timeout: float) -> sqlite3.Connection:
    """A connector that only reads: for looking at a log on a read-only disk."""
    return _uri_connect(path, timeout, "mode=ro")


def immutable_connect(path: Path, timeout: float) -> sqlite3.Connection:
    """A connector that reads the file as it stands, without locks or a ``-shm`` file: for a
    disk that can't be written at all (changes still in the ``-wal`` file are not seen)."""
    return _uri_connect(path, timeout, "mode=ro&immutable=1")


def configure(conn: sqlite3.Connection, timeout: float) -> None:
    """Per-connection settings. WAL lets readers and one writer work at once, and survives a
    killed process; ``synchronous=FULL`` keeps the last committed progress through power loss;
    ``secure_delete`` overwrites deleted journal text instead of leaving it in free pages."""
    conn.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA secure_delete = ON")
    # Persistent once set: later opens, even read-only ones, find the file already in WAL.
    conn.execute("PRAGMA journal_mode = WAL").fetchone()
    conn.execute("PRAGMA synchronous = FULL")
    # Reading the schema makes SQLite read the header: a file that is not a database
    # fails here, on open, rather than in the middle of a session.
    conn.execute("SELECT count(*) FROM sqlite_master").fetchone()


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """``BEGIN IMMEDIATE`` ... ``COMMIT``, rolled back on any error. Taking the write lock at
    the start means a busy database fails at ``BEGIN`` (after the busy timeout), never halfway."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
        conn.execute("COMMIT")
    except BaseException:
        # Some errors (a full disk) already rolled the transaction back.
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise


def quick_check(conn: sqlite3.Connection) -> str | None:
    """None if ``PRAGMA quick_check`` finds the file sound, else its first complaint."""
    rows = conn.execute("PRAGMA quick_check").fetchall()
    first = str(rows[0][0]) if rows else "no answer"
    return None if first == "ok" else first


def require_file(path: Path) -> None:
    """Raise ``Refused`` (an ``OSError``) if something other than a regular file is at
    ``path``: a folder, or ``/dev/null``, is never opened as a database (the log, the
    kept answers)."""
    try:
        found = os.stat(path)
    except FileNotFoundError:
        return
    if not stat.S_ISREG(found.st_mode):
        kind = kind_of(found.st_mode)
        raise Refused(errno.EINVAL, f"{path} is {kind}, not a file", str(path))
