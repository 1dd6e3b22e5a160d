"""What every voice engine shares: a voice's description, and the shape of a neural engine.

A neural engine (``hibari``, ``piper``) is a module of its own in this package with an ``ENGINE``
(a ``NeuralEngine``) that ``registry`` lists: how its voices are found on this computer without
importing the engine (onnxruntime alone is 200 MB resident), how the note about the ones that
can't speak names them, and how a worker process loads one (``session_player.audio.worker``).
espeak-ng (``espeak``) is not one of them: it renders in the player's own process.
"""

from __future__ import annotations

import contextlib
import importlib.util
import math
import os
import sys
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from session_player.audio.early import NICE as NICE  # how much nicer speech is rendered


def nicer_thread(by: int = NICE) -> None:
    """Run the calling thread ``by`` steps nicer (Linux gives each thread a priority of its
    own, and threads it starts inherit it); elsewhere, or where not allowed, nothing changes."""
    if not sys.platform.startswith("linux") or not hasattr(os, "setpriority"):
        return
    with contextlib.suppress(OSError):
        tid = threading.get_native_id()
        os.setpriority(os.PRIO_PROCESS, tid, os.getpriority(os.PRIO_PROCESS, tid) + by)


T = TypeVar("T")
Render = Callable[[str, int], tuple[bytes, int]]
"""(text, words a minute) -> (16-bit mono PCM, sample rate)."""
Header = dict[str, Any]
"""The first line a worker reads: ``{"engine", "name", "model", "config"}`` (see ``worker``)."""
Found = tuple[list["VoiceInfo"], list[str]]
"""The voices that can speak here, and a few words for each one listed that can't."""


@dataclass(frozen=True)
class VoiceInfo:
    """One voice that can speak: which engine, its name and language, and its model files."""

    id: str
    """What settings keep: ``hibari:heart``, ``piper:en_US-joe-medium``, or an espeak id."""
    engine: str
    name: str
    language: str
    """A language tag such as ``en-US``."""
    model: Path | None = None
    config: Path | None = None

    @property
    def label(self) -> str:
        """How the voice list names it: voice, engine and language."""
        return f"{self.name} · {self.engine} · {self.language}"


@dataclass(frozen=True)
class NeuralEngine:
    """One neural engine: its voices are ``NAME:voice`` ids, rendered in worker processes."""

    name: str
    """The prefix of its voice ids, and what a worker's header names."""
    find: Callable[[Path], Found]
    """Its voices on this computer (given the folder people add voices to), read from disk
    without importing the engine; nothing is ever downloaded."""
    unavailable: Callable[[list[str]], str]
    """The part of the "Unavailable: ..." note that names its voices that can't speak."""
    load: Callable[[Header], Render]
    """In the worker process: load the voice the header names, and how it renders a line at a
    number of words a minute (the engine's own speed setting mapped from them)."""


def header_of(voice: VoiceInfo) -> Header:
    """The first line a worker is told for ``voice`` (``worker``): the voice to load."""
    model, config = voice.model, voice.config
    return {
        "engine": voice.engine,
        "name": voice.name,
        "model": str(model),
        "config": str(config or ""),
    }


def installed(*modules: str) -> bool:
    """True when every module can be imported (found, not imported)."""
    try:
        return all(importlib.util.find_spec(m) is not None for m in modules)
    except (ImportError, ValueError):
        return False


DEFAULT_REGIONS = {"en": "us"}
"""The plain regional voice for a language named without a region: a script in "en" is spoken
in American English unless the locale names another English region (espeak-ng lists its English
voices Caribbean first, which a recogniser understood worst of four)."""


def locale_tag(environ: Mapping[str, str] | None = None) -> str:
    """The person's locale as a language tag (``en_GB.UTF-8`` -> ``en-gb``), or ""."""
    env = os.environ if environ is None else environ
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name, "")
        if value:
            return value.split(".")[0].split("@")[0].replace("_", "-").lower()
    return ""


def regional_defaults(wanted: str, locale: str = "") -> list[str]:
    """For a language with no region (``en``), the regional tags to prefer, best first: the
    locale's region when it speaks that language, then the plain default; else nothing."""
    base = wanted.lower().replace("_", "-")
    if "-" in base:
        return []
    preferred = []
    language, _, region = locale.lower().partition("-")
    if language == base and len(region) == 2 and region.isalpha():
        preferred.append(f"{base}-{region}")
    if base in DEFAULT_REGIONS:
        preferred.append(f"{base}-{DEFAULT_REGIONS[base]}")
    return list(dict.fromkeys(preferred))


def language_match(languages: list[str], wanted: str, locale: str | None = None) -> int:
    """How well a voice's ``languages`` fit ``wanted``, 0 for not at all: above 2 for the
    regional default of a language asked without a region (the locale's region first, see
    ``regional_defaults``), 2 for an exact match, 1 for a related one (same base language).
    ``locale`` defaults to the person's (``locale_tag``)."""
    wanted = wanted.lower().replace("_", "-")
    regions = regional_defaults(wanted, locale_tag() if locale is None else locale)
    best = 0
    for lang in (code.lower().replace("_", "-") for code in languages):
        if lang in regions:
            best = max(best, 2 + len(regions) - regions.index(lang))
        elif lang == wanted:
            best = max(best, 2)
        elif lang.startswith(wanted + "-") or lang.split("-")[0] == wanted.split("-")[0]:
            best = max(best, 1)
    return best


PACE_TOLERANCE = 0.045
"""A line rendered further than this from its words a minute is rendered again (``keep_pace``).
On 52 lines of the bundled scripts at 140 words a minute, hibari renders a line 2.4 times on
average (2.9 at 3%), and 51 of the 52 end within 5% (one at 10%)."""
PACE_TRIES = 6
"""Renders of one line at most, the first included."""
PACE_FROM_WORDS = 4
"""Lines of fewer words (a breath word, a count) are said at the engine's mapped speed."""


def keep_pace(
    synth: Callable[[float], T],
    seconds: Callable[[T], float],
    text: str,
    wpm: int,
    speed: float,
    limits: tuple[float, float],
) -> T:
    """``synth(speed)`` for the speed that says ``text`` at ``wpm`` words a minute, first sound
    to last (``seconds``), within ``PACE_TOLERANCE`` where a few tries find one.

    An engine's speed maps onto words a minute only on average: hibari rounds every sound to
    whole frames, so one line's pace jumps by up to a tenth between nearby speeds. The line's
    own pace is measured and its speed corrected (speech takes about 1 / speed) until one speed
    too slow and one too fast are known, then the gap between them is halved; all within
    ``limits`` and a quarter either side of ``speed``. The closest render is kept.
    """
    words = len(text.split())
    rendered = synth(speed)
    if words < PACE_FROM_WORDS:
        return rendered
    slow, fast = max(limits[0], speed * 0.75), min(limits[1], speed * 1.25)
    best, best_error = rendered, math.inf
    slow_known = fast_known = False
    for attempt in range(PACE_TRIES):
        length = seconds(rendered)
        if length <= 0:
            return rendered
        measured = words / length * 60
        error = abs(measured / wpm - 1)
        if error < best_error:
            best, best_error = rendered, error
        if error <= PACE_TOLERANCE or attempt == PACE_TRIES - 1:
            break
        if measured < wpm:
            slow, slow_known = speed, True  # this speed and any below it are too slow
        else:
            fast, fast_known = speed, True
        if slow_known and fast_known:
            wanted = (slow + fast) / 2  # a step may lie between them: halve the gap
        else:
            wanted = min(fast, max(slow, speed * wpm / measured))
        if abs(wanted - speed) < 1e-3:
            break  # nothing closer to try
        speed = wanted
        rendered = synth(speed)
    return best
