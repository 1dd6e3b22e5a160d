"""``session-player status``: one line for a status bar (tmux, Waybar, Polybar), read from the
small file the running session writes. Starts cold in a few milliseconds: ``quick`` loads
nothing but ``desktop.status`` and the folder lookup, not even argparse; anything it doesn't
take as it is (help, a wrong format, a line to make safe) goes the usual way."""

from __future__ import annotations

import sys
import time

from ..desktop.status import FORMATS, read_status, render, status_file

TYPE_CHECKING = False  # as typing's, without loading typing
if TYPE_CHECKING:
    import argparse
    from typing import Any


def register(subparsers: Any) -> None:
    """Add ``status`` to the main parser."""
    status = subparsers.add_parser(
        "status",
        help="what is playing now, or today's minutes: one line for a status bar",
        description="During a session: its title, the time left (or sat) and whether it is "
        "paused. Between sessions: today's minutes, and the days in a row when streaks are on.",
    )
    status.add_argument("--format", choices=FORMATS, default="plain", help="default: plain")
    status.set_defaults(func=run_status)


def run_status(args: argparse.Namespace) -> int:
    """Print the status in the chosen format; always 0 (no session is not an error)."""
    print(render(read_status(status_file(), time.time()), args.format))
    return 0


def _format(arguments: list[str]) -> str | None:
    """The format asked for in ``status``'s own arguments, or None for anything else."""
    if not arguments:
        return "plain"
    if len(arguments) == 2 and arguments[0] == "--format":
        form = arguments[1]
    elif len(arguments) == 1 and arguments[0].startswith("--format="):
        form = arguments[0].partition("=")[2]
    else:
        return None
    return form if form in FORMATS else None


def quick(arguments: list[str]) -> int | None:
    """``status`` with ``arguments`` (those after the word), as the full command line would
    run it; None where it would differ (help, a wrong format or home, a line holding control
    characters or characters the terminal can't show), for the full command line to take."""
    form = _format(arguments)
    out = sys.stdout
    if form is None or out is None:
        return None
    from ..home.where import HomeError, check_home

    try:
        check_home()
        path = status_file()
    except HomeError:
        return None
    line = render(read_status(path, time.time()), form)
    try:
        line.encode(out.encoding or "utf-8")
    except (UnicodeEncodeError, LookupError):
        return None
    if not line.isprintable():
        return None
    try:
        out.write(line + "\n")
        out.flush()
    except OSError as error:
        return _refused(error)
    return 0


def _refused(error: OSError) -> int:
    """Standard output refused the line: as ``cli.main`` says it."""
    import contextlib

    from .terminal import STDOUT, OutputError, silence

    silence(1)
    if isinstance(error, BrokenPipeError):
        return 0
    with contextlib.suppress(OSError):
        print(f"session-player: error: {OutputError(STDOUT, error)}", file=sys.stderr)
    return 1
