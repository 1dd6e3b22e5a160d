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
always try. Calls are serialised by a lock, so a Textual worker thread can make them. What is
held until it is in the file, and the writing with its retries, are in ``outbox.py``.
"""

from __future__ import annotations

import math
import os
import threading
import uuid as uuids
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from ..session.checkins import RULE, in_scale
from . import db
from .outbox import RETRY_SECONDS, Outbox, Pending
from .place import LogPlace
from .records import FINAL_OUTCOMES, MOMENTS, CheckIn, Entry, Moment, Outcome, SessionRecord
from .times import WallClock, system_offset, system_zone, utc_now

RECORDER_BUSY_TIMEOUT = 2.0  # a worker thread may wait this long; the player itself never does


def _seconds(value: float) -> float:
    """A duration fit to keep: finite and not negative (anything else would poison exports)."""
    value = float(value)
    return value if math.isfinite(value) and value > 0 else 0.0


class SessionRecorder:
    """Records sessions into the practice log at ``place``. One recorder can record many
    sessions in turn.

    ``keep_text=False`` keeps entries without their text (the prompt and time remain).
    ``on_notice`` is called (from the calling thread, outside the lock) whenever ``notice``
    changes to a new message.
    """

    def __init__(
        self,
        place: LogPlace,
        *,
        clock: WallClock = utc_now,
        keep_text: bool = True,
        utc_offset: Callable[[datetime], int] = system_offset,
        time_zone: Callable[[], str | None] = lambda: system_zone(os.environ.get("TZ")),
        busy_timeout: float = RECORDER_BUSY_TIMEOUT,
        retry_seconds: float = RETRY_SECONDS,
        connect: db.Connector = db.connect,
        on_notice: Callable[[str], None] | None = None,
    ) -> None:
        self.place = place
        self.clock = clock
        self.keep_text = keep_text
        self._utc_offset = utc_offset
        self._time_zone = time_zone
        self._on_notice = on_notice
        self._lock = threading.RLock()
        self._outbox = Outbox(
            place,
            clock=clock,
            busy_timeout=busy_timeout,
            retry_seconds=retry_seconds,
            connect=connect,
        )
        self._current: Pending | None = None
        self._notice: str | None = None

    # What callers can look at ------------------------------------------------------------

    @property
    def notice(self) -> str | None:
        """The latest thing the person should know about their log, or None."""
        return self._notice

    @property
    def saved(self) -> bool:
        """Whether everything recorded so far is in the file."""
        with self._lock:
            return self._outbox.saved

    @property
    def kept_at(self) -> Path | None:
        """Where sessions the log couldn't take were kept when it closed (None: nowhere)."""
        return self._outbox.kept_at

    @property
    def kept_document(self) -> str | None:
        """Those sessions as text, when no folder would take them either: print it."""
        return self._outbox.kept_document

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
            self._current = Pending(record)
            self._outbox.pending.append(self._current)
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
        if not in_scale(value):
            raise ValueError(f"a check-in is {RULE}: {value!r}")
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
            done = self._outbox.saved
        self._announce(changed)
        return done

    def close(self) -> bool:
        """Flush, then close the file; whether everything was saved.

        Whatever the log still can't take is kept in a small file elsewhere (``kept_at``),
        folded into the log the next time it opens (``unsaved.py``); if no folder takes even
        that, ``kept_document`` holds the text for the front end to print. ``notice`` then
        says which, and why the log refused it."""
        done = self.flush()
        with self._lock:
            changed = self._note(self._outbox.close())
        self._announce(changed)
        return done

    # Inside ------------------------------------------------------------------------------

    def _session(self) -> Pending:
        if self._current is None:
            raise RuntimeError("no session: call begin() first")
        return self._current

    def _running(self) -> Pending:
        current = self._session()
        if current.record.outcome != "running":
            raise RuntimeError("the session has finished: call begin() for a new one")
        return current

    @staticmethod
    def _change(pending: Pending, **changes: object) -> None:
        pending.record = replace(pending.record, **changes)  # type: ignore[arg-type]
        pending.dirty = True

    def _write(self, *, force: bool = False) -> list[str]:
        return self._outbox.write(self._current, force=force)

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
