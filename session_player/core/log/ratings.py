"""Change per question: ratings are compared only with ratings of the same question and scale.

A question is known by its scale: two ratings are the same question when their ends mean the
same ("0 calm to 10 very distressed"), however each was worded. Ratings whose ends are not known
(step ratings logged before version 3 of the log) match only the very same words. In a session,
the first rating of a question is its "before" and the last its "after"; a question rated once
has no change. "distress" and "safe and settled" are never one number.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from ..script.model import Step
from ..script.text import shown
from ..session.checkins import HIGH, HIGHEST, LABEL, LOW, LOWEST, QUESTION_NAME
from ..session.events import Answered
from .records import CheckIn, QuestionChange

UNTIMED = datetime(1970, 1, 1, tzinfo=UTC)
"""The time of a rating held only to be compared (never stored)."""

Key = tuple[str, str | None, str | None]


@dataclass(frozen=True)
class Change:
    """One question's first and last rating in a session (``after`` None: rated once)."""

    question: str
    low: str | None
    high: str | None
    before: int
    after: int | None
    asked_after: str | None = None
    """The question as the last rating asked it, when worded otherwise than the first."""


def _ends(c: CheckIn) -> tuple[str | None, str | None]:
    """A rating's ends; the app's own before and after question is always on its own scale."""
    if (c.low is None or c.high is None) and c.moment != "step" and c.label == LABEL:
        return LOW, HIGH
    return c.low, c.high


def _key(label: str, low: str | None, high: str | None) -> Key:
    return ("", low, high) if low is not None and high is not None else (label, None, None)


def step_ends(step: Step) -> tuple[str, str]:
    """A ``check_in`` step's 0 and 10 as the voice says them (the app's words by default)."""
    return step.low or LOW, step.high or HIGH


def step_rating(event: Answered, step: Step) -> CheckIn | None:
    """The rating an answered ``check_in`` step gave, with its scale (None: none given)."""
    if event.kind != "check_in" or event.skipped or event.value is None:
        return None
    return CheckIn("step", event.prompt, event.value, UNTIMED, event.step + 1, *step_ends(step))


def question_name(label: str) -> str:
    """What a question is called when shown: the app's own by its name, others as asked."""
    return QUESTION_NAME if label == LABEL else label


def scale_name(question: str, low: str | None, high: str | None) -> str:
    """ "distress, 0 calm to 10 very distressed": a question with its ends named."""
    name = shown(question_name(question)) or "how you felt"
    scale = f"{LOWEST} to {HIGHEST}, its ends not recorded"
    if low is not None and high is not None:
        scale = f"{LOWEST} {shown(low)} to {HIGHEST} {shown(high)}"
    if name[-1:] in "?.!":  # a question as asked: its scale after it
        return f"{name} ({scale})"
    return f"{name} ({scale})" if low is None or high is None else f"{name}, {scale}"


def rated_words(c: CheckIn) -> str:
    """ "How distressed? 6 (0 calm to 10 very distressed)": one rating with its scale, as
    exports write it (raw text: each export guards its own)."""
    if c.low is None or c.high is None:
        return f"{c.label} {c.value}"
    return f"{c.label} {c.value} ({LOWEST} {c.low} to {HIGHEST} {c.high})"


def session_check_ins(
    before: int | None, after: int | None, ratings: Sequence[CheckIn] = ()
) -> list[CheckIn]:
    """A session's ratings in the order asked: the app's ``before`` (None: not asked, or
    skipped), the script's own ``ratings``, then the app's ``after``."""
    items = [*ratings]
    if before is not None:
        items.insert(0, CheckIn("before", LABEL, before, UNTIMED, None, LOW, HIGH))
    if after is not None:
        items.append(CheckIn("after", LABEL, after, UNTIMED, None, LOW, HIGH))
    return items


def changes(check_ins: Iterable[CheckIn]) -> list[Change]:
    """Each question rated in a session, in the order first asked, with its first and last
    rating."""
    found: dict[Key, Change] = {}
    for c in check_ins:
        low, high = _ends(c)
        key = _key(c.label, low, high)
        was = found.get(key)
        if was is None:
            found[key] = Change(c.label, low, high, c.value, None)
        else:
            worded = None if c.label == was.question else c.label
            found[key] = Change(was.question, was.low, was.high, was.before, c.value, worded)
    return list(found.values())


def change_words(change: Change) -> str:
    """ "distress, 0 calm to 10 very distressed: 6 before, 3 after." """
    name = scale_name(change.question, change.low, change.high)
    if change.after is None:
        return f"{name}: {change.before}."
    if change.asked_after is not None:  # each rating with the question that asked it
        then = shown(question_name(change.asked_after)) or "how you felt"
        return f"{name}: {change.before} before. {then}: {change.after} after."
    return f"{name}: {change.before} before, {change.after} after."


_CHANGES = """
WITH rated AS (
    SELECT c.id, c.session_id, c.label, c.value,
        COALESCE(c.low, CASE WHEN c.moment != 'step' AND c.label = :app THEN :low END) AS low,
        COALESCE(c.high, CASE WHEN c.moment != 'step' AND c.label = :app THEN :high END) AS high
    FROM check_ins c JOIN sessions s ON s.id = c.session_id
    WHERE s.preview = 0 AND s.local_date >= :since
), keyed AS (
    SELECT *, CASE WHEN low IS NOT NULL AND high IS NOT NULL THEN '' ELSE label END AS q
    FROM rated
), paired AS (
    SELECT min(id) AS first, max(id) AS last, q, low, high FROM keyed
    GROUP BY session_id, q, low, high HAVING count(*) > 1
)
SELECT min(p.first), f.label, p.low, p.high, count(*), avg(f.value), avg(l.value), l.label
FROM paired p JOIN check_ins f ON f.id = p.first JOIN check_ins l ON l.id = p.last
GROUP BY p.q, p.low, p.high ORDER BY count(*) DESC, min(p.first)
"""


def _other(last: object, first: object) -> str | None:
    """The closing question's words, when they differ from the opening one's."""
    return None if last == first else str(last)


def question_changes(
    conn: sqlite3.Connection, since: date | None = None
) -> tuple[QuestionChange, ...]:
    """Over every practised session (no previews; from the local day ``since``, when given):
    each question's sessions rated on it more than once, and the mean of their first and last
    ratings (the same rule as ``changes``), with the closing question as its first session
    asked it."""
    first_day = since.isoformat() if since is not None else ""
    rows = conn.execute(_CHANGES, {"app": LABEL, "low": LOW, "high": HIGH, "since": first_day})
    return tuple(
        QuestionChange(
            str(label), low, high, int(n), float(before), float(after), _other(last, label)
        )
        for _first, label, low, high, n, before, after, last in rows
    )


def question_words(change: QuestionChange) -> str:
    """ "distress, 0 calm to 10 very distressed: 6.0 before, 3.0 after on average, over 2
    sessions": one question's line in ``stats``."""
    times = "1 session" if change.sessions == 1 else f"{change.sessions} sessions"
    name = scale_name(change.question, change.low, change.high)
    if change.asked_after is not None:  # each rating with the question that asked it
        then = shown(question_name(change.asked_after)) or "how you felt"
        return (
            f"{name}: {change.mean_before:.1f} before. {then}: {change.mean_after:.1f} after. "
            f"On average, over {times}"
        )
    return (
        f"{name}: {change.mean_before:.1f} before, {change.mean_after:.1f} after on average, "
        f"over {times}"
    )


def question_document(change: QuestionChange) -> dict[str, Any]:
    """One question in ``stats --json``."""
    return {
        "question": question_name(change.question),
        "question_after": question_name(change.asked_after or change.question),
        "low": change.low,
        "high": change.high,
        "sessions": change.sessions,
        "mean_before": round(change.mean_before, 1),
        "mean_after": round(change.mean_after, 1),
    }
