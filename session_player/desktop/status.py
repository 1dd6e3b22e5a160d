"""The status line's file, and what ``session-player status`` makes of it.

The running session writes ``status`` in the state folder, whole each time (a temporary file
renamed over the old one), at its start, each pause and resume, each step and once a minute
(``status`` counts on from the moment written); at its end the session part is cleared and
the day's tally kept. Reading it costs a few milliseconds and never touches the practice log.

The ``status`` command starts cold in a status bar, often each second: this module loads
nothing of the package but the bounded reader, ``status_text`` (the file's lines and the JSON,
by hand) and ``home.where``, and nothing of Python's library that its start hasn't loaded.
"""

from __future__ import annotations

import os
import time

from ..core.bounded import Unreadable, read_text
from .status_text import day_number, iso_day, json_text, parse_status, status_text

TYPE_CHECKING = False  # as typing's: a cold ``status`` loads neither typing nor pathlib
if TYPE_CHECKING:
    from datetime import date
    from pathlib import Path
    from typing import Any

NAME = "status"
LONGEST = 1 << 16  # bytes: the file is a few lines
FORMATS = ("plain", "json", "waybar", "polybar", "tmux")


class Status:
    """What a status line shows: the session now, or the day so far. (A plain class, not a
    dataclass: importing dataclasses, with inspect and ast, took a cold ``status`` longer than
    all the rest it does.)"""

    __slots__ = ("left", "practice", "sat", "state", "streak", "title", "today_minutes")

    def __init__(
        self, state: str, *, title: str = "", practice: str = "", left: float | None = None,
        sat: float = 0.0, today_minutes: float = 0.0, streak: int | None = None,
    ) -> None:  # fmt: skip
        self.state = state  # "playing", "paused" or "idle"
        self.title = title
        self.practice = practice
        self.left = left  # seconds; None for an open-ended sit
        self.sat = sat  # seconds practised in this session
        self.today_minutes = today_minutes
        self.streak = streak  # days in a row, only when the person shows streaks

    def _fields(self) -> tuple[object, ...]:
        return tuple(getattr(self, name) for name in self.__slots__)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Status) and self._fields() == other._fields()

    def __hash__(self) -> int:
        return hash(self._fields())

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__slots__)
        return f"Status({shown})"


def status_path() -> Path:
    """Where the running session writes its status."""
    from ..home.where import state_dir

    return state_dir() / NAME


def status_file() -> str:
    """The same file as ``status_path``, as text, found without loading pathlib where the
    state folder follows from the environment (``home.where.state_file``)."""
    from ..home.where import state_file

    return state_file(NAME)


def write_status(path: Path, document: dict[str, Any]) -> None:
    """Replace the status file whole with ``document``'s parts (``session``, ``day``: a table
    of names to text, numbers and truths, or None for none); ``OSError`` when it can't be
    written."""
    from ..core.files import write_text

    path.parent.mkdir(parents=True, exist_ok=True)
    write_text(path, status_text(document))


def _alive(pid: object) -> bool:
    if not isinstance(pid, int) or isinstance(pid, bool) or not 0 < pid < 1 << 31:
        return False  # 0 and -1 would ask of a whole group of processes
    from .alive import alive

    return alive(pid)


def _number(value: object, default: float = 0.0) -> float:
    ok = isinstance(value, int | float) and not isinstance(value, bool)
    number = float(value) if ok else default  # type: ignore[arg-type]
    return number if abs(number) < float("inf") else default  # NaN and infinities too


def _day(document: dict[str, dict[str, object]], today: int) -> tuple[float, int | None]:
    day = document.get("day", {})
    on = iso_day(day.get("date"))
    if on is None:
        return 0.0, None
    minutes = _number(day.get("minutes")) if on == today else 0.0
    streak: int | None = None
    if day.get("streaks") is True:
        # A run still stands the day after its last practice; later it is over.
        streak = int(_number(day.get("streak"))) if today - on <= 1 else 0
    return minutes, streak


def read_status(path: Path | str, now: float, today: date | None = None) -> Status:
    """The status at wall-clock time ``now`` (seconds since the epoch) on day ``today`` (by
    default the local day at ``now``). A missing or unreadable file, or one left by a session
    that died, reads as between sessions."""
    try:  # the bounded reader: a FIFO, a huge file or one not UTF-8 reads as idle
        document = parse_status(read_text(path, LONGEST))
    except Unreadable:
        return Status("idle")
    if today is None:
        local = time.localtime(now)
        day = day_number(local.tm_year, local.tm_mon, local.tm_mday)
    else:
        day = today.toordinal()
    minutes, streak = _day(document, day)
    session = document.get("session")
    if session is None or not _alive(session.get("pid")):
        return Status("idle", today_minutes=minutes, streak=streak)
    paused = session.get("paused") is True
    sat = _number(session.get("practised"))
    if not paused:
        sat += max(0.0, now - _number(session.get("written"), now))
    planned = session.get("planned")
    left = None
    if session.get("open_ended") is not True and isinstance(planned, int | float):
        left = max(0.0, _number(planned) - sat)
    return Status(
        "paused" if paused else "playing",
        title=str(session.get("title", "")),
        practice=str(session.get("practice", "")),
        left=left,
        sat=sat,
        today_minutes=minutes,
        streak=streak,
    )


def clock(seconds: float) -> str:
    """``12:05`` or ``1:02:03``."""
    whole = int(seconds)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def plain(status: Status) -> str:
    """One short line: ``Loving-kindness 12:05 left``, ``Open-ended sit: sat 5:10 (paused)``,
    ``Today 20 min``."""
    if status.state == "idle":
        text = f"Today {status.today_minutes:.0f} min"
        if status.streak:
            text += f", {status.streak} day{'s' if status.streak != 1 else ''} in a row"
        return text
    if status.left is None:
        text = f"{status.title}: sat {clock(status.sat)}"
    else:
        text = f"{status.title} {clock(status.left)} left"
    return text + (" (paused)" if status.state == "paused" else "")


def as_document(status: Status) -> dict[str, Any]:
    """``--format json``: every field, seconds rounded down to whole ones."""
    document: dict[str, Any] = {"state": status.state, "today_minutes": status.today_minutes}
    if status.state != "idle":
        document.update(
            title=status.title,
            practice=status.practice,
            left_seconds=None if status.left is None else int(status.left),
            sat_seconds=int(status.sat),
        )
    if status.streak is not None:
        document["streak_days"] = status.streak
    return document


def render(status: Status, form: str) -> str:
    """The status in ``form``, one of ``FORMATS``."""
    line = plain(status)
    if form == "json":
        return json_text(as_document(status))
    if form == "waybar":
        # Waybar's custom module: text, a tooltip, and a class to style by state.
        tooltip = line if status.state == "idle" else f"{status.practice}: {line}"
        return json_text({"text": line, "tooltip": tooltip, "class": status.state})
    if form == "polybar":
        return line.replace("%", "%%")  # polybar reads %{...} as formatting
    if form == "tmux":
        return line.replace("#", "##")  # tmux reads #(...) and #[...] in a status line
    return line


def session_part(
    *, title: str, practice: str, planned: float, open_ended: bool, practised: float,
    paused: bool, written: float,
) -> dict[str, Any]:  # fmt: skip
    """The running session as the status file keeps it."""
    return {
        "pid": os.getpid(),
        "title": title,
        "practice": practice,
        "planned": planned,
        "open_ended": open_ended,
        "practised": practised,
        "paused": paused,
        "written": written,
    }
