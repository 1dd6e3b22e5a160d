"""Breath by ear: each breathing phase sounds on its boundary, so the pacer can be followed with
the eyes closed. The person's "Breath sounds" setting chooses soft tones (the default), spoken
words ("in", "hold", "out", "rest"), spoken counts paced to the second ("in, two, three, four")
or none; a script's ``breath_sounds`` key chooses for itself, but the person's "none" wins.

Tones play at their own volume (``breath_volume``) and are synthesized quiet, so they sit under
the voice, and a tone that sounds while a line is said plays lower still (``ducking``); words
and counts are rendered ahead with the other lines. The engine times every phase
(``BreathPhase``), for the TUI, reduced motion and plain mode alike, and every second
(``BreathCount``) only where the counts are said (the conductor lays the timeline out so:
nothing else uses them). A tone of a step the person leaves fades, and the next line waits for
it.

A tone is started when the engine tells that its phase is coming (``BreathComing``, half a
second ahead): its stream opens then with leading silence, so its first sample is heard on the
boundary itself, not as late as the wake and the device's open make a start at the boundary. A
tone told for a phase that no longer comes (``BreathWithdrawn``: next, back, stop) is stopped
while it is still silence. Words and counts stay timed by the phase and the second themselves.

Words and counts give way to the voice: while a line is spoken over the pacer they are not said
(the tones go on), and they come back with the first phase that begins after the line has
ended. A count that would still sound when the next phase begins is not said, so it never runs
into the next phase's word.
"""

from __future__ import annotations

from pathlib import Path

from ...audio.api import FADE_AHEAD_S, PlayHandle
from ...audio.pcm import wav_seconds
from ...core.bundled import cue_sound
from ...core.script.model import Script
from ...core.script.presets import PHASE_WORDS, count_word
from ...core.session import events as ev
from ...core.session.cues import Cue
from ...core.session.engine import Session
from ...home.settings import Settings
from .ducking import ducked, under_a_line
from .stage import Stage
from .turns import LEAVE_FADE_MS, still_playing
from .voice import Voice

COUNT_CLEARS_S = 0.1
"""A count ends at least this long before the next phase's word, or isn't said."""
TONE_S = 0.9
"""The longest breath tone (audio/cues/): what the voice waits for after the end."""


def breath_mode(script: Script, settings: Settings) -> str:
    """How this script's breaths sound with these settings."""
    if settings.breath_sounds == "none":
        return "none"
    return script.breath_sounds or settings.breath_sounds


class Breath:
    """Sounds each breath phase (and, for counts, each second of it)."""

    def __init__(self, stage: Stage, voice: Voice) -> None:
        self.stage = stage
        self.voice = voice
        self.mode = "none"
        self._coming: dict[tuple[float, str], PlayHandle] = {}  # tones started ahead
        self._sounding: list[PlayHandle] = []  # tones started, that may still sound
        self._ends = 0.0  # practised moment the phase now under way ends
        self._quiet = False  # this phase's words and counts gave way to a line
        self._lengths: dict[Path, float] = {}  # each tone's seconds

    def words(self, script: Script, cues: list[Cue]) -> list[str]:
        """What the voice must render ahead for the breaths of ``script``, whose steps lay out
        ``cues``."""
        if not any(step.kind == "breathe" for step in script.steps):
            return []
        mode = breath_mode(script, self.stage.settings)
        if mode == "words":
            return list(PHASE_WORDS.values())
        if mode == "counts":
            counts = {c.count for c in cues if c.kind == "count"}
            return [*PHASE_WORDS.values(), *(count_word(n) for n in sorted(counts))]
        return []

    def begin(self, session: Session) -> None:
        """Choose the mode, and load the tones now rather than on the first phase (none for a
        script without breaths: a sit with its chimes held eight tones it never played)."""
        script = session.timeline.script
        breathes = any(step.kind == "breathe" for step in script.steps)
        self.mode = breath_mode(script, self.stage.settings) if breathes else "none"
        self._coming.clear()
        self._ends, self._quiet = 0.0, False
        if self.mode == "tones":
            for phase in PHASE_WORDS:
                cue = cue_sound(phase)
                if cue is not None:
                    for volume in (
                        self.stage.settings.breath_volume,
                        ducked(self.stage.settings.breath_volume),
                    ):
                        self.stage.prepare(cue, volume)
                    self._seconds(cue)  # read now, not as the tone is started

    def handle(self, event: ev.Event) -> None:
        """A phase is coming (its tone), withdrawn (the tone goes) or begins (its word); a
        second passes (its count)."""
        if isinstance(event, ev.BreathComing):
            if self.mode == "tones":
                self._ahead(event)
        elif isinstance(event, ev.BreathWithdrawn):
            handle = self._coming.pop((event.due, event.phase), None)
            if handle is not None:
                self._let_go(handle)
        elif ev.left(event):  # also while the step gone to waits for its voice
            for handle in self._sounding:  # a tone of the step left: it fades before a line
                self._let_go(handle)
            self._sounding = []
        elif isinstance(event, ev.SessionEnded):  # what sounds ends as the end has it (a stop
            for handle in self._sounding:  # fades everything), and is waited for by the voice
                if still_playing(handle):
                    self.voice.turns.started(handle, TONE_S, 0.0, line=False, voice=False)
            self._sounding = []
        elif isinstance(event, ev.BreathPhase):
            self._coming.pop((event.at, event.phase), None)  # on its way: nothing to hold
            self._ends = event.at + event.seconds
            self._quiet = self.voice.line_sounding()  # given way for the whole phase
            if self.mode in ("words", "counts") and not self._quiet:
                self.voice.speak(PHASE_WORDS.get(event.phase, event.phase), breath=True)
        elif isinstance(event, ev.BreathCount) and self.mode == "counts":
            self._count(count_word(event.number))

    def _count(self, word: str) -> None:
        """Say a count if it ends before the next phase begins, and no line has sounded in
        this phase."""
        self._quiet = self._quiet or self.voice.line_sounding()
        if self._quiet:
            return
        session = self.stage.session
        now = self._ends if session is None else session.practised
        left = (self._ends - now) / self.stage.speed  # wall seconds to the boundary
        seconds = self.voice.seconds(word)
        if seconds is not None and seconds + COUNT_CLEARS_S > left:
            return
        self.voice.speak(word, breath=True)

    def _ahead(self, event: ev.BreathComing) -> None:
        """Start the tone now, to be heard at the boundary: the time left is measured on the
        session's clock as it is handled (a late wake leaves less silence) and played in wall
        seconds (a ``--speed`` preview's clock runs faster)."""
        session = self.stage.session
        left = 0.0 if session is None else (event.due - session.practised) / self.stage.speed
        cue = cue_sound(event.phase)
        volume = self.stage.settings.breath_volume
        if cue is not None and under_a_line(
            session, self.voice, event.due, self._seconds(cue), self.stage.speed
        ):
            volume = ducked(volume)  # the voice stays clear (the mixing rule, ``ducking``)
        handle = self.stage.play(cue, volume, max(0.0, left))
        if handle is not None:
            self._coming[(event.due, event.phase)] = handle
            self._sounding = [h for h in self._sounding if still_playing(h)] + [handle]

    def _let_go(self, handle: PlayHandle) -> None:
        """Fade a tone that no longer belongs (the next line waits until it is silent; a tone
        still silence ahead of its boundary is never heard)."""
        if not still_playing(handle):
            return
        handle.fade_out(LEAVE_FADE_MS)
        silent = FADE_AHEAD_S + LEAVE_FADE_MS / 1000
        self.voice.turns.started(handle, silent, 0.0, line=False, voice=False)

    def _seconds(self, cue: Path) -> float:
        """A tone's length (0 when it can't be read: then only a line sounding now ducks it)."""
        if cue not in self._lengths:
            try:
                self._lengths[cue] = wav_seconds(cue)
            except (OSError, ValueError, EOFError):
                self._lengths[cue] = 0.0
        return self._lengths[cue]

    def close(self) -> None:
        """Nothing to release."""
