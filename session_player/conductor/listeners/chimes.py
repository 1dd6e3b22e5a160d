"""Chimes: the opening, step and interval bells the engine calls for, and the end chime.

The opening is part of the timeline (``Opening``, planned in ``conductor.heard``): its chimes are
cues like any other, so they keep to session time through pauses and ``--speed``. The end chime
rings when a session completes, after any voice still speaking has faded (the person went on
from the last line).
"""

from __future__ import annotations

from ...audio.api import DEFAULT_FADE_MS
from ...core.script.model import SoundFile
from ...core.session import events as ev
from ...core.session.engine import Session
from ...core.session.timeline import Opening
from ..heard import end_chime_for, opening_for
from .stage import Stage


class Chimes:
    """Rings what the engine calls for, at the chime volume."""

    def __init__(self, stage: Stage) -> None:
        self.stage = stage

    def begin(self, session: Session) -> None:
        """Load and scale every chime of the session now, not on its cue."""
        self.stage.end_rings_at = None
        settings = self.stage.settings
        script = session.timeline.script
        sounds = {c.sound.path for p in session.timeline.steps for c in p.cues if c.sound}
        for found in (opening_for(script, settings), end_chime_for(script, settings)):
            if isinstance(found, Opening):
                sounds.add(found.sound.path)
            elif found is not None:
                sounds.add(found.path)
        for path in sounds:
            self.stage.prepare(path, settings.chime_volume)

    def handle(self, event: ev.Event) -> None:
        """A chime cue rings; a completed session rings its end chime."""
        if isinstance(event, ev.ChimeRang) and event.sound is not None:
            self.ring(event.sound)
        elif isinstance(event, ev.SessionEnded):
            self._end(event)

    def ring(self, sound: SoundFile) -> None:
        """Ring ``sound`` now."""
        self.stage.play(sound.path, self.stage.settings.chime_volume)

    def close(self) -> None:
        """Nothing to release."""

    def _end(self, event: ev.SessionEnded) -> None:
        stage = self.stage
        if event.reason != "completed":
            if stage.output is not None:
                stage.output.stop_all()  # sounds fade, never cut
            return
        session = stage.session
        sound = end_chime_for(session.timeline.script, stage.settings) if session else None
        if sound is None:
            return
        voice = stage.voice
        if voice is not None and voice.is_playing():  # the person went on from the last line
            voice.fade_out(DEFAULT_FADE_MS)
            delay = DEFAULT_FADE_MS / 1000 + 0.1
            stage.end_rings_at = stage.wall() + delay
            stage.later.call(delay, self.ring, sound)
        else:
            stage.end_rings_at = stage.wall()
            self.ring(sound)
