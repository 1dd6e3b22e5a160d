"""A name ``play`` doesn't know is answered with the closest one the library has."""

from __future__ import annotations

import pytest

from session_player.cli.main import main


def test_play_suggests_the_script_meant(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["play", "box-breathin", "--plain"]) == 1
    err = capsys.readouterr().err
    assert "no script named 'box-breathin'; did you mean `box-breathing`?" in err
    assert "Traceback" not in err
    assert main(["play", "zzzzzzzz", "--plain"]) == 1
    assert "did you mean" not in capsys.readouterr().err  # nothing close: no guess
