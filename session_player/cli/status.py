"""``session-player status``: one line for a status bar (tmux, Waybar, Polybar), read from the
small file the running session writes. Starts cold in a few milliseconds: it loads nothing but
``desktop.status`` and the folder lookup."""

from __future__ import annotations

import argparse
import time
from datetime import date
from typing import Any

from ..desktop.status import FORMATS, read_status, render, status_path


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
    print(render(read_status(status_path(), time.time(), date.today()), args.format))
    return 0
