"""``session-player remind``: reminders kept by the operating system's own scheduler."""

from __future__ import annotations

import argparse
from typing import Any


def register(subparsers: Any) -> None:
    """Add ``remind`` to the main parser."""
    remind = subparsers.add_parser("remind", help="a gentle daily reminder to practise")
    remind.add_argument("time", nargs="?", help="HH:MM")
    remind.set_defaults(func=run_remind)


def run_remind(args: argparse.Namespace) -> int:
    """Not yet."""
    return 0
