"""Care beyond the practice: the crisis sentence, the person's own support line, and the
aftercare offered when a session leaves someone feeling worse than when they began.

One place for these words, so the grounding pause, the end of a session, plain mode and the
voice all say the same thing. No country's number is written here: the person may keep their
own line in the settings (``crisis_line``), and it is named after the sentence.

"Worse" is read per question, from the words of its scale: on a distress question (its 10 says
"very distressed") a rise is worse; on the "safe and settled" question (its 0 says "not at all")
a fall is. A question whose words don't say which end is the hard one never brings the offer.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from .session.checkins import QUESTION_NAME

if TYPE_CHECKING:  # the library names these words at its start; the log loads with a session
    from collections.abc import Iterable

    from .log.records import CheckIn

CRISIS_SENTENCE = (
    "If you are in danger or thinking of harming yourself, please contact your local emergency "
    "number or a crisis line now."
)
CRISIS_LINE_LONGEST = 200
"""Characters of the person's own line the settings keep (a name and a number fit easily)."""

GROUNDING_PRACTICE = "grounding-two-minutes"
"""The script the aftercare offers."""
HARD_MOMENT = "a-hard-moment"
"""The script ``session-player sos`` and the library's key play at once."""
HARD_MOMENT_TITLE = "A hard moment, now"
"""How the library's key and the palette name it (its script's title)."""
GROUNDING_TITLE = "Grounding, two minutes"
"""How the end's button names the grounding practice (its script's title)."""

WORSE_BY = 3
"""How much worse the closing rating is than the opening one before the aftercare is offered."""

AFTERCARE = (
    "That practice may have stirred up something hard. That can happen, and nothing has gone "
    "wrong. If you'd like, a two-minute grounding practice is here to help you feel steady "
    "again. Reaching out to someone you trust can help too."
)

HARD_WORDS = ("distress", "upset", "overwhelm")
"""Words that name the hard end of a scale ("very distressed")."""


GROUNDING = (
    "Let's stay here for a moment. The session is waiting.\n\n"
    "Feel your feet on the floor, and the weight of your body being held by the chair or the "
    "ground.\n\n"
    "Notice a few sounds in the room, near or far, just as they are.\n\n"
    "Strong feelings can surface in this kind of practice. That's normal, and nothing has gone "
    "wrong. It's fine to stop, to do something kind for yourself, or to reach out to someone you "
    "trust or a professional for support."
)
"""The grounding pause's words, shown and said."""


def grounding_words(own_line: str = "") -> str:
    """Everything the grounding pause shows (and says): the pause, then where support is,
    with the person's own line when they keep one."""
    return f"{GROUNDING}\n\n{support_words(own_line)}"


def own_line_words(own_line: str) -> str:
    """The person's own line, as shown and said after the sentence ("" when none is kept)."""
    line = " ".join(own_line.split())
    return f"Your own support line: {line}." if line else ""


def support_words(own_line: str = "") -> str:
    """The crisis sentence, and the person's own line when they keep one."""
    return " ".join(w for w in (CRISIS_SENTENCE, own_line_words(own_line)) if w)


def aftercare_words(own_line: str = "") -> str:
    """The whole offer: an invitation to ground, and where support is."""
    return f"{AFTERCARE} {support_words(own_line)}"


def hard_end(question: str, low: str | None, high: str | None) -> Literal["low", "high"] | None:
    """Which end of a question's 0-10 scale is the hard one, from its words; None when they
    don't say. ``question`` is the label a rating was logged with."""

    def names_hard(words: str | None) -> bool:
        return any(hard in (words or "").lower() for hard in HARD_WORDS)

    if names_hard(high):
        return "high"
    if names_hard(low):
        return "low"
    from .log.ratings import question_name

    asked = question_name(question).lower()
    if low is None and high is None and names_hard(asked):
        return "high"  # "How distressed?" logged before scales were kept: 10 is the most
    if QUESTION_NAME in asked and low is not None and high is not None:
        return "low"  # "safe and settled": 0 is not at all
    return None


def needs_care(check_ins: Iterable[CheckIn]) -> bool:
    """Whether any question's closing rating is ``WORSE_BY`` or more worse than its opening
    one, each question read in its own direction."""
    from .log.ratings import changes

    for change in changes(check_ins):
        if change.after is None:
            continue
        end = hard_end(change.question, change.low, change.high)
        if end is None:
            continue
        worse = change.after - change.before if end == "high" else change.before - change.after
        if worse >= WORSE_BY:
            return True
    return False
