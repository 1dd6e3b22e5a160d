"""The commands that write to the log: ``log add`` (a session practised away from the
computer), ``log note`` (a session's note, added or changed afterwards) and ``import`` (our
JSON export, or another timer's CSV).

    session-player log add 20m --practice silent --at "2026-11-30 07:00" --note "On the porch"
    session-player log note "Restless, then calm"                 # the latest session
    session-player log note --at "2026-11-30 07:00" "Restless"    # the one that started then
    session-player log note --at "2026-11-30 07:00" --clear
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from ..core.log import LogImportError, LogStore, utc_now
from ..core.log.exchange.foreign import FORMATS, detect, parse_foreign, zone_of
from ..core.log.exchange.importer import read_export_and_kept, read_text
from ..core.log.kept import KeptStore
from ..core.log.manual import ManualEntryError, manual_session, tidy_note
from ..core.log.records import MAX_YEAR, MIN_YEAR
from ..core.log.times import system_zone
from ..core.script.durations import DurationError, parse_sit_length
from ..core.script.practices import PRACTICES
from ..home.paths import kept_path, log_place
from .log_edge import OK, USAGE, CommandFailed, minutes_text


def UsageError(message: str) -> CommandFailed:
    """A value on the command line that can't be used: one line, exit code 2."""
    return CommandFailed(message, USAGE)


def parse_when(text: str) -> datetime:
    """``YYYY-MM-DD HH:MM`` (local time, as ``log`` shows it) or ISO 8601 with an offset."""
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        raise UsageError(f"--at: not a time: {text!r} (use YYYY-MM-DD HH:MM)") from None
    if not MIN_YEAR <= moment.year <= MAX_YEAR:  # before any sum with it can overflow
        raise UsageError(f"--at: {text!r} is not within the years {MIN_YEAR} to {MAX_YEAR}")
    return moment if moment.tzinfo is not None else moment.astimezone()


def _opened() -> LogStore:
    """The log opened to write, its notice (sessions kept elsewhere folded in, a damaged file
    moved aside) said on standard error."""
    store = LogStore.open(log_place())
    if store.notice:
        print(store.notice, file=sys.stderr)
    return store


def _add(args: argparse.Namespace) -> int:
    try:
        seconds = parse_sit_length(args.length)
    except DurationError as problem:
        raise UsageError(f"{args.length!r}: {problem}") from None
    now = utc_now()
    if args.at is None:  # it ended just now
        start = datetime.fromtimestamp(now.timestamp() - seconds).astimezone()
    else:
        start = parse_when(args.at)
    # A local time is in the system's zone; a time given with its own offset has no known zone.
    local = args.at is None or datetime.fromisoformat(args.at.strip()).tzinfo is None
    zone = system_zone(os.environ.get("TZ")) if local else None
    try:
        detail = manual_session(seconds, args.practice, start, now, note=args.note, time_zone=zone)
    except ManualEntryError as problem:
        raise UsageError(str(problem)) from None
    with _opened() as store:
        store.add([detail])
    s = detail.session
    when = s.started_local.strftime("%Y-%m-%d %H:%M")
    length = minutes_text(seconds)  # the log's own words for a length ("20 min")
    print(f"Added {s.title.lower()}, {length}, at {when} (marked as added by hand).")
    return OK


def _note(args: argparse.Namespace) -> int:
    if args.clear == (args.text is not None):
        raise UsageError("give the note's text, or --clear to remove it")
    note = None if args.clear else args.text
    try:
        note = tidy_note(note)
    except ManualEntryError as problem:
        raise UsageError(str(problem)) from None
    moment = None if args.at is None else parse_when(args.at)  # before the log is opened
    with _opened() as store:
        if moment is None:
            found = store.recent(limit=1)
        else:
            minute = moment.replace(second=0, microsecond=0)
            found = [
                s
                for s in store.recent(since=minute)
                if s.started_local.replace(second=0, microsecond=0) == minute
            ]
        if not found:
            raise UsageError("no session started then; `session-player log` lists them")
        if len(found) > 1:
            raise UsageError("more than one session started that minute; be more exact")
        session = found[0]
        assert session.id is not None
        store.set_note(session.id, note)
    when = session.started_local.strftime("%Y-%m-%d %H:%M")
    done = "Removed the note from" if note is None else "Noted"
    print(f"{done} {session.title} at {when}.")
    return OK


def register(log: argparse.ArgumentParser, wrap: Callable[..., Any]) -> None:
    """Add ``add`` and ``note`` under ``log``; ``wrap(name, body)`` turns failures into lines."""
    commands = log.add_subparsers(title="log commands", metavar="COMMAND")
    add = commands.add_parser(
        "add",
        help="add a session practised away from the computer",
        description="Add a session by hand (it is marked as added by hand).",
    )
    add.add_argument("length", metavar="LENGTH", help="how long: 20 (minutes), 20m, 1h, 90s")
    add.add_argument(
        "--practice", choices=PRACTICES, default="silent", metavar="PRACTICE",
        help="what was practised (default: silent)",
    )  # fmt: skip
    add.add_argument("--at", metavar="WHEN", help='when it started: "YYYY-MM-DD HH:MM"')
    add.add_argument("--note", metavar="TEXT", help="a few words about it")
    add.set_defaults(func=wrap("log add", _add))

    note = commands.add_parser(
        "note",
        help="add, change or remove a session's note",
        description="Set the note of the latest session, or the one that started --at WHEN.",
    )
    note.add_argument("text", nargs="?", metavar="TEXT", help="the note")
    note.add_argument("--at", metavar="WHEN", help='the session that started "YYYY-MM-DD HH:MM"')
    note.add_argument("--clear", action="store_true", help="remove the note")
    note.set_defaults(func=wrap("log note", _note))


def _import(args: argparse.Namespace) -> int:
    path = Path(args.file).expanduser()
    source = args.source
    text = None
    if source is None:
        text = read_text(path)
        source = "json" if text.lstrip()[:1] in ("{", "[") else detect(text)
        if source is None:
            raise CommandFailed(f"{path}: not an export this app knows; try --from")
    if source == "json":
        details, kept = read_export_and_kept(path)
    else:
        if text is None:  # read once: a CSV told from its header is not read again
            text = read_text(path)  # its errors name the file already
        try:
            details = parse_foreign(source, text, args.times and zone_of(args.times))
        except LogImportError as error:
            raise CommandFailed(f"{path}: {error}") from None
        kept = []
    with _opened() as store:
        result = store.add(details)
    added = f"Imported {result.added} session{'s' if result.added != 1 else ''}"
    already = f" ({result.skipped} already in your log)" if result.skipped else ""
    print(f"{added}{already}.")
    if kept:
        changed = KeptStore(kept_path()).merge(kept)
        print(f"Kept answers: {changed} of {len(kept)} brought in (newer ones already here stay).")
    return OK


def register_import(subparsers: Any, wrap: Callable[..., Any]) -> None:
    """Add ``import`` to the main parser's subcommands."""
    imp = subparsers.add_parser(
        "import",
        help="import our JSON export, or Meditation Assistant's or Insight Timer's CSV",
        description="Add the sessions of an export to the log, all or none; ones already there "
        "are skipped, so importing a file twice adds nothing.",
    )
    imp.add_argument("file", metavar="FILE", help="our JSON export, or another app's CSV")
    imp.add_argument(
        "--from",
        dest="source",
        choices=("json", *FORMATS),
        help="what wrote FILE (default: told from the file itself)",
    )
    imp.add_argument(
        "--times",
        choices=("utc", "local"),
        help="the CSV's times (default: as the app writes them: UTC for Meditation "
        "Assistant, local for Insight Timer)",
    )
    imp.set_defaults(func=wrap("import", _import))
