"""The recorder the player calls as a session runs: it writes the session into the log as it goes.

The session row is written at ``begin`` and rewritten at every ``progress`` call (the player
calls it at every step and at least every 10 s, paused or not), each in its own commit. So a
crash, ``kill -9`` or power loss leaves the session in the log; queries report it as
``interrupted`` once it has gone 30 s without an update, with the practised time of its last
update.

Writing never raises into the player. The recorder keeps every session it has been given in
memory until it is safely in the file; when the log can't be written (full or read-only disk,
a database locked beyond the busy timeout, a damaged file) it says so in ``notice`` and tries
again at later calls, at most every ``retry_seconds``. ``finish``, ``flush`` and ``close``
always try. Calls are serialised by a lock, so a Textual worker thread can make them.
"""

from __future__ import annotations

import math
import os
import sqlite3
import threading
import uuid as uuids
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from ...paths import database_path
from . import db, unsaved
from .errors import is_corruption, reason_at, storage_errors
from .records import (
    FINAL_OUTCOMES,
    MOMENTS,
    CheckIn,
    Entry,
    Moment,
    Outcome,
    SessionDetail,
    SessionRecord,
)
from .store import LogStore
from .times import Clock, system_offset, system_zone, utc_now

RETRY_SECONDS = 5.0
RECORDER_BUSY_TIMEOUT = 2.0  # a worker thread may wait this long; the player itself never does


@dataclass
class _Pending:
    """A session as the recorder knows it, and how much of it is already in the file."""

    record: SessionRecord
    check_ins: list[CheckIn] = field(default_factory=list)
    entries: list[Entry] = field(default_factory=list)
    check_ins_saved: int = 0
    entries_saved: int = 0
    dirty: bool = True
    row_id: int | None = None


def _seconds(value: float) -> float:
    """A duration fit to keep: finite and not negative (anything else would poison exports)."""
    value = float(value)
    return value if math.isfinite(value) and value > 0 else 0.0


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


SAVED_AGAIN = "Your log is being saved again; nothing from this session was lost."


class SessionRecorder:
    """Records sessions into the practice log. One recorder can record many sessions in turn.

    ``keep_text=False`` keeps entries without their text (the prompt and time remain).
    ``on_notice`` is called (from the calling thread, outside the lock) whenever ``notice``
    changes to a new message.
    """

    def __init__(
        self,
        path: Path | None = None,
        *,
        clock: Clock = utc_now,
        keep_text: bool = True,
        utc_offset: Callable[[datetime], int] = system_offset,
        time_zone: Callable[[], str | None] = lambda: system_zone(os.environ.get("TZ")),
        busy_timeout: float = RECORDER_BUSY_TIMEOUT,
        retry_seconds: float = RETRY_SECONDS,
        connect: db.Connector = db.connect,
        on_notice: Callable[[str], None] | None = None,
    ) -> None:
        self.path = path
        self.clock = clock
        self.keep_text = keep_text
        self._utc_offset = utc_offset
        self._time_zone = time_zone
        self._busy_timeout = busy_timeout
        self._retry = timedelta(seconds=retry_seconds)
        self._connect = connect
        self._on_notice = on_notice
        self._lock = threading.RLock()
        self._store: LogStore | None = None
        self._check_on_open = False
        self._pending: list[_Pending] = []
        self._current: _Pending | None = None
        self._failing = False
        self._retry_at: datetime | None = None
        self._notice: str | None = None
        self._reason = "it could not be reached"
        self.kept_at: Path | None = None
        """Where sessions the log couldn't take were kept when it closed (None: nowhere)."""
        self.kept_document: str | None = None
        """Those sessions as text, when no folder would take them either: print it."""

    # What callers can look at ------------------------------------------------------------

    @property
    def notice(self) -> str | None:
        """The latest thing the person should know about their log, or None."""
        return self._notice

    @property
    def saved(self) -> bool:
        """Whether everything recorded so far is in the file."""
        with self._lock:
            return not any(p.dirty for p in self._pending)

    @property
    def session_uuid(self) -> str | None:
        """The uuid of the session being recorded (or last recorded)."""
        return None if self._current is None else self._current.record.uuid

    @property
    def session_id(self) -> int | None:
        """Its row id in the log file, once written."""
        return None if self._current is None else self._current.row_id

    @property
    def record(self) -> SessionRecord | None:
        """The session being recorded, as the recorder holds it in memory."""
        return None if self._current is None else self._current.record

    # The player's calls ------------------------------------------------------------------

    def begin(
        self,
        script_name: str,
        title: str,
        practice: str,
        planned_seconds: float,
        started_at: datetime | None = None,
    ) -> str:
        """Start recording a session; return its uuid (its id in every log and export).

        ``started_at`` defaults to the clock. Given in UTC, the local offset comes from the
        system; given with another offset (a local time), that offset is kept.
        """
        now = self.clock()
        start = now if started_at is None else started_at
        if start.tzinfo is None:
            raise ValueError("started_at must be an aware datetime")
        offset = start.utcoffset()
        local = (
            int(offset.total_seconds())
            if start.tzinfo is not UTC and offset is not None
            else self._utc_offset(start)
        )
        record = SessionRecord(
            uuid=str(uuids.uuid4()),
            script_name=script_name,
            title=title,
            practice=practice,
            started_at=start.astimezone(UTC),
            utc_offset=local,
            planned_seconds=_seconds(planned_seconds),
            updated_at=now,
            # Only a zone in force now is known to be the session's: one given a different
            # offset (a start in another place) has no known zone.
            time_zone=self._time_zone() if started_at is None else None,
        )
        with self._lock:
            if self._current is not None and self._current.record.outcome == "running":
                # A new session without finishing the last: the last one ended unannounced.
                self._change(self._current, outcome="interrupted", ended_at=now, updated_at=now)
            self._current = _Pending(record)
            self._pending.append(self._current)
            changed = self._note(self._write(force=True))
        self._announce(changed)
        return record.uuid

    def progress(
        self, practised_seconds: float, step_number: int, pauses: int = 0, skips: int = 0
    ) -> None:
        """How far the session has come: practised time so far, the step it is at, pauses and
        skips so far. Each call is committed (or kept for later if the log can't be written)."""
        with self._lock:
            current = self._running()
            self._change(
                current,
                practised_seconds=_seconds(practised_seconds),
                last_step=step_number,
                pauses=pauses,
                skips=skips,
                updated_at=self.clock(),
            )
            changed = self._note(self._write())
        self._announce(changed)

    def check_in(
        self,
        moment: Moment,
        label: str,
        value: int,
        step_number: int | None = None,
        low: str | None = None,
        high: str | None = None,
    ) -> None:
        """A 0-10 rating ``before`` or ``after`` the session, or at a ``step``: ``label`` is
        its question, ``low`` and ``high`` what its 0 and 10 mean."""
        if moment not in MOMENTS:
            raise ValueError(f"moment must be one of {', '.join(MOMENTS)}: {moment!r}")
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 10:
            raise ValueError(f"a check-in is a whole number from 0 to 10: {value!r}")
        with self._lock:
            current = self._session()
            current.check_ins.append(
                CheckIn(moment, label, value, self.clock(), step_number, low, high)
            )
            current.dirty = True
            changed = self._note(self._write())
        self._announce(changed)

    def entry(self, step_number: int, prompt: str, text: str | None) -> None:
        """What the person wrote at an ``ask`` or ``write`` step (text dropped if not kept)."""
        with self._lock:
            current = self._session()
            kept = text if self.keep_text else None
            current.entries.append(Entry(step_number, prompt, kept, self.clock()))
            current.dirty = True
            changed = self._note(self._write())
        self._announce(changed)

    def finish(
        self, outcome: Outcome, practised_seconds: float, planned_seconds: float | None = None
    ) -> None:
        """The session ended: ``completed``, ``stopped`` (by the person) or ``interrupted``.
        ``planned_seconds``, when given, is the plan as it ended (with the minutes added)."""
        if outcome not in FINAL_OUTCOMES:
            raise ValueError(f"outcome must be one of {', '.join(FINAL_OUTCOMES)}: {outcome!r}")
        with self._lock:
            current = self._session()
            now = self.clock()
            self._change(
                current,
                outcome=outcome,
                practised_seconds=_seconds(practised_seconds),
                ended_at=now,
                updated_at=now,
            )
            if planned_seconds is not None:
                self._change(current, planned_seconds=_seconds(planned_seconds))
            changed = self._note(self._write(force=True))
        self._announce(changed)

    def flush(self) -> bool:
        """Try now to write whatever is not yet in the file; whether everything is."""
        with self._lock:
            changed = self._note(self._write(force=True))
            done = not any(p.dirty for p in self._pending)
        self._announce(changed)
        return done

    def close(self) -> bool:
        """Flush, then close the file; whether everything was saved.

        Whatever the log still can't take is kept in a small file elsewhere (``kept_at``),
        folded into the log the next time it opens (``unsaved.py``); if no folder takes even
        that, ``kept_document`` holds the text for the front end to print. ``notice`` then
        says which, and why the log refused it."""
        done = self.flush()
        changed: list[str] = []
        with self._lock:
            if self._store is not None:
                self._store.close()
                self._store = None
            if not done:
                changed = self._note([self._keep_elsewhere()])
        self._announce(changed)
        return done

    # Inside ------------------------------------------------------------------------------

    def _session(self) -> _Pending:
        if self._current is None:
            raise RuntimeError("no session: call begin() first")
        return self._current

    def _running(self) -> _Pending:
        current = self._session()
        if current.record.outcome != "running":
            raise RuntimeError("the session has finished: call begin() for a new one")
        return current

    @staticmethod
    def _change(pending: _Pending, **changes: object) -> None:
        pending.record = replace(pending.record, **changes)  # type: ignore[arg-type]
        pending.dirty = True

    def _open(self) -> tuple[LogStore, list[str]]:
        store = LogStore.open(
            self.path,
            clock=self.clock,
            busy_timeout=self._busy_timeout,
            connect=self._connect,
            check=self._check_on_open,
        )
        self._check_on_open = False
        return store, [store.notice] if store.notice else []

    def _write(self, *, force: bool = False) -> list[str]:
        """Write every session with unsaved changes; return notices to pass on. Never raises
        for storage failures: they become a notice and a later retry."""
        if not any(p.dirty for p in self._pending):
            return []
        now = self.clock()
        if not force and self._retry_at is not None and now < self._retry_at:
            return []
        notices: list[str] = []
        try:
            if self._store is None:
                self._store, opened = self._open()
                notices += opened
            for pending in self._pending:
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
        self._pending = [p for p in self._pending if p is self._current or p.dirty]
        self._retry_at = None
        if self._failing:
            self._failing = False
            notices.append(SAVED_AGAIN)
        return notices

    def _keep_elsewhere(self) -> str:
        details = [
            SessionDetail(p.record, tuple(p.check_ins), tuple(p.entries))
            for p in self._pending
            if p.dirty
        ]
        now = self.clock()
        log = database_path() if self.path is None else self.path
        self.kept_at = unsaved.keep(details, log, now=now)
        self._pending = []  # kept: never written twice
        if self.kept_at is None:
            self.kept_document = unsaved.document(details, now=now)
        return kept_notice(self._reason, self.kept_at)

    def _failed(self, error: BaseException, now: datetime) -> list[str]:
        reason = reason_at(database_path() if self.path is None else self.path, error)
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

    def _note(self, notices: list[str]) -> list[str]:
        """Take in new notices (under the lock); return those that change what is shown."""
        changed = []
        for message in notices:
            if message != self._notice:
                changed.append(message)
            self._notice = message
        return changed

    def _announce(self, changed: list[str]) -> None:
        # Outside the lock: a callback may well call back into the recorder.
        if self._on_notice is not None:
            for message in changed:
                self._on_notice(message)
