"""What the script editor knows of the text under the cursor: which step it is in, what a word
there could become, and the fix a "did you mean" offers. Pure functions of the text."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence

from ..errors import ScriptError
from .keys import BREATH_KEYS, TOP_KEYS
from .kinds import STEP_KEYS
from .locate import Locator
from .practices import PRACTICES
from .presets import BREATH_SOUNDS, BREATHING_PRESETS, TOUCH_PLACEMENTS

_SUGGESTED = re.compile(r"did you mean `([^`]+)`\?")
_QUOTED = re.compile(r"""unknown [a-z ]+?'([^']*)'""")
_WORD = re.compile(r"[A-Za-z0-9_-]*\Z")
_KEY_AT = re.compile(r"\s*([A-Za-z0-9_-]*)\s*=\s*\"?")
_INTO = re.compile(r'^\s*into\s*=\s*"([A-Za-z][A-Za-z0-9_]*)"', re.MULTILINE)
_KEPT = re.compile(r"^\[kept\]\s*(?:#.*)?$((?:\n(?!\s*\[).*)*)", re.MULTILINE)
_KEY = re.compile(r"^\s*([A-Za-z][A-Za-z0-9_]*)\s*=", re.MULTILINE)


def step_lines(text: str) -> list[int]:
    """The line (from 0) of each ``[[step]]`` header, in order."""
    return Locator(text).step_lines


def step_at(lines: Sequence[int], row: int) -> int:
    """The number (from 1) of the step the line ``row`` (from 0) is in; 0 before the first."""
    return bisect_right(lines, row)


def fix_for(error: ScriptError, line: str) -> tuple[int, int, str] | None:
    """The edit a "did you mean" offers on the error's line: (start column, end column, the
    word), columns from 0; None when the error suggests nothing or its word isn't there."""
    suggested = _SUGGESTED.search(error.message)
    if suggested is None:
        return None
    quoted = _QUOTED.search(error.message)
    wrong = quoted.group(1) if quoted else error.path.rsplit(".", 1)[-1].split("[")[0]
    if not wrong:
        return None
    start = line.find(wrong, max(0, error.column - 1))
    if start < 0:
        start = line.find(wrong)
    if start < 0:
        return None
    return start, start + len(wrong), suggested.group(1)


def variables(text: str, row: int) -> tuple[str, ...]:
    """The names ``{...}`` can read on line ``row`` (from 0): the answers asked for above it
    (``into``) and the kept answers the script names in its ``[kept]`` table."""
    earlier = "\n".join(text.split("\n")[:row])
    kept = [key for table in _KEPT.findall(text) for key in _KEY.findall(table)]
    return tuple(dict.fromkeys([*_INTO.findall(earlier), *kept]))


def _values_for(key: str, sounds: Iterable[str]) -> tuple[str, ...]:
    """The values a key can take that the format names."""
    if key == "practice":
        return PRACTICES
    if key == "breathe":
        return tuple(BREATHING_PRESETS)
    if key == "touch":
        return tuple(TOUCH_PLACEMENTS)
    if key in ("chime", "bell", "start_chime", "end_chime"):
        return (*sorted(sounds), *(("none",) if key.endswith("_chime") else ()))
    if key == "breath_sounds":
        return BREATH_SOUNDS
    return ()


def completions(
    text: str, row: int, column: int, sounds: Iterable[str] = ()
) -> tuple[str, tuple[str, ...]]:
    """What the word before the cursor could become: (the word so far, the choices), from the
    keys where a key goes (a step's in a step, the top's above them), and after ``key = "``
    the values that key takes (practices, presets, placements, chimes); in other text, the
    variables the script asks for earlier (after ``{``)."""
    lines = text.split("\n")
    line = lines[row] if row < len(lines) else ""
    column = min(column, len(line))
    before = line[:column]
    word = _WORD.search(before)
    typed = word.group() if word else ""
    start = column - len(typed)
    head = before[:start]
    if head.strip() == "":  # a key at the start of a line
        in_step = step_at(step_lines(text), row) > 0
        choices: tuple[str, ...] = STEP_KEYS if in_step else TOP_KEYS
        if "{" in line[:start] or re.search(r"breathe\s*=\s*\{", head):
            choices = BREATH_KEYS
    elif head.endswith("{"):
        choices = variables(text, row)
    elif head.rstrip().endswith("{") or head.rstrip().endswith(","):
        choices = BREATH_KEYS
    else:
        key = _KEY_AT.match(head)
        if key is None or key.end() != len(head):
            return typed, ()
        choices = _values_for(key.group(1), sounds)
    return typed, tuple(c for c in choices if c.startswith(typed) and c != typed)
