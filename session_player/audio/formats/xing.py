"""The Info frame at the start of an MP3 (a Xing header with LAME's extension): how many frames
and bytes follow, a table to seek by, and the encoder's delay and padding, which decoders and
players (mpg123, and so libsndfile; ffmpeg) use to play the file gapless, its first sample the
session's first. LAME writes it only where it is handed the file (libsndfile does); lameenc
hands back frames, so ``lame`` writes it here.

Only MPEG-1 Layer III, mono: what ``lame`` encodes (the mix's 44.1 kHz, or 32 or 48 kHz).
"""

from __future__ import annotations

import struct
from array import array

KBPS = (0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320)
"""MPEG-1 Layer III's bit rates, by the header's index."""
RATES = {44100: 0, 48000: 1, 32000: 2}
"""MPEG-1's sample rates, to the header's index."""
SAMPLES = 1152  # per frame
DELAY = 576  # LAME's encoder delay: samples before the first one it was given
SIDE = 17  # bytes of side information in a mono frame, after the 4-byte header
XING = 120  # "Info", flags, frames, bytes, a table of 100, quality
EXTENSION = 36  # LAME's: its version, ..., delay and padding, ..., the tag's CRC


class NotMpeg(RuntimeError):
    """The encoder wrote something that isn't an MPEG-1 Layer III frame."""


def frame_bytes(kbps: int, rate: int, padded: bool = False) -> int:
    """The length of one frame."""
    return 144000 * kbps // rate + int(padded)


def info_size(rate: int) -> int:
    """The Info frame's length: the shortest frame that holds the header and extension."""
    need = 4 + SIDE + XING + EXTENSION
    return next(frame_bytes(k, rate) for k in KBPS[1:] if frame_bytes(k, rate) >= need)


class Frames:
    """Where each frame of a stream begins, found as the stream is written piece by piece."""

    def __init__(self, rate: int) -> None:
        self.rate = rate
        self.starts = array("I")
        self.length = 0  # bytes seen
        self._tail = b""  # the last bytes seen, where a header may begin
        self._next = 0  # where the next frame begins

    def feed(self, data: bytes) -> None:
        """The stream's next ``data``."""
        held = self._tail + data
        base = self.length - len(self._tail)
        self.length += len(data)
        while self._next + 3 <= self.length:
            at = self._next - base
            index = held[at + 2] >> 4
            if held[at] != 0xFF or held[at + 1] & 0xFE != 0xFA or not 0 < index < len(KBPS):
                raise NotMpeg(f"no MPEG-1 Layer III frame at byte {self._next}")
            self.starts.append(self._next)
            kbps = KBPS[index]
            self._next += frame_bytes(kbps, self.rate, bool(held[at + 2] & 2))
        self._tail = held[max(0, self._next - base) :]


def info_frame(frames: Frames, samples: int, quality: int) -> bytes:
    """The Info frame for ``frames`` (written after it), which hold ``samples`` samples;
    ``quality`` as LAME counts it (100 less ten times the VBR quality, less ``-q``)."""
    size = info_size(frames.rate)
    count, total = len(frames.starts), size + frames.length
    index = next(n for n, k in enumerate(KBPS) if k and frame_bytes(k, frames.rate) == size)
    frame = bytearray(size)
    frame[0:4] = bytes([0xFF, 0xFB, index << 4 | RATES[frames.rate] << 2, 0xC4])  # mono
    table = bytes(
        min(255, (size + frames.starts[min(count - 1, n * count // 100)]) * 256 // total)
        if count
        else 0
        for n in range(100)
    )
    at = 4 + SIDE
    frame[at : at + XING] = b"Info" + struct.pack(">III", 0xF, count, total) + table
    frame[at + XING - 4 : at + XING] = struct.pack(">I", quality)
    padding = max(0, count * SAMPLES - DELAY - samples)
    lame = bytearray(EXTENSION)
    lame[0:9] = b"LAME3.100"
    lame[9] = 4  # variable bit rate, LAME's newer method
    lame[21:24] = bytes([DELAY >> 4, (DELAY & 0xF) << 4 | padding >> 8 & 0xF, padding & 0xFF])
    lame[24] = {44100: 1, 48000: 2}.get(frames.rate, 0) << 6  # the source's rate
    lame[28:32] = struct.pack(">I", total)
    at += XING
    frame[at : at + EXTENSION] = lame
    end = at + EXTENSION - 2
    frame[end : end + 2] = struct.pack(">H", crc16(bytes(frame[:end])))
    return bytes(frame)


def crc16(data: bytes) -> int:
    """The CRC LAME's extension ends with (CRC-16, polynomial 0x8005, reflected)."""
    crc = 0
    for byte in data:
        crc ^= byte
        for _ in range(8):
            crc = (crc >> 1) ^ 0xA001 if crc & 1 else crc >> 1
    return crc
