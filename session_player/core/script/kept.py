"""Kept answers in a script: what a person told one session, used by the next.

A step that asks or invites writing may say ``keep = "name"``: its answer is kept under that name
for later sessions. A script uses kept answers in two ways:

- ``[kept]`` names each answer its text uses, with what to say when none is kept yet
  (``image_name = "your compassionate image"``); ``{image_name}`` then reads the kept answer;
- a ``phrases`` step with ``kept = "my_phrases"`` says the kept phrases (one a line) instead of
  its own, which stay as the fallback.

``with_kept`` turns a checked script and the kept answers into the script to play: the text is
filled in before the session starts, so its voice is rendered ahead like any other line.
"""

from __future__ import annotations

import re
import string
from collections.abc import Mapping
from dataclasses import replace

from .model import Script, Step

MAX_KEPT_PHRASES = 12
MAX_KEPT_PHRASE_CHARS = 200
_FORMATTER = string.Formatter()
_BULLET = re.compile(r"^\s*(?:[-*•·]|\d+[.)])\s+")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def _escape(text: str) -> str:
    return text.replace("{", "{{").replace("}", "}}")


def fill_kept(text: str, values: Mapping[str, str]) -> str:
    """``text`` with the kept names in ``values`` filled in; every other ``{name}`` and every
    literal ``{{`` stays as written, for the session to fill in later."""
    out: list[str] = []
    for literal, field, _spec, _conversion in _FORMATTER.parse(text):
        out.append(_escape(literal))
        if field is None:
            continue
        out.append(_escape(values[field]) if field in values else "{" + field + "}")
    return "".join(out)


def phrases_from(text: str) -> tuple[str, ...]:
    """Kept writing as phrases: one a line or a sentence, without list bullets, blank lines
    left out."""
    found: list[str] = []
    for line in text.splitlines():
        for sentence in _SENTENCE_END.split(_BULLET.sub("", line)):
            phrase = " ".join(sentence.split())
            if phrase:
                found.append(phrase[:MAX_KEPT_PHRASE_CHARS])
    return tuple(found[:MAX_KEPT_PHRASES])


def kept_values(script: Script, kept: Mapping[str, str]) -> dict[str, str]:
    """What each kept name the script uses reads as: the kept answer, or its fallback."""
    values: dict[str, str] = {}
    for name, fallback in script.kept:
        answer = " ".join(kept.get(name, "").split())
        values[name] = answer or fallback
    return values


def with_kept(script: Script, kept: Mapping[str, str]) -> Script:
    """The script to play, with kept answers (or their fallbacks) in its text and phrases."""
    values = kept_values(script, kept)
    if not values and not any(step.kept for step in script.steps):
        return script
    return replace(script, steps=tuple(_step(step, values, kept) for step in script.steps))


def _step(step: Step, values: Mapping[str, str], kept: Mapping[str, str]) -> Step:
    changes: dict[str, object] = {}
    if step.text is not None and values:
        changes["text"] = fill_kept(step.text, values)
    phrases = phrases_from(kept.get(step.kept, "")) if step.kept else ()
    if phrases:
        changes["phrases"] = tuple(_escape(p) for p in phrases)
    elif step.phrases and values:
        changes["phrases"] = tuple(fill_kept(p, values) for p in step.phrases)
    return replace(step, **changes) if changes else step  # type: ignore[arg-type]


def uses_kept(script: Script) -> bool:
    """True when the script reads any kept answer."""
    return bool(script.kept) or any(step.kept for step in script.steps)
