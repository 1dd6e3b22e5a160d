"""Reads a session script file and returns a checked ``Script`` or every error in it."""

from __future__ import annotations

import errno
from collections.abc import Mapping
from pathlib import Path

from ..bounded import Unreadable, parse_toml
from ..bundled import bundled_sounds
from ..errors import ScriptError
from ..files import read_regular
from .checker import Checker
from .durations import format_duration
from .kinds import planned
from .locate import Locator
from .model import Script
from .values import Message

MAX_BYTES = 1 << 20
MAX_PLANNED_SECONDS = 24 * 3600
MAX_ERRORS = 50  # per file; the rest are counted
MAX_LOCATED = 1000  # past this many problems, those shown are among the first the check met
_BOM = b"\xef\xbb\xbf"


def load_script(
    path: Path | str,
    *,
    sounds: Mapping[str, Path] | None = None,
    looked_at: set[Path] | None = None,
    plan: list[tuple[float, bool]] | None = None,
) -> Script | list[ScriptError]:
    """Load and check the script at ``path``.

    Every sound file the check names or looks for (bundled or beside the script, found or not)
    is added to ``looked_at``, so a kept result can be checked again when one of them changes.
    A script that passes has its planned length, and whether that includes estimates, added to
    ``plan`` (the check works them out for its limit; a library card shows them).
    """
    path = Path(path)
    shown = str(path)
    try:
        # Only a regular file is read, never past the limit: a FIFO or a device named
        # *.toml is refused without blocking, /dev/zero is never read at all.
        data = read_regular(path, MAX_BYTES)
    except FileNotFoundError:
        return [_whole(shown, "no such file")]
    except OSError as problem:
        if problem.errno == errno.EISDIR:
            return [_whole(shown, "is a folder, not a script file")]
        if problem.errno == errno.EFBIG:
            size = max(_size(path), MAX_BYTES + 1)
            return [_whole(shown, f"the file is {size:,} bytes; a script may be at most 1 MiB")]
        return [_whole(shown, f"cannot be read: {problem.strerror or problem}")]
    return load_bytes(
        data,
        file=shown,
        folder=path.parent,
        name=path.stem,
        sounds=sounds,
        looked_at=looked_at,
        plan=plan,
    )


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def load_bytes(
    data: bytes,
    *,
    file: str = "<script>",
    folder: Path | None = None,
    name: str | None = None,
    sounds: Mapping[str, Path] | None = None,
    looked_at: set[Path] | None = None,
    plan: list[tuple[float, bool]] | None = None,
) -> Script | list[ScriptError]:
    """Check a script given as bytes (the file's contents); see ``load_script``."""
    if len(data) > MAX_BYTES:
        return [_whole(file, f"the file is {len(data):,} bytes; a script may be at most 1 MiB")]
    if data.startswith(_BOM):
        data = data[len(_BOM) :]  # editors on Windows add one; it is harmless
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as problem:
        before = data[: problem.start]
        line = before.count(b"\n") + 1
        column = problem.start - (before.rfind(b"\n") + 1) + 1
        bad = data[problem.start : problem.start + 1].hex()
        return [
            ScriptError(
                file, line, column, "", f"is not UTF-8 text (byte 0x{bad}); save it as UTF-8"
            )
        ]
    return load_text(
        text, file=file, folder=folder, name=name, sounds=sounds, looked_at=looked_at, plan=plan
    )


def load_text(
    text: str,
    *,
    file: str = "<script>",
    folder: Path | None = None,
    name: str | None = None,
    sounds: Mapping[str, Path] | None = None,
    looked_at: set[Path] | None = None,
    plan: list[tuple[float, bool]] | None = None,
) -> Script | list[ScriptError]:
    """Check a script given as text; see ``load_script``."""
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        return [ScriptError(file, line, 1, "", "contains a NUL character; is this a text file?")]
    try:
        # The one bounded reader's guards: a key of thousands of dotted parts or values
        # nested thousands deep are refused before tomllib could take minutes over them.
        document = parse_toml(text, file)
    except Unreadable as problem:
        return [ScriptError(file, problem.line or 1, problem.column or 1, "", problem.reason)]
    if sounds is None:
        sounds = bundled_sounds()
    found: list[tuple[str, Message]] = []  # located once checking is done, in one reading

    def report(path: str, message: Message) -> None:
        found.append((path, message))

    checker = Checker(report, folder=folder, sounds=sounds)
    if looked_at is not None:
        checker.looked_at = looked_at
    script = checker.script(document, name or Path(file).stem, Path(file) if folder else None)
    if script is None:
        return _located(file, text, found)
    length, estimated = planned(script)
    if length > MAX_PLANNED_SECONDS:
        shown = format_duration(length)
        return [_whole(file, f"plans {shown}; a session may be at most 24 hours")]
    if plan is not None:
        plan.append((length, estimated))
    return script


def _located(file: str, text: str, found: list[tuple[str, Message]]) -> list[ScriptError]:
    """The problems in the order of the file, at most MAX_ERRORS, then how many more there are.

    Only the first MAX_LOCATED problems the check met are located (it reads the file from the
    top, so they are nearly always the first in the file): with tens of thousands, finding the
    line of each would take longer than all the rest of the check.
    """
    located = found[:MAX_LOCATED]
    places = Locator(text).locate_all([path for path, _message in located])
    order = sorted(range(len(located)), key=places.__getitem__)  # stable: same place, as found
    errors = [
        ScriptError(file, *places[i], found[i][0], str(found[i][1])) for i in order[:MAX_ERRORS]
    ]
    if len(found) <= MAX_ERRORS:
        return errors
    unshown = places[order[MAX_ERRORS]]
    more = len(found) - MAX_ERRORS
    where = " from here on" if len(found) <= MAX_LOCATED else ""
    note = (
        f"and {more:,} more problem{'s' if more != 1 else ''}{where}, not shown; "
        "fix these and check again"
    )
    return [*errors, ScriptError(file, *unshown, "", note, more)]


def _whole(file: str, message: str) -> ScriptError:
    return ScriptError(file, 1, 1, "", message)
