"""Sessions shaped for health apps: Apple HealthKit and Android Health Connect.

``export --format health`` writes one JSON document holding both shapes, for a companion
shortcut or app to hand to the platform's API::

    {
      "format": "session-player-health",
      "version": 2,
      "exported_at": "2024-05-01T08:00:00.000000Z",
      "healthkit": [
        {"type": "HKCategoryTypeIdentifierMindfulSession",
         "value": 0,                                   # HKCategoryValue.notApplicable
         "startDate": "2024-05-01T07:30:00+02:00",
         "endDate": "2024-05-01T07:39:58+02:00",
         "metadata": {"HKExternalUUID": "<uuid>",       # HKMetadataKeyExternalUUID
                      "HKMetadataKeySyncIdentifier": "session-player:<uuid>",
                      "HKMetadataKeySyncVersion": 1,
                      "HKTimeZone": "Europe/Paris",    # HKMetadataKeyTimeZone, where known
                      "HKWasUserEntered": true,        # HKMetadataKeyWasUserEntered: by hand
                      "SessionPlayerTitle": "Soothing rhythm breathing",
                      "SessionPlayerPractice": "breathing",
                      "SessionPlayerOutcome": "completed"}}
      ],
      "health_connect": [
        {"recordType": "MindfulnessSessionRecord",
         "startTime": "2024-05-01T05:30:00Z", "startZoneOffset": "+02:00",
         "endTime": "2024-05-01T05:39:58Z", "endZoneOffset": "+02:00",
         "mindfulnessSessionType": "MINDFULNESS_SESSION_TYPE_BREATHING",
         "title": "Soothing rhythm breathing",
         "notes": "Before: How distressed… 6. After: How distressed… 4.",
         "metadata": {"clientRecordId": "session-player:<uuid>", "clientRecordVersion": 1,
                      "recordingMethod": "RECORDING_METHOD_ACTIVELY_RECORDED"}}
      ]
    }

Choices:

- The end is the start plus the *practised* time, so health apps, which count mindful minutes
  as end minus start, count what was practised, not time spent paused.
- Sessions with under a second practised, and sessions still running, are left out.
- ``mindfulnessSessionType`` is the constant's name, not its number: the platform SDK and the
  Jetpack library number them differently. ``breathing`` maps to BREATHING, ``silent`` to
  UNGUIDED, every other practice to MEDITATION.
- Notes carry check-ins and how the session ended; written text (and the person's own note on
  a session) is never included. A session with nothing to say has no ``notes`` at all, rather
  than an empty one.
- ``recordingMethod`` (Health Connect's ``Metadata`` recording method, by its constant's name):
  ACTIVELY_RECORDED for a session played here, MANUAL_ENTRY for one added by hand, UNKNOWN for
  one imported from another app (how that app recorded it isn't known). HealthKit has no
  recording method; a hand-added session carries ``HKWasUserEntered``.
- ``HKTimeZone`` is the IANA zone the session started in, where the log knows it (sessions
  recorded before version 2 of the log, and imported ones, have none: only their offset).
- Previews (played at ``--speed``) are never exported, whatever the log holds.
- The sync identifier and ``clientRecordId`` are stable, so re-exporting updates rather than
  duplicates.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any, TextIO

from ...script.text import holds_unicode, json_shown
from ..ratings import rated_words
from ..records import MANUAL, SessionDetail
from ..times import local_time, offset_text, to_text

HEALTH_FORMAT = "session-player-health"
HEALTH_VERSION = 2
MIN_SECONDS = 1.0

_TYPES = {
    "breathing": "MINDFULNESS_SESSION_TYPE_BREATHING",
    "silent": "MINDFULNESS_SESSION_TYPE_UNGUIDED",
}
_ENDINGS = {"stopped": "Stopped early.", "interrupted": "Interrupted."}


def session_type(practice: str) -> str:
    """The Health Connect type name for a practice."""
    return _TYPES.get(practice, "MINDFULNESS_SESSION_TYPE_MEDITATION")


def notes(detail: SessionDetail) -> str:
    """Short notes: check-ins as noticed, and an early ending. Never written text."""
    parts = [f"{c.moment.capitalize()}: {rated_words(c)}." for c in detail.check_ins]
    ending = _ENDINGS.get(detail.session.outcome)
    if ending:
        parts.append(ending)
    return " ".join(parts)


def shareable(detail: SessionDetail) -> bool:
    """Whether a session goes to a health app: finished, practised, and not a preview."""
    s = detail.session
    return not s.preview and s.outcome != "running" and s.practised_seconds >= MIN_SECONDS


_METHODS = {"played": "ACTIVELY_RECORDED", "manual": "MANUAL_ENTRY"}


def recording_method(origin: str) -> str:
    """Health Connect's recording method for where a session comes from."""
    return f"RECORDING_METHOD_{_METHODS.get(origin, 'UNKNOWN')}"


def healthkit_record(detail: SessionDetail) -> dict[str, Any] | None:
    """The HealthKit mindful-session shape of a session, or None if it isn't one to share."""
    s = detail.session
    if not shareable(detail):
        return None
    end = s.started_at + timedelta(seconds=s.practised_seconds)
    metadata: dict[str, Any] = {
        "HKExternalUUID": s.uuid,
        "HKMetadataKeySyncIdentifier": f"session-player:{s.uuid}",
        "HKMetadataKeySyncVersion": 1,
    }
    if s.time_zone:
        metadata["HKTimeZone"] = s.time_zone
    if s.origin == MANUAL:
        metadata["HKWasUserEntered"] = True
    metadata |= {
        "SessionPlayerTitle": s.title,
        "SessionPlayerPractice": s.practice,
        "SessionPlayerOutcome": s.outcome,
    }
    return {
        "type": "HKCategoryTypeIdentifierMindfulSession",
        "value": 0,
        "startDate": local_time(s.started_at, s.utc_offset).isoformat(timespec="seconds"),
        "endDate": local_time(end, s.utc_offset).isoformat(timespec="seconds"),
        "metadata": metadata,
    }


def health_connect_record(detail: SessionDetail) -> dict[str, Any] | None:
    """The Health Connect ``MindfulnessSessionRecord`` shape, or None if not one to share."""
    s = detail.session
    if not shareable(detail):
        return None
    end = s.started_at + timedelta(seconds=s.practised_seconds)
    zone = offset_text(s.utc_offset)
    record: dict[str, Any] = {
        "recordType": "MindfulnessSessionRecord",
        "startTime": s.started_at.isoformat(timespec="seconds").replace("+00:00", "Z"),
        "startZoneOffset": zone,
        "endTime": end.isoformat(timespec="seconds").replace("+00:00", "Z"),
        "endZoneOffset": zone,
        "mindfulnessSessionType": session_type(s.practice),
        "title": s.title,
    }
    said = notes(detail)
    if said:
        record["notes"] = said
    record["metadata"] = {
        "clientRecordId": f"session-player:{s.uuid}",
        "clientRecordVersion": 1,
        "recordingMethod": recording_method(s.origin),
    }
    return record


_SPOOL_CHARACTERS = 4 * 1024 * 1024
"""How much of the Health Connect half is held in memory before it spools to a file."""


def _indented(record: dict[str, Any], unicode: bool) -> str:
    """A record as ``json.dumps(..., indent=2)`` writes it two levels down a document."""
    text = json.dumps(record, ensure_ascii=not unicode, indent=2)
    return json_shown(text.replace("\n", "\n    "))


def write_health(details: Iterable[SessionDetail], out: TextIO, *, exported_at: datetime) -> int:
    """Write the health document; return how many sessions it holds.

    One pass, the same text ``json.dumps(document, indent=2)`` gives: the HealthKit records
    are written as they come and the Health Connect half is spooled (to a temporary file once
    it is large), so memory stays small at any log size."""
    unicode = holds_unicode(out)
    out.write(
        f'{{\n  "format": {json.dumps(HEALTH_FORMAT)},\n  "version": {HEALTH_VERSION},\n'
        f'  "exported_at": {json.dumps(to_text(exported_at))},\n  "healthkit": ['
    )
    n = 0
    with tempfile.SpooledTemporaryFile(
        _SPOOL_CHARACTERS, mode="w+", encoding="utf-8", errors="surrogatepass", newline=""
    ) as spool:
        for detail in details:
            kit, hc = healthkit_record(detail), health_connect_record(detail)
            if kit is not None and hc is not None:
                between = ",\n    " if n else "\n    "
                out.write(between + _indented(kit, unicode))
                spool.write(between + _indented(hc, unicode))
                n += 1
        out.write('\n  ],\n  "health_connect": [' if n else '],\n  "health_connect": [')
        spool.seek(0)
        shutil.copyfileobj(spool, out)
    out.write("\n  ]\n}\n" if n else "]\n}\n")
    return n
