"""The ``session-player`` command: the TUI by default, and subcommands for scripts and the log."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from . import __version__, cli_log, cli_play, cli_scripts


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every subcommand registered."""
    parser = argparse.ArgumentParser(
        prog="session-player",
        description="Timed, guided self-compassion and mindfulness practice in the terminal.",
        epilog="With no command, the library opens. You can stop any session at any time.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    subparsers = parser.add_subparsers(title="commands", metavar="COMMAND")
    cli_scripts.register(subparsers)
    cli_play.register(subparsers)
    cli_log.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    func = getattr(args, "func", None)
    try:
        if func is None:
            return cli_play.run_library(args)
        status: int = func(args)
        return status
    except KeyboardInterrupt:
        print("\nStopped.", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


def entry() -> None:
    """Console-script entry point."""
    sys.exit(main())
