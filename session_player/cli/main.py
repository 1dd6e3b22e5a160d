"""The ``session-player`` command: the TUI by default, and subcommands for scripts and the log."""

from __future__ import annotations

import sys

TYPE_CHECKING = False  # as typing's, without loading typing
if TYPE_CHECKING:
    import argparse
    from collections.abc import Sequence

# Only ``sys`` at the top: ``status`` runs cold in a status bar every few seconds, and its quick
# path (``cli.status.quick``) needs neither argparse nor the command line's streams.

# Which module registers each command. Only the module a command needs is imported, so a quick
# `check` doesn't pay for the log, the player or the TUI.
COMMANDS = {
    "check": "scripts",
    "list": "scripts",
    "new": "scripts",
    "play": "play",
    "render": "render",
    "timer": "timer",
    "log": "log",
    "stats": "log",
    "export": "log",
    "import": "log",
    "journal": "journal",
    "course": "course",
    "kept": "kept",
    "status": "status",
    "remind": "remind",
    "import-text": "import_text",
    "edit": "edit",
    "sos": "sos",
}
MODULES = (
    "scripts",
    "play",
    "sos",
    "render",
    "timer",
    "log",
    "journal",
    "course",
    "kept",
    "status",
    "remind",
    "import_text",
    "edit",
)


def build_parser(modules: Sequence[str] = MODULES) -> argparse.ArgumentParser:
    """The argument parser with the subcommands of ``modules`` registered."""
    import importlib

    from .. import __version__
    from .names import Parser

    parser = Parser(
        prog="session-player",
        description="Timed, guided self-compassion and mindfulness practice in the terminal.",
        epilog="With no command, the library opens. You can stop any session at any time.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    subparsers = parser.add_subparsers(title="commands", metavar="COMMAND")
    for name in modules:
        importlib.import_module(f"{__package__}.{name}").register(subparsers)
    return parser


def _modules_for(argv: Sequence[str]) -> Sequence[str]:
    first = next((a for a in argv if not a.startswith("-")), None)
    if any(a in ("-h", "--help") for a in argv[:1]):
        return MODULES
    if first is None and not argv:
        return ("play",)  # the library: the TUI needs no other command
    if first in COMMANDS:
        return (COMMANDS[first],)
    return MODULES


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    if arguments[:1] == ["status"]:
        from .status import quick

        done = quick(arguments[1:])
        if done is not None:
            return done
    import contextlib

    from ..home.where import HomeError
    from .terminal import OutputError, shown_streams, silence

    try:
        with shown_streams():
            return _run(arguments)
    except OutputError as error:
        # The log is not to blame: say which stream refused, and stop there.
        silence(error.fd)
        with contextlib.suppress(OSError, OutputError):
            print(f"session-player: error: {error}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        silence(1)
        return 0
    except HomeError as error:
        print(f"session-player: error: {error}", file=sys.stderr)
        return 2


def _run(arguments: list[str]) -> int:
    from ..home.pulse import keep_pulse_in
    from ..home.where import cache_dir, check_home

    args = build_parser(_modules_for(arguments)).parse_args(arguments)
    check_home()
    keep_pulse_in(cache_dir)  # before any thread: the sound libraries' probes stay in our cache
    func = getattr(args, "func", None)
    try:
        if func is None:
            from . import play as cli_play

            return cli_play.run_library(args)
        status: int = func(args)
        return status
    except KeyboardInterrupt:
        print("\nStopped.", file=sys.stderr)
        return 130


def entry() -> None:
    """Console-script entry point."""
    sys.exit(main())
