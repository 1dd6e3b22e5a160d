"""What the log holds, as plain frozen values: sessions, check-ins, entries and stats."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Literal

from .times import local_date, local_time

Outcome = Literal["running", "completed", "stopped", "interrupted"]
OUTCOMES: tuple[Outcome, ...] = ("running", "completed", "stopped", "interrupted")
FINAL_OUTCOMES: tuple[Outcome, ...] = ("completed", "stopped", "interrupted")

Moment = Literal["before", "after", "step"]
MOMENTS: tuple[Moment, ...] = ("before", "after", "step")

PLAYED, MANUAL = "played", "manual"
ORIGINS: tuple[str, ...] = (PLAYED, MANUAL, "meditation-assistant", "insight-timer")
"""Where a session comes from: played here, added by hand, or imported from another app."""
ORIGIN_WORDS: dict[str, str] = {
    MANUAL: "added by hand",
    "meditation-assistant": "from Meditation Assistant",
    "insight-timer": "from Insight Timer",
}
"""How the history and ``log`` say where a session came from (nothing for one played here)."""

MAX_PLANNED_SECONDS = 24 * 3600.0
"""A script's planned length limit (``core.loader``): no session plans more."""
MAX_PRACTISED_SECONDS = 7 * 24 * 3600.0
"""Paused or waiting at a question, no session is practised for a week."""

MAX_OFFSET = 18 * 3600
"""A session's UTC offset is within ±18 h (the widest in use are within ±14 h; ISO allows ±18)."""
MIN_YEAR, MAX_YEAR = 1000, 9000
"""A session starts and ends within these years (UTC): far-off years are a broken clock, and
would overflow local-day arithmetic. What is added by hand keeps to them too, so that every
session an export holds can be imported back."""

MOSTLY = 0.5
"""A session that reached its end counts as practised (for a course) when at least this share
of its planned time was practised; less, and it was skipped through (``docs/log.md``)."""


def skipped_through(outcome: str, practised: float, planned: float, skips: int) -> bool:
    """True when a session reached its end (``completed``) by skipping on, with less than
    ``MOSTLY`` of its planned time practised (one cut short by answers given early is not)."""
    return outcome == "completed" and skips > 0 and planned > 0 and practised < MOSTLY * planned


STALE_SECONDS = 30.0
"""A ``running`` row not updated for this long belongs to a process that died: it is shown as
``interrupted``. The player updates a live session at least every 10 s, paused or not."""


@dataclass(frozen=True)
class CheckIn:
    """A 0-10 rating: before or after a session, or at a ``check_in`` step.

    ``label`` is the question as asked; ``low`` and ``high`` what its 0 and 10 mean (None when
    not known: step ratings logged before version 3 of the log)."""

    moment: Moment
    label: str
    value: int
    at: datetime
    step_number: int | None = None
    low: str | None = None
    high: str | None = None


@dataclass(frozen=True)
class Entry:
    """What was written at an ``ask`` or ``write`` step. ``text`` is None when the person chose
    not to keep written text: the entry then only says that something was written, and where."""

    step_number: int
    prompt: str
    text: str | None
    at: datetime


@dataclass(frozen=True)
class SessionRecord:
    """One session as logged. Times are aware UTC; ``utc_offset`` is the local offset (seconds
    east of UTC) when it started. ``id`` is the row in one log file (None before it is written);
    ``uuid`` is the session's identity everywhere, so imports never duplicate it.

    For an interrupted session ``ended_at`` is the last time it was heard from. ``preview``
    marks a session played faster than real time (kept, shown as such, never counted);
    ``origin`` says where it comes from (``ORIGINS``); ``time_zone`` is the IANA zone it started
    in, where known; ``note`` is what the person wrote about it afterwards.
    """

    uuid: str
    script_name: str
    title: str
    practice: str
    started_at: datetime
    utc_offset: int
    planned_seconds: float
    updated_at: datetime
    practised_seconds: float = 0.0
    outcome: Outcome = "running"
    ended_at: datetime | None = None
    pauses: int = 0
    skips: int = 0
    last_step: int | None = None
    id: int | None = None
    preview: bool = False
    origin: str = "played"
    note: str | None = None
    time_zone: str | None = None

    @property
    def skipped_through(self) -> bool:
        """True for a session that reached its end by skipping most of it (``skipped_through``)."""
        planned, practised = self.planned_seconds, self.practised_seconds
        return skipped_through(self.outcome, practised, planned, self.skips)

    @property
    def started_local(self) -> datetime:
        """The start, in the person's offset at the time."""
        return local_time(self.started_at, self.utc_offset)

    @property
    def ended_local(self) -> datetime | None:
        """The end, in the person's offset at the start (None while running)."""
        return None if self.ended_at is None else local_time(self.ended_at, self.utc_offset)

    @property
    def day(self) -> date:
        """The local calendar day the session started on."""
        return local_date(self.started_at, self.utc_offset)


@dataclass(frozen=True)
class SessionDetail:
    """A session with its check-ins and entries, in the order they happened."""

    session: SessionRecord
    check_ins: tuple[CheckIn, ...] = ()
    entries: tuple[Entry, ...] = ()


@dataclass(frozen=True)
class PracticeTotal:
    """Sessions and practised time for one kind of practice."""

    practice: str
    sessions: int
    practised_seconds: float


@dataclass(frozen=True)
class WeekTotal:
    """Practised time in one week, Monday to Sunday (local days)."""

    week_start: date
    practised_seconds: float


@dataclass(frozen=True)
class QuestionChange:
    """One question on one scale, over the sessions rated on it both before and after."""

    question: str
    low: str | None
    high: str | None
    sessions: int
    mean_before: float
    mean_after: float
    asked_after: str | None = None
    """The question as the last rating asked it, when worded otherwise than the first."""


@dataclass(frozen=True)
class Stats:
    """What the history screen and ``stats`` show.

    ``per_day`` holds the days with practice from ``since`` to ``today`` (local days);
    ``per_week`` every week of that span, quiet weeks included. Streaks count days in a row with
    practice; the current one still counts if today has no session yet. Showing streaks is the
    caller's choice (off by default).
    """

    today: date
    since: date
    sessions: int
    practised_seconds: float
    by_practice: tuple[PracticeTotal, ...] = ()
    per_day: dict[date, float] = field(default_factory=dict)
    per_week: tuple[WeekTotal, ...] = ()
    current_streak: int = 0
    changes: tuple[QuestionChange, ...] = ()
    longest_streak: int = 0
    chosen_since: date | None = None
    """The first day counted, when the person chose one (``stats --since``); else the whole
    log counts, and the day sums the last year."""


@dataclass(frozen=True)
class ImportResult:
    """How an import went: sessions added, and sessions already in the log (same uuid)."""

    added: int
    skipped: int
