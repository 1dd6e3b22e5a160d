"""The one bounded reader: every TOML and JSON file the app reads comes through here.

Scripts, courses, settings, timer presets, imports, kept sessions and voices' ``.onnx.json``
are files a person (or another program) may write as freely as they like. Each is read the
same way:

- only a regular file, looked at without blocking (``files.read_regular``: a FIFO, a device
  or a socket is refused before it could hang anything), and at most ``limit`` bytes of it;
- UTF-8 text (a leading BOM is dropped);
- before ``tomllib`` or ``json`` sees it, the text is scanned (linearly) for what those
  parsers can't take in good time: a dotted key of many parts (tomllib's time and memory grow
  with the square of the parts: 40,000 of them took 30 s and 7.8 GB) or a very long key, and
  values nested deeper than ``MAX_DEPTH`` (which end in a ``RecursionError``);
- any problem is an ``Unreadable``: one line naming the file (with the line and column when
  there is one) and what to do about it.
"""

from __future__ import annotations

import errno

from .files import read_regular

# A cold ``status`` reads its small file through ``read_text`` alone: ``re`` and ``json`` (with
# enum, functools and collections, half its start) load where first used. ``typing`` and
# ``pathlib`` never load here.
TYPE_CHECKING = False  # as typing's
if TYPE_CHECKING:
    import re
    from collections.abc import Callable
    from pathlib import Path
    from typing import Any, TypeVar

    _Parsed = TypeVar("_Parsed")

MAX_KEY_PARTS = 16  # a.b.c: tomllib's time and memory grow with the square of the parts
MAX_KEY_CHARS = 1000
MAX_DEPTH = 64  # arrays and tables inside one another; ours need fewer than ten
MAX_CONTAINERS = 2_000_000  # JSON lists and objects in one file: 60 MB of "{}," took 1.4 GB
_BOM = "\ufeff"


class Unreadable(ValueError):
    """A file that can't be read as the document it should be.

    ``reason`` says what is wrong and what to do; ``line`` and ``column`` (from 1) are where,
    or 0 for the whole file. ``missing`` is true when there is no file at all, which some
    readers take as "nothing saved yet". ``str()`` is the one line to show.
    """

    def __init__(
        self, file: str, reason: str, *, line: int = 0, column: int = 0, missing: bool = False
    ) -> None:
        super().__init__(file, reason)
        self.file = file
        self.reason = reason
        self.line = line
        self.column = column
        self.missing = missing

    def __str__(self) -> str:
        at = f":{self.line}:{self.column}" if self.line else ""
        return f"{self.file}{at}: {self.reason}"


class Problem:
    """Where a text is refused before it is parsed, and why. (Not a dataclass: importing
    dataclasses, with inspect and ast, cost a cold ``status`` more than the rest it does.)"""

    __slots__ = ("column", "line", "reason")

    def __init__(self, line: int, column: int, reason: str) -> None:
        self.line = line
        self.column = column
        self.reason = reason


def read_text(path: Path | str, limit: int) -> str:
    """The text of the regular file at ``path`` (at most ``limit`` bytes of UTF-8).

    Raises ``Unreadable`` (``missing`` set when there is no such file) and nothing else.
    """
    shown = str(path)
    try:
        data = read_regular(path, limit)
    except FileNotFoundError:
        raise Unreadable(shown, "there is no such file", missing=True) from None
    except OSError as problem:
        raise Unreadable(shown, _advice(problem)) from None
    try:
        return data.decode("utf-8").removeprefix(_BOM)
    except UnicodeDecodeError as problem:
        before = data[: problem.start]
        line = before.count(b"\n") + 1
        column = problem.start - (before.rfind(b"\n") + 1) + 1
        bad = data[problem.start : problem.start + 1].hex()
        reason = f"is not UTF-8 text (byte 0x{bad}); save it as UTF-8"
        raise Unreadable(shown, reason, line=line, column=column) from None


def _advice(problem: OSError) -> str:
    words = problem.strerror or str(problem)
    if problem.errno == errno.EFBIG:
        return f"{words}; is this the right file?"
    if problem.errno in (errno.EISDIR, errno.EINVAL) and "not a regular file" in words:
        return f"{words}; put a regular file there"
    if problem.errno in (errno.EACCES, errno.EPERM):
        return f"can't be read ({words}); check its permissions"
    return f"can't be read ({words})"


def read_toml(path: Path | str, limit: int) -> dict[str, Any]:
    """The tables of the TOML file at ``path`` (see ``read_text``); ``Unreadable`` otherwise."""
    return parse_toml(read_text(path, limit), str(path))


def read_json(path: Path | str, limit: int) -> Any:
    """The value in the JSON file at ``path`` (see ``read_text``); ``Unreadable`` otherwise."""
    return parse_json(read_text(path, limit), str(path))


# -- TOML ------------------------------------------------------------------------------------

# Patterns are compiled where first used (``re`` keeps them): a cold ``status`` reads JSON
# alone and needn't compile the TOML scan's.
_AT = r"\s*\(at line (\d+), column (\d+)\)\s*$"
_AT_END = r"\s*\(at end of document\)\s*$"


def parse_toml(text: str, file: str = "<text>") -> dict[str, Any]:
    """``tomllib.loads(text)`` once ``toml_problem`` finds nothing to refuse; ``Unreadable``
    (with the line and column) for a refused text or a syntax error."""
    return _guarded(text, file, toml_problem, _load_toml)


def _load_toml(text: str, file: str) -> dict[str, Any]:
    import re
    import tomllib  # here: a warm library listing reads only JSON, and never loads it

    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as problem:
        message = str(problem)
        at = re.search(_AT, message)
        if at:
            line, column = int(at.group(1)), int(at.group(2))
            message = message[: at.start()]
        else:  # at the end of the text
            line = max(1, text.count("\n") + (0 if text.endswith("\n") else 1))
            column = 1
            message = re.sub(_AT_END, "", message)
        reason = f"TOML syntax: {message[:1].lower()}{message[1:]}"
        raise Unreadable(file, reason, line=line, column=column) from None


def _guarded(
    text: str,
    file: str,
    problem: Callable[[str], Problem | None],
    load: Callable[[str, str], _Parsed],
) -> _Parsed:
    """``load(text, file)`` once ``problem`` finds nothing in ``text`` to refuse: the one
    guard both formats go through. A refused text is an ``Unreadable`` at its place."""
    refused = problem(text)
    if refused is not None:
        raise Unreadable(file, refused.reason, line=refused.line, column=refused.column)
    try:
        return load(text, file)
    except RecursionError:  # not reached past the scan; kept for safety's sake
        raise Unreadable(file, _too_deep(MAX_DEPTH + 1), line=1, column=1) from None


# The scan's pieces: a key part (bare or quoted), and the text around keys, read so that a
# dot, "=" or bracket inside a string or a comment is never taken for a key's or a value's.
_PART = r"""(?:[A-Za-z0-9_+-]++|"(?:[^"\\\n]++|\\.)*+"|'[^'\n]*+')"""
_TOKENS = (
    r'"""(?:[^"\\]++|\\[\s\S]|"(?!""))*+"""'
    r"|'''[\s\S]*?'''"
    rf"|(?P<key>{_PART}(?:[ \t]*+\.[ \t]*+{_PART})*+)(?P<assign>[ \t]*+=)?"
    r"|#[^\n]*+"
    r"|(?P<open>[\[{])|(?P<close>[\]}])"
    r"""|[^"'#A-Za-z0-9_+\[\]{}-]++"""
    r"|."
)
# MAX_KEY_PARTS dots on one line. (Beginning with the dot lets the search skip to each dot;
# the same pattern beginning with a group tries every character and takes 40 times as long.)
_MANY_DOTS = rf"\.(?:[^.\n]*+\.){{{MAX_KEY_PARTS - 1}}}"


def toml_problem(text: str) -> Problem | None:
    """What in ``text`` tomllib can't read in good time, found before it is parsed: a key of
    more than ``MAX_KEY_PARTS`` dotted parts or ``MAX_KEY_CHARS`` characters, or values nested
    more than ``MAX_DEPTH`` deep. None for the usual text, which is not scanned closely: a key
    can't span lines, and nesting needs brackets.
    """
    import re

    longest = max(map(len, text.splitlines()), default=0)
    openers = text.count("[") + text.count("{")
    if longest <= MAX_KEY_CHARS and openers <= MAX_DEPTH and re.search(_MANY_DOTS, text) is None:
        return None
    return _scan(text, _TOKENS, lambda token: _key_problem(text, token))


def _key_problem(text: str, token: re.Match[str]) -> Problem | None:
    key = token.group("key")
    if key is None:
        return None
    import re

    parts = len(re.findall(_PART, key)) if key.count(".") >= MAX_KEY_PARTS else 1
    if parts > MAX_KEY_PARTS:
        reason = f"has {parts:,} dotted parts; a key may have at most {MAX_KEY_PARTS}"
    elif len(key) > MAX_KEY_CHARS and token.group("assign") is not None:
        reason = f"is {len(key):,} characters long; a key may have at most {MAX_KEY_CHARS:,}"
    else:
        return None
    return _at(text, token.start(), f"this key {reason}")


def _scan(
    text: str,
    tokens: str,
    other: Callable[[re.Match[str]], Problem | None] = lambda token: None,
) -> Problem | None:
    """The first problem in ``text``, read as ``tokens``: values nested more than
    ``MAX_DEPTH`` deep (each opening bracket goes one level in, each closing one comes out;
    the depth rule of both formats), or what ``other`` finds in a token that is no bracket."""
    import re

    depth = 0
    for token in re.finditer(tokens, text, re.DOTALL):
        if token.group("open") is not None:
            depth += 1
            if depth > MAX_DEPTH:
                return _at(text, token.start(), _too_deep(depth))
        elif token.group("close") is not None:
            depth = max(0, depth - 1)
        elif (found := other(token)) is not None:
            return found
    return None


def _too_deep(depth: int) -> str:
    return f"values are nested {depth} deep here; at most {MAX_DEPTH} levels are read"


def _at(text: str, offset: int, reason: str) -> Problem:
    before = text[:offset]
    return Problem(before.count("\n") + 1, offset - before.rfind("\n"), reason)


# -- JSON ------------------------------------------------------------------------------------

_JSON_TOKENS = r'"(?:[^"\\]++|\\.)*+"|(?P<open>[\[{])|(?P<close>[\]}])'


def json_problem(text: str) -> Problem | None:
    """Values in ``text`` nested more than ``MAX_DEPTH`` deep, or more than ``MAX_CONTAINERS``
    brackets opened (each list or object costs ``json`` about 70 bytes: 20 million empty ones
    in 60 MB took 1.4 GB), found before it is parsed."""
    openers = text.count("[") + text.count("{")
    if openers > MAX_CONTAINERS:  # brackets in strings count too: the bound is generous
        reason = f"opens {openers:,} lists and objects; at most {MAX_CONTAINERS:,} are read"
        return Problem(1, 1, f"{reason} (is this the right file?)")
    if openers <= MAX_DEPTH:
        return None
    return _scan(text, _JSON_TOKENS)


def parse_json(text: str, file: str = "<text>") -> Any:
    """``json.loads(text)`` once ``json_problem`` finds nothing to refuse; ``Unreadable``
    (with the line and column) for a refused text or one that isn't JSON."""
    return _guarded(text, file, json_problem, _load_json)


def _load_json(text: str, file: str) -> Any:
    import json

    try:
        return json.loads(text)
    except json.JSONDecodeError as problem:
        reason = f"not valid JSON ({problem.msg})"
        raise Unreadable(file, reason, line=problem.lineno, column=problem.colno) from None
    except ValueError:  # a number of more than 4,300 digits
        raise Unreadable(file, "holds a number far too long to be one of ours") from None
