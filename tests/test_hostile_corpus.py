"""The hostile-input corpus for the files beside scripts: courses, settings and timer presets,
and for what comes from elsewhere: other timers' CSV exports and the journal's search.

Each file in ``tests/corpus/hostile/<surface>/`` starts with what must be said about it, one
``# expect: FRAGMENT`` comment line each: every fragment is in what the app says (a course's
errors, the notices of settings and timers, ``import``'s error), each said in one line, and
nothing raises. A CSV's comment lines are not part of the file imported; ``# from: APP`` among
them is ``--from APP``. ``journal/searches.txt`` holds searches as typed, one a line: each finds
what it finds, with no error (``tests/log/test_log_journal.py``).
Shapes too big to commit (thousands of dotted parts, a FIFO, /dev/zero, 50 MiB) are generated
in ``tests/test_bounded.py``. Each file is read with this process held to a gigabyte more than it
has and a minute more of processor time (``guards.capped``), so a regression to gigabyte-sized or
minutes-long parsing fails its case.
"""

from __future__ import annotations

import contextlib
import io
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from guards import CpuRunaway, capped

from session_player.cli.main import main
from session_player.core.library.course import load_course
from session_player.home.paths import log_place
from session_player.home.settings import load_settings
from session_player.home.timers import load_timers

HOSTILE = Path(__file__).resolve().parent / "corpus" / "hostile"
_EXPECT = re.compile(rb"^#\s*expect:\s*(.+?)\s*$")


def _course(path: Path) -> list[str]:
    result = load_course(path, {"soothing-touch"})
    assert isinstance(result, list), "a hostile course was accepted"
    return [str(error) for error in result]


_FROM = re.compile(rb"^#\s*from:\s*(\S+)")


def _import(path: Path) -> list[str]:
    """What ``session-player import`` says of the file below the comment lines."""
    lines = path.read_bytes().splitlines(keepends=True)
    head = [line for line in lines if line.startswith(b"#")]
    chosen = [m.group(1).decode() for line in head if (m := _FROM.match(line))]
    body = log_place().path.parent / path.name  # in the test's own home
    body.parent.mkdir(parents=True, exist_ok=True)
    body.write_bytes(b"".join(lines[len(head) :]))
    said = io.StringIO()
    with contextlib.redirect_stderr(said):
        code = main(["import", *(["--from", *chosen] if chosen else []), str(body)])
    assert code == 1, "a hostile import was taken"
    return [
        line.removeprefix(f"session-player import: error: {body}: ")
        for line in said.getvalue().splitlines()
    ]


READERS: dict[str, Callable[[Path], list[str]]] = {
    "courses": _course,
    "settings": lambda path: load_settings(path)[1],
    "timers": lambda path: load_timers(path)[1],
    "imports": _import,
}
CASES = sorted(p for p in HOSTILE.glob("*/*") if p.parent.name in READERS)
SEARCHES = HOSTILE / "journal" / "searches.txt"


def expectations(path: Path) -> list[str]:
    """The fragments a file's leading comment lines expect."""
    found = []
    for line in path.read_bytes().splitlines():
        if not line.startswith(b"#"):
            break
        if match := _EXPECT.match(line):
            found.append(match.group(1).decode("utf-8"))
    return found


def test_the_corpus_covers_each_surface() -> None:
    assert {path.parent.name for path in CASES} == set(READERS)
    assert SEARCHES.is_file()  # read by tests/log/test_log_journal.py, beside a written log


@pytest.mark.parametrize("path", CASES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_each_hostile_file_is_said_plainly(path: Path) -> None:
    expected = expectations(path)
    assert expected, f"{path.name} has no '# expect:' line"
    with capped():
        said = READERS[path.parent.name](path)
    assert said, "nothing was said about it"
    assert all("\n" not in line and "Traceback" not in line for line in said)
    missing = [fragment for fragment in expected if not any(fragment in s for s in said)]
    assert missing == [], f"not said: {missing}; said: {said}"


def test_the_memory_cap_refuses_a_gigabyte_and_is_lifted_after() -> None:
    import resource

    before = resource.getrlimit(resource.RLIMIT_AS)
    with pytest.raises(MemoryError), capped(0.25):
        bytearray(1 << 30)  # refused at once: no page of it is ever touched
    assert resource.getrlimit(resource.RLIMIT_AS) == before


def test_the_cpu_cap_stops_a_runaway_and_is_lifted_after() -> None:
    import resource

    before = resource.getrlimit(resource.RLIMIT_CPU)
    with pytest.raises(CpuRunaway), capped(cpu_seconds=1):
        while True:  # a parser that never ends, as a hostile file once made one
            pass
    assert resource.getrlimit(resource.RLIMIT_CPU) == before
