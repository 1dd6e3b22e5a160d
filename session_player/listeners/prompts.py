"""Prompts by ear: ``ask``, ``write`` and ``check_in`` prompts are said as they appear (a
check-in with its scale), a soft cue tells the ear the session waits, and after a quiet minute
the prompt is said once more. The engine times all of it (``Prompted``, ``Waiting``,
``Reminded``); the person's ``waiting_cues`` setting turns the cue and the reminder off."""

from __future__ import annotations

from .. import paths
from ..core import events as ev
from ..core.engine import Session
from .stage import Stage
from .voice import Voice


class Prompts:
    """Says prompts through the voice, and rings the waiting cue at the chime volume."""

    def __init__(self, stage: Stage, voice: Voice) -> None:
        self.stage = stage
        self.voice = voice

    def begin(self, session: Session) -> None:
        """Load the waiting cue now, not on its cue."""
        cue = paths.cue_sound("waiting")
        if cue is not None and self.stage.settings.waiting_cues:
            self.stage.prepare(cue, self.stage.settings.chime_volume)

    def handle(self, event: ev.Event) -> None:
        """Say a prompt; the waiting cue; the prompt again after a quiet minute."""
        waiting_cues = self.stage.settings.waiting_cues
        if isinstance(event, ev.Prompted) and event.said:
            self.voice.speak(event.said)
        elif isinstance(event, ev.Waiting) and waiting_cues:
            self.stage.play(paths.cue_sound("waiting"), self.stage.settings.chime_volume)
        elif isinstance(event, ev.Reminded) and waiting_cues and event.said:
            self.voice.speak(event.said)

    def close(self) -> None:
        """Nothing to release."""
