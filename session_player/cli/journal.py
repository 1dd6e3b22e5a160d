"""``session-player journal``: every text written in a session, newest first.

``--search WORDS`` keeps the texts holding every word (a word matches from its start; a
phrase in double quotes as a phrase); ``--markdown`` writes a Markdown document instead, to
standard output or ``-o FILE`` (written whole or not at all). With no log yet, there is simply
nothing written.
"""

from __future__ import annotations

import argparse
from typing import Any

from ..core.log.journal import render_markdown, render_text
from .log_edge import OK, command, output, reading, whole


def _journal(args: argparse.Namespace) -> int:
    with reading() as store:
        entries = [] if store is None else store.journal(search=args.search)
    if args.markdown:
        with output(args.output) as target, whole(target) as out:
            out.write(render_markdown(entries))
        return OK
    if not entries:
        print("Nothing written matches those words." if args.search else "Nothing written yet.")
        return OK
    print(render_text(entries))
    return OK


def register(subparsers: Any) -> None:
    """Add ``journal`` to the main parser."""
    journal = subparsers.add_parser(
        "journal",
        help="everything you wrote in sessions, newest first (--search, --markdown)",
        description="Every text you wrote in letters, dialogues and answers, newest first.",
    )
    journal.add_argument("--search", metavar="WORDS", help="only texts holding all these words")
    journal.add_argument("--markdown", action="store_true", help="as a Markdown document")
    journal.add_argument("-o", "--output", metavar="FILE", help="with --markdown: write to FILE")
    journal.set_defaults(func=command("journal", _journal))
