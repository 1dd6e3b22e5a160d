"""In a child whose ALSA output is captured (``alsa_capture``): bundled scripts played through
the real conductor at speed, with the voice on, while a person does what a plan says (next,
back, pause, resume, answer, stop, each so many wall seconds after the last). Every stream is
labelled ``<plan>|<sound>`` so the test can tell the voice from tones and chimes.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Any

import alsa_capture

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # tests/, for ``person``
from person import doing

from session_player.audio import player
from session_player.conductor.dispatcher import Conductor
from session_player.core.clock import ScaledClock
from session_player.core.script.loader import load_script
from session_player.core.session.asked import app_check_ins
from session_player.core.session.engine import Session
from session_player.home.settings import Settings

VOICE = "gmw/en-us"  # espeak-ng: the voice on, made quickly enough for every script
_playing = [0]  # the plan whose sounds are starting now


def _labelled() -> None:
    """Each stream is named after what it plays, and the plan that played it."""
    start = player._Voice.start

    def labelled(voice: Any, fade_in_ms: int) -> None:
        alsa_capture.label(f"{_playing[0]}|{voice.sound.name}")
        start(voice, fade_in_ms)

    player._Voice.start = labelled  # type: ignore[method-assign]


def play(plans: list[dict[str, Any]]) -> None:
    """Play each plan in turn: ``script`` (a path), ``mode`` (breath sounds), ``speed`` and
    ``moves`` ((wall seconds, action) pairs)."""
    _labelled()
    for n, plan in enumerate(plans):
        _playing[0] = n
        _play(plan)


def _play(plan: dict[str, Any]) -> None:
    script = load_script(Path(plan["script"]))
    assert not isinstance(script, list), script
    speed = float(plan["speed"])
    settings = Settings(
        voice_id=VOICE, breath_sounds=plan["mode"], start_chime="bell", end_chime="bell",
        checkins=True, timer_checkins=True, short_checkins=True, soundscape="none",
    )  # fmt: skip
    conductor = Conductor.create(settings, speed=speed)
    assert not conductor.notices, conductor.notices
    clock = ScaledClock(speed)
    session = Session(conductor.prepare(script, lambda done, total: None), clock)
    conductor.begin(session)
    conductor.handle(session.start())
    for after, action in plan["moves"]:
        _run_for(conductor, session, clock, after)
        if session.ended is not None:
            break
        conductor.handle(doing(session, action))
    _run_for(conductor, session, clock, 0.3)
    if session.ended is None:
        conductor.handle(session.stop("stopped"))
    if "after" in app_check_ins(script, True):  # as a front end asks once it has ended
        conductor.asking("after")
    time.sleep(0.8)  # the question begins (closing fades it)
    conductor.close()


def _run_for(conductor: Conductor, session: Session, clock: ScaledClock, seconds: float) -> None:
    """Let ``seconds`` of wall time pass, handing the conductor what falls due."""
    until = time.monotonic() + seconds
    while session.ended is None and time.monotonic() < until:
        due = session.next_due()
        ahead = 0.1 if due is None else max(0.0, due - clock()) / clock.speed
        time.sleep(max(0.0, min(0.1, ahead, until - time.monotonic())))
        conductor.handle(session.poll())
