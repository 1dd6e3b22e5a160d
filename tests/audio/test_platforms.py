"""Sound and voice on macOS and Windows, proved on Linux by simulating each platform.

ALSA is asked only on Linux; every notice names what to do on the platform it is shown on;
the AIFF that pyttsx3 writes on macOS becomes the WAV the player reads.
"""

from __future__ import annotations

import math
import signal
import struct
import sys
import wave
from array import array
from pathlib import Path
from typing import Any

import pytest
from alsa_capture import read_wav_samples, run_child

from session_player.audio import aiff, notices
from session_player.audio.loudness import EDGE_S, TARGET_DBFS, dbfs, rms
from session_player.audio.speech import NullSpeech
from session_player.audio.voices.espeak import SpeechRenderer
from session_player.home import system

NO_DEVICE = "pcm.!default { type hw card 57 }\n"  # a card that is not there


def _ext80(value: int) -> bytes:
    exponent = value.bit_length() - 1
    return struct.pack(">HQ", exponent + 16383, value << (63 - exponent))


def aiff_bytes(samples: list[int], rate: int, *, width: int = 2, sowt: bool = False) -> bytes:
    """An AIFF (or AIFF-C with little-endian 'sowt' samples) file as Apple's synthesizer writes."""
    order = "<" if sowt else ">"
    if width == 2:
        data = struct.pack(f"{order}{len(samples)}h", *samples)
    else:  # 24-bit: the 16-bit value in the top two bytes, a low byte of 0x7F below
        parts = [struct.pack(">h", s) + b"\x7f" for s in samples]
        data = b"".join(p[::-1] if sowt else p for p in parts)
    comm = struct.pack(">hIh", 1, len(samples), width * 8) + _ext80(rate)
    form = b"AIFF"
    if sowt:
        comm += b"sowt" + b"\x00\x00"
        form = b"AIFC"
    ssnd = struct.pack(">II", 0, 0) + data
    chunks = b"COMM" + struct.pack(">I", len(comm)) + comm
    chunks += b"SSND" + struct.pack(">I", len(ssnd)) + ssnd
    return b"FORM" + struct.pack(">I", 4 + len(chunks)) + form + chunks


def tone(seconds: float, rate: int) -> list[int]:
    return [int(9000 * math.sin(2 * math.pi * 440 * i / rate)) for i in range(int(seconds * rate))]


def test_alsa_is_asked_on_linux_only(tmp_path: Path) -> None:
    # ALSA is pointed at a card that does not exist: on Linux that is "no device"...
    body = (
        "from session_player.audio import open_output\n"
        "out, notice = open_output()\n"
        "print(type(out).__name__, notice)\n"
    )
    on_linux = run_child(tmp_path / "linux", body, config=NO_DEVICE).stdout
    assert on_linux.startswith("NullOutput Sound is off: no audio device found (ALSA:")
    # ...while on macOS and Windows simpleaudio plays through the system's own audio: no probe.
    for name in ("darwin", "win32"):
        shown = run_child(
            tmp_path / name, f"sys.platform = {name!r}\n" + body, config=NO_DEVICE
        ).stdout
        assert shown.strip() == "SoundOutput None"


@pytest.mark.parametrize(
    ("platform", "apt", "wanted", "unwanted"),
    [
        ("linux", True, "sudo apt install libasound2-dev", "xcode"),
        ("linux", False, "alsa-lib-devel", "apt"),
        ("darwin", True, "xcode-select --install", "apt"),
        ("win32", False, "Microsoft's C++ Build Tools", "apt"),
    ],
)
def test_the_sound_notice_says_what_to_do_on_this_platform(
    platform: str, apt: bool, wanted: str, unwanted: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "platform", platform)
    monkeypatch.setattr(system.shutil, "which", lambda name: "/usr/bin/apt-get" if apt else None)
    shown = notices.no_sound_extra()
    assert wanted in shown and unwanted not in shown
    assert "pip install 'session-player[sound]'" in shown


@pytest.mark.parametrize(
    ("platform", "wanted"),
    [
        ("linux", "sudo apt install libespeak-ng1"),
        ("darwin", "pip install pyobjc"),
        ("win32", "pip install pywin32 comtypes"),
    ],
)
def test_the_voice_notice_says_what_to_do_on_this_platform(
    platform: str, wanted: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "platform", platform)
    monkeypatch.setattr(system.shutil, "which", lambda name: "/usr/bin/apt-get")

    def no_engine() -> None:
        raise RuntimeError("no driver")

    shown = SpeechRenderer(Path("unused"), no_engine).start()
    assert shown is not None and wanted in shown
    assert platform == "linux" or "apt" not in shown
    assert NullSpeech().notice == shown


def test_without_sighup_only_sigterm_is_watched(monkeypatch: pytest.MonkeyPatch) -> None:
    assert system.termination_signals() == [signal.SIGTERM, signal.SIGHUP]
    monkeypatch.delattr(signal, "SIGHUP")  # as on Windows
    assert system.termination_signals() == [signal.SIGTERM]


class AppleLikeEngine:
    """Stands in for pyttsx3's macOS driver, which cannot run here: like NSSpeechSynthesizer,
    it writes AIFF to the path it is given, whatever that path's name says."""

    RATE = 22050

    def __init__(self) -> None:
        self.handlers: dict[str, list[Any]] = {}
        self.job: tuple[str, str] | None = None

    def connect(self, name: str, callback: Any) -> tuple[str, Any]:
        self.handlers.setdefault(name, []).append(callback)
        return name, callback

    def disconnect(self, token: tuple[str, Any]) -> None:
        self.handlers[token[0]].remove(token[1])

    def setProperty(self, name: str, value: object) -> None:
        pass

    def getProperty(self, name: str) -> list[Any]:
        return []

    def isBusy(self) -> bool:
        return False

    def stop(self) -> None:
        pass

    def save_to_file(self, text: str, filename: str) -> None:
        self.job = (text, filename)

    def runAndWait(self) -> None:
        assert self.job is not None
        text, filename = self.job
        for callback in self.handlers.get("started-utterance", []):
            callback(name=None)
        Path(filename).write_bytes(aiff_bytes(tone(0.05 * len(text), self.RATE), self.RATE))
        for callback in self.handlers.get("finished-utterance", []):
            callback(name=None, completed=True)


def test_the_aiff_pyttsx3_writes_on_macos_becomes_a_wav_that_plays(tmp_path: Path) -> None:
    renderer = SpeechRenderer(tmp_path / "speech", AppleLikeEngine)
    assert renderer.start() is None
    try:
        found = renderer.render_missing(["Rest here."], None, 140)
    finally:
        renderer.close()
    assert renderer.last_failures == {}
    rate, channels, width, samples = read_wav_samples(found["Rest here."])
    assert (rate, channels, width) == (22050, 1, 2)
    expected = tone(0.05 * len("Rest here."), 22050)
    # The same sound, brought to the level every line has (see loudness), with the lead-in and
    # tail of silence every line has (EDGE_S before its first sound and after its last).
    edge = int(EDGE_S * 22050)
    sound = [i for i, s in enumerate(samples) if abs(s) > 2]
    first = next(i for i, e in enumerate(expected) if e != 0)
    lead = sound[0] - first
    assert sound[0] == edge and len(samples) - 1 - sound[-1] == edge
    heard = samples[lead : lead + len(expected)]
    gain = max(samples) / max(expected)
    assert all(abs(s - e * gain) <= 2 for s, e in zip(heard, expected, strict=True))
    assert not any(samples[:lead]) and not any(samples[lead + len(expected) :])
    assert abs(dbfs(rms(samples.tobytes())) - TARGET_DBFS) < 0.1


def test_aiff_c_little_endian_and_24_bit_samples_convert(tmp_path: Path) -> None:
    path = tmp_path / "line.wav"
    expected = tone(0.2, 16000)
    for sowt, width in ((True, 2), (False, 3), (True, 3)):
        path.write_bytes(aiff_bytes(expected, 16000, width=width, sowt=sowt))
        assert aiff.is_aiff(path)
        assert aiff.convert_in_place(path)
        with wave.open(str(path), "rb") as w:
            assert w.getframerate() == 16000
            got = array("h", w.readframes(w.getnframes()))
        assert list(got) == expected
        assert not aiff.is_aiff(path)


def test_an_aiff_still_being_written_is_waited_for(tmp_path: Path) -> None:
    path = tmp_path / "line.wav"
    whole = aiff_bytes(tone(0.2, 22050), 22050)
    path.write_bytes(whole[: len(whole) - 100])
    assert not aiff.convert_in_place(path)
    assert path.read_bytes() == whole[: len(whole) - 100]
