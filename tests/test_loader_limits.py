"""Files whose shape would make reading them slow are refused or summed up, with a clear word."""

from __future__ import annotations

from pathlib import Path

import pytest

from session_player.cli.main import main
from session_player.core.errors import ScriptError, problem_count
from session_player.core.script.loader import MAX_ERRORS, MAX_LOCATED, load_text
from session_player.core.script.model import Script
from session_player.home.paths import ensure, user_scripts_dir

HEADER = 'title = "A test"\npractice = "breathing"\n'
STEP = '\n[[step]]\nbreathe = "soothing"\nfor = "2m"\n'


def refused(text: str) -> ScriptError:
    result = load_text(text, file="deep.toml")
    assert isinstance(result, list) and len(result) == 1, result
    return result[0]


def test_a_long_dotted_key_is_refused_before_it_is_read() -> None:
    error = refused(HEADER + STEP + "\n" + "a" + ".a" * 3000 + " = 1\n")
    assert (error.line, error.column) == (8, 1)
    assert str(error) == "deep.toml:8:1: this key has 3,001 dotted parts; a key may have at most 16"


def test_a_dotted_table_header_is_refused_too() -> None:
    error = refused(HEADER + STEP + "\n[" + ".".join(['"x"'] * 40) + "]\ny = 1\n")
    assert (error.line, error.column) == (8, 2) and "has 40 dotted parts" in error.message


def test_a_very_long_key_is_refused() -> None:
    error = refused(HEADER + "  " + "k" * 5000 + " = 1\n" + STEP)
    assert (error.line, error.column) == (3, 3)
    assert error.message == "this key is 5,000 characters long; a key may have at most 1,000"


def test_dots_in_text_comments_and_quoted_keys_are_not_keys() -> None:
    dots = "Breathe. " * 40
    text = (
        HEADER
        + f'summary = "{dots}"\n# {dots}\n'
        + f'[[step]]\nsay = """\n{dots}\n"""\n'
        + f"[[step]]\nsay = '{dots}'\n"
        + f"[[step]]\nsay = '''{dots}\n{dots}'''\n"
        + STEP
    )
    assert isinstance(load_text(text), Script)
    quoted = HEADER + STEP + '"' + "a." * 40 + '".b = 1\n'  # one quoted part with dots in it
    error = refused(quoted)
    assert "unknown" in error.message and "dotted parts" not in error.message


def unknown_keys(count: int) -> str:
    keys = "".join(f"unknown{n} = 1\n" for n in range(count))
    return HEADER + '\n[[step]]\nsay = "Hello."\n' + keys


def test_errors_past_the_cap_are_counted_not_listed() -> None:
    result = load_text(unknown_keys(MAX_ERRORS + 70), file="many.toml")
    assert isinstance(result, list)
    assert len(result) == MAX_ERRORS + 1
    assert [e.path for e in result[:3]] == [
        "step[1].unknown0",
        "step[1].unknown1",
        "step[1].unknown2",
    ]
    assert [e.line for e in result[:MAX_ERRORS]] == list(range(6, 6 + MAX_ERRORS))
    note = result[-1]
    assert str(note) == (
        f"many.toml:{6 + MAX_ERRORS}:1: and 70 more problems from here on, not shown; "
        "fix these and check again"
    )
    assert problem_count(result) == MAX_ERRORS + 70


def test_past_a_thousand_problems_those_shown_are_the_first_the_check_met() -> None:
    result = load_text(unknown_keys(MAX_LOCATED + 200), file="many.toml")
    assert isinstance(result, list) and len(result) == MAX_ERRORS + 1
    assert [e.path for e in result[:MAX_ERRORS]] == [f"step[1].unknown{n}" for n in range(50)]
    assert result[-1].message == (
        f"and {MAX_LOCATED + 150:,} more problems, not shown; fix these and check again"
    )
    assert problem_count(result) == MAX_LOCATED + 200


def test_a_file_at_the_cap_shows_every_error() -> None:
    result = load_text(unknown_keys(MAX_ERRORS))
    assert isinstance(result, list) and len(result) == MAX_ERRORS
    assert problem_count(result) == MAX_ERRORS and "more problems" not in result[-1].message


def test_check_and_list_say_how_many_problems_there_are(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    script = ensure(user_scripts_dir()) / "many.toml"
    script.write_text(unknown_keys(200), encoding="utf-8")
    assert main(["check", str(script)]) == 1
    shown = capsys.readouterr().err.splitlines()
    assert len(shown) == MAX_ERRORS + 1
    assert shown[-1].endswith(
        "and 150 more problems from here on, not shown; fix these and check again"
    )
    assert main(["list"]) == 0
    row = next(line for line in capsys.readouterr().out.splitlines() if line.startswith("many "))
    assert row.split()[1:] == ["-", "invalid", "(200", "errors)", "yours"]
