"""Sound output: chimes and spoken lines through simpleaudio, with fades, pause and overlap.

How it works:

- Each sound plays as its own simpleaudio play object, so a bell can ring on under a spoken line;
  the audio server (PipeWire, PulseAudio) or ALSA's ``dmix`` mixes the streams, as it mixes every
  other program's sound.
- simpleaudio keeps a reference to the buffer it is given and reads it progressively as the
  device takes samples (about 100 ms ahead). We give it a ``bytearray`` and rewrite the part it has
  not reached yet: a fade-out turns the samples from ``LEAD_S`` after the estimated play position
  into a smooth ramp down to zero and zeroes everything after. The play object is stopped only
  once it is playing silence, so nothing is ever cut off mid-sound.
- Pausing fades every sound out the same way and remembers where each fade began; resuming plays
  each from there with a fade-in.
- A sound can be asked for ahead of time (``play(..., delay=)``): its stream starts now with
  leading silence, so its first sample is heard ``delay`` seconds after the call however late the
  device opens (the silence is measured on the output's clock just before the stream opens, and
  shortened by the open's own time once it has opened). A pause while the sound is still more than
  ``LEAD_S`` away takes it back whole and keeps the time left before it; a stop then is silent.

``open_output()`` returns a ``SoundOutput``, or a silent ``NullOutput`` with a one-line notice
when simpleaudio is not installed or ALSA has no device. Nothing here imports Textual.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any, TypeVar

from session_player.audio import _alsa, notices
from session_player.audio.api import (
    DEFAULT_FADE_MS,
    FADE_AHEAD_S,
    STOP_FADE_MS,
    FinishedHandle,
    Output,
    PlayHandle,
)
from session_player.audio.pcm import Sound, apply_ramp, load_wav, scale
from session_player.home import system

LEAD_S = FADE_AHEAD_S
"""How far ahead of the estimated play position a change is written, in seconds.

ALSA holds about 100 ms (simpleaudio asks for that latency) plus one write in flight; changes
closer than that might already be on their way to the speaker.
"""
MIN_FADE_MS = 10  # even "stop now" ramps down over this long: a cut would click
K = TypeVar("K")
V = TypeVar("V")


class _Voice:
    """A sound playing through one simpleaudio play object whose buffer we may still rewrite.

    States: ``waiting`` (paused before it could start, or between pause and resume),
    ``playing``, ``fading`` (on its way out for good) and ``done``.
    """

    def __init__(self, output: SoundOutput, sound: Sound) -> None:
        self.output = output
        self.sound = sound  # its samples already at the volume it plays at
        self.state = "waiting"
        self.resume_frame = 0  # where in the sound the next start begins
        self._buf = bytearray()
        self._base = 0  # the sound's frame at _buf[0]
        self._t0 = 0.0  # when _buf[0] was handed to ALSA
        self._end = 0.0  # when the last audible sample of _buf is due
        self._obj: Any = None
        self._lead = 0  # frames of leading silence at the start of _buf
        self._heard = 0.0  # when the sound's first sample in _buf is due
        self.held = True  # paused and resumed with the others (False: plays through a pause)
        self.target: float | None = None  # clock time its first sample is to be heard
        self.left = 0.0  # seconds of silence still to come before it, when started later
        self._quiet_at = 0.0  # when a pause's fade-out of it has ended

    def is_playing(self) -> bool:
        """True while audible, or paused and waiting to go on."""
        with self.output.lock:
            if self.state == "waiting":
                return True
            return self.state != "done" and self.output.clock() < self._end

    def start(self, fade_in_ms: int) -> None:
        """Play from ``resume_frame``, fading in over ``fade_in_ms``, after silence until
        ``target`` (if set)."""
        sound, fb, clock = self.sound, self.sound.frame_bytes, self.output.clock
        with self.output.lock:
            body = bytearray(sound.pcm[self.resume_frame * fb :])
            n = min(len(body) // fb, fade_in_ms * sound.rate // 1000)
            if n > 0:
                body[: n * fb] = apply_ramp(body[: n * fb], sound.channels, 0.0, 1.0)
            called = clock()
            lead = 0 if self.target is None else max(0, round((self.target - called) * sound.rate))
            buf = bytearray(lead * fb) + body
            self._obj = self.output.play_buffer(buf, sound.channels, sound.rate) if body else None
            if self._obj is None:
                self.state = "done"
                return
            self._t0 = clock()
            # The device took time to open: bring the sound that much earlier, while it is still
            # too far ahead to be on its way to ALSA (the same buffer, rewritten in place).
            late = round((self._t0 - called) * sound.rate)
            if lead and late > 0 and (lead - late) / sound.rate > LEAD_S:
                buf[(lead - late) * fb :] = buf[lead * fb :] + bytes(late * fb)
                lead -= late
            self._buf, self._base, self._lead = buf, self.resume_frame, lead
            self._heard = self._t0 + lead / sound.rate
            self._end = self._t0 + len(buf) / fb / sound.rate
            self.target = None
            self.state = "playing"

    def _ramp_down(self, ms: int) -> int | None:
        """Fade the part not yet handed to ALSA down to silence.

        Returns the frame of ``_buf`` where the fade begins, or None when the sound ends within
        the lead time anyway (then it is left to end by itself).
        """
        sound, fb = self.sound, self.sound.frame_bytes
        total = len(self._buf) // fb
        start = int((self.output.clock() - self._t0 + LEAD_S) * sound.rate)
        if start >= total:
            return None
        n = max(1, min(total - start, max(ms, MIN_FADE_MS) * sound.rate // 1000))
        if start < self._lead:  # still the leading silence: cut there, nothing to fade
            n = 0
        a, b = start * fb, (start + n) * fb
        self._buf[a:b] = apply_ramp(self._buf[a:b], sound.channels, 1.0, 0.0)
        self._buf[b:] = bytes(len(self._buf) - b)
        self._end = min(self._end, self._t0 + (start + n) / sound.rate)
        # Stop simpleaudio once it is writing zeros: its stop drains what is queued, all silence.
        self.output.later(self._end - self.output.clock() + 0.05, self._obj.stop)
        return start

    def fade_out(self, ms: int = DEFAULT_FADE_MS) -> None:
        """Fade to silence for good over ``ms`` milliseconds."""
        with self.output.lock:
            if self.state == "waiting":
                self.state = "done"
            elif self.state in ("playing", "fading"):
                self.state = "fading"
                self._ramp_down(ms)

    def stop(self) -> None:
        """Stop with a very short fade."""
        self.fade_out(STOP_FADE_MS)

    def pause(self, ms: int = DEFAULT_FADE_MS) -> None:
        """Fade out and remember where the fade began."""
        with self.output.lock:
            if self.state == "fading":
                self.state = "done"
            elif self.state == "playing":
                start = self._ramp_down(ms)
                if start is None:
                    self.state = "done"
                elif start < self._lead:  # taken back before a sample of it was due
                    self.state = "waiting"
                    self.left = self._heard - self.output.clock()
                else:
                    self.state = "waiting"
                    self.resume_frame = self._base + start - self._lead
                    self.left = 0.0
                    self._quiet_at = self._end  # its fade-out sounds until then

    def resume(self, ms: int = DEFAULT_FADE_MS) -> None:
        """Fade back in from where the pause began to fade."""
        with self.output.lock:
            if self.state == "waiting":
                ahead = self.left > 0
                now = self.output.clock()
                self.target = now + self.left if ahead else None
                if not ahead and self._quiet_at > now:  # a quick resume: after its own fade-out,
                    self.target = self._quiet_at  # never over it (one voice, not two of it)
                self.start(fade_in_ms=0 if ahead and self.resume_frame == 0 else ms)

    def wait(self, timeout: float | None = None) -> bool:
        """Block until the sound has ended (or ``timeout`` seconds passed: False)."""
        deadline = None if timeout is None else time.monotonic() + timeout
        while self.is_playing():
            if deadline is not None and time.monotonic() >= deadline:
                return False
            time.sleep(0.01)
        return True


class SoundOutput:
    """Plays sounds through simpleaudio; see the module docstring for how fades work."""

    def __init__(
        self, simpleaudio: ModuleType, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.lock = threading.RLock()
        self.clock = clock
        self._sa = simpleaudio
        self._voices: list[_Voice] = []
        self._paused = False
        # Each sound at each volume it plays at, ready: a file's samples as read are not kept
        # beside their scaled copy (issue 26), and are read again for another volume.
        self._ready: OrderedDict[tuple[object, int], Sound] = OrderedDict()

    @property
    def available(self) -> bool:
        """True: sounds are heard."""
        return True

    @property
    def paused(self) -> bool:
        """True between ``pause()`` and ``resume()``."""
        return self._paused

    def ready(self, sound: Sound | Path, volume: int) -> Sound:
        """``sound`` at ``volume`` (1-100), as a sound of its own; a small cache keeps the recent
        ones (a file's until it changes)."""
        key: tuple[object, int]
        if isinstance(sound, Sound):
            key = (sound, volume)
        else:
            key = ((Path(sound), Path(sound).stat().st_mtime_ns), volume)
        with self.lock:
            found = _recall(self._ready, key)
        if found is None:
            raw = sound if isinstance(sound, Sound) else load_wav(Path(sound))
            found = raw
            if volume != 100:
                found = Sound(scale(raw.pcm, volume / 100), raw.rate, raw.channels, raw.name)
            with self.lock:
                _remember(self._ready, key, found)
        return found

    def prepare(self, sound: Sound | Path, volume: int = 100) -> None:
        """Load and scale ahead of time so that ``play`` only has to hand samples to ALSA."""
        if volume > 0:
            self.ready(sound, _clamp(volume))

    def play(
        self, sound: Sound | Path, volume: int = 100, delay: float = 0.0, held: bool = True
    ) -> PlayHandle:
        """Start ``sound`` at ``volume`` (0-100; the amplitude scales linearly, 0 plays nothing),
        its first sample heard ``delay`` seconds after this call (at once if 0 or less).

        While paused, the sound waits and starts on ``resume()`` (then ``delay`` after it),
        unless it is not ``held``: then it plays through the pause, and a pause leaves it be.
        """
        called = self.clock()
        volume = _clamp(volume)
        if volume == 0:
            return FinishedHandle()
        voice = _Voice(self, self.ready(sound, volume))
        voice.held = held
        with self.lock:
            self._voices = [v for v in self._voices if v.is_playing()]
            if delay > 0:
                voice.target, voice.left = called + delay, delay
            if not self._paused or not held:
                voice.start(fade_in_ms=0)
            if voice.state != "done":
                self._voices.append(voice)
        return voice

    def play_buffer(self, buf: bytearray, channels: int, rate: int) -> Any:
        """Hand ``buf`` to simpleaudio; None if the device refuses."""
        try:
            return self._sa.play_buffer(buf, channels, 2, rate)
        except Exception:  # simpleaudio raises its own SimpleaudioError
            return None

    def later(self, delay: float, action: Callable[[], object]) -> None:
        """Run ``action`` after ``delay`` seconds on a daemon timer thread."""
        timer = threading.Timer(max(0.0, delay), action)
        timer.daemon = True
        timer.start()

    def pause(self, fade_ms: int = DEFAULT_FADE_MS) -> None:
        """Fade out everything that sounds; ``resume`` goes on from where each fade began."""
        with self.lock:
            self._paused = True
            for voice in self._voices:
                if voice.held:
                    voice.pause(fade_ms)

    def resume(self, fade_ms: int = DEFAULT_FADE_MS) -> None:
        """Fade paused sounds back in from where they were paused."""
        with self.lock:
            self._paused = False
            for voice in self._voices:
                voice.resume(fade_ms)

    def stop_all(self, fade_ms: int = DEFAULT_FADE_MS) -> None:
        """Fade out every sound for good (paused ones are dropped)."""
        with self.lock:
            for voice in self._voices:
                voice.fade_out(fade_ms)
            self._voices = [v for v in self._voices if v.state != "done"]

    def close(self) -> None:
        """Stop everything with a short fade and wait (briefly) until it is silent."""
        with self.lock:
            voices = list(self._voices)
        self.stop_all(STOP_FADE_MS)
        for voice in voices:
            voice.wait(timeout=LEAD_S + 0.5)


class NullOutput:
    """The quiet fallback: same interface as ``SoundOutput``, nothing is heard."""

    def __init__(self) -> None:
        self._paused = False

    @property
    def available(self) -> bool:
        """False: nothing is heard."""
        return False

    @property
    def paused(self) -> bool:
        """True between ``pause()`` and ``resume()``."""
        return self._paused

    def prepare(self, sound: Sound | Path, volume: int = 100) -> None:
        """Nothing to prepare."""

    def play(
        self, sound: Sound | Path, volume: int = 100, delay: float = 0.0, held: bool = True
    ) -> PlayHandle:
        """Play nothing; the handle has already ended."""
        return FinishedHandle()

    def pause(self, fade_ms: int = DEFAULT_FADE_MS) -> None:
        """Remember the pause (for ``paused``)."""
        self._paused = True

    def resume(self, fade_ms: int = DEFAULT_FADE_MS) -> None:
        """Forget the pause."""
        self._paused = False

    def stop_all(self, fade_ms: int = DEFAULT_FADE_MS) -> None:
        """Nothing sounds."""

    def close(self) -> None:
        """Nothing to release."""


CACHE_SIZE = 16  # sounds kept loaded and scaled: the chimes, and the lines about to be spoken


def _recall(cache: OrderedDict[K, V], key: K) -> V | None:
    value = cache.get(key)
    if value is not None:
        cache.move_to_end(key)
    return value


def _remember(cache: OrderedDict[K, V], key: K, value: V) -> None:
    cache[key] = value
    while len(cache) > CACHE_SIZE:
        cache.popitem(last=False)


def _clamp(volume: int) -> int:
    return max(0, min(100, int(volume)))


def open_output() -> tuple[Output, str | None]:
    """The real output, or ``NullOutput`` and a one-line notice saying how to get sound.

    ALSA is probed on Linux only; simpleaudio plays through CoreAudio on macOS and WinMM on
    Windows, where there is no libasound to ask.
    """
    try:
        import simpleaudio
    except ImportError:  # not installed, or built against an ALSA that is missing now
        return NullOutput(), notices.no_sound_extra()
    if system.current() == "linux":
        system.cap_malloc_arenas()  # ctypes is loaded here anyway; the sounds' threads share
        reason = _alsa.probe_playback()  # also keeps ALSA's own messages off the terminal
        if reason is not None:
            return NullOutput(), notices.no_device(reason)
    return SoundOutput(simpleaudio), None
