"""Care beyond the practice (``core.care``): when a session's closing rating is enough worse than
its opening one to offer grounding, read per question in its own direction; and the words that
name support, with the person's own line when they keep one."""

from __future__ import annotations

from pathlib import Path

import pytest

from session_player.core.care import (
    CRISIS_SENTENCE,
    GROUNDING_PRACTICE,
    GROUNDING_TITLE,
    HARD_MOMENT,
    HARD_MOMENT_TITLE,
    aftercare_words,
    hard_end,
    needs_care,
    support_words,
)
from session_player.core.log.ratings import UNTIMED, session_check_ins
from session_player.core.log.records import CheckIn
from session_player.core.script.loader import load_script

DISTRESS = ("How distressed do you feel right now?", "calm", "very distressed")
SETTLED = ("How safe and settled do you feel right now?", "not at all", "completely")


def rated(question: tuple[str, str, str], before: int, after: int) -> list[CheckIn]:
    """A script's own check-in asked at its start and at its end."""
    label, low, high = question
    return [
        CheckIn("step", label, before, UNTIMED, 1, low, high),
        CheckIn("step", label.replace("right now", "now"), after, UNTIMED, 9, low, high),
    ]


@pytest.mark.parametrize(
    ("question", "before", "after", "offered"),
    [
        # distress that rises by three or more brings the offer
        (DISTRESS, 3, 6, True),
        (DISTRESS, 2, 9, True),
        (DISTRESS, 3, 5, False),
        (DISTRESS, 6, 3, False),
        (DISTRESS, 5, 5, False),
        # feeling safe and settled that falls by three or more brings it
        (SETTLED, 7, 4, True),
        (SETTLED, 9, 0, True),
        (SETTLED, 7, 5, False),
        (SETTLED, 3, 8, False),
        (SETTLED, 4, 4, False),
    ],
)
def test_a_closing_rating_three_or_more_worse_in_its_own_direction_brings_the_offer(
    question: tuple[str, str, str], before: int, after: int, offered: bool
) -> None:
    assert needs_care(rated(question, before, after)) is offered


@pytest.mark.parametrize(
    ("before", "after", "offered"), [(8, 5, True), (8, 6, False), (2, 9, False)]
)
def test_the_apps_own_before_and_after_are_safe_and_settled(
    before: int, after: int, offered: bool
) -> None:
    assert needs_care(session_check_ins(before, after)) is offered


def test_a_distress_scale_written_the_other_way_round_is_read_that_way() -> None:
    upside_down = ("How are you?", "very distressed", "at ease")
    assert needs_care(rated(upside_down, 7, 3))
    assert not needs_care(rated(upside_down, 3, 7))


def test_a_question_whose_words_dont_say_which_end_is_hard_never_brings_the_offer() -> None:
    unclear = ("How much warmth do you notice?", "none", "a lot")
    assert hard_end(*unclear) is None
    assert not needs_care(rated(unclear, 9, 0))
    assert not needs_care(rated(unclear, 0, 9))


def test_a_question_rated_once_or_skipped_at_the_end_brings_no_offer() -> None:
    assert not needs_care(session_check_ins(9, None))
    assert not needs_care(rated(DISTRESS, 1, 9)[:1])


def test_each_question_is_read_against_itself_not_against_another() -> None:
    # Settled at 8 before, distress at 2 after: two questions, neither rated twice.
    label, low, high = DISTRESS
    check_ins = session_check_ins(8, None, [CheckIn("step", label, 2, UNTIMED, 9, low, high)])
    assert not needs_care(check_ins)
    # Settled held steady while distress rose: the distress question brings the offer.
    both = session_check_ins(6, 6, rated(DISTRESS, 2, 6))
    assert needs_care(both)


def test_support_names_the_crisis_sentence_and_the_persons_own_line_when_kept() -> None:
    assert support_words() == CRISIS_SENTENCE
    assert support_words("   ") == CRISIS_SENTENCE
    with_line = support_words("Samaritans  116 123\n")
    assert with_line.startswith(CRISIS_SENTENCE)
    assert with_line.endswith("Your own support line: Samaritans 116 123.")


def test_the_crisis_sentence_hard_codes_no_number_and_the_offer_no_score() -> None:
    words = aftercare_words("my sister")
    assert not any(ch.isdigit() for ch in CRISIS_SENTENCE)
    assert "two-minute grounding practice" in words and "my sister" in words
    for alarming in ("score", "worse", "warning", "!", "must", "should"):
        assert alarming not in words.lower()


@pytest.mark.parametrize(
    ("name", "title"),
    [(HARD_MOMENT, HARD_MOMENT_TITLE), (GROUNDING_PRACTICE, GROUNDING_TITLE)],
)
def test_the_practices_named_are_bundled_playable_and_titled_as_named(
    name: str, title: str
) -> None:
    script = load_script(Path(__file__).resolve().parent.parent / "scripts" / f"{name}.toml")
    assert not isinstance(script, list), script
    assert script.title == title
    assert not any(step.kind == "check_in" for step in script.steps)  # nothing asked first
