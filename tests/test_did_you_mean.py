"""Did you mean: every name the command line takes, mistyped, is answered with the closest one
there is (scripts, courses, timer presets, kept answers, commands and every choice argparse
checks), in one line and never a traceback."""

from __future__ import annotations

import pytest

from session_player.cli.main import main
from session_player.core.library.timer import TimerChoice
from session_player.core.log.kept import KeptStore
from session_player.home.paths import kept_path
from session_player.home.timers import remember


def said(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    code = main(list(argv))
    err = capsys.readouterr().err
    assert code != 0 and "Traceback" not in err
    return err


def test_scripts_courses_presets_and_kept_answers(capsys: pytest.CaptureFixture[str]) -> None:
    close = "did you mean `box-breathing`?"
    assert close in said(capsys, "check", "box-breathin")
    assert close in said(capsys, "render", "box-breathin", "-o", "x.mp3")
    assert "did you mean `eight-weeks`?" in said(capsys, "course", "eight-week")
    remember(TimerChoice(length=1200.0), name="morning")
    assert "did you mean `morning`?" in said(capsys, "timer", "mornin", "--plain")
    KeptStore(kept_path()).keep("image_name", "Sol", script="compassionate-image", prompt="A name?")
    assert "did you mean `image_name`?" in said(capsys, "kept", "--delete", "image_nme")


def test_every_choice_argparse_checks(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["export", "--format", "jsn"])
    assert "invalid choice: 'jsn'; did you mean `json`?" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["plya"])
    assert "did you mean `play`?" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["log", "add", "20", "--practice", "breething"])
    assert "did you mean `breathing`?" in capsys.readouterr().err
