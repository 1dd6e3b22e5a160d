"""Handing the log back: our own JSON (lossless, re-importable) and CSV (for spreadsheets).

JSON export, format version 3::

    {
      "format": "session-player-log",
      "version": 3,
      "exported_at": "2024-05-01T08:00:00.000000Z",
      "sessions": [
        {"uuid": "…", "script_name": "soothing-rhythm", "title": "Soothing rhythm breathing",
         "practice": "breathing",
         "started_at": "2024-05-01T05:30:00.000000Z", "utc_offset": 7200,
         "ended_at": "2024-05-01T05:41:02.500000Z", "updated_at": "2024-05-01T05:41:02.500000Z",
         "planned_seconds": 600.0, "practised_seconds": 597.5, "outcome": "completed",
         "pauses": 1, "skips": 0, "last_step": 12,
         "check_ins": [{"moment": "before", "label": "How distressed…", "value": 6,
                        "step_number": null, "at": "…", "low": "calm",
                        "high": "very distressed"}],
         "entries": [{"step_number": 4, "prompt": "What do you need to hear?", "text": "…",
                      "at": "…"}],
         "origin": "played", "note": null, "time_zone": "Europe/Paris"}
      ]
    }

After the sessions, ``"kept"`` lists the answers a person kept for later sessions (see
``kept.py``), when there are any; importing restores them too.

Times are UTC with microseconds and a ``Z``; ``utc_offset`` is seconds east of UTC at the start;
``text`` is null where written text was not kept; ``ended_at`` of an interrupted session is the
last time it was heard from; ``origin`` is ``played``, ``manual`` (added by hand) or the app it
was imported from; ``note`` is the person's note or null; ``time_zone`` the IANA zone it
started in, or null where unknown (version 1 had none of these three). A check-in's ``label`` is
its question; ``low`` and ``high`` what its 0 and 10 mean, or null where not known (version 3
adds them). Previews are never
exported. One session per line, so a big export streams and diffs well.
Importing it (``importer.py``) restores every field; sessions already present (same uuid) are
skipped.

CSV: one row per session, times in the person's local offset; check-ins summarised in one
column; written text is left out (it stays in the JSON export).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from datetime import datetime
from typing import Any, TextIO

from ...script.text import holds_unicode, json_shown, shown
from ..ratings import rated_words
from ..records import CheckIn, Entry, SessionDetail
from ..times import offset_text, to_text

JSON_FORMAT = "session-player-log"
JSON_VERSION = 3

CSV_COLUMNS = (
    "uuid",
    "date",
    "started",
    "ended",
    "utc_offset",
    "script_name",
    "title",
    "practice",
    "planned_seconds",
    "practised_seconds",
    "outcome",
    "pauses",
    "skips",
    "last_step",
    "check_ins",
    "entries",
    "origin",
    "note",
)


def check_in_to_dict(item: CheckIn) -> dict[str, Any]:
    """One check-in as exported."""
    return {
        "moment": item.moment,
        "label": item.label,
        "value": item.value,
        "step_number": item.step_number,
        "at": to_text(item.at),
        "low": item.low,
        "high": item.high,
    }


def entry_to_dict(item: Entry) -> dict[str, Any]:
    """One written entry as exported."""
    return {
        "step_number": item.step_number,
        "prompt": item.prompt,
        "text": item.text,
        "at": to_text(item.at),
    }


def session_to_dict(detail: SessionDetail) -> dict[str, Any]:
    """One session with its children, as our JSON export holds it."""
    s = detail.session
    return {
        "uuid": s.uuid,
        "script_name": s.script_name,
        "title": s.title,
        "practice": s.practice,
        "started_at": to_text(s.started_at),
        "utc_offset": s.utc_offset,
        "ended_at": None if s.ended_at is None else to_text(s.ended_at),
        "updated_at": to_text(s.updated_at),
        "planned_seconds": s.planned_seconds,
        "practised_seconds": s.practised_seconds,
        "outcome": s.outcome,
        "pauses": s.pauses,
        "skips": s.skips,
        "last_step": s.last_step,
        "check_ins": [check_in_to_dict(c) for c in detail.check_ins],
        "entries": [entry_to_dict(e) for e in detail.entries],
        "origin": s.origin,
        "note": s.note,
        "time_zone": s.time_zone,
    }


def write_json(
    details: Iterable[SessionDetail],
    out: TextIO,
    *,
    exported_at: datetime,
    kept: Iterable[dict[str, Any]] = (),
) -> int:
    """Write our JSON export, streaming one session per line; return how many were written.
    ``kept`` (the answers a person kept for later sessions, ``kept.to_json``) follow the
    sessions, one a line, when there are any."""
    out.write("{\n")
    out.write(f'  "format": "{JSON_FORMAT}",\n  "version": {JSON_VERSION},\n')
    out.write(f'  "exported_at": "{to_text(exported_at)}",\n  "sessions": [')
    n = 0
    unicode = holds_unicode(out)
    for detail in details:
        line = json_shown(
            json.dumps(session_to_dict(detail), ensure_ascii=not unicode, allow_nan=False)
        )
        out.write(("," if n else "") + "\n    " + line)
        n += 1
    out.write("\n  ]" if n else "]")
    answers = [json.dumps(item, ensure_ascii=False) for item in kept]
    if answers:
        out.write(',\n  "kept": [\n    ' + ",\n    ".join(answers) + "\n  ]")
    out.write("\n}\n")
    return n


def check_in_summary(items: Iterable[CheckIn]) -> str:
    """``before: How distressed… 6; after: How distressed… 4``: check-ins in one cell."""
    return "; ".join(f"{c.moment}: {rated_words(c)}" for c in items)


# What a spreadsheet may read as the start of a formula: the ASCII signs, their fullwidth
# forms (some spreadsheets fold them to ASCII), and any leading space or line break (which
# spreadsheets trim before looking for a sign).
_FORMULA_STARTS = frozenset("=+-@\uff1d\uff0b\uff0d\uff20")


def guard_cell(text: str) -> str:
    """``text`` made safe as a spreadsheet cell: control characters are shown (``\\x1b``), as
    on the screen, and one that could start a formula is quoted as text with a leading ``'``.
    Every text column of a CSV goes through this (titles, labels and even uuids come from
    files anyone can write)."""
    first = text[:1]
    if first and (first in _FORMULA_STARTS or first.isspace() or not first.isprintable()):
        return "'" + shown(text)
    return shown(text)


def csv_row(detail: SessionDetail) -> list[str]:
    """One session as a CSV row (see ``CSV_COLUMNS``)."""
    s = detail.session
    ended = s.ended_local
    return [
        guard_cell(s.uuid),
        s.day.isoformat(),
        s.started_local.isoformat(timespec="seconds"),
        "" if ended is None else ended.isoformat(timespec="seconds"),
        offset_text(s.utc_offset),
        guard_cell(s.script_name),
        guard_cell(s.title),
        guard_cell(s.practice),
        f"{s.planned_seconds:.1f}",
        f"{s.practised_seconds:.1f}",
        guard_cell(s.outcome),
        str(s.pauses),
        str(s.skips),
        "" if s.last_step is None else str(s.last_step),
        guard_cell(check_in_summary(detail.check_ins)),
        str(len(detail.entries)),
        guard_cell(s.origin),
        guard_cell(s.note or ""),
    ]


def write_csv(details: Iterable[SessionDetail], out: TextIO) -> int:
    """Write sessions as CSV with a header row; return how many rows were written."""
    writer = csv.writer(out, lineterminator="\n")
    # With "\n" line ends the csv module quotes a cell holding "\n" but not one holding a
    # lone "\r", which spreadsheets take for a row break: such rows are quoted throughout.
    quoted = csv.writer(out, lineterminator="\n", quoting=csv.QUOTE_ALL)
    writer.writerow(CSV_COLUMNS)
    n = 0
    for detail in details:
        row = csv_row(detail)
        (quoted if any("\r" in cell for cell in row) else writer).writerow(row)
        n += 1
    return n
