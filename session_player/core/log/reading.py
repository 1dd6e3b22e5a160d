"""Opening the log only to read it (``log``, ``stats``, ``export``), on any disk.

Reading never needs to write, so it never creates or repairs anything (where the disk takes
writes, it migrates an older file and folds in sessions kept elsewhere, as any open does):

- no file yet is simply no sessions (``None``);
- a damaged file is reported (``LogUnavailable("the file is damaged")``) and left exactly as
  it is: setting it aside is for the app's start and for commands that write;
- on a disk that refuses writing (read-only, full, no permission) the file is opened read-only,
  or, when SQLite would still need to create its ``-shm`` file for that, as *immutable*: then
  changes still in the ``-wal`` file can't be seen, and ``notice`` says so. Side files a
  refused attempt left behind (a 3-byte ``-shm``, an empty ``-wal``) are removed again.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from . import db, unsaved
from .errors import LogUnavailable, is_corruption, reason_for
from .place import LogPlace
from .schema import SCHEMA_VERSION, user_version
from .store import LogStore, _connect, _Damaged, _side_files, _tidy, fold_kept
from .times import WallClock, utc_now

UNWRITABLE = ("read-only", "disk full", "disk error", "can't open the log file", "no permission")
"""The reasons (their starts) that say a disk refuses writing, where reading may still work."""


def _damaged(error: BaseException) -> LogUnavailable:
    return LogUnavailable("the file is damaged", str(error))


def _read_only(path: Path, connect: db.Connector) -> sqlite3.Connection:
    conn = connect(path, db.BUSY_TIMEOUT)
    try:
        conn.execute(f"PRAGMA busy_timeout = {int(db.BUSY_TIMEOUT * 1000)}")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()  # reads the header
        found = user_version(conn)
        if found > SCHEMA_VERSION:
            raise LogUnavailable("made by a newer version of session-player")
        if found < SCHEMA_VERSION:
            raise LogUnavailable(
                "made by an older version; it can be updated once its disk can be written"
            )
    except BaseException:
        conn.close()
        raise
    return conn


def _kept_only(place: LogPlace, clock: WallClock) -> LogStore | None:
    try:
        return LogStore.open(place, clock=clock)
    except LogUnavailable:
        return None  # nowhere to put them yet: they stay kept


def open_for_reading(
    place: LogPlace, *, clock: WallClock = utc_now, connect: db.Connector = db.connect
) -> LogStore | None:
    """The log at ``place`` opened to read, or None if there is none.

    Raises ``LogUnavailable`` when it can't be read at all, ``the file is damaged`` included.
    """
    path = place.path
    try:
        if not os.path.lexists(path):
            # No log yet is no sessions, unless sessions kept elsewhere wait for one.
            return _kept_only(place, clock) if unsaved.pending(place) else None
        db.require_file(path)
    except OSError as error:
        raise LogUnavailable(reason_for(error), str(error)) from error
    before = _side_files(path)
    try:
        conn = _connect(path, connect, db.BUSY_TIMEOUT, check=False)
        # The disk takes writes: sessions kept elsewhere last time come in, so they show.
        return LogStore(conn, path, clock=clock, notice=fold_kept(conn, place))
    except _Damaged as found:
        found.conn.close()
        raise _damaged(found) from None
    except (sqlite3.Error, OSError) as error:
        reason = reason_for(error)
        if not reason.startswith(UNWRITABLE):
            raise LogUnavailable(reason, str(error)) from error
    _tidy(path, before)
    try:
        conn = _read_only(path, db.read_only_connect)
        return LogStore(conn, path, clock=clock)
    except (sqlite3.Error, OSError) as error:
        if is_corruption(error):
            raise _damaged(error) from None
    _tidy(path, before)
    try:
        conn = _read_only(path, db.immutable_connect)
    except (sqlite3.Error, OSError) as error:
        if is_corruption(error):
            raise _damaged(error) from None
        raise LogUnavailable(reason_for(error), str(error)) from error
    wal = path.with_name(path.name + "-wal")
    unseen = wal.exists() and wal.stat().st_size > 0
    notice = (
        f"Your log's disk can't be written, so the newest changes (kept in {wal}) can't be "
        "read; what is shown may miss the latest sessions."
    )
    return LogStore(conn, path, clock=clock, notice=notice if unseen else None)
