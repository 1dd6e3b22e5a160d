"""The log's commands: ``log``, ``stats``, ``export`` and ``import``.

``register(subparsers)`` adds them to the main parser; each sets ``func`` to a function taking
the parsed namespace and returning an exit code: 0 fine, 1 an error (one line on stderr, never a
traceback), 2 a usage error such as a bad date. Reading commands never create a log that isn't
there: with no file yet, there are simply no sessions.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from ..core.log import SessionDetail, SessionRecord, Stats, utc_now
from ..core.log.errors import LogUnavailable
from ..core.log.exchange.formats import DEFAULT_EXPORT, EXPORTS
from ..core.log.kept import KeptStore, to_json
from ..core.log.ratings import question_document, question_words
from ..core.log.records import ORIGIN_WORDS
from ..home.paths import kept_path
from . import log_write as cli_log_write
from .log_edge import OK, USAGE, CommandFailed, command, minutes_text, output, reading, whole

TABLE_LIMIT = 20
MAX_LIMIT = 2**62  # SQLite's integers are 64-bit
RECENT_WEEKS = 8

_ENDINGS = {
    "completed": "completed",
    "stopped": "stopped early",
    "interrupted": "interrupted",
    "running": "in progress",
}


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
            raise CommandFailed(message, USAGE) from None
        raise CommandFailed(f"--since: not a date: {text!r} (use YYYY-MM-DD)", USAGE) from None
    return moment if moment.tzinfo is not None else moment.astimezone()


def session_row(s: SessionRecord) -> tuple[str, str, str, str, str]:
    """A session as table cells: when, practice, title, practised time, how it ended."""
    practised = minutes_text(s.practised_seconds)
    if s.planned_seconds and (s.outcome != "completed" or s.skipped_through):
        practised += f" of {minutes_text(s.planned_seconds)}"
    when = s.started_local.strftime("%Y-%m-%d %H:%M")
    ended = "skipped through" if s.skipped_through else _ENDINGS.get(s.outcome, s.outcome)
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
        raise CommandFailed("--limit: must be at least 1", USAGE)
    if args.limit is not None:
        args.limit = min(args.limit, MAX_LIMIT)  # more than any log holds: all of them
    out = sys.stdout
    with reading() as store:
        if args.csv or args.json:
            details: Iterable[SessionDetail] = ()
            if store is not None and args.limit is None:
                details = store.iter_details(since=since)
            elif store is not None:
                # The newest N, told oldest first like a whole export (previews left out).
                newest = store.recent(limit=args.limit, since=since, previews=False)
                details = store.details_of(newest[::-1])
            with whole(out) as gathered:  # export's own writers: one registry of formats
                EXPORTS["csv" if args.csv else "json"].write(details, gathered, utc_now(), [])
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
        return "No sessions yet." if stats.chosen_since is None else "No sessions since then."
    sessions = "1 session" if stats.sessions == 1 else f"{stats.sessions} sessions"
    lines = [f"{sessions}, {minutes_text(stats.practised_seconds)} of practice in all.", ""]
    lines.append("By practice")
    width = max(len(p.practice) for p in stats.by_practice)
    for p in stats.by_practice:
        count = "1 session" if p.sessions == 1 else f"{p.sessions} sessions"
        lines.append(f"  {p.practice.ljust(width)}  {count}, {minutes_text(p.practised_seconds)}")
    year = sum(stats.per_day.values())
    days = len(stats.per_day)
    span = "Last 12 months" if stats.chosen_since is None else f"Since {stats.chosen_since}"
    lines += ["", f"{span}: {minutes_text(year)} over {days} day{'s' if days != 1 else ''}."]
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
    since = parse_since(args.since) if args.since else None
    first_day = since.astimezone().date() if isinstance(since, datetime) else since
    with reading() as store:
        today = datetime.now().astimezone().date()
        stats = Stats(today, today, 0, 0.0, chosen_since=first_day)
        if store is not None:
            stats = store.stats(changes=True, since=first_day)
    if args.json:
        json.dump(stats_document(stats, args.streaks), sys.stdout, indent=2)
        print()
    else:
        print(render_stats(stats, args.streaks))
    return OK


def _export(args: argparse.Namespace) -> int:
    since = parse_since(args.since) if args.since else None
    with reading() as store, output(args.output) as target, whole(target) as out:
        details: Iterable[SessionDetail] = () if store is None else store.iter_details(since=since)
        chosen = EXPORTS[args.format]
        kept, unread = _kept() if chosen.carries_kept else ([], None)
        n = chosen.write(details, out, utc_now(), kept)
    if args.output not in (None, "-"):
        print(f"Exported {n} session{'s' if n != 1 else ''} to {args.output}.", file=sys.stderr)
    if unread:
        print(f"note: {unread}", file=sys.stderr)
    return OK


def _kept() -> tuple[list[dict[str, Any]], str | None]:
    """The kept answers to export, or none and why: a damaged kept file never stops the
    sessions being exported, and the words name that file, not the log."""
    path = kept_path()
    try:
        return [to_json(a) for a in KeptStore(path).answers()], None
    except LogUnavailable as problem:
        return [], (
            f"the kept answers in {path} could not be read ({problem.reason}); "
            "the sessions were exported without them"
        )


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
    log.set_defaults(func=command("log", _log))
    cli_log_write.register(log, command)

    stats = subparsers.add_parser(
        "stats", help="time practised, by practice and by week", description="Practice totals."
    )
    stats.add_argument("--streaks", action="store_true", help="also show days in a row")
    stats.add_argument("--json", action="store_true", help="as JSON")
    stats.add_argument("--since", metavar="DATE", help="sessions from this day on (YYYY-MM-DD)")
    stats.set_defaults(func=command("stats", _stats))

    export = subparsers.add_parser(
        "export",
        help="export the whole log",
        description="Export the log: "
        + "; ".join(f"{f.name} ({f.summary})" for f in EXPORTS.values())
        + ".",
    )
    export.add_argument("--format", choices=tuple(EXPORTS), default=DEFAULT_EXPORT)
    export.add_argument("-o", "--output", metavar="FILE", help="write to FILE (default: stdout)")
    export.add_argument("--since", metavar="DATE", help="sessions from this day on (YYYY-MM-DD)")
    export.set_defaults(func=command("export", _export))

    cli_log_write.register_import(subparsers, command)
