"""Sessions added by hand: the sit on a cushion away from the computer.

A hand-added session is an ordinary completed session with ``origin = "manual"``: it counts in
stats and streaks like any other, the history says "added by hand", and the health export
gives it Health Connect's manual-entry recording method.
"""

from __future__ import annotations

import uuid as uuids
from datetime import UTC, datetime, timedelta

from ..script.practices import PRACTICE_LABELS, PRACTICES
from .errors import LogError
from .records import MANUAL, MAX_OFFSET, MAX_YEAR, MIN_YEAR, SessionDetail, SessionRecord

MANUAL_SCRIPT = "manual"
MAX_SECONDS = 24 * 3600.0
MAX_NOTE = 2000


class ManualEntryError(LogError):
    """A session that can't be added as given; the message says why, kindly."""


def tidy_note(note: str | None) -> str | None:
    """A note as kept: stripped, None when blank; ``ManualEntryError`` when far too long."""
    text = (note or "").strip()
    if len(text) > MAX_NOTE:
        raise ManualEntryError(f"a note is up to {MAX_NOTE} characters")
    return text or None


def manual_session(
    seconds: float,
    practice: str,
    started_at: datetime,
    now: datetime,
    *,
    note: str | None = None,
    time_zone: str | None = None,
) -> SessionDetail:
    """A completed session of ``seconds`` of ``practice`` that started at ``started_at`` (an
    aware time; its offset is kept as the session's local offset)."""
    if practice not in PRACTICES:
        raise ManualEntryError(f"{practice!r} is not a practice (one of: {', '.join(PRACTICES)})")
    if not 0 < seconds <= MAX_SECONDS:
        raise ManualEntryError("a session is from a second to 24 hours long")
    offset = started_at.utcoffset()
    if offset is None:
        raise ManualEntryError("the start needs a time zone")
    # What an export can carry back in (the importer's rule): else the backup of this very
    # session would be refused, or the sums below overflow.
    if abs(offset.total_seconds()) > MAX_OFFSET:
        raise ManualEntryError("a time zone's offset is at most 18 hours either side of UTC")
    in_range = f"a session is within the years {MIN_YEAR} to {MAX_YEAR} (UTC)"
    if not MIN_YEAR <= started_at.year <= MAX_YEAR:
        raise ManualEntryError(in_range)
    start = started_at.astimezone(UTC)
    end = start + timedelta(seconds=seconds)
    if not (start.year >= MIN_YEAR and end.year <= MAX_YEAR):
        raise ManualEntryError(in_range)
    if end > now + timedelta(minutes=1):
        raise ManualEntryError("that session would end in the future")
    record = SessionRecord(
        uuid=str(uuids.uuid4()),
        script_name=MANUAL_SCRIPT,
        title=PRACTICE_LABELS.get(practice, practice),
        practice=practice,
        started_at=start,
        utc_offset=int(offset.total_seconds()),
        planned_seconds=float(seconds),
        practised_seconds=float(seconds),
        outcome="completed",
        ended_at=end,
        updated_at=now,
        origin=MANUAL,
        note=tidy_note(note),
        time_zone=time_zone,
    )
    return SessionDetail(record)
