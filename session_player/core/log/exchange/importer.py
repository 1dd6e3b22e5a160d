"""Reading our own JSON export back (see ``export.py`` for the format).

Checking is strict, like the script loader: unknown keys, wrong types and impossible values are
errors naming their place (``sessions[3].check_ins[0].value``), and nothing is imported from a
file with any error. A file from a newer format version is refused rather than half-understood.

Every field is bounded to what the app itself could have written, so an imported session can
never break a later command: a uuid is 8-4-4-4-12 hexadecimal digits (kept in lower case);
names are at most 255 characters, texts at most 1 MiB (the size limit of a script); a planned
length at most 24 h (a script's limit), a practised time at most a week; step numbers from 0 to
2,000 (a script's step limit); pauses and skips at most a million.

Version 2 adds ``origin``, ``note`` and ``time_zone`` to each session (version 1 files, without
them, still import: their sessions were played here). In a version 1 file, a session practised
for longer than it took was a preview played at ``--speed`` by an older version: it is imported
marked as a preview, as the log's own migration marks it.

Version 3 adds ``low`` and ``high`` to each check-in (what its 0 and 10 mean). In older files,
before and after ratings of the app's own question get its ends, as the log's migration gives
them; other ratings' ends stay unknown.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar, cast

from ... import bounded
from ...session.checkins import HIGH as APP_HIGH
from ...session.checkins import HIGHEST, LOWEST
from ...session.checkins import LABEL as APP_LABEL
from ...session.checkins import LOW as APP_LOW
from ..errors import LogError, LogImportError
from ..kept import KeptAnswer, from_json
from ..manual import tidy_note
from ..records import (
    MAX_OFFSET,
    MAX_PLANNED_SECONDS,
    MAX_PRACTISED_SECONDS,
    MAX_YEAR,
    MIN_YEAR,
    MOMENTS,
    ORIGINS,
    OUTCOMES,
    PLAYED,
    CheckIn,
    Entry,
    SessionDetail,
    SessionRecord,
)
from ..schema import PREVIEW_SLACK
from ..times import from_text, zone_name
from .export import JSON_FORMAT, JSON_VERSION

MAX_NAME = 255  # a file name's limit on common file systems
MAX_TEXT = 1 << 20  # a script may be at most 1 MiB, so none of its texts is longer
MAX_STEP = 2000  # a script's step limit (core.checker.MAX_STEPS); steps count from 1
MAX_COUNT = 1_000_000  # pauses or skips
MAX_IMPORT_BYTES = 256 << 20
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", re.IGNORECASE)
T = TypeVar("T")


def _fail(where: str, message: str) -> LogImportError:
    return LogImportError(f"{where}: {message}")


def _object(
    value: Any, where: str, keys: set[str], optional: frozenset[str] = frozenset()
) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise _fail(where, "expected an object")
    unknown = sorted(set(value) - keys - optional)
    if unknown:
        raise _fail(f"{where}.{unknown[0]}", "unknown key")
    missing = sorted(keys - set(value))
    if missing:
        raise _fail(f"{where}.{missing[0]}", "missing")
    return cast(dict[str, Any], value)


def _text(value: Any, where: str, limit: int = MAX_TEXT) -> str:
    if not isinstance(value, str):
        raise _fail(where, "expected text")
    if len(value) > limit:
        raise _fail(where, f"is {len(value):,} characters long; at most {limit:,} are kept")
    return value


def _name(value: Any, where: str) -> str:
    text = _text(value, where, MAX_NAME)
    if "\x00" in text or "/" in text:
        raise _fail(where, "isn't a file name (it holds / or a NUL character)")
    return text


def _uuid(value: Any, where: str) -> str:
    if not isinstance(value, str):
        raise _fail(where, "expected text")
    if not value.strip():
        raise _fail(where, "can't be empty")
    if len(value) != 36 or not _UUID.fullmatch(value):
        shown = repr(value[:40]) + ("…" if len(value) > 40 else "")
        raise _fail(where, f"not a uuid (8-4-4-4-12 hexadecimal digits): {shown}")
    return value.lower()


def _step(value: Any, where: str) -> int:
    return _int(value, where, 0, MAX_STEP)


def _count(value: Any, where: str) -> int:
    return _int(value, where, 0, MAX_COUNT)


def _int(value: Any, where: str, low: int | None = None, high: int | None = None) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise _fail(where, "expected a whole number")
    if (low is not None and value < low) or (high is not None and value > high):
        shown = str(value) if abs(value) < 10**12 else "the number"
        raise _fail(where, f"{shown} is out of range")
    return value


def _seconds(value: Any, where: str, limit: float) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise _fail(where, "expected a number of seconds")
    try:
        seconds = float(value)
    except OverflowError:  # an integer too large for a float
        seconds = math.inf
    if math.isnan(seconds):
        raise _fail(where, "expected a number of seconds")
    if seconds < 0:
        raise _fail(where, "can't be negative")
    if seconds > limit:
        raise _fail(where, f"is more than the {limit:,.0f} s a session can have")
    return seconds


def _time(value: Any, where: str) -> datetime:
    try:
        moment = from_text(_text(value, where, 64))
    except (ValueError, OverflowError):
        raise _fail(where, f"not a time with an offset: {value!r}") from None
    if not MIN_YEAR <= moment.year <= MAX_YEAR:
        # Far-off years are a broken clock, and would overflow local-day arithmetic.
        raise _fail(where, f"{value!r} is out of range")
    return moment


def _optional(value: Any, where: str, read: Callable[[Any, str], T]) -> T | None:
    return None if value is None else read(value, where)


def _list(value: Any, where: str) -> list[Any]:
    if not isinstance(value, list):
        raise _fail(where, "expected a list")
    return value


def _end(value: Any, where: str) -> str:
    return _text(value, where, MAX_NAME)


def _check_in(value: Any, where: str, version: int = JSON_VERSION) -> CheckIn:
    d = _object(value, where, {"moment", "label", "value", "step_number", "at"}, _V3_CHECK_IN_KEYS)
    moment = _text(d["moment"], f"{where}.moment")
    if moment not in MOMENTS:
        raise _fail(f"{where}.moment", f"expected one of {', '.join(MOMENTS)}")
    label = _text(d["label"], f"{where}.label")
    low = _optional(d.get("low"), f"{where}.low", _end)
    high = _optional(d.get("high"), f"{where}.high", _end)
    if version < 3 and moment != "step" and label == APP_LABEL:  # as the log's migration does
        low, high = APP_LOW, APP_HIGH
    return CheckIn(
        low=low,
        high=high,
        moment=moment,
        label=label,
        value=_int(d["value"], f"{where}.value", LOWEST, HIGHEST),
        step_number=_optional(d["step_number"], f"{where}.step_number", _step),
        at=_time(d["at"], f"{where}.at"),
    )


def _entry(value: Any, where: str) -> Entry:
    d = _object(value, where, {"step_number", "prompt", "text", "at"})
    return Entry(
        step_number=_step(d["step_number"], f"{where}.step_number"),
        prompt=_text(d["prompt"], f"{where}.prompt"),
        text=_optional(d["text"], f"{where}.text", _text),
        at=_time(d["at"], f"{where}.at"),
    )


_SESSION_KEYS = {
    "uuid", "script_name", "title", "practice", "started_at", "utc_offset", "ended_at",
    "updated_at", "planned_seconds", "practised_seconds", "outcome", "pauses", "skips",
    "last_step", "check_ins", "entries",
}  # fmt: skip


_V3_CHECK_IN_KEYS = frozenset({"low", "high"})  # version 3; absent from older files
_V2_KEYS = frozenset({"origin", "note", "time_zone"})  # version 2; absent from version 1
EXPORTED_KEYS = frozenset(_SESSION_KEYS | _V2_KEYS)
"""Every key a session of our export may have."""


def _origin(value: Any, where: str) -> str:
    origin = _text(value, where)
    if origin not in ORIGINS:
        raise _fail(where, f"expected one of {', '.join(ORIGINS)}")
    return origin


def _zone(value: Any, where: str) -> str:
    zone = zone_name(_text(value, where, MAX_NAME))
    if zone is None:
        raise _fail(where, f"not a time zone: {value!r}")
    return zone


def _note(value: Any, where: str) -> str:
    try:
        note = tidy_note(_text(value, where))
    except LogError as problem:
        raise _fail(where, str(problem)) from None
    return note or ""


def looks_like_preview(record: SessionRecord) -> bool:
    """Practised for longer than it took (``schema.PREVIEW_SLACK``): played at ``--speed``, by
    a version that still logged previews."""
    end = record.ended_at or record.updated_at
    wall = (end - record.started_at).total_seconds()
    return record.practised_seconds > 1.0 + PREVIEW_SLACK * wall


def _session(value: Any, where: str, version: int = JSON_VERSION) -> SessionDetail:
    d = _object(value, where, _SESSION_KEYS, _V2_KEYS)
    uuid = _uuid(d["uuid"], f"{where}.uuid")
    outcome = _text(d["outcome"], f"{where}.outcome")
    if outcome not in OUTCOMES:
        raise _fail(f"{where}.outcome", f"expected one of {', '.join(OUTCOMES)}")
    record = SessionRecord(
        uuid=uuid,
        script_name=_name(d["script_name"], f"{where}.script_name"),
        title=_text(d["title"], f"{where}.title"),
        practice=_text(d["practice"], f"{where}.practice", MAX_NAME),
        started_at=_time(d["started_at"], f"{where}.started_at"),
        utc_offset=_int(d["utc_offset"], f"{where}.utc_offset", -MAX_OFFSET, MAX_OFFSET),
        ended_at=_optional(d["ended_at"], f"{where}.ended_at", _time),
        updated_at=_time(d["updated_at"], f"{where}.updated_at"),
        planned_seconds=_seconds(
            d["planned_seconds"], f"{where}.planned_seconds", MAX_PLANNED_SECONDS
        ),
        practised_seconds=_seconds(
            d["practised_seconds"], f"{where}.practised_seconds", MAX_PRACTISED_SECONDS
        ),
        outcome=outcome,
        pauses=_count(d["pauses"], f"{where}.pauses"),
        skips=_count(d["skips"], f"{where}.skips"),
        last_step=_optional(d["last_step"], f"{where}.last_step", _step),
        origin=_origin(d.get("origin", PLAYED), f"{where}.origin"),
        note=_optional(d.get("note"), f"{where}.note", _note) or None,
        time_zone=_optional(d.get("time_zone"), f"{where}.time_zone", _zone),
    )
    if version == 1:  # version 2 comes from an app that never logs previews
        record = replace(record, preview=looks_like_preview(record))
    check_ins = _list(d["check_ins"], f"{where}.check_ins")
    entries = _list(d["entries"], f"{where}.entries")
    return SessionDetail(
        record,
        tuple(_check_in(c, f"{where}.check_ins[{i}]", version) for i, c in enumerate(check_ins)),
        tuple(_entry(e, f"{where}.entries[{i}]") for i, e in enumerate(entries)),
    )


def parse_export(data: Any) -> list[SessionDetail]:
    """Sessions from a parsed JSON export; ``LogImportError`` names the first problem."""
    if not isinstance(data, dict) or data.get("format") != JSON_FORMAT:
        raise LogImportError(f'not a session-player log export (no "format": "{JSON_FORMAT}")')
    d = _object(
        data,
        "export",
        {"format", "version", "sessions"},
        frozenset({"exported_at", "kept", "records"}),
    )
    version = _int(d["version"], "export.version", 1)
    if version > JSON_VERSION:
        raise _fail("export.version", f"{version} is newer than this app reads ({JSON_VERSION})")
    sessions = _list(d["sessions"], "export.sessions")
    return [_session(s, f"sessions[{i}]", version) for i, s in enumerate(sessions)]


def read_export(path: Path) -> list[SessionDetail]:
    """Sessions from an export file; ``LogImportError`` for an unreadable file, JSON that
    isn't JSON, or anything that isn't our export."""
    return parse_export(_load(path))


def read_export_and_kept(path: Path) -> tuple[list[SessionDetail], list[KeptAnswer]]:
    """Sessions and kept answers from an export file, both checked before either is used."""
    data = _load(path)
    details = parse_export(data)
    return details, from_json(data.get("kept"))


def read_text(path: Path) -> str:
    """A file to import, as text (``LogImportError`` if it can't be read or isn't text)."""
    try:
        return bounded.read_text(path, MAX_IMPORT_BYTES)
    except bounded.Unreadable as problem:
        raise LogImportError(str(problem)) from None


def _load(path: Path) -> Any:
    try:
        return bounded.parse_json(read_text(path), str(path))
    except bounded.Unreadable as problem:
        raise LogImportError(str(problem)) from None
