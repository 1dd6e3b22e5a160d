"""The practice log: every session kept in SQLite, honestly, and handed back on request.

- ``SessionRecorder``: what the player calls while a session runs.
- ``LogStore``: the file itself; queries for history and stats, deletes, imports.
- ``LogPlace``: where the log is, handed in by whoever opens it.
- ``export`` / ``health`` / ``importer``: CSV, our JSON, and health-app shapes.
"""

from __future__ import annotations

from .errors import LogError, LogImportError, LogUnavailable
from .place import LogPlace
from .recorder import SessionRecorder
from .records import (
    STALE_SECONDS,
    CheckIn,
    Entry,
    ImportResult,
    Moment,
    Outcome,
    PracticeTotal,
    SessionDetail,
    SessionRecord,
    Stats,
    WeekTotal,
)
from .store import LogStore
from .times import WallClock, utc_now

__all__ = [
    "STALE_SECONDS",
    "CheckIn",
    "Entry",
    "ImportResult",
    "LogError",
    "LogImportError",
    "LogPlace",
    "LogStore",
    "LogUnavailable",
    "Moment",
    "Outcome",
    "PracticeTotal",
    "SessionDetail",
    "SessionRecord",
    "SessionRecorder",
    "Stats",
    "WallClock",
    "WeekTotal",
    "utc_now",
]
