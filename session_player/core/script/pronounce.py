"""Pronunciations: how a word is spelled for the voice, when the voice says it wrong.

A script may carry its own (``[pronounce]``: ``pacer = "pay-sir"``), and each voice engine may
have a few of its own (``audio/voices/hibari.py``); both are respellings applied to the text a
voice is given, never to the text shown. A word is matched whole and in any case ("Pacer",
"pacer's" is not "pacer"), the longest first when one entry is part of another, and a respelling
of a capitalised word is capitalised too.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .values import ValueChecker

WORD = re.compile(r"[^\W\d_](?:(?:[^\W_]|['\- ])*[^\W_])?\Z")
"""What a ``[pronounce]`` key may be: a word or a few, of letters, digits, apostrophes, hyphens
and spaces, starting and ending with a letter or digit."""
MAX_ENTRIES = 200
MAX_SPELLING = 200

Table = Mapping[str, str] | Iterable[tuple[str, str]]


def respell(text: str, table: Table) -> str:
    """``text`` as the voice is to be given it: each word of ``table`` replaced by its spelling."""
    pairs = tuple(table.items() if isinstance(table, Mapping) else table)
    if not pairs or not text:
        return text
    pattern, spellings = _compiled(pairs)

    def spelled(match: re.Match[str]) -> str:
        said = match.group(0)
        spelling = spellings[said.casefold()]
        if said[:1].isupper() and spelling[:1].islower():
            return spelling[:1].upper() + spelling[1:]
        return spelling

    return pattern.sub(spelled, text)


@lru_cache(maxsize=32)
def _compiled(pairs: tuple[tuple[str, str], ...]) -> tuple[re.Pattern[str], dict[str, str]]:
    spellings = {" ".join(word.split()).casefold(): spelling for word, spelling in pairs}
    words = sorted(spellings, key=len, reverse=True)  # "self compassion" before "self"
    alternatives = "|".join(r"\s+".join(map(re.escape, w.split())) for w in words)
    pattern = re.compile(rf"(?<![\w'])(?:{alternatives})(?![\w'])", re.IGNORECASE)
    return pattern, _Spellings(spellings)


class _Spellings(dict[str, str]):
    """Spellings by word; a match that spans other spaces ("self  compassion") finds its own."""

    def __missing__(self, key: str) -> str:
        return self[" ".join(key.split())]


def check_pronounce(checker: ValueChecker, raw: Any) -> tuple[tuple[str, str], ...]:
    """``[pronounce]``: each word (or few words) and how to spell it for the voice; every
    problem is reported at its key path (``pronounce.pacer``)."""
    if not isinstance(raw, dict):
        checker.error(
            "pronounce",
            "must be a table of words and how the voice should say them, such as "
            '[pronounce] pacer = "pay-sir"',
        )
        return ()
    if len(raw) > MAX_ENTRIES:
        checker.error("pronounce", f"has {len(raw)} words; the limit is {MAX_ENTRIES}")
        return ()
    found: dict[str, tuple[str, str]] = {}
    for word, spelling in raw.items():
        where = f"pronounce.{word}"
        if not WORD.match(word):
            checker.error(
                where,
                "must be a word or a few words (letters, digits, apostrophes, hyphens and "
                "spaces, starting and ending with a letter or digit)",
            )
            continue
        key = " ".join(word.split()).casefold()
        if key in found:
            checker.error(where, f"is given twice (as `{found[key][0]}` too; case does not matter)")
            continue
        text = checker.text(spelling, where, variables=False)
        if text is None:
            continue
        if len(text) > MAX_SPELLING:
            checker.error(where, f"is {len(text)} characters; a spelling may have {MAX_SPELLING}")
            continue
        if "{" in text or "}" in text:
            checker.error(where, "is how a word sounds: it may not use {braces}")
            continue
        found[key] = (word, text)
    return tuple(found.values())
