"""``session-player sos``: a short practice for a hard moment, at once.

It plays ``a-hard-moment`` (a script of that name of the person's own wins over the bundled one)
with no countdown and nothing asked before it, in the TUI or with ``--plain``. After the TUI, the
crisis sentence and the person's own support line stay printed in the terminal (plain mode has
shown the practice's own closing sentence: only the person's line is added). If the practice
can't be played, the sentence is printed at once beside the reason.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from ..core.care import CRISIS_SENTENCE, HARD_MOMENT, own_line_words, support_words
from ..core.clock import ScaledClock, monotonic
from ..core.library.scripts import find_named
from ..core.script.loader import load_script
from ..home.paths import library_folders
from .play import _play_plain, _settings, _speed, run_tui


def register(subparsers: Any) -> None:
    """Add ``sos`` to the main parser."""
    sos = subparsers.add_parser(
        "sos",
        help="a short practice for a hard moment, at once",
        description="A minute or so for a hard moment, starting at once with nothing asked "
        f"first. {CRISIS_SENTENCE}",
    )
    sos.add_argument("--plain", action="store_true", help="no TUI: print lines as they come")
    sos.add_argument("--speed", type=_speed, default=1.0, help=argparse.SUPPRESS)  # tests
    sos.add_argument("--no-voice", action="store_true", help="show guidance without speaking")
    sos.add_argument("--no-sound", action="store_true", help="no chimes or voice")
    sos.set_defaults(func=run_sos)


def run_sos(args: argparse.Namespace) -> int:
    """``sos``: 0 after the practice; 1, with where support is, when it can't be played."""
    settings = _settings()
    support = support_words(settings.crisis_line)
    found = find_named(HARD_MOMENT, library_folders())
    script = None if found is None else load_script(found[0])
    if found is None or script is None or isinstance(script, list):
        why = "is not there" if found is None else "can't be read"
        print(f"session-player sos: the hard-moment practice {why} just now.", file=sys.stderr)
        print(support)
        return 1
    clock = monotonic if args.speed == 1.0 else ScaledClock(args.speed)
    if args.plain:  # the practice itself closes with the sentence, just printed above
        status = _play_plain(script, args, settings, clock, at_once=True)
        support = own_line_words(settings.crisis_line)
    else:  # the TUI's screen is gone: the sentence stays in the terminal
        status = run_tui(args, settings, clock, script_path=found[0], at_once=True)
    if support:
        print(support)
    return status
