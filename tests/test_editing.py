"""What the editor reads from the text under the cursor (``core/script/editing.py``), the copy of
a bundled script (``home/copies.py``), ``edit`` and ``new --from``, and a try from the editor
that reaches neither the log nor the kept answers."""

from __future__ import annotations

from pathlib import Path

import pytest

from session_player.cli.main import main
from session_player.conductor.dispatcher import Conductor
from session_player.core.library.scripts import load_script_file
from session_player.core.script.editing import completions, fix_for, step_at, step_lines
from session_player.core.script.loader import load_text
from session_player.home import paths
from session_player.home.settings import Settings

TEXT = """\
title = "x"
practice = "breathng"
pra

[[step]]
sya = "hi"
breathe = "bo
se

[[step]]
ask = "A name?"
into = "name"

[[step]]
say = "Hello {na
breathe = { in = 4, ou
"""


def test_the_step_under_the_cursor_counts_from_its_header() -> None:
    lines = step_lines(TEXT)
    assert lines == [4, 9, 13]
    assert [step_at(lines, row) for row in (0, 3, 4, 8, 9, 14)] == [0, 0, 1, 1, 2, 3]


def test_a_header_inside_a_multiline_string_is_not_a_step() -> None:
    text = 'title = "x"\nsummary = """\n[[step]]\n"""\n[[step]]\nsay = "a"\n'
    assert step_lines(text) == [4]


@pytest.mark.parametrize(
    ("row", "column", "typed", "choices"),
    [
        (2, 3, "pra", ("practice",)),  # a top key above the steps
        (7, 2, "se", ("section",)),  # a step's key
        (6, 13, "bo", ("box",)),  # a breathing preset
        (1, 18, "breath", ("breathing",)),  # a practice (the word so far, inside the quotes)
        (14, 16, "na", ("name",)),  # a variable asked earlier
        (15, 22, "ou", ("out",)),  # a breath's phase in a table
        (0, 11, "", ()),  # past a finished value: nothing
    ],
)
def test_completion_offers_what_the_format_knows_there(
    row: int, column: int, typed: str, choices: tuple[str, ...]
) -> None:
    text = TEXT.replace('"breathng"', '"breath') if row == 1 else TEXT  # inside an open value
    assert completions(text, row, column) == (typed, choices)


def test_a_variable_completes_to_the_answers_asked_above_and_the_kept_ones() -> None:
    text = (
        'title = "x"\n[[step]]\nsay = "{"\n[[step]]\nask = "A?"\ninto = "answer"\n'
        '[[step]]\nsay = "Hi {"\n\n[kept]  # from other sessions\nimage_name = "your image"\n'
    )
    assert completions(text, 2, 8) == ("", ("image_name",))  # nothing asked yet; kept: always
    assert completions(text, 7, 11) == ("", ("answer", "image_name"))


def test_completion_of_a_chime_offers_the_sounds_given() -> None:
    text = 'title = "x"\n[[step]]\nchime = "b'
    assert completions(text, 2, 10, sounds=("bell", "bowl", "wood")) == ("b", ("bell", "bowl"))


def test_a_did_you_mean_gives_the_edit_on_its_line() -> None:
    text = 'title = "x"\npractice = "breathng"\n[[step]]\nsya = "hi"\n'
    errors = load_text(text)
    assert isinstance(errors, list)
    lines = text.split("\n")
    fixes = {e.path: fix_for(e, lines[e.line - 1]) for e in errors}
    assert fixes == {
        "practice": (12, 20, "breathing"),
        "step[1]": None,  # "has no action": nothing to apply
        "step[1].sya": (0, 3, "say"),
    }


def test_a_copy_of_a_bundled_script_is_whole_and_takes_a_free_name() -> None:
    assert main(["new", "my-box", "--from", "box-breathing"]) == 0
    copy = paths.user_scripts_dir() / "my-box.toml"
    bundled = Path(__file__).parent.parent / "scripts" / "box-breathing.toml"
    assert copy.read_text("utf-8") == bundled.read_text("utf-8")
    assert load_script_file(copy, "yours").ok
    assert (paths.user_scripts_dir() / "script.schema.json").is_file()


def test_new_from_a_script_that_is_not_there_says_so(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", "mine", "--from", "no-such-thing"]) == 1
    assert "no script 'no-such-thing'" in capsys.readouterr().out
    assert not (paths.user_scripts_dir() / "mine.toml").exists()


def test_edit_offers_a_copy_of_a_bundled_script_and_names_what_is_missing(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["edit", "box-breathing"]) == 1
    assert "new my-box-breathing --from box-breathing" in capsys.readouterr().err
    assert main(["edit", "nothing-here"]) == 1
    assert "no script 'nothing-here'" in capsys.readouterr().err


def test_a_try_from_the_editor_logs_and_keeps_nothing() -> None:
    settings = Settings(sound=False, keep_text=True)
    tried = Conductor.create(settings, log=False)
    practised = Conductor.create(settings)
    assert tried.recorder is None and practised.recorder is not None
    assert not tried.keeper.keep and practised.keeper.keep


def test_a_length_on_its_own_is_named_and_its_fix_is_a_silence() -> None:
    # Seen: `pause = "3 minutes"` alone was told only that its step "has no action".
    text = 'title = "x"\npractice = "custom"\n[[step]]\npause = "3m"\n'
    errors = load_text(text)
    assert isinstance(errors, list)
    (named,) = [e for e in errors if e.path == "step[1].pause"]
    assert "`say` or `phrases`" in named.message
    assert fix_for(named, text.split("\n")[named.line - 1]) == (0, 5, "silence")
