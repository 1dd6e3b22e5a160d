"""Capture the samples that really reach ALSA, one WAV file per stream.

A test runs its playback code in a child process (``run_child``) whose ``ALSA_CONFIG_PATH`` points
at ``CONFIG``: ALSA's default PCM is a ``file`` plugin over a ``null`` slave. ALSA reads the
output file name from the ``SP_ALSA_CAPTURE`` environment variable each time a PCM is opened, and
``install`` (in the child) wraps ``simpleaudio.play_buffer`` to give every stream its own name:

- unpaced: a regular file. The null slave takes samples as fast as they come, so a 5 s chime is
  captured in milliseconds; right for checking content, rate, length and volume.
- paced: a pipe (shrunk to one page) that a thread reads at the stream's real rate, the way a
  sound card does. Needed to test fades and pauses, which rewrite samples just ahead of the play
  position.

Either way the file plugin writes a WAV header with the format ALSA negotiated, and the samples
recorded are exactly those ALSA received.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import subprocess
import sys
import textwrap
import threading
import time
import wave
from array import array
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ENV = "SP_ALSA_CAPTURE"
CONFIG = """
pcm.!default {
    type file
    slave.pcm { type null }
    format "wav"
    file { @func getenv vars [ SP_ALSA_CAPTURE ] default "%s" }
}
"""
HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
WAV_HEADER = 44  # bytes the file plugin writes before the samples

# -- in the child ---------------------------------------------------------------------------

_lock = threading.Lock()
_local = threading.local()  # the label of the next stream opened on this thread
_streams: list[dict[str, Any]] = []
_waiters: list[tuple[Any, threading.Thread | None]] = []
_events: dict[str, float] = {}
_out = Path(".")
_t_ref = 0.0


def mark(name: str) -> None:
    """Record when something happened in the child (seconds, same clock as stream starts)."""
    _events[name] = time.monotonic() - _t_ref


def label(text: str) -> None:
    """Name the next stream this thread opens (what it plays), for the test to read back."""
    _local.label = text


def _pace(read_fd: int, path: Path, record: dict[str, Any]) -> None:
    """Read a stream from the pipe no faster than real time and save it as a WAV file."""
    with os.fdopen(read_fd, "rb", buffering=0) as pipe:
        header = b""
        while len(header) < WAV_HEADER:
            chunk = pipe.read(WAV_HEADER - len(header))
            if not chunk:
                return
            header += chunk
        channels = int.from_bytes(header[22:24], "little")
        rate = int.from_bytes(header[24:28], "little")
        frame = int.from_bytes(header[32:34], "little")
        record["first_data"] = time.monotonic() - _t_ref
        t0 = time.monotonic()
        data = bytearray()
        while True:
            allowed = int((time.monotonic() - t0) * rate) * frame - len(data)
            if allowed <= 0:
                time.sleep(0.002)
                continue
            chunk = pipe.read(min(allowed, 1 << 16))
            if not chunk:
                break
            data += chunk
    with wave.open(str(path), "wb") as w:
        w.setnchannels(channels)
        w.setsampwidth(frame // channels)
        w.setframerate(rate)
        w.writeframes(bytes(data))


def install(out_dir: str, paced: bool) -> None:
    """Route each simpleaudio stream to its own capture file (called in the child)."""
    global _out, _t_ref
    import simpleaudio

    _out, _t_ref = Path(out_dir), time.monotonic()
    real = simpleaudio.play_buffer

    def play_buffer(data: Any, channels: int, width: int, rate: int) -> Any:
        with _lock:
            path = _out / f"stream-{len(_streams):03d}.wav"
            record: dict[str, Any] = {"file": path.name, "start": time.monotonic() - _t_ref}
            record["label"], _local.label = getattr(_local, "label", ""), ""
            pacer = None
            write_fd = -1
            if paced:
                read_fd, write_fd = os.pipe()
                fcntl.fcntl(write_fd, fcntl.F_SETPIPE_SZ, 4096)
                os.environ[ENV] = f"/proc/self/fd/{write_fd}"
                pacer = threading.Thread(target=_pace, args=(read_fd, path, record), daemon=True)
                pacer.start()
            else:
                os.environ[ENV] = str(path)
            try:
                obj = real(data, channels, width, rate)
                # The device is open and simpleaudio's thread is writing: the stream's start as a
                # sound card would take it, measured in the playing thread, not the pacer's.
                record["opened"] = time.monotonic() - _t_ref
            finally:
                if write_fd >= 0:
                    os.close(write_fd)  # ALSA holds its own descriptor for the pipe now
            _streams.append(record)
            _waiters.append((obj, pacer))
            return obj

    simpleaudio.play_buffer = play_buffer


def finish() -> None:
    """Wait for every stream to end and write the manifest (called at the end of the child)."""
    for obj, pacer in _waiters:
        obj.wait_done()
        if pacer is not None:
            pacer.join(timeout=30)
    manifest = {"streams": _streams, "events": _events}
    (_out / "manifest.json").write_text(json.dumps(manifest))


# -- in the test ----------------------------------------------------------------------------


@dataclass
class Stream:
    """One stream as ALSA received it."""

    rate: int
    channels: int
    width: int
    samples: array[int]
    start: float  # seconds after the child installed the capture
    opened: float = 0.0  # when the device had opened (play_buffer returned), same clock
    label: str = ""  # what the child said it plays (``label``), if it did

    def heard(self, threshold: int = 300) -> float:
        """Seconds into the stream of its first sample above ``threshold`` (its length if none)."""
        step = self.channels
        for i in range(0, len(self.samples), step):
            if abs(self.samples[i]) > threshold:
                return i / step / self.rate
        return self.seconds

    @property
    def seconds(self) -> float:
        """Length in seconds."""
        return len(self.samples) / self.channels / self.rate

    def peak(self, start_s: float = 0.0, end_s: float | None = None) -> int:
        """Largest absolute sample between two times (seconds into the stream)."""
        a = int(start_s * self.rate) * self.channels
        b = len(self.samples) if end_s is None else int(end_s * self.rate) * self.channels
        part = self.samples[max(0, a) : max(0, b)]
        return max((abs(s) for s in part), default=0)


def longest_silence(
    stream: Stream, after_s: float = 0.2, before_s: float = 0.1
) -> tuple[float, float]:
    """How long a stretch of ``stream`` was looked at, and its longest run of silence (every
    channel under 16 of 32768), in seconds: from ``after_s`` past its first sound to
    ``before_s`` before its last (a soundscape's fades left out)."""
    import numpy as np

    frames = np.abs(np.asarray(stream.samples, dtype=np.int32)).reshape(-1, stream.channels)
    quiet = frames.max(axis=1) < 16
    sounding = np.flatnonzero(~quiet)
    first = sounding[0] + int(after_s * stream.rate)
    last = sounding[-1] - int(before_s * stream.rate)
    edges = np.flatnonzero(np.diff(np.r_[0, quiet[first:last].astype(np.int8), 0]))
    runs = edges[1::2] - edges[::2]  # each run of silent frames
    return float(last - first) / stream.rate, float(runs.max(initial=0)) / stream.rate


@dataclass
class Capture:
    """What a child process sent to ALSA, and what it printed."""

    streams: list[Stream] = field(default_factory=list)
    events: dict[str, float] = field(default_factory=dict)
    stdout: str = ""
    stderr: str = ""


Child = Callable[..., "Capture"]
"""The ``child`` fixture: ``child(body, paced=False, config=None) -> Capture``."""


def skip_unless_ci(reason: str, *, allow_module_level: bool = False) -> None:
    """Skip on a developer machine that lacks a system package; in CI, fail instead."""
    import pytest

    if os.environ.get("CI"):
        pytest.fail(f"{reason} (CI installs it: see .ci/run)", pytrace=False)
    pytest.skip(reason, allow_module_level=allow_module_level)


def read_wav_samples(path: Path) -> tuple[int, int, int, array[int]]:
    """(rate, channels, sample width, samples) of a 16-bit WAV file."""
    with wave.open(str(path), "rb") as w:
        samples = array("h")
        samples.frombytes(w.readframes(w.getnframes()))
        if sys.byteorder == "big":
            samples.byteswap()
        return w.getframerate(), w.getnchannels(), w.getsampwidth(), samples


PLAYER_NICE = -10
"""The child's scheduling priority, where the system lets us set it (root, as in CI).

A child plays in real time while the suite's other workers run whatever comes next, some of it
every core's worth of CPU (a neural voice, a render). A person's player doesn't have pytest
beside it; it has its own render worker, which it runs niced for the same reason (``nice 5``,
``audio/worker.py``). Here the suite is that background work: the child goes first, so what
reaches ALSA is timed by the player, not by which test the scheduler ran meanwhile. Where the
priority can't be raised, the child runs as it is."""


def _ahead_of_the_suite() -> None:
    """In the child, before it runs: take ``PLAYER_NICE`` if allowed (see there)."""
    with contextlib.suppress(OSError):  # not root: a developer's machine, as it is
        os.setpriority(os.PRIO_PROCESS, 0, PLAYER_NICE)


def run_child(
    tmp: Path, body: str, *, paced: bool = False, config: str | None = None, timeout: float = 60
) -> Capture:
    """Run ``body`` in a fresh Python with ALSA pointed at a capture (or at ``config``).

    ``body`` may use ``mark(name)``; with the capture config, ``AUDIO`` is the bundled sounds'
    folder. The child fails the test if it exits non-zero.
    """
    out = tmp / ("paced" if paced else "capture")
    out.mkdir(parents=True, exist_ok=True)
    conf = tmp / "asound.conf"
    capturing = config is None
    conf.write_text(CONFIG % (out / "unexpected.wav") if capturing else config or "")
    lines = [
        "import sys, time",
        "from pathlib import Path",
        f"sys.path.insert(0, {str(HERE)!r})",
        "import alsa_capture",
        "from alsa_capture import mark",
        f"AUDIO = Path({str(ROOT / 'audio')!r})",
    ]
    if capturing:
        lines.append(f"alsa_capture.install({str(out)!r}, paced={paced!r})")
    lines.append(textwrap.dedent(body))
    if capturing:
        lines.append("alsa_capture.finish()")
    env = dict(os.environ)
    env["ALSA_CONFIG_PATH"] = str(conf)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")])
    env.pop(ENV, None)
    done = subprocess.run(
        [sys.executable, "-c", "\n".join(lines)],
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
        preexec_fn=_ahead_of_the_suite,
    )
    if done.returncode != 0:
        raise AssertionError(f"child failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")
    capture = Capture(stdout=done.stdout, stderr=done.stderr)
    manifest_path = out / "manifest.json"
    if capturing and manifest_path.exists():
        manifest = json.loads(manifest_path.read_text())
        capture.events = manifest["events"]
        for record in manifest["streams"]:
            path = out / record["file"]
            if not path.exists():
                continue  # the device refused this stream; nothing reached ALSA
            rate, channels, width, samples = read_wav_samples(path)
            start = float(record.get("first_data", record["start"]))
            opened = float(record.get("opened", record["start"]))
            label = str(record.get("label", ""))
            capture.streams.append(Stream(rate, channels, width, samples, start, opened, label))
    return capture
