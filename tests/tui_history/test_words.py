"""The history's words: kind endings, durations, check-ins as a change noticed, plain text."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from session_player.core.log import CheckIn, Entry, SessionRecord
from session_player.core.session.events import SessionEnded
from session_player.tui.screens.confirm_delete import delete_all_words, delete_one_words
from session_player.tui.screens.end import ending_words
from session_player.tui.screens.session_detail import (
    check_in_lines,
    entry_text,
    minutes_words,
    outcome_words,
    session_row,
)

AT = datetime(2024, 5, 1, 6, 0, tzinfo=UTC)


def record(**changes: object) -> SessionRecord:
    fields: dict[str, object] = {
        "uuid": "u",
        "script_name": "s",
        "title": "[bold]Not bold[/bold]",
        "practice": "breathing",
        "started_at": AT,
        "utc_offset": 7200,
        "planned_seconds": 600.0,
        "updated_at": AT,
        "practised_seconds": 300.0,
        "outcome": "stopped",
        "id": 1,
    }
    fields.update(changes)
    return SessionRecord(**fields)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("outcome", "words"),
    [("completed", "completed"), ("stopped", "stopped early"), ("interrupted", "interrupted")],
)
def test_endings_are_kind(outcome: str, words: str) -> None:
    assert outcome_words(outcome) == words


@pytest.mark.parametrize(
    ("seconds", "words"),
    [(0, "0 min"), (20, "under a minute"), (300, "5 min"), (3900, "1 h 05 min")],
)
def test_minutes_words(seconds: float, words: str) -> None:
    assert minutes_words(seconds) == words


def test_a_row_is_plain_text() -> None:
    when, title, practised, ended = session_row(record())
    assert str(when) == "Wed 01 May 2024 08:00"  # the local time of the session
    assert str(title) == "[bold]Not bold[/bold]" and not title.spans
    assert (str(practised), str(ended)) == ("5 min", "stopped early")


def test_check_ins_are_a_change_noticed() -> None:
    distress = ("calm", "very distressed")
    lines = check_in_lines(
        (
            CheckIn("before", "settled", 3, AT),  # the app's own: its scale is known
            CheckIn("step", "distress", 6, AT, 1, *distress),
            CheckIn("step", "And now, how distressed?", 3, AT, 9, *distress),
            CheckIn("after", "settled", 6, AT, None, "not at all", "completely"),
        )
    )
    assert lines == [
        "Safe and settled, 0 not at all to 10 completely: 3 before, 6 after.",
        # each rating with the question that asked it
        "Distress, 0 calm to 10 very distressed: 6 before. And now, how distressed?: 3 after.",
    ]
    # one rating of a question has no change; ends not recorded are said, never guessed
    assert check_in_lines((CheckIn("step", "Calm?", 7, AT, 4),)) == [
        "Calm? (0 to 10, its ends not recorded): 7."
    ]
    # a before of one scale is never set against an after of another
    apart = check_in_lines(
        (
            CheckIn("before", "x", 5, AT, None, "a", "b"),
            CheckIn("after", "x", 2, AT, None, "c", "d"),
        )
    )
    assert apart == ["X, 0 a to 10 b: 5.", "X, 0 c to 10 d: 2."]


def test_written_text_is_literal_and_unkept_text_is_said() -> None:
    kept = entry_text(Entry(3, "Write [i]kindly[/i]", "[red]me[/red]", AT))
    assert kept.plain == "Write [i]kindly[/i]\n[red]me[/red]"
    unkept = entry_text(Entry(3, "Write", None, AT))
    assert "wasn't kept" in unkept.plain


def test_delete_words_say_what_is_lost() -> None:
    one = delete_one_words(record())
    assert "[bold]Not bold[/bold]" in one and "can't be undone" in one
    assert "check-ins" in one
    assert delete_all_words(1).startswith("Delete all your history: 1 session,")
    assert "export" in delete_all_words(12)


def test_a_session_skipped_through_says_so_with_what_was_planned() -> None:
    skipped = record(outcome="completed", practised_seconds=47.0, planned_seconds=660.0, skips=29)
    _, _, practised, ended = session_row(skipped)
    assert (str(practised), str(ended)) == ("47 s of 11 min", "skipped through")
    mostly = record(outcome="completed", practised_seconds=600.0, planned_seconds=660.0, skips=2)
    assert [str(cell) for cell in session_row(mostly)[2:]] == ["10 min", "completed"]
    answered_early = record(outcome="completed", practised_seconds=47.0, planned_seconds=660.0)
    assert str(session_row(answered_early)[3]) == "completed"  # nothing skipped: practised
    end = ending_words(SessionEnded(47.0, "completed", 47.0, 660.0, 29))
    assert end.startswith("You practised 47 seconds of 11 minutes: it was skipped through")
    assert ending_words(SessionEnded(600.0, "completed", 600.0, 660.0, 2)) == (
        "You practised 10 minutes."
    )


def test_each_rating_of_a_question_keeps_its_own_wording_at_the_end() -> None:
    from session_player.tui.screens.end import change_words

    opening = CheckIn("step", "How tense do you feel?", 6, AT, 1, "calm", "very tense")
    closing = CheckIn("step", "And how tense now, after this?", 3, AT, 4, "calm", "very tense")
    words = change_words(None, None, [opening, closing])
    assert words == (
        "How tense do you feel? (0 calm to 10 very tense): 6 before. "
        "And how tense now, after this?: 3 after. Just noticing."
    )
    same = change_words(None, None, [opening, opening])
    assert same.endswith("6 before, 6 after. Just noticing.")
