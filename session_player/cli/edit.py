"""``edit NAME``: the script editor on one of the person's scripts, over the library."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from ..core.library.scripts import find_named
from ..home.paths import library_folders


def register(subparsers: Any) -> None:
    """Add ``edit`` to the main parser."""
    edit = subparsers.add_parser("edit", help="edit one of your scripts in the app")
    edit.add_argument("name", help="the script's name, from `list`")
    edit.set_defaults(func=run_edit)


def run_edit(args: argparse.Namespace) -> int:
    """Open the editor; a bundled script is copied first with ``new NAME --from``."""
    found = find_named(args.name, library_folders())
    if found is None:
        print(
            f"session-player edit: no script {args.name!r}; `session-player list` shows them "
            f"all, and `session-player new {args.name}` starts one",
            file=sys.stderr,
        )
        return 1
    path, source = found
    if source != "yours":
        print(
            f"session-player edit: {args.name} comes with session-player; make your own copy "
            f"to edit: session-player new my-{args.name} --from {args.name}",
            file=sys.stderr,
        )
        return 1
    from .play import run_library

    return run_library(args, edit=path)
