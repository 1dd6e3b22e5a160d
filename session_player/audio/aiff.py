"""AIFF to WAV: pyttsx3 on macOS writes AIFF whatever the file name says.

Apple's speech synthesizer saves to a URL as AIFF (or AIFF-C), so a line asked for as
``line.wav`` arrives as big-endian AIFF. Every other part of the player reads 16-bit
little-endian WAV, so a finished AIFF file is rewritten as one, in place. Pure Python: the
standard library's ``aifc`` is gone from Python 3.13.
"""

from __future__ import annotations

import math
import os
import struct
import sys
import wave
from array import array
from dataclasses import dataclass
from pathlib import Path

_FORMS = (b"AIFF", b"AIFC")
_BIG, _LITTLE = b"NONE", b"sowt"  # AIFF-C's uncompressed sample orders


@dataclass(frozen=True)
class _Layout:
    channels: int
    frames: int
    width: int  # bytes per sample
    rate: int
    little: bool
    data: bytes  # the sample bytes found (possibly fewer than the header promises)

    @property
    def complete(self) -> bool:
        return self.frames > 0 and len(self.data) >= self.frames * self.channels * self.width


def is_aiff(path: Path) -> bool:
    """True when ``path`` starts like an AIFF or AIFF-C file."""
    try:
        with open(path, "rb") as f:
            head = f.read(12)
    except OSError:
        return False
    return len(head) == 12 and head[:4] == b"FORM" and head[8:] in _FORMS


def _extended(raw: bytes) -> float:
    """An 80-bit IEEE 754 extended float (AIFF's sample rate)."""
    exponent, mantissa = struct.unpack(">HQ", raw)
    sign = -1 if exponent & 0x8000 else 1
    exponent &= 0x7FFF
    if exponent == 0 and mantissa == 0:
        return 0.0
    return sign * math.ldexp(mantissa, exponent - 16383 - 63)


def _layout(blob: bytes) -> _Layout | None:
    """The format and samples of an AIFF file, or None before its header and samples begin."""
    if len(blob) < 12 or blob[:4] != b"FORM" or blob[8:12] not in _FORMS:
        return None
    comm: tuple[int, int, int, int, bool] | None = None
    data: bytes | None = None
    at = 12
    while at + 8 <= len(blob):
        kind, size = blob[at : at + 4], struct.unpack(">I", blob[at + 4 : at + 8])[0]
        body = blob[at + 8 : at + 8 + size]
        if kind == b"COMM" and len(body) >= 18:
            channels, frames, bits = struct.unpack(">hIh", body[:8])
            little = False
            if blob[8:12] == b"AIFC" and len(body) >= 22:
                compression = body[18:22]
                if compression not in (_BIG, _LITTLE):
                    raise ValueError(f"compressed AIFF-C ({compression.decode(errors='replace')})")
                little = compression == _LITTLE
            comm = (channels, frames, (bits + 7) // 8, round(_extended(body[8:18])), little)
        elif kind == b"SSND" and len(body) >= 8:
            offset = struct.unpack(">I", body[:4])[0]
            data = body[8 + offset :]
        at += 8 + size + (size & 1)
    if comm is None or data is None:
        return None
    channels, frames, width, rate, little = comm
    if width not in (1, 2, 3, 4) or channels < 1 or rate <= 0:
        raise ValueError(f"unusual AIFF format ({width * 8}-bit, {channels} channels, {rate} Hz)")
    return _Layout(channels, frames, width, rate, little, data)


def _to_16_bit_little(layout: _Layout) -> bytes:
    """The samples as 16-bit little-endian PCM (the top 16 bits of wider samples)."""
    n = layout.frames * layout.channels
    raw = layout.data[: n * layout.width]
    samples = array("h")
    if layout.width == 1:
        samples.extend(b * 256 for b in struct.unpack(f"{n}b", raw))
    else:
        step = layout.width
        if step > 2:  # keep the most significant two bytes of each sample
            top = slice(step - 2, step) if layout.little else slice(0, 2)
            raw = b"".join(raw[i : i + step][top] for i in range(0, len(raw), step))
        samples.frombytes(raw)
        if layout.little != (sys.byteorder == "little"):
            samples.byteswap()
    if sys.byteorder == "big":
        samples.byteswap()
    return samples.tobytes()


def convert_in_place(path: Path) -> bool:
    """Rewrite a complete AIFF file at ``path`` as a 16-bit WAV file.

    Returns False while the file is still incomplete (the synthesizer is writing it);
    raises ``ValueError`` for an AIFF this cannot read (compressed, say).
    """
    try:
        blob = Path(path).read_bytes()
    except OSError:
        return False
    layout = _layout(blob)
    if layout is None or not layout.complete:
        return False
    pcm = _to_16_bit_little(layout)
    tmp = Path(path).with_name(f".{Path(path).name}.{os.getpid()}.wav")
    try:
        with wave.open(str(tmp), "wb") as w:
            w.setnchannels(layout.channels)
            w.setsampwidth(2)
            w.setframerate(layout.rate)
            w.writeframes(pcm)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    return True
