"""The hostile-input corpus for the files beside scripts: courses, settings and timer presets.

Each file in ``tests/corpus/hostile/<surface>/`` starts with what must be said about it, one
``# expect: FRAGMENT`` comment line each: every fragment is in what the app says (a course's
errors, or the notices of settings and timers), each said in one line, and nothing raises.
Shapes too big to commit (thousands of dotted parts, a FIFO, /dev/zero, 50 MiB) are generated
in ``tests/test_bounded.py``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from session_player.core.library.course import load_course
from session_player.home.settings import load_settings
from session_player.home.timers import load_timers

HOSTILE = Path(__file__).resolve().parent / "corpus" / "hostile"
_EXPECT = re.compile(rb"^#\s*expect:\s*(.+?)\s*$")


def _course(path: Path) -> list[str]:
    result = load_course(path, {"soothing-touch"})
    assert isinstance(result, list), "a hostile course was accepted"
    return [str(error) for error in result]


READERS: dict[str, Callable[[Path], list[str]]] = {
    "courses": _course,
    "settings": lambda path: load_settings(path)[1],
    "timers": lambda path: load_timers(path)[1],
}
CASES = sorted(HOSTILE.glob("*/*.toml"))


def expectations(path: Path) -> list[str]:
    """The fragments a file's leading comment lines expect."""
    found = []
    for line in path.read_bytes().splitlines():
        match = _EXPECT.match(line)
        if match is None:
            break
        found.append(match.group(1).decode("utf-8"))
    return found


def test_the_corpus_covers_each_surface() -> None:
    assert {path.parent.name for path in CASES} == set(READERS)


@pytest.mark.parametrize("path", CASES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_each_hostile_file_is_said_plainly(path: Path) -> None:
    expected = expectations(path)
    assert expected, f"{path.name} has no '# expect:' line"
    said = READERS[path.parent.name](path)
    assert said, "nothing was said about it"
    assert all("\n" not in line and "Traceback" not in line for line in said)
    missing = [fragment for fragment in expected if not any(fragment in s for s in said)]
    assert missing == [], f"not said: {missing}; said: {said}"
