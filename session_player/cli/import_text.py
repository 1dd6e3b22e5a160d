"""``import-text FILE.txt``: a guided meditation written as plain text, made into a script.

The script is shown before it is written, checked as ``check`` would, and written whole into the
person's scripts folder only when they say so (or give ``--yes``). Every line the import could
not map is reported with its line number, and kept as a comment at the top of the script.
"""

from __future__ import annotations

import argparse
import errno
import re
import sys
from pathlib import Path
from typing import Any

from ..core.bundled import SCHEMA_COMMENT, bundled_sounds
from ..core.files import read_regular
from ..core.script.from_text import import_text
from ..core.script.loader import MAX_BYTES, load_text
from ..home import paths
from .scripts import usable_name, write_script

COMMAND = "import-text"


def register(subparsers: Any) -> None:
    """Add ``import-text`` to the main parser."""
    command = subparsers.add_parser(
        COMMAND,
        help="make a script from a guided meditation written as plain text",
        description="Paragraphs become spoken lines; [pause 10s], [10s], [PAUSE:10] and "
        '<break time="10s"/> pauses; # Title the title, ## Section a section; [bell] a chime, '
        "[breathe box 2m] a breathing step, [ask: ...] and [write: ...] prompts. The script "
        "is shown first, and written into your scripts folder when you say so.",
    )
    command.add_argument("file", metavar="FILE.txt", help="the text to import")
    command.add_argument(
        "-o", "--output", metavar="NAME", help="the script's name (default: from the file's)"
    )
    command.add_argument("-y", "--yes", action="store_true", help="write it without asking")
    command.add_argument("--force", action="store_true", help="replace a script of that name")
    command.set_defaults(func=run)


def _name_from(path: Path) -> str:
    """A script name from a file name: "My Kind Pause.txt" gives my-kind-pause."""
    return re.sub(r"[^a-z0-9_-]+", "-", path.stem.lower()).strip("-_")[:64] or "imported"


def run(args: argparse.Namespace) -> int:
    """Import, show, check, and write when asked; 0 when written (or shown, not asked)."""
    source = Path(args.file)
    text = _read(source)
    if text is None:
        return 1
    name = args.output or _name_from(source)
    if not usable_name(name, COMMAND):
        return 2
    target = paths.user_scripts_dir() / f"{name}.toml"
    imported = import_text(text, chimes=tuple(bundled_sounds()))
    title = source.stem.replace("-", " ").replace("_", " ").strip().capitalize() or "Imported"
    script = imported.toml(title, SCHEMA_COMMENT)
    print(script)
    for line, why in imported.unmapped:
        print(f"{source}:{line}: {why}", file=sys.stderr)
    result = load_text(script, file=str(target), folder=target.parent, name=name)
    if isinstance(result, list):
        for error in result:
            print(error, file=sys.stderr)
        print(f"{COMMAND}: the script above does not pass check; nothing written", file=sys.stderr)
        return 1
    if imported.unmapped:
        count = len(imported.unmapped)
        print(
            f"{count} line{'s' if count != 1 else ''} not imported (above); "
            "each is noted at the top of the script",
            file=sys.stderr,
        )
    if target.exists() and not args.force:
        print(f"{COMMAND}: {target} exists; add --force to replace it", file=sys.stderr)
        return 1
    if not args.yes and not _agreed(target):
        print(f"Not written. To write it: session-player {COMMAND} {source} -o {name} --yes")
        return 0
    if not write_script(target, script, COMMAND):
        return 1
    print(f"Wrote {target}")
    print(f"Play it with: session-player play {name}")
    return 0


def _read(source: Path) -> str | None:
    """The text of ``source``, or None (said on stderr) when it can't be read as text."""
    try:
        data = read_regular(source, MAX_BYTES)
    except FileNotFoundError:
        print(f"{COMMAND}: {source}: no such file", file=sys.stderr)
        return None
    except OSError as problem:
        reason = (
            "larger than 1 MiB" if problem.errno == errno.EFBIG else problem.strerror or problem
        )
        print(f"{COMMAND}: {source}: cannot be read: {reason}", file=sys.stderr)
        return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as problem:
        line = data[: problem.start].count(b"\n") + 1
        print(f"{COMMAND}: {source}:{line}: is not UTF-8 text; save it as UTF-8", file=sys.stderr)
        return None


def _agreed(target: Path) -> bool:
    """Whether the person, at a terminal, says to write the script (never asked otherwise)."""
    if sys.stdin is None or not sys.stdin.isatty():
        return False
    try:
        answer = input(f"Write it to {target}? [y/N] ")
    except EOFError:
        return False
    return answer.strip().lower() in ("y", "yes")
