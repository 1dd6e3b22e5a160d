"""The one bounded reader: every TOML and JSON file the app reads goes through it.

The hostile shapes that were seen (issue 27) are tried on each surface that reads a file a
person or another program may write: courses, settings, timer presets, a Piper voice's
``.onnx.json``, an export to import and a kept session file. Each is refused with one line
naming the file (and the place in it) and no exception, and a FIFO never blocks. A last test
reads the package's source: nothing else calls ``tomllib``, ``json.load`` or ``open`` on a file
the person could have put there.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from guards import never_blocks, run_limited

from session_player.audio.voices.piper import find as piper_voices
from session_player.core import bounded
from session_player.core.library.course import load_course
from session_player.core.log import unsaved
from session_player.core.log.errors import LogImportError
from session_player.core.log.exchange.importer import read_export
from session_player.home.settings import load_settings
from session_player.home.timers import load_timers

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "session_player"

# -- each surface: where its file goes, and the one line it says about a bad one ---------------


def _course(folder: Path) -> tuple[Path, Callable[[], str]]:
    path = folder / "course.toml"

    def read() -> str:
        errors = load_course(path, {"soothing-touch"})
        assert isinstance(errors, list) and len(errors) == 1
        return str(errors[0])

    return path, read


def _settings(folder: Path) -> tuple[Path, Callable[[], str]]:
    path = folder / "settings.toml"

    def read() -> str:
        _settings, notices = load_settings(path)
        assert len(notices) == 1
        return notices[0]

    return path, read


def _timers(folder: Path) -> tuple[Path, Callable[[], str]]:
    path = folder / "timers.toml"

    def read() -> str:
        timers, notices = load_timers(path)
        assert timers.presets == {} and len(notices) == 1
        return notices[0]

    return path, read


def _voice(folder: Path) -> tuple[Path, Callable[[], str]]:
    (folder / "en_GB-test-low.onnx").write_bytes(b"model")
    path = folder / "en_GB-test-low.onnx.json"

    def read() -> str:
        found, unusable = piper_voices(folder)
        assert found == [] and len(unusable) == 1
        return unusable[0]

    return path, read


def _failure(call: Callable[[], object]) -> str:
    with pytest.raises(LogImportError) as caught:
        call()
    return str(caught.value)


def _export(folder: Path) -> tuple[Path, Callable[[], str]]:
    path = folder / "export.json"
    return path, lambda: _failure(lambda: read_export(path))


def _kept(folder: Path) -> tuple[Path, Callable[[], str]]:
    path = folder / "unsaved-1.json"
    return path, lambda: _failure(lambda: unsaved.read(path))


TOML = {"course": _course, "settings": _settings, "timers": _timers}
JSON = {"voice": _voice, "export": _export, "kept session": _kept}
SURFACES = {**TOML, **JSON}

# The shapes that were seen to hang, take gigabytes or end in a traceback, each under the
# smallest cap (settings' 64 KiB), so that the guard and not the size refuses them.
DOTTED = "title" + ".a" * 29_999 + ' = "x"\n'  # 20,000 parts took 6.6 s and 2.4 GB before
NESTED_TOML = "title = " + "[" * 30_000 + "]" * 30_000 + "\n"  # RecursionError before
NESTED_JSON = "[" * 30_000 + "]" * 30_000


def _made(surface: str, tmp_path: Path) -> tuple[Path, Callable[[], str]]:
    folder = tmp_path / "folder"
    folder.mkdir()
    return SURFACES[surface](folder)


def _one_line(said: str, path: Path) -> str:
    assert "\n" not in said and "Traceback" not in said
    assert str(path) in said
    return said


@pytest.mark.parametrize("surface", sorted(TOML))
def test_a_key_of_thirty_thousand_dotted_parts(surface: str, tmp_path: Path) -> None:
    path, read = _made(surface, tmp_path)
    path.write_text(DOTTED, encoding="utf-8")
    said = _one_line(read(), path)
    assert f"{path}:1:1: this key has 30,000 dotted parts; a key may have at most 16" in said


@pytest.mark.parametrize("surface", sorted(SURFACES))
def test_values_nested_thirty_thousand_deep(surface: str, tmp_path: Path) -> None:
    path, read = _made(surface, tmp_path)
    text = NESTED_TOML if surface in TOML else NESTED_JSON
    path.write_text(text, encoding="utf-8")
    said = _one_line(read(), path)
    column = 73 if surface in TOML else 65  # the 65th bracket
    assert f"{path}:1:{column}: values are nested 65 deep here; at most 64" in said


@pytest.mark.parametrize("surface", sorted(SURFACES))
def test_a_fifo_is_refused_without_blocking(surface: str, tmp_path: Path) -> None:
    path, read = _made(surface, tmp_path)
    os.mkfifo(path)
    said = _one_line(never_blocks(read, path), path)
    assert "it is a named pipe (FIFO), not a regular file; put a regular file there" in said


@pytest.mark.parametrize("surface", sorted(SURFACES))
def test_a_link_to_dev_zero_is_never_read(surface: str, tmp_path: Path) -> None:
    path, read = _made(surface, tmp_path)
    path.symlink_to("/dev/zero")
    said = _one_line(read(), path)
    assert "it is a character device, not a regular file" in said


@pytest.mark.parametrize("surface", sorted(SURFACES))
def test_text_that_is_not_utf8(surface: str, tmp_path: Path) -> None:
    path, read = _made(surface, tmp_path)
    path.write_bytes(b'title = "caf\xe9"\n' if surface in TOML else b'{"a": "caf\xe9"}')
    said = _one_line(read(), path)
    assert "is not UTF-8 text (byte 0xe9); save it as UTF-8" in said


@pytest.mark.parametrize("surface", sorted(TOML))
def test_a_file_far_over_its_size(surface: str, tmp_path: Path) -> None:
    path, read = _made(surface, tmp_path)
    with path.open("wb") as stream:
        stream.truncate(50 << 20)  # 50 MiB of nothing, read no further than the cap
    said = _one_line(read(), path)
    assert "52,428,800 bytes or more; at most" in said and "is this the right file?" in said


def test_nesting_and_keys_inside_strings_and_comments_are_not_counted() -> None:
    text = (
        'a = "' + "[" * 200 + '"\n'
        "b = '" + "{" * 200 + "'\n"
        "# " + "[" * 200 + "." * 100 + "\n"
        'c = """' + "[" * 200 + '"""\n'
    )
    assert bounded.toml_problem(text) is None
    assert bounded.parse_toml(text)["a"] == "[" * 200
    assert bounded.json_problem('["' + "[" * 200 + '\\"' + "{" * 200 + '"]') is None


def test_sixty_four_levels_are_read_and_sixty_five_are_not() -> None:
    deep = bounded.parse_json("[" * 64 + "]" * 64)
    for _ in range(63):
        deep = deep[0]
    assert deep == []
    assert bounded.parse_toml("x = " + "[" * 64 + "]" * 64)["x"]
    with pytest.raises(bounded.Unreadable, match=r"^f:1:65: values are nested 65 deep"):
        bounded.parse_json("[" * 65 + "]" * 65, "f")


def test_the_course_command_on_hostile_courses_in_a_gigabyte(tmp_path: Path) -> None:
    courses = tmp_path / "home" / "data" / "courses"
    courses.mkdir(parents=True)
    # As seen: 40,000 parts took 29.6 s and 7.8 GB, then a MemoryError; 100,000 arrays in a
    # title, a RecursionError; a FIFO hung the command.
    dotted = "title" + ".a" * 39_999 + ' = "x"\n'
    (courses / "dotted.toml").write_text(dotted, encoding="utf-8")
    nested = "title = " + "[" * 100_000 + "]" * 100_000 + "\n"
    (courses / "nested.toml").write_text(nested, encoding="utf-8")
    os.mkfifo(courses / "piped.toml")
    done = run_limited(["course"], tmp_path / "home")
    assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr
    lines = done.stderr.splitlines()
    assert f"{courses / 'dotted.toml'}:1:1: this key has 40,000 dotted parts" in lines[0]
    assert f"{courses / 'nested.toml'}:1:73: values are nested 65 deep here" in lines[1]
    assert f"{courses / 'piped.toml'}:1:1: it is a named pipe (FIFO)" in lines[2]


def test_a_course_of_twenty_four_thousand_unknown_keys(tmp_path: Path) -> None:
    # Seen (in the file-shape bench): each problem was located by reading every line, and
    # 25,000 of them took minutes (24,000 fit under the cap). The first 50 are shown, with
    # their lines, and the rest counted.
    path = tmp_path / "keys.toml"
    keys = "".join(f"k{n} = 1\n" for n in range(24_000))
    path.write_text(keys + 'title = "T"\nsummary = "S"\n[[week]]\n', encoding="utf-8")
    errors = load_course(path, set())
    assert isinstance(errors, list) and len(errors) == 51
    assert str(errors[0]) == f"{path}:1:1: k0: unknown key"
    assert str(errors[49]).startswith(f"{path}:50:1: k49: unknown key")
    assert errors[50].more == 24_000 + 3 - 50  # the keys, and the week's three missing
    assert "more problems, not shown" in errors[50].message


# -- the rule, read from the package's source -------------------------------------------------

# A call that reads a file by its own means: what the bounded reader is for.
_READS = re.compile(
    r"\btomllib\.loads?\(|\bjson\.loads?\(|(?<![\w.])(?<!def )open\(|(?<!bounded)\.read_text\("
    r"|\.read_bytes\(|\bwave\.open\(str\(\w+\), \"rb\"\)"
)
# What may still read by its own means, and why: each entry is the call's line, stripped.
ALLOWED = {
    # Lines on a pipe from our own speech worker, never a file.
    "header = json.loads(header_line)": "the worker's first line from its parent, on a pipe",
    "job = json.loads(line)": "a job from the worker's parent, on a pipe",
    "self._answers.put(json.loads(line))": "an answer from our own worker, on a pipe",
    # Text the app made a moment before, in memory.
    "data = json.loads(out.getvalue())": "our own export, written to memory just now",
    # Sound files a speech engine is writing in our own cache; never a file a person names.
    'with open(path, "rb") as f:': "the first bytes of a synthesizer's file in our cache",
    "blob = Path(path).read_bytes()": "a synthesizer's finished AIFF in our cache",
    'with wave.open(str(path), "rb") as w:': "a WAV a speech engine just wrote to our cache",
    # The kernel's word on a process, and the terminal's bell: not files a person writes.
    'with open(f"/proc/{pid}/stat", encoding="utf-8", errors="replace") as file:': (
        "a process's state from /proc"
    ),
    'with open(tty, "w", encoding="utf-8") as terminal:': "writes the bell to the terminal",
    # The package's own schema, and the copy of it the app keeps (never a FIFO: is_file).
    "wanted = schema_path().read_bytes()": "the schema inside the package",
    "if target.is_file() and target.read_bytes() == wanted:": "the app's own schema copy",
}


def test_only_the_bounded_reader_reads_files() -> None:
    found: list[str] = []
    for source in sorted(PACKAGE.rglob("*.py")):
        if source.relative_to(PACKAGE).as_posix() in ("core/bounded.py", "core/files.py"):
            continue
        for number, line in enumerate(source.read_text(encoding="utf-8").splitlines(), 1):
            code = line.split("#", 1)[0]
            if _READS.search(code) and line.strip() not in ALLOWED:
                found.append(f"{source.relative_to(ROOT)}:{number}: {line.strip()}")
    assert found == [], "read through session_player.core.bounded instead:\n" + "\n".join(found)


def test_the_allow_list_names_only_lines_that_are_there() -> None:
    lines = {
        line.strip()
        for source in PACKAGE.rglob("*.py")
        for line in source.read_text(encoding="utf-8").splitlines()
    }
    assert sorted(set(ALLOWED) - lines) == []


def test_an_import_of_twenty_million_empty_objects_in_a_gigabyte(tmp_path: Path) -> None:
    # Seen: 60 MB of "{}," took 1.4 GB and ended in "went wrong unexpectedly (MemoryError)".
    many = tmp_path / "many.json"
    many.write_text("[" + "{}," * 20_000_000 + "{}]", encoding="utf-8")
    done = run_limited(["import", str(many)], tmp_path / "home")
    assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr[-500:]
    assert done.stderr == (
        f"session-player import: error: {many}:1:1: opens 20,000,002 lists and objects; "
        "at most 2,000,000 are read (is this the right file?)\n"
    )
