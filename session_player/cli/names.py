"""The names the command line takes, and "did you mean" for one it doesn't know: the choices
argparse checks (a command, an export format, a practice) and the names looked up by hand (a
script, a course, a timer preset, a kept answer). One helper, ``core.script.keys.did_you_mean``,
says it everywhere."""

from __future__ import annotations

import argparse
from collections.abc import Iterable
from typing import Any

from ..core.script.keys import did_you_mean


class Parser(argparse.ArgumentParser):
    """argparse's parser, whose "invalid choice" names the closest choice (its subcommands'
    parsers are made of this class too)."""

    def _check_value(self, action: argparse.Action, value: Any) -> None:
        choices = action.choices
        if choices is None or value in choices:
            return
        names = [str(choice) for choice in choices]
        hint = did_you_mean(str(value), names)
        listed = ", ".join(names)
        raise argparse.ArgumentError(
            action, f"invalid choice: {value!r}{hint} (choose from {listed})"
        )


def no_such(what: str, name: str, names: Iterable[str]) -> str:
    """ "no script named 'box-breathin'; did you mean `box-breathing`?" """
    return f"no {what} named {name!r}{did_you_mean(name, sorted(names))}"
