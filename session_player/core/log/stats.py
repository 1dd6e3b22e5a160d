"""Totals for the history screen and ``stats``: by practice, per day, per week, streaks.

Everything is grouped by the local day a session started on (``sessions.local_date``), so a
session at 23:30 counts for the evening the person lived, wherever they were. Sums run in SQL
over covering indexes; previews (played at ``--speed``) never count; only the list of practice
days comes back to Python, for streaks.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from datetime import date, timedelta

from .ratings import question_changes
from .records import PracticeTotal, Stats, WeekTotal

YEAR_DAYS = 365


def _streaks(days: Iterable[date], today: date) -> tuple[int, int]:
    """(current, longest) runs of consecutive days. The current run may end today or
    yesterday: a day without practice yet is not a broken run until it is over."""
    longest = run = 0
    last: int | None = None
    for day in days:
        ordinal = day.toordinal()
        run = run + 1 if last is not None and ordinal == last + 1 else 1
        longest = max(longest, run)
        last = ordinal
    current = run if last is not None and today.toordinal() - last in (0, 1) else 0
    return current, longest


def _weeks(per_day: dict[date, float], since: date, today: date) -> tuple[WeekTotal, ...]:
    """Every Monday-to-Sunday week from the one holding ``since`` to the one holding ``today``."""
    first = since - timedelta(days=since.weekday())
    totals = {first + timedelta(weeks=i): 0.0 for i in range((today - first).days // 7 + 1)}
    for day, seconds in per_day.items():
        totals[day - timedelta(days=day.weekday())] += seconds
    return tuple(WeekTotal(start, seconds) for start, seconds in totals.items())


def stats(
    conn: sqlite3.Connection,
    today: date,
    *,
    days: int = YEAR_DAYS,
    changes: bool = False,
    first_day: date | None = None,
) -> Stats:
    """Totals over the whole log, and day and week sums over the ``days`` ending ``today``;
    with ``changes``, the check-ins' change per question too (``stats``; the history screen
    shows them session by session and does without). With ``first_day`` (``stats --since``),
    everything counts from that local day on: totals, days, weeks and changes."""
    since = today - timedelta(days=days - 1) if first_day is None else min(first_day, today)
    # The whole log's totals read a covering index; a first day is a range of the day index.
    chosen = "" if first_day is None else "AND local_date >= ? "
    by_practice = tuple(
        PracticeTotal(str(practice), int(n), float(seconds))
        for practice, n, seconds in conn.execute(
            "SELECT practice, count(*), total(practised_seconds) FROM sessions "
            f"WHERE preview = 0 {chosen}GROUP BY practice ORDER BY 3 DESC, 1",
            () if first_day is None else (first_day.isoformat(),),
        )
    )
    per_day = {
        date.fromisoformat(day): float(seconds)
        for day, seconds in conn.execute(
            "SELECT local_date, total(practised_seconds) FROM sessions "
            "WHERE preview = 0 AND local_date BETWEEN ? AND ? GROUP BY local_date "
            "HAVING total(practised_seconds) > 0",
            (since.isoformat(), today.isoformat()),
        )
    }
    practice_days = (
        date.fromisoformat(day)
        for (day,) in conn.execute(
            "SELECT DISTINCT local_date FROM sessions "
            "WHERE preview = 0 AND practised_seconds > 0 AND local_date <= ? "
            "ORDER BY local_date",
            (today.isoformat(),),
        )
    )
    current, longest = _streaks(practice_days, today)
    return Stats(
        today=today,
        since=since,
        sessions=sum(p.sessions for p in by_practice),
        practised_seconds=sum(p.practised_seconds for p in by_practice),
        by_practice=by_practice,
        per_day=per_day,
        per_week=_weeks(per_day, since, today),
        current_streak=current,
        longest_streak=longest,
        changes=question_changes(conn, first_day) if changes else (),
        chosen_since=first_day,
    )
