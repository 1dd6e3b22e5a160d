"""The rules of docs/writing-sessions.md that a machine can check, on every bundled script.

- it says early (in its first two spoken lines) that one can stop;
- where the practice is emotional, its closing (last four spoken lines) names support:
  someone you trust, or a professional;
- no spoken line ends mid-phrase (on "of…", an ellipsis, a colon, or without an ending);
- the quiet after each loving-kindness phrase, and after each round, is at least 5 s;
- the summary gives the length ("About 10 minutes"), within 15% of the planned length.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from session_player.core.script.loader import load_script
from session_player.core.script.model import Script
from session_player.core.script.text import plain
from session_player.core.session.timeline import planned_length

ROOT = Path(__file__).resolve().parent.parent
SCRIPTS = sorted((ROOT / "scripts").glob("*.toml"))
# Practices that work with the body and the breath only; every other one can stir feelings.
CALM = {"breathing", "silent", "custom"}
SUPPORT = re.compile(r"someone you trust|professional|therapist", re.IGNORECASE)
ENDS_WELL = re.compile(r"[.!?][\"'’”)]*\Z")
DANGLING = {"a", "an", "the"}  # "a place to come back to." is a whole phrase; "the." is not
LENGTH = re.compile(r"\bAbout (\d+) minutes?\b")


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


@pytest.fixture(params=SCRIPTS, ids=lambda p: p.stem)
def script(request: pytest.FixtureRequest) -> Script:
    return load(request.param)


def test_the_library_is_big_enough() -> None:
    assert len(SCRIPTS) >= 29
    assert len(EMOTIONAL) >= 20  # most practices can stir feelings, and are held to the rule


def test_it_says_early_that_one_can_stop(script: Script) -> None:
    assert any("stop" in line.lower() for line in spoken(script)[:2])


EMOTIONAL = [path for path in SCRIPTS if load(path).practice not in CALM]


@pytest.mark.parametrize("path", EMOTIONAL, ids=lambda p: p.stem)
def test_an_emotional_practice_names_support_as_it_closes(path: Path) -> None:
    assert any(SUPPORT.search(line) for line in spoken(load(path))[-4:])


def test_no_spoken_line_ends_mid_phrase(script: Script) -> None:
    for line in spoken(script):
        last = line.rstrip(" .!?\"'’”)").split()[-1].lower()
        assert ENDS_WELL.search(line) and not line.endswith(("...", "…")), line
        assert last not in DANGLING, line


def test_phrases_have_room_after_them(script: Script) -> None:
    for step in script.steps:
        if step.kind == "phrases":
            assert step.pause >= 5.0 and step.round_pause >= 5.0, step.number


def test_the_summary_says_the_length_honestly(script: Script) -> None:
    found = LENGTH.search(script.summary)
    assert found, f"the summary doesn't say 'About N minutes': {script.summary}"
    said, planned = int(found.group(1)) * 60, planned_length(script)
    assert abs(planned - said) <= 0.15 * said, f"says {said / 60:g} min, plans {planned / 60:.1f}"
