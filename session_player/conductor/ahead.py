"""The voice made ahead while the library is shown: what ``session-player`` does in the
background before Enter, so a first play's first word comes at once.

``voice_ahead(settings)`` has a worker loaded for the person's voice (``audio/standby.py``);
with the session the library has highlighted, it also makes that session's first line (or the
check-in's question) into the speech cache while the person reads its details, with the same
worker, which a play then takes. Blocking: the app calls it in a thread of its own.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ..audio import standby
from ..audio.engines import open_engines
from ..core.script.loader import load_script
from ..core.script.model import Script
from ..home import paths
from ..home.settings import Settings
from .dispatcher import Conductor
from .unfolding import first_heard, needs_of


def never() -> bool:
    """No newer request: the lines are wanted."""
    return False


def voice_ahead(
    settings: Settings, script_path: Path | None = None, stale: Callable[[], bool] = never
) -> int:
    """Load the voice ahead, and make the first lines of the script at ``script_path``
    unless they are ``stale`` by then (another session is highlighted now); returns how many
    lines were made."""
    voice = standby.ahead(settings)
    if voice is None or script_path is None:
        return 0
    script = load_script(script_path)
    speech, _notice = open_engines(paths.cache_dir() / "speech")
    if isinstance(script, list) or speech is None:
        return 0  # a broken script says so when chosen; no voice, nothing to make
    conductor = Conductor(settings, speech=speech)  # no sound, no log: only its lines
    try:
        voice_id, lines = heard_first(conductor, script)
        if speech.neural_voice(voice_id) != voice:
            return 0  # another voice speaks this script (its language): it starts its own
        rate = settings.voice_rate
        todo = [(t, speech.path_for(t, voice, rate)) for t in lines]
        return standby.STANDBY.make_ahead(voice, todo, rate, stale)
    finally:
        conductor.close()
        speech.close()


def heard_first(conductor: Conductor, script: Script) -> tuple[str | None, list[str]]:
    """The voice ``conductor`` speaks ``script`` in, and the lines (as the voice is given
    them) a play waits for before it starts: the check-in's question, or the first step's
    lines (``unfolding.first_heard``)."""
    _script, given, steps, before = conductor.said(script)
    first = needs_of([before], given)[0] or first_heard(needs_of(steps, given))
    return conductor.voice.voice_id, [t for t in dict.fromkeys(given.values()) if t in first]
