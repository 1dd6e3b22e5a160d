"""The practice log: every session kept in SQLite, honestly, and handed back on request.

- ``SessionRecorder``: what the player calls while a session runs.
- ``LogStore``: the file itself; queries for history and stats, deletes, imports.
- ``LogPlace``: where the log is, handed in by whoever opens it.
- ``export`` / ``health`` / ``importer``: CSV, our JSON, and health-app shapes.

The names below load with the module that holds them, on first use (PEP 562's ``__getattr__``):
importing one module of the package (the recorder, for a session) no longer loads them all,
and a session holds only what it uses (issue 26).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..lazy import lazy_names

if TYPE_CHECKING:
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

_WHERE = {
    "LogError": "errors",
    "LogImportError": "errors",
    "LogUnavailable": "errors",
    "LogPlace": "place",
    "SessionRecorder": "recorder",
    "LogStore": "store",
    "WallClock": "times",
    "utc_now": "times",
    **dict.fromkeys(
        (
            "STALE_SECONDS", "CheckIn", "Entry", "ImportResult", "Moment", "Outcome",
            "PracticeTotal", "SessionDetail", "SessionRecord", "Stats", "WeekTotal",
        ),
        "records",
    ),
}  # fmt: skip

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


__getattr__ = lazy_names(__name__, _WHERE)
