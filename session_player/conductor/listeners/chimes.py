"""Chimes: the opening, step and interval bells the engine calls for, and the end chime.

The opening is part of the timeline (``Opening``, planned in ``conductor.heard``): its chimes are
cues like any other, so they keep to session time through pauses and ``--speed``. The end chime
rings when a session completes, after any voice still speaking has faded (the person went on
from the last line); a session stopped early fades every sound instead, and what is said after
it (the closing check-in) waits until a chime that was still ringing is silent
(``Stage.chimes_silent_at``), never over its strike. It always rings out: plain mode waits for
it before the sound output closes (``ring_out``), and a quit while it rings fades it over
``QUIT_FADE_MS`` rather than cutting it.

A step the person leaves (next, back) fades its chimes still ringing, as it fades its voice, and
the next line waits until they are silent; a chime of the step arrived at rings once what was
left is silent, so no strike is heard under a fading line.
"""

from __future__ import annotations

import threading
from contextlib import suppress

from ...audio.api import DEFAULT_FADE_MS, FADE_AHEAD_S, PlayHandle
from ...core.script.model import SoundFile
from ...core.session import events as ev
from ...core.session.engine import Session
from ...core.session.timeline import STRIKE, Opening
from ..heard import end_chime_for, opening_for
from .stage import Stage
from .turns import LEAVE_FADE_MS, still_playing
from .voice import Voice

QUIT_FADE_MS = 2000
"""A quit while the end chime rings fades it over this long."""
RING_OUT_LONGEST = 30.0
"""Seconds ``ring_out`` waits for an end chime at most (a long custom sound)."""


class Chimes:
    """Rings what the engine calls for, at the chime volume."""

    def __init__(self, stage: Stage, voice: Voice | None = None) -> None:
        self.stage = stage
        self.voice = voice
        self._end_bell: PlayHandle | None = None
        self._rang = threading.Event()  # the end chime has started (it may wait on a voice)
        self._rung: list[PlayHandle] = []  # chimes rung this session that may still sound
        self._strike = STRIKE  # seconds from the opening bell's first sample to its strike

    def begin(self, session: Session) -> None:
        """Load and scale every chime of the session now, not on its cue."""
        self.stage.end_rings_at = self.stage.chimes_silent_at = None
        self._end_bell = None
        self._rung = []
        self._rang.clear()
        settings = self.stage.settings
        script = session.timeline.script
        sounds = {c.sound.path for p in session.timeline.steps for c in p.cues if c.sound}
        for found in (opening_for(script, settings), end_chime_for(script, settings)):
            if isinstance(found, Opening):
                sounds.add(found.sound.path)
                self._strike = min(STRIKE, found.seconds)
            elif found is not None:
                sounds.add(found.path)
        for path in sounds:
            self.stage.prepare(path, settings.chime_volume)

    def handle(self, event: ev.Event) -> None:
        """A chime cue rings; a completed session rings its end chime."""
        if isinstance(event, ev.ChimeRang) and event.sound is not None:
            self.ring(event.sound, opening=event.purpose == "start")
        elif ev.left(event):  # also while the step gone to waits for its voice
            self._leave()
        elif isinstance(event, ev.Paused) and self.voice is not None:
            if any(still_playing(h) for h in self._rung):
                self.voice.turns.chimes_fade()
        elif isinstance(event, ev.SessionEnded):
            self._end(event)

    def ring(self, sound: SoundFile, *, opening: bool = False) -> None:
        """Ring ``sound`` now, or once what a step left is silent. An ``opening`` bell rung
        later than its cue (going back to the first step) holds the first line until its
        strike, as one rung on time does."""
        delay = 0.0 if self.voice is None else self.voice.turns.quiet_in()
        handle = self.stage.play(sound.path, self.stage.settings.chime_volume, delay)
        if handle is None:
            return
        self._rung = [h for h in self._rung if still_playing(h)] + [handle]
        if opening and delay > 0 and self.voice is not None:
            self.voice.turns.strikes(self.stage.wall() + delay + self._strike / self.stage.speed)

    def ring_out(self) -> None:
        """Blocking: let the end chime ring to its end, if the session rang one (plain mode,
        before the sound output closes). A quit (Ctrl+C) meanwhile fades it out instead."""
        rings_at = self.stage.end_rings_at
        if rings_at is None:
            return
        try:
            self._rang.wait(max(0.0, rings_at - self.stage.wall()) + 1.0)
            if self._end_bell is not None:
                self._end_bell.wait(RING_OUT_LONGEST)
        except KeyboardInterrupt:
            bell = self._end_bell
            if bell is not None:
                bell.fade_out(QUIT_FADE_MS)
                with suppress(KeyboardInterrupt):  # a second quit: still a fade, never a cut
                    bell.wait(FADE_AHEAD_S + QUIT_FADE_MS / 1000 + 0.5)

    def close(self) -> None:
        """Nothing to release."""

    def _leave(self) -> None:
        """The person left the step: its chimes still ringing fade, and the voice waits."""
        for handle in self._rung:
            if still_playing(handle):
                handle.fade_out(LEAVE_FADE_MS)
                if self.voice is not None:
                    silent = FADE_AHEAD_S + LEAVE_FADE_MS / 1000
                    self.voice.turns.started(handle, silent, 0.0, line=False, voice=False)
        self._rung = []

    def _ring_end(self, sound: SoundFile) -> None:
        self._end_bell = self.stage.play(sound.path, self.stage.settings.chime_volume)
        self._rang.set()

    def _end(self, event: ev.SessionEnded) -> None:
        stage = self.stage
        if event.reason != "completed":
            if stage.output is not None:
                stage.output.stop_all()  # sounds fade, never cut
                if any(still_playing(h) for h in self._rung):  # heard out before a word
                    stage.chimes_silent_at = stage.wall() + FADE_AHEAD_S + DEFAULT_FADE_MS / 1000
            self._rung = []
            return
        session = stage.session
        sound = end_chime_for(session.timeline.script, stage.settings) if session else None
        if sound is None:
            return
        output = stage.output
        if output is not None and getattr(output, "paused", False):
            output.stop_all()  # ended from a pause: what was paused stays faded; it rings alone
        voice = stage.voice
        if voice is not None and voice.is_playing():  # the person went on from the last line
            voice.fade_out(DEFAULT_FADE_MS)
            delay = FADE_AHEAD_S + DEFAULT_FADE_MS / 1000  # once the voice is silent
            stage.end_rings_at = stage.wall() + delay
            stage.later.call(delay, self._ring_end, sound)
        else:
            stage.end_rings_at = stage.wall()
            self._ring_end(sound)
