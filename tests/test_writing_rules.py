"""The rules of docs/writing-sessions.md that a machine can check, on every bundled script.

- it says early (in its first two spoken lines) that one can stop;
- where the practice is emotional, its closing (last four spoken lines) names support:
  someone you trust, or a professional;
- where it works with difficult material (regret, shame, the critic, old pain, a difficulty
  brought to mind), its closing also says what to do in a crisis: the local emergency number or
  a crisis line, no country's number;
- no spoken line ends mid-phrase (on "of…", an ellipsis, a colon, or without an ending), nor
  holds a parenthesis, and that goes for the prompts of `ask`, `write` and `check_in` too;
- no line echoes the tell-tale phrases of the best-known published scripts;
- no two spoken lines in a row open with the same word (after a "now", "and", "first"...), and
  no two-word opening ("you might") carries more than a quarter of a script's lines;
- the quiet after each loving-kindness phrase, and after each round, is at least 5 s;
- the summary gives the length ("About 10 minutes", or "About 80 seconds"), within 15% of the
  planned length, both as read (the reading estimate) and as heard (at the voice's default pace).
"""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest

from session_player.core.script.loader import load_script
from session_player.core.script.model import Script
from session_player.core.script.text import plain
from session_player.core.session.timeline import planned_length
from session_player.home.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
SCRIPTS = sorted((ROOT / "scripts").glob("*.toml"))
# Practices that work with the body and the breath only; every other one can stir feelings.
CALM = {"breathing", "silent", "custom"}
SUPPORT = re.compile(r"someone you trust|professional|therapist", re.IGNORECASE)
ENDS_WELL = re.compile(r"[.!?][\"'’”)]*\Z")
DANGLING = {"a", "an", "the"}  # "a place to come back to." is a whole phrase; "the." is not
LENGTH = re.compile(r"\bAbout (\d+) (minutes?|seconds)\b")
# "contact your local emergency number or a crisis line": both, in the script's own words
CRISIS = (re.compile(r"\bemergency\b", re.IGNORECASE), re.compile(r"crisis line", re.IGNORECASE))
# Practices that work with difficult material; a script that brings a difficulty to mind ("about
# a three out of ten") does too, whatever its practice, and so do these by their purpose (the
# two-minute grounding is what the app offers when a session has left someone worse).
DIFFICULT_PRACTICES = {"inner-critic", "self-talk", "letter", "rain"}
DIFFICULT_NAMES = {
    "when-kindness-hurts",
    "unhooking",
    "fears-of-kindness",
    "self-forgiveness",
    "a-hard-moment",
    "grounding-two-minutes",
}
A_DIFFICULTY = re.compile(r"three out of ten|3 out of 10", re.IGNORECASE)
# Phrases a listener who knows the best-known published scripts would recognise (the
# self-compassion break, MSC loving-kindness and touch, dropping anchor, defusion): our lines
# say the same thing in words of their own (docs/writing-sessions.md, "Our own words").
ECHOES = (
    "moment of struggle",
    "moment of suffering",
    "ouch",
    "part of being human",
    "part of life",
    "warmth and gentle pressure",
    "give myself the care i need",
    "give myself the compassion i need",
    "makes you smile easily",
    "with whom things feel simple",
    "words and pictures",
    "where you are and what you're doing",
    "there's that story again",
)
# Words that lead into a line without being its opening: "Now, you might..." opens on "you".
LEADING = {"now", "and", "first", "second", "third", "next", "then", "finally", "so", "but", "or"}
# How long the voice takes over a line at its default pace, fitted to espeak-ng's renderings of
# every bundled line (within 3% of them on every script's length): at 140 words a minute,
# 0.34 s a word, and the pauses it makes at punctuation: 0.75 s after a sentence and 0.5 s at a
# comma. Lines are said a little slower than the words alone, which is why a summary that is
# honest for the reader (0.4 s a word) can still be short for the listener.
VOICE_WPM = Settings().voice_rate
WORD_SECONDS_AT_140 = 0.34
SENTENCE_SECONDS = 0.75
COMMA_SECONDS = 0.5
SENTENCE_END = re.compile(r"[.!?;:](?=\s|$)")


def load(path: Path) -> Script:
    script = load_script(path)
    assert not isinstance(script, list), [str(e) for e in script]
    return script


def spoken(script: Script) -> list[str]:
    """Every line the voice says, in order: guidance, touch words and phrases."""
    lines: list[str] = []
    for step in script.steps:
        if step.kind in ("say", "touch") and step.text:
            lines.append(plain(step.text))
        elif step.kind == "phrases":
            lines += [plain(p) for p in step.phrases]
    return lines


def said(script: Script) -> list[str]:
    """Every line the voice says that the script wrote in sentences, in order: guidance, touch
    words, words over the pacer, and the prompts of `ask`, `write` and `check_in` (the
    loving-kindness phrases, wishes repeated by design, are left out)."""
    lines: list[str] = []
    for step in script.steps:
        if step.kind in ("say", "touch", "breathe", "ask", "write", "check_in") and step.text:
            lines.append(plain(step.text))
        lines += [plain(text) for _at, text in step.guidance]
    return lines


def opening(line: str, words: int = 1) -> str:
    """The first word (or words) a line opens with, past a leading "now", "and", "first"..."""
    found = [w.lower() for w in re.findall(r"[A-Za-z']+", line)]
    while len(found) > words and found[0] in LEADING:
        found = found[1:]
    return " ".join(found[:words])


def voiced_seconds(text: str) -> float:
    """A line's length as the voice says it, at the default pace."""
    line = plain(text)
    words = len(line.split()) * WORD_SECONDS_AT_140 * 140 / VOICE_WPM
    pauses = len(SENTENCE_END.findall(line)) * SENTENCE_SECONDS + line.count(",") * COMMA_SECONDS
    return max(1.5, words + pauses)


@pytest.fixture(params=SCRIPTS, ids=lambda p: p.stem)
def script(request: pytest.FixtureRequest) -> Script:
    return load(request.param)


def test_the_library_is_big_enough() -> None:
    assert len(SCRIPTS) >= 38
    assert len(EMOTIONAL) >= 20  # most practices can stir feelings, and are held to the rule


def test_it_says_early_that_one_can_stop(script: Script) -> None:
    assert any("stop" in line.lower() for line in spoken(script)[:2])


EMOTIONAL = [path for path in SCRIPTS if load(path).practice not in CALM]


@pytest.mark.parametrize("path", EMOTIONAL, ids=lambda p: p.stem)
def test_an_emotional_practice_names_support_as_it_closes(path: Path) -> None:
    assert any(SUPPORT.search(line) for line in spoken(load(path))[-4:])


DIFFICULT = [
    path
    for path in SCRIPTS
    if load(path).practice in DIFFICULT_PRACTICES
    or path.stem in DIFFICULT_NAMES
    or any(A_DIFFICULTY.search(line) for line in said(load(path)))
]


@pytest.mark.parametrize("path", DIFFICULT, ids=lambda p: p.stem)
def test_difficult_material_closes_with_what_to_do_in_a_crisis(path: Path) -> None:
    closing = spoken(load(path))[-4:]
    assert any(all(word.search(line) for word in CRISIS) for line in closing), closing
    assert not re.search(r"\b\d{3}\b", " ".join(closing))  # no country's number (911, 999, 112)


def test_difficult_material_is_recognised() -> None:
    names = {path.stem for path in DIFFICULT}
    assert {"inner-critic", "regret-and-kindness", "compassionate-letter", "rain"} <= names
    assert {
        "self-forgiveness",
        "fears-of-kindness",
        "a-hard-moment",
        "grounding-two-minutes",
    } <= names


def test_no_spoken_line_ends_mid_phrase(script: Script) -> None:
    for line in spoken(script) + said(script):
        last = line.rstrip(" .!?\"'’”)").split()[-1].lower()
        assert ENDS_WELL.search(line) and not line.endswith(("...", "…")), line
        assert last not in DANGLING, line
        assert "(" not in line and ")" not in line, f"a parenthesis can't be heard: {line}"


def test_no_line_echoes_a_published_script(script: Script) -> None:
    for line in spoken(script) + said(script):
        lowered = line.lower().replace("’", "'")
        assert not [e for e in ECHOES if re.search(rf"\b{re.escape(e)}\b", lowered)], line


def test_no_two_lines_in_a_row_open_alike(script: Script) -> None:
    lines = said(script)
    for before, line in itertools.pairwise(lines):
        assert opening(before) != opening(line), (before, line)
    openings = [opening(line, 2) for line in lines]
    most = max(set(openings), key=openings.count)
    assert openings.count(most) < max(3, len(lines) / 4), f"{most!r} opens too many lines"


def test_phrases_have_room_after_them(script: Script) -> None:
    for step in script.steps:
        if step.kind == "phrases":
            assert step.pause >= 5.0 and step.round_pause >= 5.0, step.number


def test_the_summary_says_the_length_honestly(script: Script) -> None:
    found = LENGTH.search(script.summary)
    assert found, f"the summary doesn't say 'About N minutes' (or seconds): {script.summary}"
    stated = int(found.group(1)) * (1 if found.group(2) == "seconds" else 60)
    for how, planned in (
        ("read", planned_length(script)),
        ("voiced", planned_length(script, voiced_seconds)),
    ):
        assert abs(planned - stated) <= 0.15 * stated, (
            f"says {stated / 60:g} min, plans {planned / 60:.1f} {how}"
        )
