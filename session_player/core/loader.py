"""Reads a session script file and returns a checked ``Script`` or every error in it."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from pathlib import Path

from .checker import Checker
from .durations import format_duration
from .errors import ScriptError
from .locate import Locator
from .model import Script
from .timeline import planned_length

MAX_BYTES = 1 << 20
MAX_PLANNED_SECONDS = 24 * 3600
_BOM = b"\xef\xbb\xbf"
_AT = re.compile(r"\s*\(at line (\d+), column (\d+)\)\s*$")
_AT_END = re.compile(r"\s*\(at end of document\)\s*$")


def load_script(
    path: Path | str, *, sounds: Mapping[str, Path] | None = None
) -> Script | list[ScriptError]:
    """Load and check the script at ``path``."""
    path = Path(path)
    shown = str(path)
    try:
        with path.open("rb") as stream:
            data = stream.read(
                MAX_BYTES + 1
            )  # never more, whatever stat() says (a pipe, /dev/zero)
        if len(data) > MAX_BYTES:
            size = max(path.stat().st_size, len(data))
            return [_whole(shown, f"the file is {size:,} bytes; a script may be at most 1 MiB")]
    except FileNotFoundError:
        return [_whole(shown, "no such file")]
    except IsADirectoryError:
        return [_whole(shown, "is a folder, not a script file")]
    except OSError as problem:
        return [_whole(shown, f"cannot be read: {problem.strerror or problem}")]
    return load_bytes(data, file=shown, folder=path.parent, name=path.stem, sounds=sounds)


def load_bytes(
    data: bytes,
    *,
    file: str = "<script>",
    folder: Path | None = None,
    name: str | None = None,
    sounds: Mapping[str, Path] | None = None,
) -> Script | list[ScriptError]:
    """Check a script given as bytes (the file's contents)."""
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
    return load_text(text, file=file, folder=folder, name=name, sounds=sounds)


def load_text(
    text: str,
    *,
    file: str = "<script>",
    folder: Path | None = None,
    name: str | None = None,
    sounds: Mapping[str, Path] | None = None,
) -> Script | list[ScriptError]:
    """Check a script given as text."""
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        return [ScriptError(file, line, 1, "", "contains a NUL character; is this a text file?")]
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as problem:
        return [_syntax(file, text, str(problem))]
    except RecursionError:
        return [_whole(file, "TOML syntax: values are nested too deeply to read")]
    if sounds is None:
        from ..paths import bundled_sounds

        sounds = bundled_sounds()
    errors: list[ScriptError] = []
    locators: list[Locator] = []  # scanned for line numbers only once something is wrong

    def report(path: str, message: str) -> None:
        if not locators:
            locators.append(Locator(text))
        line, column = locators[0].locate(path)
        errors.append(ScriptError(file, line, column, path, message))

    checker = Checker(report, folder=folder, sounds=sounds)
    script = checker.script(document, name or Path(file).stem, Path(file) if folder else None)
    if script is None:
        return sorted(errors, key=lambda e: (e.line, e.column))
    planned = planned_length(script)
    if planned > MAX_PLANNED_SECONDS:
        shown = format_duration(planned)
        return [_whole(file, f"plans {shown}; a session may be at most 24 hours")]
    return script


def _whole(file: str, message: str) -> ScriptError:
    return ScriptError(file, 1, 1, "", message)


def _syntax(file: str, text: str, message: str) -> ScriptError:
    at = _AT.search(message)
    if at:
        line, column = int(at.group(1)), int(at.group(2))
        message = message[: at.start()]
    else:
        line = max(1, text.count("\n") + (0 if text.endswith("\n") else 1))
        column = 1
        message = _AT_END.sub("", message)
    return ScriptError(file, line, column, "", f"TOML syntax: {message[:1].lower()}{message[1:]}")
