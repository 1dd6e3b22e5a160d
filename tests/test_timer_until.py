"""``timer --until 07:30`` and ``--bells 5m,15m,18m`` as a person types them: the time it ends
said as it starts, the bells heard at their moments, and what can't be a sit refused in a line."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

import pytest

from session_player.cli.main import main


def test_a_sit_until_a_time_says_when_it_ends_and_rings_its_chosen_bells(
    capsys: pytest.CaptureFixture[str],
) -> None:
    soon = (datetime.now() + timedelta(minutes=3)).strftime("%H:%M")  # 2 to 3 minutes away
    # Said to the second: "2m 41s", or "3m" when the sit starts in the first half second of a
    # minute (one run in 120: a busy CI machine once did).
    argv = ["timer", "--until", soon, "--bells", "1m,30s", "--plain", "--no-sound"]
    assert main([*argv, "--speed", "600"]) == 0
    out, err = capsys.readouterr()
    assert re.search(rf"Sitting until {soon}, (2m( [0-5]?[0-9]s)?|3m)\.", err), err
    assert out.count("(bell)") == 2


@pytest.mark.parametrize(
    ("argv", "error"),
    [
        (
            ["20m", "--bells", "5m,25m"],
            "the bell at 25m would be after the sit's end (20m), so it would not ring; "
            "choose a moment within it",
        ),
        (["20m", "--until", "07:30"], "give a length or --until, not both"),
    ],
)
def test_a_bell_beyond_the_end_or_two_ends_are_refused_in_a_line(
    capsys: pytest.CaptureFixture[str], argv: list[str], error: str
) -> None:
    assert main(["timer", *argv, "--plain", "--no-sound"]) == 2
    assert capsys.readouterr().err == f"session-player timer: error: {error}\n"


def test_a_time_that_is_not_one_says_how_to_write_it(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as refused:
        main(["timer", "--until", "25:00", "--plain"])
    assert refused.value.code == 2
    last = capsys.readouterr().err.splitlines()[-1]
    assert last.endswith(
        "argument --until: '25:00' is not a time of day; write it like 07:30 or 19:45"
    )
