"""What the recorder holds until it is safely in the file.

The sessions not yet written (or not wholly), the writing itself with its retries when the log
refuses them, and, at the end, keeping them elsewhere (``unsaved.py``) when it still refuses.
Not locked on its own: the recorder calls it under its lock.
"""

from __future__ import annotations

import sqlite3
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from . import db, unsaved
from .errors import is_corruption, reason_at, storage_errors
from .place import LogPlace
from .records import CheckIn, Entry, SessionDetail, SessionRecord
from .store import LogStore
from .times import WallClock

RETRY_SECONDS = 5.0
SAVED_AGAIN = "Your log is being saved again; nothing from this session was lost."


def unsaved_notice(reason: str) -> str:
    """What the person is told while their session can't be written."""
    return (
        f"Your log can't be written right now ({reason}); this session is kept in memory "
        "and will be saved when possible."
    )


def kept_notice(reason: str, where: Path | None) -> str:
    """What the person is told when the app closes and the log still can't take a session."""
    if where is None:
        return (
            f"This session could not be written to your log ({reason}), and no folder would "
            "take a copy, so it follows on standard output: save it as a file and add it "
            "with `session-player import FILE` once the log can be written."
        )
    return (
        f"This session could not be written to your log ({reason}), so it was kept in "
        f"{where}; it will be added to your log the next time the log can be opened."
    )


@dataclass
class Pending:
    """A session as the recorder knows it, and how much of it is already in the file."""

    record: SessionRecord
    check_ins: list[CheckIn] = field(default_factory=list)
    entries: list[Entry] = field(default_factory=list)
    check_ins_saved: int = 0
    entries_saved: int = 0
    dirty: bool = True
    row_id: int | None = None


class Outbox:
    """The sessions on their way into the log at ``place``."""

    def __init__(
        self,
        place: LogPlace,
        *,
        clock: WallClock,
        busy_timeout: float,
        retry_seconds: float = RETRY_SECONDS,
        connect: db.Connector = db.connect,
    ) -> None:
        self.place = place
        self.clock = clock
        self._busy_timeout = busy_timeout
        self._retry = timedelta(seconds=retry_seconds)
        self._connect = connect
        self._store: LogStore | None = None
        self._check_on_open = False
        self._failing = False
        self._retry_at: datetime | None = None
        self._reason = "it could not be reached"
        self.pending: list[Pending] = []
        self.kept_at: Path | None = None
        """Where sessions the log couldn't take were kept when it closed (None: nowhere)."""
        self.kept_document: str | None = None
        """Those sessions as text, when no folder would take them either: print it."""

    @property
    def saved(self) -> bool:
        """Whether every session given is wholly in the file."""
        return not any(p.dirty for p in self.pending)

    def write(self, current: Pending | None, *, force: bool = False) -> list[str]:
        """Write every session with unsaved changes (``current`` is kept on hand once written,
        finished ones are let go); return notices to pass on. Never raises for storage
        failures: they become a notice and a retry, not before ``retry_seconds`` unless
        ``force``."""
        if self.saved:
            return []
        now = self.clock()
        if not force and self._retry_at is not None and now < self._retry_at:
            return []
        notices: list[str] = []
        try:
            if self._store is None:
                self._store, opened = self._open()
                notices += opened
            for pending in self.pending:
                if pending.dirty:
                    pending.row_id = self._store.save(
                        pending.record,
                        pending.check_ins,
                        pending.entries,
                        check_ins_saved=pending.check_ins_saved,
                        entries_saved=pending.entries_saved,
                    )
                    pending.check_ins_saved = len(pending.check_ins)
                    pending.entries_saved = len(pending.entries)
                    pending.dirty = False
        except storage_errors() as error:
            return notices + self._failed(error, now)
        # Finished sessions that are safely written need no keeping.
        self.pending = [p for p in self.pending if p is current or p.dirty]
        self._retry_at = None
        if self._failing:
            self._failing = False
            notices.append(SAVED_AGAIN)
        return notices

    def close(self) -> list[str]:
        """Close the file; keep whatever it did not take elsewhere, with a notice saying
        where and why."""
        if self._store is not None:
            self._store.close()
            self._store = None
        return [] if self.saved else [self._keep_elsewhere()]

    def _open(self) -> tuple[LogStore, list[str]]:
        store = LogStore.open(
            self.place,
            clock=self.clock,
            busy_timeout=self._busy_timeout,
            connect=self._connect,
            check=self._check_on_open,
        )
        self._check_on_open = False
        return store, [store.notice] if store.notice else []

    def _keep_elsewhere(self) -> str:
        details = [
            SessionDetail(p.record, tuple(p.check_ins), tuple(p.entries))
            for p in self.pending
            if p.dirty
        ]
        now = self.clock()
        self.kept_at = unsaved.keep(details, self.place, now=now)
        self.pending = []  # kept: never written twice
        if self.kept_at is None:
            self.kept_document = unsaved.document(details, now=now)
        return kept_notice(self._reason, self.kept_at)

    def _failed(self, error: BaseException, now: datetime) -> list[str]:
        reason = reason_at(self.place.path, error)
        if self._store is not None and not reason.startswith("busy"):
            # Reopen next time: permissions, space or the file itself may have changed.
            with suppress(sqlite3.Error):
                self._store.close()
            self._store = None
        if is_corruption(error):
            self._check_on_open = True
            reason = "the file seems damaged; it will be checked"
        self._retry_at = now + self._retry
        self._failing = True
        self._reason = reason
        return [unsaved_notice(reason)]
