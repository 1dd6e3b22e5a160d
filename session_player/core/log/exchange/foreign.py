"""Histories other meditation timers export, read into sessions (``import --from APP``).

Meditation Assistant (Android, open source): Settings → Sessions → Export writes a CSV with
opencsv's ``CSVWriter`` defaults (every field quoted, ``,`` between them, ``\\n`` line ends)::

    "ID","Length","Started","Completed","Message"
    "12","0:20","2024-05-01 05:30","2024-05-01 05:50","A quiet morning"

``Length`` is hours and minutes (``%02d:%02d``; the app's own reader takes one or two hour
digits); ``Started`` and ``Completed`` are ``yyyy-MM-dd HH:mm`` in UTC (its export always writes
UTC; its import asks whether a file is in UTC or local time, as ``--times local`` does here);
``Message`` is the note. From ``exportSessions``/``importSessions`` in the app's source
(``MeditationAssistant.java``).

Insight Timer: the sessions CSV a person can export from it. The app publishes no description
of the file; this is the shape that independent programs reading it agree on (their parsers and
test files), not the app's own documentation::

    Started At,Duration,Preset,Activity
    05/01/2026 16:03:29,0:21:4,,Meditation

``Started At`` is ``MM/DD/YYYY HH:MM:SS`` in local time (no zone in the file); ``Duration`` is
``H:M:S``, not always zero-padded; the third column is the preset's name (some exports head it
``Type``); ``Activity`` is what was practised.

Each session gets a uuid made from the app, its start and its length, so importing the same
file again adds nothing. A file with any bad row is refused whole, naming the line.
"""

from __future__ import annotations

import csv
import io
import re
import uuid as uuids
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta, tzinfo
from itertools import islice

from ...errors import capped
from ..errors import LogImportError
from ..manual import MAX_NOTE
from ..records import SessionDetail, SessionRecord

FORMATS = ("meditation-assistant", "insight-timer")
NAMESPACE = uuids.uuid5(uuids.NAMESPACE_URL, "https://session-player.invalid/imported")
MA_HEADER = ["id", "length", "started", "completed", "message"]
IT_HEADERS = (
    ["started at", "duration", "preset", "activity"],
    ["started at", "duration", "type", "activity"],
)
_MA_LENGTH = re.compile(r"^(\d{1,2}):(\d\d)$")
_IT_DURATION = re.compile(r"^(\d{1,2}):(\d{1,2}):(\d{1,2})$")
MAX_SECONDS = 24 * 3600.0
MAX_TITLE = 200
MAX_ROWS = 100_000  # sessions in one file: ten a day for 27 years
_PRACTICES = {"breathing": "breathing", "breathwork": "breathing"}

Local = Callable[[datetime], datetime]
"""Gives a naive local time its offset (the system's zone, or UTC)."""


def _system_local(moment: datetime) -> datetime:
    return moment.astimezone()  # a naive time is taken as the system's local time


def _utc(moment: datetime) -> datetime:
    return moment.replace(tzinfo=UTC)


def zone_of(times: str) -> Local:
    """How a file's times are read: ``utc`` or ``local`` (the system's zone)."""
    return _utc if times == "utc" else _system_local


def fixed(zone: tzinfo) -> Local:
    """Times in a given zone (tests, and files from elsewhere)."""
    return lambda moment: moment.replace(tzinfo=zone)


def detect(text: str) -> str | None:
    """Which app's export ``text`` looks like, from its header; None if neither."""
    try:
        header = next(filter(None, _reader(text)), [])
    except csv.Error:
        return None
    names = [cell.strip().lower() for cell in header]
    if names == MA_HEADER:
        return "meditation-assistant"
    if names in IT_HEADERS:
        return "insight-timer"
    return None


def _reader(text: str) -> Iterator[list[str]]:
    return csv.reader(io.StringIO(text.lstrip("\ufeff")))


def _count(text: str) -> None:
    """Refuse a file of more than ``MAX_ROWS`` rows before any is read into a session: the
    csv module alone counts 100,000 rows in a fraction of a second, where making them into
    sessions took 14 s before the last was found to be one too many. A file that stops being
    CSV is left to the reading, which says where."""
    try:
        rows = sum(1 for _ in islice(filter(None, _reader(text)), MAX_ROWS + 1))
    except csv.Error:
        return
    if rows > MAX_ROWS:
        raise LogImportError(f"more than {MAX_ROWS:,} rows; is this the right file?")


def _rows(text: str) -> Iterator[list[str]]:
    """The file's non-empty rows, counted first (``_count``), then read one at a time: a file
    that is wrong on its second line is refused there (a 48 MB one once took 40 s and 1.5 GB
    to be refused)."""
    _count(text)
    try:
        yield from filter(None, _reader(text))
    except csv.Error as error:
        raise LogImportError(f"not a CSV file ({error})") from None


def _fail(line: int, message: str) -> LogImportError:
    # A value echoed back is cut where it runs long (5,000 digits were repeated in full).
    return LogImportError(f"line {line}: {capped(message)}")


def _session(
    app: str, line: int, start: datetime, seconds: float, title: str, practice: str, note: str
) -> SessionDetail:
    if not 0 < seconds <= MAX_SECONDS:
        raise _fail(line, "a session is from a second to 24 hours long")
    if not 1000 <= start.year <= 9000:
        raise _fail(line, "the start is out of range")
    offset = start.utcoffset() or timedelta()
    begin = start.astimezone(UTC)
    end = begin + timedelta(seconds=seconds)
    key = f"{app}:{begin.isoformat()}:{seconds:g}"
    record = SessionRecord(
        uuid=str(uuids.uuid5(NAMESPACE, key)),
        script_name=app,
        title=title[:MAX_TITLE],
        practice=practice,
        started_at=begin,
        utc_offset=int(offset.total_seconds()),
        planned_seconds=seconds,
        practised_seconds=seconds,
        outcome="completed",
        ended_at=end,
        updated_at=end,
        origin=app,
        note=(note.strip()[:MAX_NOTE] or None),
    )
    return SessionDetail(record)


def _time(text: str, pattern: str, line: int, what: str, local: Local) -> datetime:
    try:
        return local(datetime.strptime(text.strip(), pattern))
    except ValueError:
        raise _fail(line, f"{what}: not a time: {text.strip()!r}") from None


def parse_meditation_assistant(text: str, local: Local = _utc) -> list[SessionDetail]:
    """Sessions from a Meditation Assistant export (times in UTC unless ``local`` says)."""
    sessions: list[SessionDetail] = []
    seen_header = False
    for line, row in enumerate(_rows(text), 1):
        if len(row) != len(MA_HEADER):
            raise _fail(line, f"expected {len(MA_HEADER)} columns, found {len(row)}")
        if row[0].strip().lower() == "id":
            if seen_header:
                raise _fail(line, "the header appears twice")
            seen_header = True
            continue
        found = _MA_LENGTH.match(row[1].strip())
        if found is None or int(found[2]) > 59:
            raise _fail(line, f"Length: not hours:minutes: {row[1].strip()!r}")
        seconds = int(found[1]) * 3600 + int(found[2]) * 60
        start = _time(row[2], "%Y-%m-%d %H:%M", line, "Started", local)
        _time(row[3], "%Y-%m-%d %H:%M", line, "Completed", local)  # checked, not needed
        title = "Meditation Assistant session"
        sessions.append(
            _session("meditation-assistant", line, start, seconds, title, "silent", row[4])
        )
    if not seen_header:
        raise LogImportError('not a Meditation Assistant export (no "ID","Length",… header)')
    return sessions


def parse_insight_timer(text: str, local: Local = _system_local) -> list[SessionDetail]:
    """Sessions from an Insight Timer export (times in the system's zone unless ``local``)."""
    rows = _rows(text)
    header = next(rows, None)
    if header is None or [c.strip().lower() for c in header] not in IT_HEADERS:
        raise LogImportError("not an Insight Timer export (no Started At,Duration,… header)")
    sessions: list[SessionDetail] = []
    for line, row in enumerate(rows, 2):
        if len(row) != 4:
            raise _fail(line, f"expected 4 columns, found {len(row)}")
        start = _time(row[0], "%m/%d/%Y %H:%M:%S", line, "Started At", local)
        found = _IT_DURATION.match(row[1].strip())
        if found is None or int(found[2]) > 59 or int(found[3]) > 59:
            raise _fail(line, f"Duration: not hours:minutes:seconds: {row[1].strip()!r}")
        seconds = int(found[1]) * 3600 + int(found[2]) * 60 + int(found[3])
        activity, preset = row[3].strip() or "Meditation", row[2].strip()
        title = f"{activity} ({preset})" if preset else activity
        practice = _PRACTICES.get(activity.lower(), "silent")
        sessions.append(_session("insight-timer", line, start, seconds, title, practice, ""))
    return sessions


def parse_foreign(app: str, text: str, local: Local | None = None) -> list[SessionDetail]:
    """Sessions from ``app``'s export (``FORMATS``), each app's times read as it writes them
    unless ``local`` says otherwise."""
    if app == "meditation-assistant":
        return parse_meditation_assistant(text, local or _utc)
    return parse_insight_timer(text, local or _system_local)
