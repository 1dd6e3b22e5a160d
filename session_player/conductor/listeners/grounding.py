"""The grounding pause by ear: with the eyes closed, the person hears that the session has
paused and what to do, and a soft "Resuming." when it goes on.

The words are the screen's (``core.care.grounding_words``, the crisis sentence and the person's
own support line with them), rendered with the session's lines, a little slower (``CALM``). The
session is paused while they are said, so they play through the pause (not ``held``). The line
the session was saying when the pause opened is let go rather than resumed under them. Choosing
to resume fades the grounding words and says "Resuming." softly once they are silent; the
session's next line waits its turn after it. Choosing to end lets the end fade everything.
"""

from __future__ import annotations

import threading
from contextlib import suppress
from pathlib import Path

from ...audio.api import FADE_AHEAD_S, PlayHandle
from ...core.care import grounding_words
from ...core.script.text import plain
from ...core.session import events as ev
from ...core.session.engine import Session
from .stage import Stage
from .turns import LEAVE_FADE_MS
from .voice import Voice

CALM = 0.85
"""The grounding words are said at this share of the person's words a minute."""
SOFT = 0.6
""""Resuming." is said at this share of the voice volume."""
RESUMING = "Resuming."


class Grounding:
    """Says the grounding pause, and the resume after it."""

    def __init__(self, stage: Stage, voice: Voice) -> None:
        self.stage = stage
        self.voice = voice
        self._rendered: dict[str, Path] = {}
        self._saying: PlayHandle | None = None
        self._open = False  # the pause is on screen
        self._lock = threading.Lock()
        self.rendered = threading.Event()
        """Set once the pause's words are rendered (or can't be): a test waits on it."""

    def render(self) -> None:
        """Render the pause's words and "Resuming." in the background, after the session's
        lines (so the voice for the script's language is known, and the session's first word
        never waits for them). Without them the pause is shown only."""
        self.rendered.clear()
        threading.Thread(target=self._render, name="grounding", daemon=True).start()

    def _render(self) -> None:
        speech = self.voice.speech
        rate = max(80, round(self.stage.settings.voice_rate * CALM))
        texts = [plain(self._words()), RESUMING]
        try:
            if speech is not None:
                with suppress(Exception):  # a pause that can't be said is still shown
                    self._rendered = speech.render_missing(texts, self.voice.voice_id, rate, None)
            with self._lock:
                late = self._open and self._saying is None  # opened before its words were ready
            if late:
                self._say()
        finally:
            self.rendered.set()

    def ground(self) -> None:
        """The grounding pause opens (the session is already paused): say it (as soon as its
        words are rendered, if they are not yet)."""
        self.voice.turns.leave()  # the line it interrupted is not resumed under these words
        self._quiet()
        with self._lock:
            self._open = True
        self._say()

    def _say(self) -> None:
        path = self._rendered.get(plain(self._words()))
        if path is None:
            return
        volume = self.stage.settings.voice_volume
        after = self.voice.turns.turn()  # once the pause's own fade-out is silent
        with self._lock:
            if self._open and self._saying is None:
                self._saying = self.stage.play(path, volume, after, held=False)

    def grounded(self, resume: bool) -> None:
        """The pause closes (after the session has resumed, or ended): its words fade, and on
        resuming "Resuming." is said softly once they are silent."""
        with self._lock:
            self._open = False
        delay = FADE_AHEAD_S + LEAVE_FADE_MS / 1000 if self._quiet() else 0.0
        path = self._rendered.get(RESUMING)
        if not resume or path is None or self.voice.speech is None:
            return
        volume = round(self.stage.settings.voice_volume * SOFT)
        handle = self.stage.play(path, volume, delay, held=False)
        if handle is not None:  # the session's next line waits its turn after it
            seconds = self.voice.speech.length_seconds(path)
            self.voice.turns.started(handle, seconds, delay, line=True)

    def _quiet(self) -> bool:
        """Fade the grounding words if they still sound; whether they did."""
        with self._lock:
            saying, self._saying = self._saying, None
        if saying is None or not saying.is_playing():
            return False
        saying.fade_out(LEAVE_FADE_MS)
        return True

    def _words(self) -> str:
        return grounding_words(self.stage.settings.crisis_line)

    def begin(self, session: Session) -> None:
        """Nothing to do before the session."""

    def handle(self, event: ev.Event) -> None:
        """The end lets the pause's words go with everything else."""
        if isinstance(event, ev.SessionEnded):
            with self._lock:
                self._saying, self._open = None, False

    def close(self) -> None:
        """Nothing to release."""
