"""Where a soundscape's samples come from: a bundled bed in memory, or the person's own file
read a little at a time, each looped for ever without a seam.

- A bundled bed (``audio/beds/``, made by ``tools/make_beds.py``) is a short mono loop made
  seamless: its last sample leads into its first. It is held in memory (under a megabyte) and
  played in stereo, the right channel half a loop behind the left, so the two ears hear the same
  kind of sound but never the same moment: wide, not a point in the middle.
- The person's own file (WAV; FLAC and OGG through soundfile, the render extra) is read from
  disk as it plays, so a long recording costs no more memory than a short one. It was not made
  to loop, so its last ``SEAM_S`` are crossfaded (equal power) into its first: the loop plays
  the first part once, then the middle and the crossfade, again and again.
"""

from __future__ import annotations

import math
import wave
from array import array
from pathlib import Path
from typing import Any

from session_player.audio.pcm import SAMPLE_WIDTH, _from_bytes, _to_bytes, load_wav, scale
from session_player.core.files import Refused, open_regular

SEAM_S = 1.0
"""How long the crossfade is where the person's own file comes round again."""
OWN_SUFFIXES = (".wav", ".flac", ".ogg")
"""The files of their own a person can use as a soundscape."""
MAX_OWN_BYTES = 2 << 30
"""A file of one's own larger than this is refused (it is read as it plays, never whole)."""
SHORTEST_S = 2.0
"""A file shorter than this can't be looped pleasantly."""
NO_DECODER = (
    "FLAC and OGG soundscapes need soundfile (pip install 'session-player[render]'); "
    "WAV files play without it"
)


class LoopError(Exception):
    """A soundscape that can't be played; the message says why in one line."""


class MemoryLoop:
    """A seamless loop held in memory (a bundled bed), as interleaved 16-bit PCM."""

    def __init__(self, pcm: bytes, channels: int, rate: int) -> None:
        self.channels, self.rate = channels, rate
        self._pcm = pcm
        self._at = 0  # byte offset of the next frame

    def at_volume(self, gain: float) -> bool:
        """Scale the loop once, so the bed copies it as it is while its level holds."""
        if gain != 1.0:
            self._pcm = scale(self._pcm, gain)
        return True

    def read(self, frames: int) -> bytes:
        """The next ``frames`` frames, round the loop as often as needed."""
        want, out = frames * 2 * self.channels, bytearray()
        while len(out) < want:
            take = self._pcm[self._at : self._at + want - len(out)]
            out += take
            self._at = (self._at + len(take)) % len(self._pcm)
        return bytes(out)

    def close(self) -> None:
        """Nothing to let go."""


def widened(pcm: bytes) -> bytes:
    """A seamless mono loop as stereo: the right channel half a loop behind the left."""
    mono = _from_bytes(pcm)
    half = len(mono) // 2
    stereo = array("h", bytes(4 * len(mono)))
    stereo[0::2] = mono
    stereo[1::2] = mono[half:] + mono[:half]
    return _to_bytes(stereo)


class _Reader:
    """Frames of a file, from any position: WAV through the standard library, else soundfile."""

    def __init__(self, path: Path) -> None:
        self._wav: Any = None
        self._sf: Any = None
        try:
            self._stream = open_regular(path, MAX_OWN_BYTES)  # never a FIFO or a device
        except Refused as problem:
            raise LoopError(f"{path.name}: {problem}") from None
        if path.suffix.lower() == ".wav":
            try:
                self._wav = wave.open(self._stream, "rb")  # noqa: SIM115 (open as it plays)
            except (wave.Error, EOFError) as problem:
                self._stream.close()
                raise LoopError(f"{path.name} can't be read as a WAV file ({problem})") from None
            if self._wav.getsampwidth() != SAMPLE_WIDTH:
                bits = 8 * self._wav.getsampwidth()
                self.close()
                raise LoopError(f"{path.name} is {bits}-bit; save it as 16-bit WAV (or FLAC)")
            self.channels = self._wav.getnchannels()
            self.rate = self._wav.getframerate()
            self.frames = self._wav.getnframes()
            return
        try:
            import soundfile
        except ImportError:
            self._stream.close()
            raise LoopError(f"{path.name}: {NO_DECODER}") from None
        try:
            self._sf = soundfile.SoundFile(self._stream)
        except Exception as problem:  # soundfile raises its own LibsndfileError
            self._stream.close()
            raise LoopError(f"{path.name} can't be read ({problem})") from None
        self.channels, self.rate, self.frames = (
            self._sf.channels,
            self._sf.samplerate,
            self._sf.frames,
        )

    def read(self, start: int, frames: int) -> bytes:
        """``frames`` frames from frame ``start`` (fewer at the end)."""
        if self._wav is not None:
            self._wav.setpos(start)
            return bytes(self._wav.readframes(frames))
        self._sf.seek(start)
        return bytes(self._sf.buffer_read(frames, dtype="int16"))

    def close(self) -> None:
        """Close the file."""
        for handle in (self._wav, self._sf, self._stream):
            if handle is not None:
                handle.close()


class FileLoop:
    """The person's own file, read as it plays, its end crossfaded into its start."""

    def __init__(self, path: Path) -> None:
        self._file = _Reader(path)
        self.channels, self.rate = self._file.channels, self._file.rate
        n = self._file.frames
        if n < SHORTEST_S * self.rate or self.channels not in (1, 2):
            self._file.close()
            raise LoopError(f"{path.name} is too short to loop (at least {SHORTEST_S:g} s)")
        self._fb = SAMPLE_WIDTH * self.channels
        cross = min(int(SEAM_S * self.rate), n // 4)
        self._body = (cross, n - cross)  # the part read from the file each time round
        head = self._file.read(0, cross)
        self._seam = _crossfade(self._file.read(n - cross, cross), head, self.channels)
        self._parts: list[tuple[str, int, int]] = [("head", 0, cross)]
        self._head = head

    def at_volume(self, gain: float) -> bool:
        """False: a file read as it plays is scaled as it plays."""
        return False

    def read(self, frames: int) -> bytes:
        """The next ``frames`` frames."""
        out, fb = bytearray(), self._fb
        while len(out) < frames * fb:
            if not self._parts:
                self._parts = [("file", *self._body), ("seam", 0, len(self._seam) // fb)]
            kind, a, b = self._parts[0]
            take = min(b - a, frames - len(out) // fb)
            if kind == "file":
                chunk = self._file.read(a, take)
                chunk += bytes(take * fb - len(chunk))  # a file cut short reads as silence
            else:
                source = self._head if kind == "head" else self._seam
                chunk = source[a * fb : (a + take) * fb]
            out += chunk
            if a + take >= b:
                self._parts.pop(0)
            else:
                self._parts[0] = (kind, a + take, b)
        return bytes(out)

    def close(self) -> None:
        """Close the file."""
        self._file.close()


def _crossfade(tail: bytes, head: bytes, channels: int) -> bytes:
    """``tail`` fading out as ``head`` fades in, at equal power."""
    a, b = _from_bytes(tail), _from_bytes(head)
    frames = min(len(a), len(b)) // channels
    out = array("h", bytes(2 * frames * channels))
    for f in range(frames):
        theta = math.pi / 2 * f / max(1, frames)
        fade_out, fade_in = math.cos(theta), math.sin(theta)
        for c in range(channels):
            i = f * channels + c
            out[i] = max(-32768, min(32767, round(a[i] * fade_out + b[i] * fade_in)))
    return _to_bytes(out)


def open_loop(path: Path, *, bundled: bool) -> MemoryLoop | FileLoop:
    """The loop to play for ``path``; raises ``LoopError`` with a one-line reason."""
    if bundled:
        sound = load_wav(path)
        pcm = widened(sound.pcm) if sound.channels == 1 else sound.pcm
        return MemoryLoop(pcm, 2, sound.rate)
    if path.suffix.lower() not in OWN_SUFFIXES:
        raise LoopError(f"{path.name}: a soundscape is a WAV, FLAC or OGG file")
    try:
        return FileLoop(path)
    except OSError as problem:
        raise LoopError(f"{path.name} can't be read ({problem.strerror or problem})") from None
