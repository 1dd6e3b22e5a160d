"""Change per question: ratings are compared only with ratings of the same question and scale.

A question is known by its scale: two ratings are the same question when their ends mean the
same ("0 calm to 10 very distressed"), however each was worded. Ratings whose ends are not known
(step ratings logged before version 3 of the log) match only the very same words. In a session,
the first rating of a question is its "before" and the last its "after"; a question rated once
has no change. "distress" and "safe and settled" are never one number.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

from ..checkins import HIGH, LABEL, LOW, QUESTION_NAME
from ..events import Answered
from ..model import Step
from ..text import shown
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
    scale = "0 to 10, its ends not recorded"
    if low is not None and high is not None:
        scale = f"0 {shown(low)} to 10 {shown(high)}"
    if name[-1:] in "?.!":  # a question as asked: its scale after it
        return f"{name} ({scale})"
    return f"{name} ({scale})" if low is None or high is None else f"{name}, {scale}"


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
            found[key] = Change(was.question, was.low, was.high, was.before, c.value)
    return list(found.values())


def change_words(change: Change) -> str:
    """ "distress, 0 calm to 10 very distressed: 6 before, 3 after." """
    name = scale_name(change.question, change.low, change.high)
    if change.after is None:
        return f"{name}: {change.before}."
    return f"{name}: {change.before} before, {change.after} after."


def question_changes(conn: sqlite3.Connection) -> tuple[QuestionChange, ...]:
    """Over every practised session (no previews): each question's sessions rated on it both
    first and last, and the mean of those first and last ratings."""
    rows = conn.execute(
        "SELECT c.session_id, c.moment, c.label, c.value, c.low, c.high FROM check_ins c "
        "JOIN sessions s ON s.id = c.session_id WHERE s.preview = 0 ORDER BY c.session_id, c.id"
    )
    per_session: dict[int, list[CheckIn]] = {}
    for sid, moment, label, value, low, high in rows:
        per_session.setdefault(int(sid), []).append(
            CheckIn(moment, str(label), int(value), UNTIMED, None, low, high)
        )
    totals: dict[Key, list[Change]] = {}
    for items in per_session.values():
        for change in changes(items):
            if change.after is not None:
                totals.setdefault(_key(change.question, change.low, change.high), []).append(change)
    return tuple(
        QuestionChange(
            question=found[0].question,
            low=found[0].low,
            high=found[0].high,
            sessions=len(found),
            mean_before=sum(c.before for c in found) / len(found),
            mean_after=sum(c.after or 0 for c in found) / len(found),
        )
        for found in sorted(totals.values(), key=lambda f: -len(f))
    )
