"""MP3 encoded by LAME through lameenc, in a thread beside the mixing.

The LAME in soundfile's wheels encodes four to five times slower than lameenc's at the same
settings, and libsndfile can't set LAME's algorithm quality (``docs/performance.md``): a
20-minute session took about 17 s to encode there, 3 to 4 s here. lameenc is a small, kept
binding with wheels wherever soundfile has them, and it lets go of the GIL while it encodes, so
the encoding of one block overlaps the mixing of the next. Where it is not installed, libsndfile
encodes as before (``mp3.FORMAT``). The file begins with the Info frame (``xing``), so it
decodes to the session's samples at their moments, without LAME's delay.
"""

from __future__ import annotations

import queue
import threading
from pathlib import Path
from types import TracebackType
from typing import BinaryIO

import numpy as np

from ..mixdown import Samples
from . import xing

VBR_QUALITY = 4  # LAME's -V4: about 58 kb/s for a mono session, bells and all
QUALITY = 3  # LAME's own default (-q 3); 7, its fastest, saves little more at this rate
QUEUED = 8  # blocks waiting for the encoder, at most


class LameFile:
    """A mono MP3 file being written: ``write`` float blocks, then ``close``; left by an
    error (Ctrl+C included), it stops the encoder and leaves the file unfinished."""

    def __init__(self, path: Path, rate: int) -> None:
        import lameenc

        if rate not in xing.RATES:
            raise RuntimeError(f"MP3 can't hold {rate} Hz here")
        self._encoder = lameenc.Encoder()
        self._encoder.set_channels(1)
        self._encoder.set_in_sample_rate(rate)
        self._encoder.set_out_sample_rate(rate)
        self._encoder.set_vbr(4)  # LAME's newer variable bit rate
        self._encoder.set_vbr_quality(VBR_QUALITY)
        self._encoder.set_quality(QUALITY)
        self._file: BinaryIO = path.open("wb")  # whole_file's temporary; closed by close
        self._file.write(bytes(xing.info_size(rate)))  # the Info frame's place
        self._frames = xing.Frames(rate)
        self._samples = 0
        self._blocks: queue.Queue[bytes | None] = queue.Queue(QUEUED)
        self._failed: Exception | None = None
        self._stopping = False
        self._closed = False
        self._thread = threading.Thread(target=self._encode, name="mp3 encoder", daemon=True)
        self._thread.start()

    def write(self, samples: Samples) -> None:
        """Encode ``samples`` (-1..1), after those written before."""
        self._raise()
        pcm = np.clip(np.rint(samples * np.float32(32767)), -32768, 32767).astype("<i2")
        self._samples += len(pcm)
        self._blocks.put(pcm.tobytes())

    def close(self) -> None:
        """Encode what is left, and write the Info frame at the start."""
        if self._closed:
            return
        self._finish()
        self._raise()
        self._keep(bytes(self._encoder.flush()))
        quality = 100 - 10 * VBR_QUALITY - QUALITY
        self._file.seek(0)
        self._file.write(xing.info_frame(self._frames, self._samples, quality))
        self._file.close()

    def _finish(self) -> None:
        self._closed = True
        self._blocks.put(None)
        self._thread.join()

    def _encode(self) -> None:
        while (block := self._blocks.get()) is not None:
            if self._failed is not None or self._stopping:
                continue  # take what is queued, so a writer never waits on a full queue
            try:
                self._keep(bytes(self._encoder.encode(block)))
            except (RuntimeError, OSError) as problem:
                self._failed = problem

    def _keep(self, data: bytes) -> None:
        self._frames.feed(data)
        self._file.write(data)

    def _raise(self) -> None:
        if self._failed is not None:
            raise self._failed

    def __enter__(self) -> LameFile:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if kind is None:
            self.close()
            return
        self._stopping = True
        if not self._closed:
            self._finish()
        self._file.close()
