"""Time helpers for the log: an injectable clock and one fixed text form for instants.

Instants are stored as UTC text of one fixed width (``2024-05-01T07:30:00.000000Z``), so text
order is time order and SQLite can compare them without parsing. Local offsets are whole seconds
east of UTC.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta, timezone
from functools import cache
from pathlib import Path

WallClock = Callable[[], datetime]
"""A callable returning the current time as an aware UTC datetime."""


def utc_now() -> datetime:
    """The real clock: now, aware, in UTC."""
    return datetime.now(UTC)


def system_offset(moment: datetime) -> int:
    """The system's local UTC offset, in seconds, at ``moment``."""
    offset = moment.astimezone().utcoffset()
    return int(offset.total_seconds()) if offset is not None else 0


# Where zoneinfo looks for a zone when PYTHONTZPATH is unset (sysconfig's TZPATH as CPython
# is built by default and by the distributions). Each session logs the system's zone; a name of
# the plain shape found there is known without ``zoneinfo``, which with sysconfig's data a
# session would otherwise hold for the rest of its life (0.26-0.35 MiB, issue 26). Anything
# else (another search path, the ``tzdata`` package, ``posix/...``) is asked of zoneinfo.
ZONE_FOLDERS = (
    "/usr/share/zoneinfo",
    "/usr/lib/zoneinfo",
    "/usr/share/lib/zoneinfo",
    "/etc/zoneinfo",
)


def _plain_zone(name: str) -> bool:
    """Whether ``name`` has the shape of a zone's name (``Europe/Paris``, ``Etc/GMT+5``,
    ``UTC``): each part ASCII, starting with a capital; the tables beside the zones in their
    folder (``zone.tab``, ``leapseconds``, ``posixrules``) don't."""
    return name != "SECURITY" and all(
        part[:1].isupper()
        and part.isascii()
        and part.replace("_", "").replace("-", "").replace("+", "").isalnum()
        for part in name.split("/")
    )


def _in_zone_folders(name: str) -> bool:
    return any(os.path.isfile(os.path.join(folder, name)) for folder in ZONE_FOLDERS)


def zone_name(name: str) -> str | None:
    """``name`` if it is an IANA time zone this system knows, else None."""
    name = name.strip().lstrip(":")
    if not name or name.startswith("/") or ".." in name:
        return None
    if _plain_zone(name) and "PYTHONTZPATH" not in os.environ and _in_zone_folders(name):
        return name
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return None
    return name


def system_zone(tz: str | None = None, localtime: Path = Path("/etc/localtime")) -> str | None:
    """The system's IANA time zone name (``Europe/Paris``), or None when it can't be told:
    ``$TZ`` if it names a zone, else where ``/etc/localtime`` links into a zoneinfo folder."""
    if tz:
        return zone_name(tz)
    try:
        target = str(localtime.resolve(strict=True))
    except OSError:
        return None
    marker = "zoneinfo/"
    if marker not in target:
        return None
    return zone_name(target.rsplit(marker, 1)[1])


def to_text(moment: datetime) -> str:
    """``moment`` as stored: UTC, microseconds, a trailing ``Z``. Naive values are refused."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"a naive datetime cannot be logged: {moment!r}")
    # isoformat, not strftime: it pads years before 1000 to four digits, keeping the width.
    return moment.astimezone(UTC).replace(tzinfo=None).isoformat(timespec="microseconds") + "Z"


def from_text(text: str) -> datetime:
    """An aware UTC datetime from stored or exported text (any ISO 8601 with an offset)."""
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is None:
        raise ValueError(f"a time without an offset: {text!r}")
    return moment.astimezone(UTC)


@cache
def zone(offset_seconds: int) -> timezone:
    """A fixed ``timezone`` for an offset in seconds (one object per offset: exports ask for
    the same few offsets hundreds of thousands of times)."""
    return timezone(timedelta(seconds=offset_seconds))


def offset_text(offset_seconds: int) -> str:
    """``+02:00`` style text for an offset in seconds (``+05:30:15`` if it has seconds)."""
    sign = "-" if offset_seconds < 0 else "+"
    minutes, seconds = divmod(abs(offset_seconds), 60)
    hours, minutes = divmod(minutes, 60)
    text = f"{sign}{hours:02d}:{minutes:02d}"
    return f"{text}:{seconds:02d}" if seconds else text


def local_date(moment: datetime, offset_seconds: int) -> date:
    """The calendar day the person saw at ``moment`` with the given offset."""
    return moment.astimezone(zone(offset_seconds)).date()


def local_time(moment: datetime, offset_seconds: int) -> datetime:
    """``moment`` shown in the person's offset."""
    return moment.astimezone(zone(offset_seconds))
