"""The one-line breathing pattern: ``"4-7-8"``, ``"4-4-4-4"``, ``"5(4-0-6-0)+10(box)"``.

A pattern is seconds per phase joined by ``-`` (in-out, in-hold-out or in-hold-out-rest) or a
preset's name; a part may be given a count of breaths, ``5(4-0-6-0)``, and counted parts chain
with ``+``: five breaths of one, then ten of the next. The breathe kind (``kinds/breathe.py``)
reads it; a pattern that cannot be read raises ``PatternError`` saying what to write.
"""

from __future__ import annotations

import re

from .keys import did_you_mean
from .presets import BREATHING_PRESETS, BreathPattern

MAX_PHASE_SECONDS = 60.0
MIN_BREATH_SECONDS = 0.5
MAX_BREATHS = 1000

_NUMBER = r"\d+(?:\.\d+)?"
_COUNTED = re.compile(r"\A(\d+)\s*\((.*)\)\Z")
_SECONDS = re.compile(rf"\A{_NUMBER}(?:\s*-\s*{_NUMBER})*\Z")
_PHASES = ("in", "hold", "out", "rest")
_EXAMPLE = 'such as "4-7-8", "4-4-4-4" or "5(4-0-6-0)+10(box)"'

Part = tuple[int | None, BreathPattern]
"""One part of a pattern: its count of breaths (None: not counted) and the breath."""


class PatternError(ValueError):
    """A breathing pattern that cannot be read; the message says what to write instead."""


def looks_like_pattern(text: str) -> bool:
    """Whether ``text`` is meant as a pattern rather than a preset's name (it has a digit)."""
    return text not in BREATHING_PRESETS and any(c.isdigit() for c in text)


def parse_pattern(text: str) -> list[Part]:
    """The parts of a pattern, in order; every part is counted when there are several."""
    parts = [_part(piece.strip()) for piece in text.split("+")]
    if len(parts) > 1 and any(count is None for count, _breath in parts):
        raise PatternError(
            "in a chain every part needs its count of breaths, such as 5(4-0-6-0)+10(box)"
        )
    total = sum(count or 0 for count, _breath in parts)
    if total > MAX_BREATHS:
        raise PatternError(f"counts {total} breaths; the limit is {MAX_BREATHS}")
    return parts


def _part(piece: str) -> Part:
    if not piece:
        raise PatternError(f"has an empty part; write a pattern {_EXAMPLE}")
    counted = _COUNTED.match(piece)
    if counted is None:
        return None, _breath(piece)
    count = int(counted.group(1))
    if not 1 <= count <= MAX_BREATHS:
        raise PatternError(f"{piece!r}: the count of breaths must be from 1 to {MAX_BREATHS}")
    return count, _breath(counted.group(2).strip())


def _breath(body: str) -> BreathPattern:
    preset = BREATHING_PRESETS.get(body)
    if preset is not None:
        return preset
    if not _SECONDS.match(body):
        names = tuple(BREATHING_PRESETS)
        hint = did_you_mean(body, names) if not any(c.isdigit() for c in body) else ""
        raise PatternError(
            f"{body!r} is neither seconds joined by - nor a preset{hint} "
            f"(presets: {', '.join(names)}); write a pattern {_EXAMPLE}"
        )
    seconds = [float(s) for s in body.split("-")]
    if not 2 <= len(seconds) <= 4:
        raise PatternError(
            f"{body!r} has {len(seconds)} phases; give 2 (in-out), 3 (in-hold-out) or "
            "4 (in-hold-out-rest)"
        )
    named = dict(zip(_PHASES if len(seconds) != 2 else ("in", "out"), seconds, strict=False))
    for phase, value in named.items():
        zero_ok = phase in ("hold", "rest")
        if zero_ok and value == 0:
            continue
        if not MIN_BREATH_SECONDS <= value <= MAX_PHASE_SECONDS:
            low = "0 or " if zero_ok else ""
            raise PatternError(
                f"{body!r}: {phase} is {value:g} s; each phase is {low}from "
                f"{MIN_BREATH_SECONDS:g} to {MAX_PHASE_SECONDS:g} seconds"
            )
    return BreathPattern(
        inhale=named["in"],
        hold=named.get("hold", 0.0),
        exhale=named["out"],
        rest=named.get("rest", 0.0),
    )
