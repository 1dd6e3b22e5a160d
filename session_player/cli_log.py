"""The log's commands: ``log``, ``stats``, ``export`` and ``import``.

``register(subparsers)`` adds them to the main parser; each sets ``func`` to a function taking
the parsed namespace and returning an exit code: 0 fine, 1 an error (one line on stderr, never a
traceback), 2 a usage error such as a bad date. Reading commands never create a log that isn't
there: with no file yet, there are simply no sessions.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import re
import sqlite3
import sys
from collections.abc import Callable, Iterable, Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any, TextIO

from .core.files import atomic_writer
from .core.log import (
    LogError,
    LogStore,
    LogUnavailable,
    SessionDetail,
    SessionRecord,
    Stats,
    utc_now,
)
from .core.log.errors import is_corruption, reason_for
from .core.log.export import write_csv, write_json
from .core.log.health import write_health
from .core.log.kept import KeptStore, to_json
from .core.log.ratings import question_document, question_words
from .core.log.reading import open_for_reading
from .core.log.records import ORIGIN_WORDS
from .paths import HomeError, database_path, kept_path
from .terminal import OutputError, silence

OK, ERROR, USAGE = 0, 1, 2
TABLE_LIMIT = 20
MAX_LIMIT = 2**62  # SQLite's integers are 64-bit
RECENT_WEEKS = 8

_ENDINGS = {
    "completed": "completed",
    "stopped": "stopped early",
    "interrupted": "interrupted",
    "running": "in progress",
}


class _Failure(Exception):
    """A one-line error and the exit code that goes with it."""

    def __init__(self, message: str, code: int = ERROR) -> None:
        super().__init__(message)
        self.code = code


def _error(command: str, message: str) -> None:
    print(f"session-player {command}: error: {message}", file=sys.stderr)


def _command(name: str, body: Callable[[argparse.Namespace], int]) -> Callable[..., int]:
    """Wrap a command so that every expected failure is one line and an exit code."""

    def run(args: argparse.Namespace) -> int:
        try:
            return body(args)
        except _Failure as failure:
            _error(name, str(failure))
            return failure.code
        except LogUnavailable as error:
            _error(name, f"your log can't be used right now ({error.reason})")
            return ERROR
        except LogError as error:
            _error(name, str(error))
            return ERROR
        except (OutputError, HomeError):
            raise  # not the log's fault: ``cli.main`` says what is wrong
        except OSError as error:
            if isinstance(error, BrokenPipeError):
                # The reader (``| head``) has gone: stop quietly, as other tools do.
                silence(1)
                return OK
            _error(name, f"your log can't be used right now ({reason_for(error)})")
            return ERROR
        except sqlite3.Error as error:
            if is_corruption(error):  # found part way through reading
                _error(name, DAMAGED.format(path=database_path()))
                return ERROR
            _error(name, f"your log can't be read ({reason_for(error)}: {error})")
            return ERROR
        except Exception as error:  # a fault of ours, not the log's: still one line
            _error(name, f"this went wrong unexpectedly ({type(error).__name__}: {error})")
            return ERROR

    run.__name__ = f"run_{name}"
    return run


def parse_since(text: str) -> date | datetime:
    """``YYYY-MM-DD`` (a local day) or an ISO 8601 time (local if it has no offset)."""
    value = text.strip()
    try:
        if len(value) == 10:
            return date.fromisoformat(value)
        moment = datetime.fromisoformat(value)
    except ValueError as error:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            # The right shape, but no such day: 2024-02-30.
            message = f"--since: {text!r} is not a day on the calendar ({error})"
            raise _Failure(message, USAGE) from None
        raise _Failure(f"--since: not a date: {text!r} (use YYYY-MM-DD)", USAGE) from None
    return moment if moment.tzinfo is not None else moment.astimezone()


DAMAGED = (
    "your log file {path} is damaged; reading it changed nothing. Start session-player, or "
    "run a command that writes to the log (import), to set it aside safely and begin a "
    "fresh log; nothing in it is deleted"
)


@contextlib.contextmanager
def _reading() -> Iterator[LogStore | None]:
    """The log opened only for reading, or None if there is no log yet: read-only or immutable
    on a disk that can't be written; a damaged file is reported and left as it is."""
    try:
        store = open_for_reading()
    except LogUnavailable as error:
        if error.reason == "the file is damaged":
            raise _Failure(DAMAGED.format(path=database_path())) from None
        raise
    if store is None:
        yield None
        return
    if store.notice:
        print(store.notice, file=sys.stderr)
    try:
        yield store
    finally:
        store.close()


@contextlib.contextmanager
def _whole(out: TextIO) -> Iterator[TextIO]:
    """Text for ``out`` gathered first and written in one go at the end: a log that fails to
    read half way through prints nothing rather than half a document."""
    if out is not sys.stdout:
        yield out
        return
    gathered = _Gathered(out.encoding)
    yield gathered
    out.write(gathered.getvalue())


class _Gathered(io.StringIO):
    """Text gathered for a stream, telling that stream's encoding: JSON written into it is
    escaped (``\\u00e9``) when the stream can't hold every character."""

    def __init__(self, encoding: str) -> None:
        super().__init__()
        self._encoding = encoding

    @property
    def encoding(self) -> str:  # type: ignore[override]
        """The encoding of the stream the text is for."""
        return self._encoding


def minutes_text(seconds: float) -> str:
    """``45 s``, ``12 min``, ``2 h 5 min``: a duration in plain words."""
    if seconds < 60:
        return f"{seconds:.0f} s"
    minutes = round(seconds / 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes} min" if hours else f"{minutes} min"


def session_row(s: SessionRecord) -> tuple[str, str, str, str, str]:
    """A session as table cells: when, practice, title, practised time, how it ended."""
    practised = minutes_text(s.practised_seconds)
    if s.planned_seconds and s.outcome != "completed":
        practised += f" of {minutes_text(s.planned_seconds)}"
    when = s.started_local.strftime("%Y-%m-%d %H:%M")
    ended = _ENDINGS.get(s.outcome, s.outcome)
    if s.preview:
        ended += " (preview, not counted)"
    elif s.origin in ORIGIN_WORDS:
        ended += f" ({ORIGIN_WORDS[s.origin]})"
    return when, s.practice, s.title, practised, ended


def render_table(sessions: list[SessionRecord]) -> str:
    """Sessions as a plain text table, newest first."""
    head = ("When", "Practice", "Title", "Practised", "Ended")
    rows = [head, *(session_row(s) for s in sessions)]
    widths = [max(len(row[i]) for row in rows) for i in range(len(head) - 1)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(row, widths, strict=False)) for row in rows]
    return "\n".join(f"{line}  {row[-1]}" for line, row in zip(lines, rows, strict=True))


def _log(args: argparse.Namespace) -> int:
    since = parse_since(args.since) if args.since else None
    if args.limit is not None and args.limit < 1:
        raise _Failure("--limit: must be at least 1", USAGE)
    if args.limit is not None:
        args.limit = min(args.limit, MAX_LIMIT)  # more than any log holds: all of them
    out = sys.stdout
    with _reading() as store:
        if args.csv or args.json:
            details: Iterable[SessionDetail] = ()
            if store is not None and args.limit is None:
                details = store.iter_details(since=since)
            elif store is not None:
                # The newest N, told oldest first like a whole export (previews left out).
                newest = store.recent(limit=args.limit, since=since, previews=False)
                details = store.details_of(newest[::-1])
            with _whole(out) as whole:
                if args.csv:
                    write_csv(details, whole)
                else:
                    write_json(details, whole, exported_at=utc_now())
            return OK
        limit = TABLE_LIMIT if args.limit is None else args.limit
        sessions = [] if store is None else store.recent(limit=limit, since=since)
    if not sessions:
        print("No sessions yet." if since is None else "No sessions since then.", file=out)
        return OK
    print(render_table(sessions), file=out)
    return OK


def _minutes(seconds: float) -> float:
    return round(seconds / 60, 1)


def stats_document(stats: Stats, streaks: bool) -> dict[str, Any]:
    """``stats --json``: minutes rather than seconds; streaks only when asked for."""
    document: dict[str, Any] = {
        "sessions": stats.sessions,
        "minutes": round(stats.practised_seconds / 60, 1),
        "by_practice": [
            {
                "practice": p.practice,
                "sessions": p.sessions,
                "minutes": _minutes(p.practised_seconds),
            }
            for p in stats.by_practice
        ],
        "since": stats.since.isoformat(),
        "today": stats.today.isoformat(),
        "minutes_per_day": {
            day.isoformat(): _minutes(seconds) for day, seconds in sorted(stats.per_day.items())
        },
        "minutes_per_week": {
            w.week_start.isoformat(): _minutes(w.practised_seconds) for w in stats.per_week
        },
    }
    document["check_ins"] = [question_document(c) for c in stats.changes]
    if streaks:
        document["current_streak_days"] = stats.current_streak
        document["longest_streak_days"] = stats.longest_streak
    return document


def render_stats(stats: Stats, streaks: bool) -> str:
    """Stats in plain words: what was practised, noticed rather than scored."""
    if not stats.sessions:
        return "No sessions yet."
    sessions = "1 session" if stats.sessions == 1 else f"{stats.sessions} sessions"
    lines = [f"{sessions}, {minutes_text(stats.practised_seconds)} of practice in all.", ""]
    lines.append("By practice")
    width = max(len(p.practice) for p in stats.by_practice)
    for p in stats.by_practice:
        count = "1 session" if p.sessions == 1 else f"{p.sessions} sessions"
        lines.append(f"  {p.practice.ljust(width)}  {count}, {minutes_text(p.practised_seconds)}")
    year = sum(stats.per_day.values())
    days = len(stats.per_day)
    lines += [
        "",
        f"Last 12 months: {minutes_text(year)} over {days} day{'s' if days != 1 else ''}.",
    ]
    recent = stats.per_week[-RECENT_WEEKS:]
    if recent:
        lines += ["", f"Week by week, the last {len(recent)} week{'s' if len(recent) != 1 else ''}"]
    top = max((w.practised_seconds for w in recent), default=0.0)
    for week in recent:
        bar = "▇" * round(12 * week.practised_seconds / top) if top else ""
        amount = minutes_text(week.practised_seconds) if week.practised_seconds else "-"
        lines.append(f"  week of {week.week_start.isoformat()}  {amount:>10}  {bar}".rstrip())
    if streaks:
        lines += ["", f"Days in a row: {stats.current_streak} now, {stats.longest_streak} at most."]
    if stats.changes:
        lines += ["", "Check-ins, question by question (first and last rating of a session)"]
        lines += [f"  {question_words(c)}" for c in stats.changes]
    return "\n".join(lines)


def _stats(args: argparse.Namespace) -> int:
    with _reading() as store:
        today = datetime.now().astimezone().date()
        stats = Stats(today=today, since=today, sessions=0, practised_seconds=0.0)
        if store is not None:
            stats = store.stats(changes=True)
    if args.json:
        json.dump(stats_document(stats, args.streaks), sys.stdout, indent=2)
        print()
    else:
        print(render_stats(stats, args.streaks))
    return OK


@contextlib.contextmanager
def _output(target: str | None) -> Iterator[TextIO]:
    """Standard output, or a file written whole or not at all (a temp file renamed into place).

    Only a regular file or a new name is written (a symlink is followed to the file it points
    to); a folder, FIFO or device is refused and left as it was, and so is the log itself."""
    if target is None or target == "-":
        yield sys.stdout
        return
    path = Path(target).expanduser()
    if _is_the_log(path):
        raise _Failure(f"{path} is your practice log; choose another file to export to")
    try:
        with atomic_writer(path, newline="") as handle:
            yield handle
    except OSError as error:  # the log is read by SQLite: an OSError here is the file's
        raise _Failure(f"can't write {path}: {error.strerror or error}") from None


def _is_the_log(path: Path) -> bool:
    log = database_path()
    for name in (log, log.with_name(log.name + "-wal"), log.with_name(log.name + "-shm")):
        with contextlib.suppress(OSError):
            if path.exists() and os.path.samefile(path, name):
                return True
    return False


def _export(args: argparse.Namespace) -> int:
    since = parse_since(args.since) if args.since else None
    with _reading() as store, _output(args.output) as target, _whole(target) as out:
        details: Iterable[SessionDetail] = () if store is None else store.iter_details(since=since)
        if args.format == "csv":
            n = write_csv(details, out)
        elif args.format == "json":
            kept = [to_json(a) for a in KeptStore(kept_path()).answers()]
            n = write_json(details, out, exported_at=utc_now(), kept=kept)
        else:
            n = write_health(details, out, exported_at=utc_now())
    if args.output not in (None, "-"):
        print(f"Exported {n} session{'s' if n != 1 else ''} to {args.output}.", file=sys.stderr)
    return OK


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``log``, ``stats``, ``export`` and ``import`` to the main parser's subcommands."""
    log = subparsers.add_parser("log", help="recent sessions", description="Recent sessions.")
    shape = log.add_mutually_exclusive_group()
    shape.add_argument("--json", action="store_true", help="as JSON (our export format)")
    shape.add_argument("--csv", action="store_true", help="as CSV")
    log.add_argument("--since", metavar="DATE", help="sessions from this day on (YYYY-MM-DD)")
    log.add_argument(
        "--limit",
        type=int,
        metavar="N",
        help=f"at most N sessions (default {TABLE_LIMIT} for the table, all for --json/--csv)",
    )
    log.set_defaults(func=_command("log", _log))
    from . import cli_log_write  # it uses this module's failures, so it loads after them

    cli_log_write.register(log, _command)

    stats = subparsers.add_parser(
        "stats", help="time practised, by practice and by week", description="Practice totals."
    )
    stats.add_argument("--streaks", action="store_true", help="also show days in a row")
    stats.add_argument("--json", action="store_true", help="as JSON")
    stats.set_defaults(func=_command("stats", _stats))

    export = subparsers.add_parser(
        "export",
        help="export the whole log",
        description="Export the log: csv, json (our own format, re-importable), or health "
        "(records shaped for Apple HealthKit and Android Health Connect).",
    )
    export.add_argument("--format", choices=("csv", "json", "health"), default="json")
    export.add_argument("-o", "--output", metavar="FILE", help="write to FILE (default: stdout)")
    export.add_argument("--since", metavar="DATE", help="sessions from this day on (YYYY-MM-DD)")
    export.set_defaults(func=_command("export", _export))

    from . import cli_log_write  # it uses this module's failures, so it loads after them

    cli_log_write.register_import(subparsers, _command)
