"""The practice log file: opening it safely, and everything read from or written to it.

One ``LogStore`` is one SQLite connection (WAL mode, a busy timeout, so several processes can
read and write at once). Opening it:

- creates the data folder and the file if needed, and migrates an older schema;
- refuses, with ``LogUnavailable``, a file it can't open or write, or one made by a newer version;
- moves a damaged file (not a database; failing ``PRAGMA quick_check`` when ``check=True``) aside
  to ``log.sqlite3.corrupt-YYYYmmddTHHMMSS``, with its ``-wal`` and ``-shm`` files, starts a fresh
  log, and sets ``notice`` to tell the person where the old file is. Nothing is deleted.

A ``LogStore`` is not itself thread-safe: the recorder serialises its calls with a lock.
"""

from __future__ import annotations

import os
import sqlite3
import stat
from collections.abc import Iterable, Iterator, Sequence
from contextlib import suppress
from datetime import date, datetime
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from . import db, unsaved, writes
from .errors import LogUnavailable, is_corruption, reason_at, reason_for
from .place import LogPlace
from .records import (
    MAX_PLANNED_SECONDS,
    MAX_PRACTISED_SECONDS,
    CheckIn,
    Entry,
    ImportResult,
    SessionDetail,
    SessionRecord,
    Stats,
)
from .schema import migrate
from .stats import YEAR_DAYS, stats
from .times import WallClock, utc_now

if TYPE_CHECKING:
    from .journal import JournalEntry

# The reading side (history, journal, exports) loads when it is first asked for: a session
# only writes (issue 26).


def _identity(path: Path) -> tuple[int, int] | None:
    """Which file is at ``path`` (device and inode), or None if there is none."""
    try:
        found = path.stat()
    except FileNotFoundError:
        return None
    return found.st_dev, found.st_ino


_SHM_SIZE = 32 * 1024  # a -shm file SQLite has set up is at least this big


def _side_files(path: Path) -> set[Path]:
    return {p for s in ("-wal", "-shm") if (p := path.with_name(path.name + s)).exists()}


def _tidy(path: Path, before: set[Path]) -> None:
    """Remove the side files a refused open made (they were not there before, and hold
    nothing: SQLite could not even set them up; a full disk leaves a 3-byte ``-shm``)."""
    for side in _side_files(path) - before:
        with suppress(OSError):
            if side.stat().st_size < _SHM_SIZE:
                side.unlink()


def _mend_side_files(path: Path) -> None:
    """Make the ``-wal`` and ``-shm`` beside a log this user may write writable again.

    SQLite makes them with the log file's permissions: made during a read-only spell (the
    file set to 0444 while a reader opened it), they stay read-only after the file is
    writable again, and every write fails. Only this user's own files are changed (to the log
    file's mode); another's are left, and ``reason_at`` names them as the file to fix.
    """
    owner = getattr(os, "geteuid", None)  # POSIX only: Windows has no owners to compare
    try:
        log = path.stat()
    except OSError:
        return
    if not (os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)):
        return  # still read-only, or not ours to write: nothing to mend yet
    for side in _side_files(path):
        with suppress(OSError):  # left for reason_at to name (chattr +i, another user's)
            if not os.access(side, os.W_OK) and (owner is None or side.stat().st_uid == owner()):
                os.chmod(side, stat.S_IMODE(log.st_mode))


def _move_aside(path: Path, moment: datetime) -> Path:
    """Rename a damaged log (and its WAL and shared-memory files) out of the way; return the
    new name. The WAL goes with it because it belongs to the old file: left behind, SQLite
    could try to replay it into the fresh one."""
    stamp = moment.astimezone().strftime("%Y%m%dT%H%M%S")
    target = path.with_name(f"{path.name}.corrupt-{stamp}")
    n = 1
    while target.exists():
        target = path.with_name(f"{path.name}.corrupt-{stamp}-{n}")
        n += 1
    os.replace(path, target)
    for suffix in ("-wal", "-shm"):
        side = path.with_name(path.name + suffix)
        if side.exists():
            os.replace(side, target.with_name(target.name + suffix))
    return target


_IMPOSSIBLE = (
    "practised_seconds NOT BETWEEN 0 AND :practised OR planned_seconds NOT BETWEEN 0 AND :planned"
)
_LIMITS = {"practised": MAX_PRACTISED_SECONDS, "planned": MAX_PLANNED_SECONDS}


def _cap_impossible(conn: sqlite3.Connection) -> int:
    """Cap times no session can have (1e308 s), left by imports from before they were bounded:
    they broke ``stats`` and exports. How many sessions were capped."""
    if not conn.execute(f"SELECT 1 FROM sessions WHERE {_IMPOSSIBLE} LIMIT 1", _LIMITS).fetchone():
        return 0
    with db.transaction(conn):
        return conn.execute(
            "UPDATE sessions SET "
            "practised_seconds = min(max(practised_seconds, 0), :practised), "
            f"planned_seconds = min(max(planned_seconds, 0), :planned) WHERE {_IMPOSSIBLE}",
            _LIMITS,
        ).rowcount


def fold_kept(conn: sqlite3.Connection, log: LogPlace) -> str | None:
    """Fold in sessions kept elsewhere when the log couldn't take them (``unsaved.py``), and
    cap impossible times; a notice saying what was done, or None. A log that takes nothing
    now keeps the sessions for next time."""
    try:
        changed, folded, unreadable = unsaved.fold(conn, log)
        capped = _cap_impossible(conn)
    except (sqlite3.Error, OSError):
        return None
    notices = [unsaved.folded_notice(changed, folded)] if folded else []
    if capped:
        notices.append(
            f"{capped} session{' was' if capped == 1 else 's were'} imported with a practised "
            "or planned time no session can have; capped (practised at a week, planned at a "
            "day) so stats and exports work again."
        )
    notices += [
        f"Sessions kept in {p} could not be read; it was left there (session-player import "
        "reads it too)."
        for p in unreadable
    ]
    return " ".join(notices) or None


class _Damaged(Exception):
    """A damaged file, with the connection that found it still open: the files are moved
    aside *before* it closes, because closing lets SQLite delete a WAL file that may still
    hold the person's latest sessions."""

    def __init__(self, error: BaseException, conn: sqlite3.Connection) -> None:
        super().__init__(str(error))
        self.conn = conn


def _connect(path: Path, connect: db.Connector, timeout: float, check: bool) -> sqlite3.Connection:
    conn = connect(path, timeout)
    try:
        db.configure(conn, timeout)
        if check and (problem := db.quick_check(conn)):
            raise sqlite3.DatabaseError(f"quick_check failed: {problem}")
        migrate(conn)
    except (sqlite3.Error, OSError) as error:
        if is_corruption(error):
            raise _Damaged(error, conn) from error
        conn.close()
        raise
    except BaseException:
        conn.close()
        raise
    return conn


class LogStore:
    """An open practice log. Build one with ``LogStore.open``; close it (or use ``with``)."""

    def __init__(
        self, conn: sqlite3.Connection, path: Path, *, clock: WallClock, notice: str | None = None
    ) -> None:
        self.conn = conn
        self.path = path
        self.clock = clock
        self.notice = notice
        """Something the person should hear about this file (it was damaged and moved aside)."""

    @classmethod
    def open(
        cls,
        place: LogPlace,
        *,
        clock: WallClock = utc_now,
        busy_timeout: float = db.BUSY_TIMEOUT,
        connect: db.Connector = db.connect,
        check: bool = False,
    ) -> LogStore:
        """Open (creating or migrating) the log at ``place``.

        ``check`` runs ``PRAGMA quick_check`` too (it reads the whole file; use it when a
        problem is suspected). Raises ``LogUnavailable`` when the log can't be used now.
        """
        path = place.path
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:  # a file in the way (SESSION_PLAYER_HOME a file), ...
            words = error.strerror.lower() if error.strerror else str(error)
            reason = f"its folder {path.parent} can't be made: {words}"
            raise LogUnavailable(reason, str(error)) from error
        before = _side_files(path)
        try:
            db.require_file(path)
            _mend_side_files(path)
            opened = _identity(path)
            conn = _connect(path, connect, busy_timeout, check)
            return cls(conn, path, clock=clock, notice=fold_kept(conn, place))
        except (sqlite3.Error, OSError) as error:
            _tidy(path, before)
            raise LogUnavailable(reason_at(path, error), str(error)) from error
        except _Damaged as found:
            try:
                # Another process may have moved it aside and started afresh meanwhile:
                # only the very file found damaged is moved.
                aside = _move_aside(path, clock()) if _identity(path) == opened else None
            except OSError as error:
                raise LogUnavailable(reason_for(error), str(error)) from error
            finally:
                with suppress(sqlite3.Error):
                    found.conn.close()
        try:
            conn = _connect(path, connect, busy_timeout, check=False)
        except _Damaged as found:  # a fresh file damaged at once: give up for now
            found.conn.close()
            raise LogUnavailable("the file is damaged", str(found)) from found
        except (sqlite3.Error, OSError) as error:
            raise LogUnavailable(reason_at(path, error), str(error)) from error
        notice = (
            f"Your log file was damaged, so it was moved aside to {aside} and a fresh log "
            "was started. Nothing in the old file was deleted."
        )
        notices = [notice] if aside else []
        if folded := fold_kept(conn, place):
            notices.append(folded)
        return cls(conn, path, clock=clock, notice=" ".join(notices) or None)

    def close(self) -> None:
        """Close the connection (WAL content is checkpointed by SQLite as it closes)."""
        self.conn.close()

    def __enter__(self) -> LogStore:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()

    # Reading ------------------------------------------------------------------------------

    def recent(
        self,
        *,
        limit: int | None = None,
        since: date | datetime | None = None,
        previews: bool = True,
    ) -> list[SessionRecord]:
        """Sessions newest first: at most ``limit``, started on or after ``since`` (a date is
        a local day; a datetime an instant); previews too, marked, unless ``previews=False``."""
        from . import queries

        return queries.recent(self.conn, self.clock(), limit=limit, since=since, previews=previews)

    def session(self, session_id: int) -> SessionDetail | None:
        """One session with its check-ins and entries (None if it isn't in the log)."""
        from . import queries

        return queries.detail(self.conn, self.clock(), session_id)

    def session_by_uuid(self, uuid: str) -> SessionDetail | None:
        """One session by its uuid, with its check-ins and entries."""
        from . import queries

        return queries.detail_by_uuid(self.conn, self.clock(), uuid)

    def iter_details(
        self, *, since: date | datetime | None = None, previews: bool = False
    ) -> Iterator[SessionDetail]:
        """Every session, oldest first, with its children: what exports walk through.
        Previews are left out unless asked for."""
        from . import queries

        return queries.iter_details(self.conn, self.clock(), since=since, previews=previews)

    def details_of(self, sessions: Sequence[SessionRecord]) -> list[SessionDetail]:
        """Sessions read from this log, each with its check-ins and entries."""
        from . import queries

        return queries.with_children(self.conn, sessions)

    def journal(self, *, search: str | None = None, limit: int | None = None) -> list[JournalEntry]:
        """Every written text newest first, those holding each word of ``search`` if given."""
        from .journal import journal

        return journal(self.conn, search=search, limit=limit)

    def count(self) -> int:
        """How many sessions the log holds."""
        from . import queries

        return queries.count(self.conn)

    def stats(
        self,
        today: date | None = None,
        *,
        days: int = YEAR_DAYS,
        changes: bool = False,
        since: date | None = None,
    ) -> Stats:
        """Totals, by practice, per day and per week over ``days`` (or from the local day
        ``since`` on), and streaks (with ``changes``, the check-ins' change per question).
        ``today`` defaults to the local date now."""
        if today is None:
            today = self.clock().astimezone().date()
        return stats(self.conn, today, days=days, changes=changes, first_day=since)

    # Writing ------------------------------------------------------------------------------

    def save(
        self,
        record: SessionRecord,
        check_ins: Sequence[CheckIn] = (),
        entries: Sequence[Entry] = (),
        *,
        check_ins_saved: int = 0,
        entries_saved: int = 0,
    ) -> int:
        """Write a session as it stands, in one transaction; return its row id.

        ``check_ins[check_ins_saved:]`` and ``entries[entries_saved:]`` are new. If the row is
        missing (first save, or deleted meanwhile) it is inserted with all its children.
        """
        with db.transaction(self.conn):
            row_id = writes.update_session(self.conn, record)
            if row_id is None:
                row_id = writes.insert_session(self.conn, record)
                check_ins_saved = entries_saved = 0
            writes.insert_check_ins(self.conn, row_id, check_ins[check_ins_saved:])
            writes.insert_entries(self.conn, row_id, entries[entries_saved:])
        return row_id

    def add(self, details: Iterable[SessionDetail]) -> ImportResult:
        """Add sessions (an import) in one transaction: all or nothing. A session whose uuid
        the log already holds is skipped, so importing the same file twice changes nothing."""
        added = skipped = 0
        with db.transaction(self.conn):
            for item in details:
                if writes.has_uuid(self.conn, item.session.uuid):
                    skipped += 1
                    continue
                row_id = writes.insert_session(self.conn, item.session)
                writes.insert_check_ins(self.conn, row_id, item.check_ins)
                writes.insert_entries(self.conn, row_id, item.entries)
                added += 1
        return ImportResult(added, skipped)

    def delete_session(self, session_id: int) -> bool:
        """Delete one session with its check-ins and entries; whether it was there."""
        with db.transaction(self.conn):
            found = writes.delete_session(self.conn, session_id)
            writes.forget_deleted_text(self.conn)
        return found

    def delete_all(self) -> int:
        """Delete the whole history; how many sessions there were."""
        with db.transaction(self.conn):
            n = writes.delete_all(self.conn)
            writes.forget_deleted_text(self.conn)
        return n

    def set_note(self, session_id: int, note: str | None) -> bool:
        """Add, change or (with None or blank text) remove a session's note; whether the
        session is in the log."""
        with db.transaction(self.conn):
            return writes.set_note(self.conn, session_id, note)
