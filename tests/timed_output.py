"""What a person would hear, on a manual clock: an output that keeps every sound's audible
stretches (its start, its length, fades, pauses), and a speech renderer whose lines have
lengths, so a test can ask whether two voices ever sounded together.

The output follows the real player's rules (``audio/player.py``): a sound asked for with a
delay is heard that much later; a fade over ``ms`` begins ``FADE_AHEAD_S`` ahead of the play
position; a pause fades out the same way and the sound goes on from there on resume, while a
sound still more than ``FADE_AHEAD_S`` away is taken back whole. ALSA-captured tests check
the player itself keeps to these rules (tests/audio/).
"""

from __future__ import annotations

import itertools
import wave
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from conductor_fakes import FakeSpeech, ManualTimers, ManualWorkers

from session_player.audio.api import DEFAULT_FADE_MS, FADE_AHEAD_S, STOP_FADE_MS
from session_player.conductor.dispatcher import Conductor
from session_player.core.clock import FakeClock
from session_player.core.script.model import Script
from session_player.core.session import events as ev
from session_player.core.session.engine import Session
from session_player.home.settings import Settings

WORD_S = 0.4  # a spoken word in these fakes
SPEECH_LEAD_S = 0.25  # and the breath around a line


def said_seconds(text: str) -> float:
    """How long the fake voice takes over ``text``."""
    return SPEECH_LEAD_S + WORD_S * len(text.split())


class TimedSpeech(FakeSpeech):
    """Renders each line to a name of its own, ``said_seconds`` long; knows which are speech."""

    def __init__(self, folder: Path) -> None:
        super().__init__(folder)
        self.lines: dict[str, Path] = {}
        self.lengths: dict[Path, float] = {}
        self.texts: dict[str, str] = {}  # file name -> the words
        self.rates: dict[str, int] = {}  # the words a minute each line was asked for

    def _path(self, text: str, folder: Path) -> Path:
        path = folder / f"speech{len(self.lengths)}.wav"
        self.lengths[path] = said_seconds(text)
        self.texts[path.name] = text
        return path

    def render_missing(self, lines: Any, voice: str | None, rate: int, progress: Any) -> dict:
        self.rates.update({line: rate for line in lines})
        for line in lines:
            if line not in self.lines:
                self.lines[line] = self._path(line, self.folder)
        return {line: self.lines[line] for line in lines}

    def render_to(self, text: str, voice: str | None, rate: int, folder: Path) -> Path:
        return self._path(text, folder)

    def length_seconds(self, path: Path) -> float:
        return self.lengths[path]

    def is_speech(self, path: Path) -> bool:
        return path in self.lengths


@dataclass
class Sound:
    """One sound played: the stretches of the wall clock in which it is heard."""

    name: str
    speech: bool
    volume: int
    start: float  # of the stretch now under way (or next, while paused)
    end: float
    heard: list[tuple[float, float]] = field(default_factory=list)  # stretches closed
    held: bool = True  # paused with the rest (False: it plays through a pause)
    gone: bool = False  # faded out for good: a pause leaves its fade to end, and it never resumes
    quiet_at: float = 0.0  # a pause's fade-out of it ends then: it goes on no sooner
    left: float | None = None  # while paused: seconds of it still to come
    ahead: float = 0.0  # while paused before it began: the silence still to come

    def stretches(self) -> list[tuple[float, float]]:
        """Every stretch in which it was (or will be) heard."""
        now = [] if self.left is not None else [(self.start, self.end)]
        return [(a, b) for a, b in [*self.heard, *now] if b > a]


class Handle:
    """A ``PlayHandle`` over one ``Sound``."""

    def __init__(self, output: TimedOutput, sound: Sound) -> None:
        self.output, self.sound = output, sound

    def is_playing(self) -> bool:
        return self.sound.left is not None or self.output.now() < self.sound.end

    def fade_out(self, ms: int = DEFAULT_FADE_MS) -> None:
        sound = self.sound
        if sound.left is not None:  # paused: it never goes on
            sound.left = None
            sound.start = sound.end = 0.0
            return
        silent = self.output.now() + FADE_AHEAD_S + ms / 1000
        if sound.start >= self.output.now() + FADE_AHEAD_S:
            silent = sound.start  # still silence ahead: taken back unheard
        sound.end = min(sound.end, silent)
        sound.gone = True

    def stop(self) -> None:
        self.fade_out(STOP_FADE_MS)

    def wait(self, timeout: float | None = None) -> bool:
        return not self.is_playing()


class TimedOutput:
    """An ``Output`` that keeps what would be heard, on the wall clock ``now``."""

    available = True

    def __init__(self, now: Callable[[], float], speech: TimedSpeech) -> None:
        self.now = now
        self.speech = speech
        self.sounds: list[Sound] = []
        self.handles: list[Handle] = []
        self._paused = False

    @property
    def paused(self) -> bool:
        return self._paused

    def prepare(self, sound: Path, volume: int = 100) -> None:
        pass

    def play(self, sound: Path, volume: int = 100, delay: float = 0.0, held: bool = True) -> Handle:
        start = self.now() + max(0.0, delay)
        length = self.speech.lengths.get(sound) or _wav_seconds(sound)
        played = Sound(sound.name, self.speech.is_speech(sound), volume, start, start + length)
        played.held = held
        if self._paused and held:
            played.left, played.ahead = length, max(0.0, delay)
        self.sounds.append(played)
        handle = Handle(self, played)
        self.handles.append(handle)
        return handle

    def pause(self, fade_ms: int = DEFAULT_FADE_MS) -> None:
        now = self.now()
        self._paused = True
        for sound in self.sounds:
            if sound.left is not None or sound.end <= now or not sound.held or sound.gone:
                continue
            if sound.start >= now + FADE_AHEAD_S:  # not begun: kept whole
                sound.left, sound.ahead = sound.end - sound.start, sound.start - now
                continue
            fade_from = now + FADE_AHEAD_S
            sound.quiet_at = min(sound.end, fade_from + fade_ms / 1000)
            sound.heard.append((sound.start, sound.quiet_at))
            sound.left, sound.ahead = max(0.0, sound.end - fade_from), 0.0

    def resume(self, fade_ms: int = DEFAULT_FADE_MS) -> None:
        now = self.now()
        self._paused = False
        for sound in self.sounds:
            if sound.left is None:
                continue
            # It goes on after its own fade-out, even on a quick resume.
            sound.start = max(now + sound.ahead, sound.quiet_at)
            sound.end = sound.start + sound.left
            sound.left = None

    def stop_all(self, fade_ms: int = DEFAULT_FADE_MS) -> None:
        for handle in self.handles:
            handle.fade_out(fade_ms)

    def close(self) -> None:
        self.stop_all(STOP_FADE_MS)

    def voices_together(self, floor: float = 0.02) -> list[tuple[str, str, float]]:
        """Every two speech sounds heard at once for more than ``floor`` seconds: (the words
        of each, the moment)."""
        words = self.speech.texts
        stretches = [(s, a, b) for s in self.sounds if s.speech for a, b in s.stretches()]
        found = []
        for (s, a, b), (t, c, d) in itertools.combinations(stretches, 2):
            if s is not t and min(b, d) - max(a, c) > floor:
                found.append((words.get(s.name, s.name), words.get(t.name, t.name), max(a, c)))
        return found

    def said(self) -> list[tuple[float, str]]:
        """Each speech sound's first moment heard, and its words, in order."""
        words = self.speech.texts
        heard = [
            (s.stretches()[0][0], words[s.name]) for s in self.sounds if s.speech and s.stretches()
        ]
        return sorted(heard)


def _wav_seconds(path: Path) -> float:
    with wave.open(str(path), "rb") as w:
        return w.getnframes() / w.getframerate()


class Sitting:
    """A session played through the real conductor into a ``TimedOutput``: the session's clock
    and the conductor's timers move together when the test says, and lines with answers in
    them are rendered the moment the answer is given."""

    def __init__(
        self,
        script: Script,
        folder: Path,
        workers: ManualWorkers,
        *,
        speed: float = 1.0,
        speech: TimedSpeech | None = None,
        **settings: Any,
    ) -> None:
        self.speed = speed  # the session's clock runs this many times faster (a preview)
        self.timers = ManualTimers()
        self.workers = workers
        self.speech = speech or TimedSpeech(folder)
        self.out = TimedOutput(self.timers.wall, self.speech)
        chosen = Settings(
            **{
                "start_chime": "none",
                "end_chime": "none",
                "checkins": False,
                "timer_checkins": False,
                **settings,
            }
        )
        self.conductor = Conductor(
            chosen,
            output=self.out,
            speech=self.speech,
            wall=self.timers.wall,
            timers=self.timers,  # type: ignore[arg-type]
            speed=speed,
        )
        self.conductor.grounds = True  # a grounding pause may open, as in the TUI
        timeline = self.conductor.prepare(script, lambda done, total: None)
        self.clock = FakeClock(0.0)
        self.session = Session(timeline, self.clock)
        self.conductor.begin(self.session)
        self.events: list[ev.Event] = []
        self.render_at_once = True  # lines with answers in them are ready the moment answered
        self.hand(self.session.start())

    def hand(self, events: list[ev.Event]) -> None:
        """Give ``events`` to the conductor, as a front end does."""
        self.events += events
        self.conductor.handle(events)
        if self.render_at_once and any(isinstance(e, ev.Answered) for e in events):
            self.workers.run()

    def wait(self, seconds: float) -> None:
        """Let ``seconds`` pass, polling whenever something is due."""
        until = self.timers.now + seconds
        while self.timers.now < until - 1e-9:
            due = self.session.next_due()
            step = min(until - self.timers.now, 1.0)
            if due is not None:
                step = min(step, max(0.0, due - self.clock()) / self.speed)
            for timer in self.timers.armed:  # the clocks move together: a timer fires on time
                step = min(step, max(0.0, timer.due - self.timers.now))
            step = max(step, 1e-3)
            self.clock.advance(step * self.speed)
            self.timers.advance(step)
            self.hand(self.session.poll())

    def to_end(self, limit: float = 4 * 3600) -> None:
        """Play on until the session ends (answering nothing)."""
        while self.session.ended is None and self.timers.now < limit:
            self.wait(1.0)
