"""``session-player kept``: what you've told the app (the answers kept for later sessions), in
plain text, and forgetting one."""

from __future__ import annotations

import argparse
import sys
import textwrap

from ..core.script.keys import did_you_mean
from ..core.script.text import shown


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``kept``: what you've told the app, in plain text, and forgetting one."""
    kept = subparsers.add_parser(
        "kept",
        help="what you've told the app: answers kept for later sessions",
        description="The answers you chose to keep for later sessions (your compassionate "
        "image's name, your own phrases). They stay on this computer.",
    )
    kept.add_argument("--delete", metavar="NAME", help="forget the answer kept under NAME")
    kept.set_defaults(func=run_kept)


def run_kept(args: argparse.Namespace) -> int:
    """List the kept answers, or delete one; 1 when the file can't be used or NAME isn't kept."""
    from ..core.log.errors import LogUnavailable
    from ..core.log.kept import KeptStore
    from ..home.paths import kept_path

    store = KeptStore(kept_path())
    try:
        if args.delete is not None:
            if not store.delete(args.delete):
                names = [answer.name for answer in store.answers()]
                close = did_you_mean(args.delete, names)
                print(
                    f"session-player kept: nothing is kept as {args.delete!r}{close}",
                    file=sys.stderr,
                )
                return 1
            print(f"Forgotten: {args.delete}. Sessions that used it use their own words again.")
            return 0
        answers = store.answers()
    except LogUnavailable as problem:
        print(f"session-player kept: your kept answers can't be used ({problem})", file=sys.stderr)
        return 1
    if not answers:
        print("Nothing kept yet.")
        return 0
    for n, answer in enumerate(answers):
        if n:
            print()
        print(shown(f"{answer.name}  (kept by {answer.script}: {answer.prompt})"))
        print(textwrap.indent(shown(answer.text), "  "))
    return 0
