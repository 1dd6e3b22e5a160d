"""The bad-input corpus: every malformed script is refused with the right key path and line.

Each file in ``tests/corpus/bad`` starts with its expectations, one comment line each:

    # expect: step[3].breathe.out: must be longer than zero     key path and a message fragment
    # expect: 14:1: step[3].breathe.out: must be longer         the same, with line and column
    # expect: 4:12: TOML syntax                                  no key path: the path is empty

The loader must report exactly one error per expectation (so a file shows one problem, or a
deliberate few). ``# schema: skip (reason)`` marks files whose problem a JSON Schema cannot see
(``tests/test_schema.py`` reads it). ``# xfail: loader bug: ...`` marks a known loader bug: the
expectations say what the loader should do, and the test is a strict xfail until it does.
Problems too big to commit (over 1 MiB, over 2,000 steps) or that need a special folder (symbolic
links) are generated here instead. Each file is read under a memory and a
processor-time limit (``guards.capped``).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from guards import capped

from session_player.core.errors import ScriptError
from session_player.core.script.loader import load_bytes, load_script, load_text
from session_player.core.script.model import Script

ROOT = Path(__file__).resolve().parent.parent
BAD = Path(__file__).resolve().parent / "corpus" / "bad"
BAD_FILES = sorted(BAD.glob("*.toml"))
GOOD_FILES = sorted((ROOT / "scripts").glob("*.toml"))

_EXPECT = re.compile(
    r"^#\s*expect:\s*"
    r"(?:(?P<line>\d+):(?:(?P<column>\d+):)?\s+)?"
    r"(?:(?P<path>[A-Za-z_][\w-]*(?:\[\d+\])?(?:\.[\w-]+(?:\[\d+\])?)*):\s+)?"
    r"(?P<fragment>\S.*?)\s*$"
)
# What `session-player check` prints for each error.
_SHOWN = re.compile(r"^(?P<file>.+?):(?P<line>\d+):(?P<column>\d+): (?P<rest>.+)$")
HEADER = 'title = "A test"\npractice = "breathing"\n'


@dataclass(frozen=True)
class Expect:
    """One expected error: its key path (empty for a whole-file problem) and message fragment."""

    path: str
    fragment: str
    line: int | None = None
    column: int | None = None

    def matches(self, error: ScriptError) -> bool:
        return (
            error.path == self.path
            and self.fragment in error.message
            and self.line in (None, error.line)
            and self.column in (None, error.column)
        )

    def __str__(self) -> str:
        at = f"{self.line}:{self.column or '*'}: " if self.line else ""
        return f"{at}{self.path or '<file>'}: {self.fragment}"


def header_lines(path: Path) -> list[str]:
    """The leading comment lines of a corpus file (after an optional BOM)."""
    data = path.read_bytes().removeprefix(b"\xef\xbb\xbf")
    lines = []
    for raw in data.split(b"\n"):
        line = raw.decode("latin-1").rstrip("\r")
        if not line.startswith("#"):
            break
        lines.append(line)
    return lines


def expectations(path: Path) -> list[Expect]:
    """The ``# expect:`` lines of a corpus file."""
    found = []
    for line in header_lines(path):
        match = _EXPECT.match(line)
        if match:
            found.append(
                Expect(
                    match["path"] or "",
                    match["fragment"],
                    int(match["line"]) if match["line"] else None,
                    int(match["column"]) if match["column"] else None,
                )
            )
    return found


def schema_skip(path: Path) -> str | None:
    """The reason after ``# schema: skip``, or None when the schema should refuse the file."""
    for line in header_lines(path):
        match = re.match(r"^#\s*schema:\s*skip\b\s*(.*)$", line)
        if match:
            return match[1].strip(" ()") or "no reason given"
    return None


def xfail_reason(path: Path) -> str | None:
    """The text after ``# xfail:`` (a known loader bug), or None."""
    for line in header_lines(path):
        match = re.match(r"^#\s*xfail:\s*(.+)$", line)
        if match:
            return match[1].strip()
    return None


def corpus_params(paths: list[Path]) -> list[object]:
    """The corpus files as test parameters, known loader bugs marked as strict xfails."""
    params: list[object] = []
    for path in paths:
        reason = xfail_reason(path)
        marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
        params.append(pytest.param(path, id=path.stem, marks=marks))
    return params


def assert_refused(result: Script | list[ScriptError], expected: list[Expect]) -> None:
    """The loader refused with exactly the expected errors, each located and in order."""
    assert isinstance(result, list), "the loader accepted a script it should refuse"
    assert result, "the loader returned an empty list of errors"
    shown = "\n".join(str(e) for e in result)
    for expect in expected:
        assert any(expect.matches(e) for e in result), f"missing {expect} in:\n{shown}"
    assert len(result) == len(expected), f"expected {len(expected)} errors, got:\n{shown}"
    for error in result:
        assert error.line >= 1 and error.column >= 1
    assert result == sorted(result, key=lambda e: (e.line, e.column)), "errors out of order"


def run_check(*files: Path | str, home: Path) -> subprocess.CompletedProcess[str]:
    """``session-player check FILE...`` in a fresh interpreter."""
    env = {
        **os.environ,
        "SESSION_PLAYER_HOME": str(home),
        "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]),
    }
    return subprocess.run(
        [sys.executable, "-m", "session_player", "check", *map(str, files)],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )


@pytest.fixture(autouse=True)
def _home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "home"
    monkeypatch.setenv("SESSION_PLAYER_HOME", str(home))
    return home


# -- the corpus -------------------------------------------------------------------------------


def test_corpus_is_large_and_annotated() -> None:
    assert len(BAD_FILES) >= 45
    for path in BAD_FILES:
        assert expectations(path), f"{path.name} has no # expect: line"


@pytest.mark.parametrize("path", corpus_params(BAD_FILES))
def test_bad_script_is_refused_with_its_key_path(path: Path) -> None:
    with capped():  # a gigabyte more at most: a regression fails, never swaps
        result = load_script(path)
    assert_refused(result, expectations(path))


@pytest.mark.parametrize("path", GOOD_FILES, ids=lambda p: p.stem)
def test_bundled_script_is_valid(path: Path) -> None:
    result = load_script(path)
    assert isinstance(result, Script), "\n".join(str(e) for e in result)


def test_there_are_bundled_scripts() -> None:
    assert len(GOOD_FILES) >= 16


# -- generated problems: too big to commit ------------------------------------------------------


def test_oversized_file_is_refused_before_parsing(tmp_path: Path) -> None:
    big = tmp_path / "big.toml"
    body = HEADER + '\n[[step]]\nsay = "Hello."\n'
    big.write_text(body + "# padding\n" * ((1 << 20) // 10 + 1))
    assert big.stat().st_size > 1 << 20
    [error] = load_script(big)  # type: ignore[misc]
    assert (error.line, error.column, error.path) == (1, 1, "")
    assert "at most 1 MiB" in error.message
    [error] = load_bytes(big.read_bytes())  # type: ignore[misc]
    assert "at most 1 MiB" in error.message


def test_file_of_exactly_one_mib_is_read(tmp_path: Path) -> None:
    body = (HEADER + '\n[[step]]\nsay = "Hello."\n').encode()
    data = body + b"#" * ((1 << 20) - len(body))
    assert len(data) == 1 << 20
    assert isinstance(load_bytes(data), Script)


def test_more_than_2000_steps(tmp_path: Path) -> None:
    steps = '\n[[step]]\nsay = "Hello."\n' * 2001
    expect = [Expect("step", "has 2001 steps; the limit is 2000", 4, 1)]  # at the first [[step]]
    assert_refused(load_text(HEADER + steps), expect)


def test_exactly_2000_steps_are_fine() -> None:
    steps = '\n[[step]]\nsay = "Hello."\npause = "1s"\n' * 2000
    assert isinstance(load_text(HEADER + steps), Script)


def test_planned_length_just_under_24_hours_is_fine() -> None:
    steps = '\n[[step]]\nsilence = "2h"\n' * 12
    assert isinstance(load_text(HEADER + steps), Script)


def test_bom_is_accepted() -> None:
    data = b"\xef\xbb\xbf" + (HEADER + '\n[[step]]\nsay = "Hello."\n').encode()
    assert isinstance(load_bytes(data), Script)


def test_missing_file_and_folder(tmp_path: Path) -> None:
    [error] = load_script(tmp_path / "nothing.toml")  # type: ignore[misc]
    assert "no such file" in error.message
    [error] = load_script(tmp_path)  # type: ignore[misc]
    assert "folder" in error.message


def test_escape_sequences_and_markup_are_text() -> None:
    text = HEADER + '\n[[step]]\nsay = "[bold red]Hi[/] \\u001b[31m there"\n'
    script = load_text(text)
    assert isinstance(script, Script)
    assert script.steps[0].text == "[bold red]Hi[/] \x1b[31m there"


# -- the command ---------------------------------------------------------------------------------

CLI_SAMPLES = [
    "syntax-unclosed-string",
    "not-utf8-latin1",
    "bom-then-unknown-key",
    "breathe-out-zero",
    "many-problems",
    "sound-parent-folder",
]


@pytest.mark.parametrize("name", CLI_SAMPLES)
def test_check_command_prints_located_errors(name: str, _home: Path) -> None:
    path = BAD / f"{name}.toml"
    done = run_check(path, home=_home)
    assert done.returncode == 1
    assert "Traceback" not in done.stdout + done.stderr
    lines = done.stderr.splitlines()
    expected = expectations(path)
    assert len(lines) == len(expected), done.stderr
    for line in lines:
        shown = _SHOWN.match(line)
        assert shown, f"not file:line:col: ...: {line!r}"
        assert shown["file"] == str(path)
    for expect in expected:
        prefix = f"{expect.path}: " if expect.path else ""
        assert any(
            _SHOWN.match(line)["rest"].startswith(prefix)  # type: ignore[index]
            and expect.fragment in line
            and (expect.line is None or f":{expect.line}:" in line)
            for line in lines
        ), f"{expect} not in:\n{done.stderr}"


def test_check_command_reports_every_file(_home: Path) -> None:
    files = [BAD / "top-format-2.toml", ROOT / "scripts" / "box-breathing.toml"]
    done = run_check(*files, home=_home)
    assert done.returncode == 1
    assert "Traceback" not in done.stdout + done.stderr
    assert f"{files[0]}:4:1: format: only format 1 exists" in done.stderr
    assert f"{files[1]}: ok" in done.stdout


def test_check_command_on_an_oversized_file(tmp_path: Path, _home: Path) -> None:
    big = tmp_path / "big.toml"
    big.write_bytes(b"#" * ((1 << 20) + 1))
    done = run_check(big, home=_home)
    assert done.returncode == 1
    assert done.stderr.startswith(f"{big}:1:1: the file is ")
    assert "Traceback" not in done.stdout + done.stderr


def test_check_command_passes_bundled_scripts(_home: Path) -> None:
    done = run_check(*GOOD_FILES, home=_home)
    assert done.returncode == 0, done.stderr
    assert done.stdout.count(": ok\n") == len(GOOD_FILES)


def test_symlink_out_of_the_folder_is_refused(tmp_path: Path) -> None:
    outside = tmp_path / "outside.wav"
    outside.write_bytes(b"RIFF")
    folder = tmp_path / "scripts"
    folder.mkdir()
    (folder / "inside.wav").symlink_to(outside)
    script = folder / "s.toml"
    script.write_text(HEADER + '\n[[step]]\nchime = "inside.wav"\n')
    expect = [Expect("step[1].chime", "leaves the script's folder", 5, 1)]
    assert_refused(load_script(script), expect)


# -- inputs that once made the loader raise or hang ---------------------------------------------


def _chime_script(tmp_path: Path, sound: str) -> Path:
    script = tmp_path / "s.toml"
    script.write_text(HEADER + f'\n[[step]]\nchime = "{sound}"\n')
    return script


def test_nul_escape_in_sound_path(tmp_path: Path) -> None:
    result = load_script(_chime_script(tmp_path, "bell\\u0000.wav"))
    assert isinstance(result, list)
    assert [e.path for e in result] == ["step[1].chime"]


def test_overlong_sound_name(tmp_path: Path) -> None:
    result = load_script(_chime_script(tmp_path, "a" * 300 + ".wav"))
    assert isinstance(result, list)
    assert [e.path for e in result] == ["step[1].chime"]


def test_symlink_loop_as_sound(tmp_path: Path) -> None:
    (tmp_path / "loop.wav").symlink_to("loop.wav")
    result = load_script(_chime_script(tmp_path, "loop.wav"))
    assert isinstance(result, list)
    assert [e.path for e in result] == ["step[1].chime"]


def test_deeply_nested_arrays() -> None:
    # 1,000 bytes of brackets: far below the 1 MiB limit.
    result = load_text(HEADER + "x = " + "[" * 500 + "]" * 500 + "\n")
    assert isinstance(result, list) and result
    assert all(isinstance(e, ScriptError) for e in result)


def test_check_command_on_deeply_nested_arrays(tmp_path: Path, _home: Path) -> None:
    deep = tmp_path / "deep.toml"
    deep.write_text(HEADER + "x = " + "{a = " * 600 + "1" + "}" * 600 + "\n")
    done = run_check(deep, home=_home)
    assert "Traceback" not in done.stdout + done.stderr
    assert done.returncode == 1


def test_tiny_bell_interval_is_refused_plainly(tmp_path: Path, _home: Path) -> None:
    # A bell every 1e-300 s once planned bells without end. What matters is that the check
    # refuses it in words, within a gigabyte; the timeout only guards against a hang (a busy
    # machine must not fail it), never measures speed.
    script = tmp_path / "tiny.toml"
    script.write_text(HEADER + '\n[[step]]\nsilence = "5m"\nbell_every = 1e-300\n')
    code = (
        "import resource, sys\n"
        "resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))\n"
        "from session_player.cli.main import main\n"
        f"sys.exit(main(['check', {str(script)!r}]))\n"
    )
    env = {**os.environ, "SESSION_PLAYER_HOME": str(_home), "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=300
    )
    assert done.returncode == 1, done.stderr[-300:]
    assert done.stderr.splitlines() == [
        f"{script}:6:1: step[1].bell_every: must be at least 1 second"
    ]


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_endless_file_is_refused_without_reading_it_all(_home: Path) -> None:
    code = (
        "import resource\n"
        "resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))\n"
        "from session_player.core.script.loader import load_script\n"
        "print(load_script('/dev/zero')[0].message)\n"
    )
    env = {**os.environ, "SESSION_PLAYER_HOME": str(_home), "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=20
    )
    assert done.returncode == 0, done.stderr[-300:]
    assert "it is a character device, not a regular file" in done.stdout  # never opened
