"""The speech cache: one WAV a line, named by a hash of what changes its sound.

Every engine renders into the same folder (``SpeechRenderer`` for espeak-ng, ``SpeechEngines``
for the neural voices); deleting it only means rendering again.
"""

from __future__ import annotations

import json
from pathlib import Path

from session_player.core.digest import sha256_hex

CACHE_FORMAT = 4
"""Part of every cache key; bumped when rendering changes (2: levelled and trimmed; 3: a lead-in
of silence for every engine; 4: hibari's pace kept line by line, a pause before a vowel, its own
pronunciations)."""


def cache_key(text: str, voice: str | None, rate: int, engine: str = "espeak") -> str:
    """The cache file stem for a line: a hash of what changes the sound (engine, voice, words a
    minute and text)."""
    blob = json.dumps([CACHE_FORMAT, engine, voice or "", int(rate), text], ensure_ascii=False)
    return sha256_hex(blob.encode())[:40]


def in_cache(path: Path) -> Path | None:
    """``path`` when the cache holds that line (files only ever appear there complete)."""
    try:
        return path if path.stat().st_size > 44 else None
    except OSError:
        return None
