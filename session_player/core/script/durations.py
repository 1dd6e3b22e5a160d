"""Durations in scripts: a number of seconds, or text such as "90s", "1m30s", "2m", "1h"."""

from __future__ import annotations

import functools
import math
import re

_PART = re.compile(r"(\d+(?:\.\d+)?)\s*(ms|h|m|s)")
_WHOLE = re.compile(r"^(?:\d+(?:\.\d+)?\s*(?:ms|h|m|s)\s*)+\Z")
_NUMBER = re.compile(r"^\d+(?:\.\d+)?\Z")
_UNIT = {"h": 3600.0, "m": 60.0, "s": 1.0, "ms": 0.001}


class DurationError(ValueError):
    """A value that is not a usable duration; the message says what is wrong."""


def parse_duration(value: object) -> float:
    """Return the duration in seconds, always positive and finite.

    >>> parse_duration("1m30s")
    90.0
    """
    if isinstance(value, bool):
        raise DurationError('expected a duration such as 30, "90s" or "2m", not true/false')
    if isinstance(value, int | float):
        seconds = float(value)
    elif isinstance(value, str):
        # A script says "2m" or "6s" again and again: each text is read once (a long one,
        # never a duration anyway, is not kept).
        seconds = _text_seconds(value) if len(value) <= _KEPT_TEXT else _read_text(value)
    else:
        raise DurationError(f'expected a duration such as 30 or "2m", not {type(value).__name__}')
    if not math.isfinite(seconds):
        raise DurationError("must be a finite length of time")
    if seconds <= 0:
        raise DurationError("must be longer than zero")
    return seconds


def parse_sit_length(value: str) -> float:
    """A length a person types for a sit (``timer 20``, ``log add 20``): a bare number is
    minutes, since a sit of seconds is never what anyone means; with a unit, as
    ``parse_duration`` reads it.

    >>> parse_sit_length("20")
    1200.0
    """
    text = value.strip()
    if _NUMBER.match(text):
        return parse_duration(float(text) * 60)
    return parse_duration(value)


def _read_text(value: str) -> float:
    """The seconds a duration written as text stands for (the caller checks that they are
    finite and more than zero)."""
    text = value.strip()
    if not text:
        raise DurationError('is empty; write a duration such as "30s" or "2m"')
    if _NUMBER.match(text):
        return float(text)
    if text.startswith("-"):
        raise DurationError("must be longer than zero")
    if _WHOLE.match(text):
        return sum(float(n) * _UNIT[u] for n, u in _PART.findall(text))
    if _WHOLE.match(text.lower()):
        raise DurationError(f'"{value}": write the units in lower case, as in "{text.lower()}"')
    raise DurationError(f'"{value}" is not a duration; write it like "45s", "1m30s", "2m" or "1h"')


_text_seconds = functools.lru_cache(maxsize=256)(_read_text)
_KEPT_TEXT = 32


def format_duration(seconds: float) -> str:
    """Format seconds for people: "45s", "3m", "1h 5m", "2m 30s"."""
    total = round(seconds)
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    parts = []
    if hours:
        parts.append(f"{hours}h")
    if minutes:
        parts.append(f"{minutes}m")
    if secs or not parts:
        parts.append(f"{secs}s")
    return " ".join(parts)


def format_clock(seconds: float) -> str:
    """Format seconds as a clock: "4:05", "1:02:03"."""
    total = max(0, int(seconds))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}:{minutes:02d}:{secs:02d}"
    return f"{minutes}:{secs:02d}"
