"""Courses: weeks (or days) of sessions to practise, in an order, checked like scripts.

A course file is TOML (``docs/course-format.md``): a ``title``, a ``summary``, then ``[[week]]``
or ``[[day]]`` tables, each with a ``title``, a short ``intro``, the ``sessions`` to practise
(script names from the library) and optional ``extra`` sessions. ``load_course`` returns a
``Course`` or every problem as a ``ScriptError`` with its key path (``week[3].sessions[2]``) and
line, the way ``session-player check`` reports scripts.

``where`` reads the person's place in a course from what they have practised, in the order they
practised it: each practice counts for the part they were in then, and the place is the next
part once every session of a part has counted for it. It never counts what was missed:
skipping, repeating and pausing are all part of it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from ..bounded import Unreadable, parse_toml, read_text
from ..errors import ScriptError
from ..script.keys import did_you_mean
from ..script.loader import MAX_ERRORS

Unit = Literal["week", "day"]
Report = Callable[[str, str], None]
TOP = ("title", "summary", "format", "week", "day")
PART = ("title", "intro", "sessions", "extra")
MAX_PARTS = 60
MAX_SESSIONS = 12
MAX_BYTES = 256 * 1024
PAUSING = "Skipping, repeating and pausing are all part of a course; go at whatever pace is kind."


@dataclass(frozen=True)
class Part:
    """One week or day: what it is about, and the sessions to practise."""

    number: int
    title: str
    intro: str
    sessions: tuple[str, ...]
    extra: tuple[str, ...] = ()


@dataclass(frozen=True)
class Course:
    """A checked course."""

    name: str
    title: str
    summary: str
    unit: Unit
    parts: tuple[Part, ...]


@dataclass(frozen=True)
class Place:
    """Where a person is in a course: the part to practise now and a session to start with."""

    part: Part | None  # None once every part has been practised
    today: str | None
    practised: frozenset[str]  # the course's sessions practised at least once
    credited: Mapping[int, frozenset[str]] = field(default_factory=dict)
    """Per part number, its sessions practised while it was the person's part (or later)."""

    def done(self, session: str, part: int | None = None) -> bool:
        """True when ``session`` has been practised: in ``part`` (its number) when given, so a
        session that closes every week shows as done only in the weeks it was practised in."""
        if part is None:
            return session in self.practised
        return session in self.credited.get(part, frozenset())


def where(course: Course, practised: Iterable[str]) -> Place:
    """The part to practise now, from the names of the sessions practised, oldest first.

    Each practice counts for the part the person was in when they did it: a session listed in
    several parts (a look back that closes every week) done in week 1 is not done in week 2. A
    session one of the next parts brings in first moves the place on to that part (skipping
    ahead is normal); one from an earlier part counts for that part and moves no one. A part is
    through once each of its sessions counts for it, and the place is then the next part."""
    parts = course.parts
    first: dict[str, int] = {}  # the part that brings each session in
    for index, part in enumerate(parts):
        for name in (*part.sessions, *part.extra):
            first.setdefault(name, index)
    credited: dict[int, set[str]] = {index: set() for index in range(len(parts))}
    current, seen = 0, set[str]()
    for name in practised:
        if name not in first:
            continue
        seen.add(name)
        here = current < len(parts) and name in (*parts[current].sessions, *parts[current].extra)
        if here:
            credited[current].add(name)
        elif first[name] > current:
            current = first[name]
            credited[current].add(name)
        else:
            back = range(min(current, len(parts) - 1), -1, -1)
            home = next(i for i in back if name in (*parts[i].sessions, *parts[i].extra))
            credited[home].add(name)
        while current < len(parts) and all(n in credited[current] for n in parts[current].sessions):
            current += 1
    done = frozenset(name for part in parts for name in part.sessions if name in seen)
    marks = {parts[i].number: frozenset(names) for i, names in credited.items()}
    if current >= len(parts):
        return Place(None, None, done, marks)
    part = parts[current]
    today = next(
        (name for name in part.sessions if name not in credited[current]), part.sessions[0]
    )
    return Place(part, today, done, marks)


def place_line(course: Course, place: Place, titles: Mapping[str, str]) -> str:
    """One line for the library: "Week 3 of 8: your own phrases. Today: ..."."""
    total = len(course.parts)
    if place.part is None:
        return (
            f"{course.title}: you've been through all {total} {course.unit}s; "
            "any of them is yours to return to."
        )
    unit = course.unit.capitalize()
    today = titles.get(place.today or "", place.today or "")
    return f"{unit} {place.part.number} of {total}: {place.part.title}. Today: {today}."


# -- reading and checking --------------------------------------------------------------------


def load_course(path: Path, sessions: Collection[str]) -> Course | list[ScriptError]:
    """Read and check the course at ``path``; ``sessions`` are the library's script names."""
    shown = str(path)
    try:
        # The bounded reader: a FIFO is refused without blocking, and a dotted key of
        # thousands of parts or values nested thousands deep before tomllib sees them.
        text = read_text(path, MAX_BYTES)
        parsed = parse_toml(text, shown)
    except Unreadable as problem:
        return [ScriptError(shown, problem.line or 1, problem.column or 1, "", problem.reason)]
    problems: list[tuple[str, str]] = []
    course = check_course(parsed, path.stem, sessions, lambda p, m: problems.append((p, m)))
    if problems:
        return _located(shown, text, problems)
    assert course is not None
    return course


def _located(shown: str, text: str, problems: list[tuple[str, str]]) -> list[ScriptError]:
    """The first ``MAX_ERRORS`` problems with their lines, then how many more there are (a
    course of 25,000 unknown keys once took minutes, each located by reading every line)."""
    locate = _Places(text)
    errors = [ScriptError(shown, *locate(p), p, m) for p, m in problems[:MAX_ERRORS]]
    more = len(problems) - MAX_ERRORS
    if more > 0:
        note = f"and {more:,} more problem{'s' if more != 1 else ''}, not shown; fix these first"
        errors.append(ScriptError(shown, *locate(problems[MAX_ERRORS][0]), "", note, more))
    return errors


def check_course(
    data: dict[str, Any], name: str, sessions: Collection[str], report: Report
) -> Course | None:
    """Check parsed TOML; ``report(path, message)`` receives every problem."""
    failed = False

    def error(path: str, message: str) -> None:
        nonlocal failed
        failed = True
        report(path, message)

    for key in data:
        if key not in TOP:
            error(key, f"unknown key{did_you_mean(key, TOP)}")
    title = _text(data, "title", "title", error)
    summary = _text(data, "summary", "summary", error)
    if "format" in data and (data["format"] != 1 or isinstance(data["format"], bool)):
        error("format", "only format 1 exists; remove the key or write format = 1")
    if "week" in data and "day" in data:
        error("day", "a course is in weeks or in days, not both")
        return None
    unit: Unit = "day" if "day" in data else "week"
    raw = data.get(unit)
    if raw is None:
        error("week", "a course needs at least one [[week]] (or [[day]])")
        return None
    if not isinstance(raw, list) or not all(isinstance(t, dict) for t in raw):
        error(unit, f"must be a list of [[{unit}]] tables")
        return None
    if not 1 <= len(raw) <= MAX_PARTS:
        error(unit, f"has {len(raw)} {unit}s; a course has 1 to {MAX_PARTS}")
        return None
    parts = [_part(table, n, unit, sessions, error) for n, table in enumerate(raw, 1)]
    if failed or title is None or summary is None or any(p is None for p in parts):
        return None
    return Course(name, title, summary, unit, tuple(p for p in parts if p is not None))


def _part(
    table: dict[str, Any], number: int, unit: str, sessions: Collection[str], error: Report
) -> Part | None:
    where = f"{unit}[{number}]"
    for key in table:
        if key not in PART:
            error(f"{where}.{key}", f"unknown key{did_you_mean(key, PART)}")
    title = _text(table, "title", f"{where}.title", error)
    intro = _text(table, "intro", f"{where}.intro", error)
    main = _names(table.get("sessions"), f"{where}.sessions", sessions, error, required=True)
    extra = _names(table.get("extra", []), f"{where}.extra", sessions, error, required=False)
    if title is None or intro is None or main is None or extra is None:
        return None
    return Part(number, title, intro, main, extra)


def _text(table: dict[str, Any], key: str, path: str, error: Report) -> str | None:
    value = table.get(key)
    if value is None:
        error(path, "is missing")
        return None
    if not isinstance(value, str) or not value.strip():
        error(path, "must be text in quotes, not empty")
        return None
    return value


def _names(
    value: Any, path: str, sessions: Collection[str], error: Report, *, required: bool
) -> tuple[str, ...] | None:
    if value is None:
        error(path, 'is missing; list the sessions to practise, such as ["soothing-touch"]')
        return None
    low = 1 if required else 0
    if not isinstance(value, list) or not low <= len(value) <= MAX_SESSIONS:
        error(path, f"must be a list of {low} to {MAX_SESSIONS} session names")
        return None
    names: list[str] = []
    bad = False
    for i, item in enumerate(value, 1):
        if not isinstance(item, str):
            error(f"{path}[{i}]", "must be a session's name in quotes")
            bad = True
        elif item not in sessions:
            hint = did_you_mean(item, sorted(sessions))
            error(f"{path}[{i}]", f"no session named {item!r}{hint} (`session-player list`)")
            bad = True
        else:
            names.append(item)
    return None if bad else tuple(names)


_ASSIGNED = re.compile(r"\s*([A-Za-z0-9_-]+)\s*=")
_PART_PATH = re.compile(r"^(week|day)\[(\d+)\](?:\.(\w+))?")


class _Places:
    """The line of a course key path: a top-level key, or a key in the n-th ``[[week]]``.
    Each part's keys are indexed the first time one of them is asked for, so locating many
    problems reads each line once."""

    def __init__(self, text: str) -> None:
        self.lines = text.splitlines()
        self.headers: dict[str, list[int]] = {}
        self.keys: dict[tuple[int, int], dict[str, int]] = {}

    def __call__(self, path: str) -> tuple[int, int]:
        match = _PART_PATH.match(path)
        if match is None:
            key = path.split(".")[0].split("[")[0]
            return self._key_in(0, len(self.lines), key, 1)
        unit, number, key = match.group(1), int(match.group(2)), match.group(3)
        if unit not in self.headers:
            header = re.compile(rf"\s*\[\[\s*{unit}\s*\]\]")
            self.headers[unit] = [n for n, line in enumerate(self.lines) if header.match(line)]
        headers = self.headers[unit]
        if number > len(headers):
            return 1, 1
        start = headers[number - 1]
        return self._key_in(start + 1, len(self.lines), key, start + 1) if key else (start + 1, 1)

    def _key_in(self, first: int, end: int, key: str, otherwise: int) -> tuple[int, int]:
        """The line of ``key`` in the table whose lines begin at index ``first``."""
        if (first, end) not in self.keys:
            found: dict[str, int] = {}
            for n in range(first, end):
                line = self.lines[n]
                if line.lstrip().startswith("["):
                    break
                assigned = _ASSIGNED.match(line)
                if assigned:
                    found.setdefault(assigned.group(1), n + 1)
            self.keys[first, end] = found
        return self.keys[first, end].get(key, otherwise), 1
