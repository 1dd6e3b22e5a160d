"""Speech: lines rendered to WAV by pyttsx3 (espeak-ng), cached, and played through ALSA."""

from __future__ import annotations

import math
import os
import sys
import threading
import time
import wave
from pathlib import Path
from typing import Any

import pytest
from alsa_capture import read_wav_samples, run_child

from session_player.audio import notices
from session_player.audio.api import RenderError
from session_player.audio.cache import cache_key
from session_player.audio.loudness import EDGE_S
from session_player.audio.pcm import wav_seconds
from session_player.audio.speech import NullSpeech
from session_player.audio.voices.base import NICE
from session_player.audio.voices.espeak import SpeechRenderer, default_engine

LINE = "Breathe in gently, and let the breath go, as slowly as feels kind."


@pytest.fixture
def renderer(espeak: SpeechRenderer, tmp_path: Path) -> SpeechRenderer:
    espeak.cache_dir = tmp_path / "speech"  # a fresh, empty cache for each test
    return espeak


def rms(samples: Any) -> float:
    return math.sqrt(sum(s * s for s in samples) / max(1, len(samples)))


def test_lines_are_rendered_once_then_come_from_the_cache(renderer: SpeechRenderer) -> None:
    lines = ["Breathe in gently.", "Let the breath go.", "Breathe in gently.", "  "]
    progress: list[tuple[int, int]] = []
    found = renderer.render_missing(lines, None, 150, lambda d, t: progress.append((d, t)))
    assert progress == [(0, 2), (1, 2), (2, 2)]
    assert set(found) == {"Breathe in gently.", "Let the breath go."}
    for text, path in found.items():
        assert path == renderer.cache_dir / f"{cache_key(text, None, 150)}.wav"
        assert renderer.cached(text, None, 150) == path
    assert [p.name for p in renderer.cache_dir.iterdir() if p.name.startswith(".")] == []

    progress.clear()
    stamps = {path: path.stat().st_mtime_ns for path in found.values()}
    again = renderer.render_missing(lines, None, 150, lambda d, t: progress.append((d, t)))
    assert again == found and progress == [(0, 0)]  # nothing left to render ...
    assert {path: path.stat().st_mtime_ns for path in found.values()} == stamps  # ... or redone


def test_a_line_rendered_into_a_folder_stays_out_of_the_cache(
    renderer: SpeechRenderer, tmp_path: Path
) -> None:
    private = tmp_path / "answers"
    private.mkdir()
    path = renderer.render_to("Hello, Robin.", None, 150, private)
    assert path.parent == private and wav_seconds(path) > 0.3
    assert not renderer.cache_dir.exists() or list(renderer.cache_dir.iterdir()) == []
    gone = tmp_path / "removed"  # its owner removed it: nothing is written, nothing is made
    with pytest.raises(RenderError):
        renderer.render_to("Hello, Robin.", None, 150, gone)
    assert not gone.exists()


def test_speech_is_audible_and_as_long_as_the_words_take(renderer: SpeechRenderer) -> None:
    path = renderer.render_missing([LINE], None, 150)[LINE]
    rate, channels, width, samples = read_wav_samples(path)
    assert (channels, width) == (1, 2) and rate in (16000, 22050, 24000, 44100)
    seconds = renderer.length_seconds(path)
    assert seconds == pytest.approx(len(samples) / rate)
    words = len(LINE.split())  # 13 words at 150 a minute: about 5 s, with the pauses
    assert 0.5 * words / 150 * 60 < seconds < 2.0 * words / 150 * 60
    assert rms(samples) > 500 and max(map(abs, samples)) > 4000
    faster = renderer.render_missing([LINE], None, 260).get(LINE)
    assert faster is not None, renderer.last_failures
    assert faster != path
    assert renderer.length_seconds(faster) < 0.8 * seconds


def test_rendering_prints_nothing(
    renderer: SpeechRenderer, capfd: pytest.CaptureFixture[str]
) -> None:
    renderer.render_missing(["Soften."], None, 150)
    out, err = capfd.readouterr()
    assert (out, err) == ("", "")


def test_voices_for_a_language_best_first(renderer: SpeechRenderer) -> None:
    american = renderer.voices("en-US")
    assert american and "en-us" in american[0][0].lower()
    english = dict(renderer.voices("en"))
    assert len(english) > 1 and set(dict(american)) <= set(english)
    assert renderer.voices("zz-nowhere") == []
    voice = american[0][0]
    path = renderer.preview(voice, 150)
    assert path is not None and renderer.cached(
        "Breathe in gently, and let the breath go.", voice, 150
    )


def test_an_unknown_voice_fails_each_line_with_a_reason(renderer: SpeechRenderer) -> None:
    failures: list[tuple[str, str]] = []
    found = renderer.render_missing(
        ["One.", "Two."], "no-such-voice", 150, None, lambda t, r: failures.append((t, r))
    )
    assert found == {}
    assert [text for text, _ in failures] == ["One.", "Two."]
    assert "there is no voice 'no-such-voice' here; choose one in Settings" in failures[0][1]
    assert set(renderer.last_failures) == {"One.", "Two."}


class _Breaks:
    """The real engine, except that one line starts and never finishes (as if espeak hung)."""

    def __init__(self, engine: Any) -> None:
        self._engine = engine
        self._skip = False
        self._started: list[Any] = []

    def __getattr__(self, name: str) -> Any:
        return getattr(self._engine, name)

    def connect(self, topic: str, cb: Any) -> Any:
        if topic == "started-utterance":
            self._started.append(cb)
        return self._engine.connect(topic, cb)

    def disconnect(self, token: Any) -> None:
        if token["cb"] in self._started:
            self._started.remove(token["cb"])
        self._engine.disconnect(token)

    def save_to_file(self, text: str, path: str) -> None:
        self._skip = text == "This one breaks."
        if not self._skip:
            self._engine.save_to_file(text, path)

    def runAndWait(self) -> None:
        if not self._skip:
            self._engine.runAndWait()
        for cb in self._started:
            cb(name=None)


def test_one_failing_line_is_left_out_and_the_rest_go_on(
    espeak: SpeechRenderer, tmp_path: Path
) -> None:
    renderer = SpeechRenderer(tmp_path, lambda: _Breaks(default_engine()), line_timeout=0.3)
    assert renderer.start() is None
    failures: list[tuple[str, str]] = []
    lines = ["Before.", "This one breaks.", "After."]
    found = renderer.render_missing(lines, None, 150, None, lambda t, r: failures.append((t, r)))
    renderer.close()
    assert set(found) == {"Before.", "After."}
    assert failures == [("This one breaks.", "no audio after 0.3 s")]


class _LateEngine:
    """A fake engine that, like pyttsx3, returns from runAndWait before the file is written,
    and even reports the utterance finished while the file is still half written."""

    def __init__(self) -> None:
        self.callbacks: dict[str, list[Any]] = {}
        self.job: tuple[str, str] = ("", "")

    def connect(self, topic: str, cb: Any) -> tuple[str, Any]:
        self.callbacks.setdefault(topic, []).append(cb)
        return (topic, cb)

    def disconnect(self, token: tuple[str, Any]) -> None:
        self.callbacks[token[0]].remove(token[1])

    def setProperty(self, name: str, value: object) -> None:
        pass

    def getProperty(self, name: str) -> list[object]:
        return []

    def save_to_file(self, text: str, path: str) -> None:
        self.job = (text, path)

    def isBusy(self) -> bool:
        return False

    def stop(self) -> None:
        pass

    def runAndWait(self) -> None:
        for cb in list(self.callbacks.get("started-utterance", [])):
            cb(name=None)
        path = self.job[1]
        pcm = b"\x10\x20" * 22050

        def write_slowly() -> None:
            with wave.open(path, "wb") as w:
                w.setnchannels(1)
                w.setsampwidth(2)
                w.setframerate(22050)
                w.setnframes(22050)
                w.writeframesraw(pcm[:1000])
                for cb in list(self.callbacks.get("finished-utterance", [])):
                    cb(name=None, completed=True)
                time.sleep(0.2)
                w.writeframes(pcm[1000:])

        threading.Thread(target=write_slowly, daemon=True).start()


def test_waits_for_a_complete_file_not_just_for_run_and_wait(tmp_path: Path) -> None:
    renderer = SpeechRenderer(tmp_path, _LateEngine)
    assert renderer.start() is None
    path = renderer.render_missing(["Late."], None, 150)["Late."]
    renderer.close()
    # The whole second of sound, with the lead-in and tail of silence every line has.
    assert renderer.length_seconds(path) == pytest.approx(1.0 + 2 * EDGE_S)
    samples = read_wav_samples(path)[3]
    edge = round(EDGE_S * 22050)
    assert len(samples) == 22050 + 2 * edge
    assert not any(samples[:edge]) and not any(samples[-edge:]) and all(samples[edge:-edge])


def test_without_an_engine_lines_are_reported_not_spoken(tmp_path: Path) -> None:
    def no_espeak() -> None:
        raise RuntimeError("This means you probably do not have eSpeak or eSpeak-ng installed!")

    def no_pyttsx3() -> None:
        raise ImportError("No module named 'pyttsx3'")

    assert SpeechRenderer(tmp_path, no_espeak).start() == notices.no_system_voice()
    assert SpeechRenderer(tmp_path, no_pyttsx3).start() == notices.no_pyttsx3()
    failures: list[str] = []
    silent = NullSpeech(notices.no_system_voice())
    assert (
        silent.render_missing(["A.", "B."], None, 150, None, lambda t, r: failures.append(t)) == {}
    )
    assert failures == ["A.", "B."] and silent.voices() == [] and silent.preview(None, 150) is None


def test_open_speech_without_pyttsx3_gives_the_notice(tmp_path: Path) -> None:
    capture = run_child(
        tmp_path,
        """
        sys.modules["pyttsx3"] = None
        sys.modules["hibari"] = None  # no neural voice either
        from session_player.audio import open_speech, NullSpeech
        speech, notice = open_speech(Path(".") / "speech")
        assert isinstance(speech, NullSpeech)
        print(notice)
        """,
        config="",
    )
    assert capture.stdout.strip() == notices.no_pyttsx3()


def test_a_rendered_line_plays_through_alsa(espeak: SpeechRenderer, tmp_path: Path) -> None:
    capture = run_child(
        tmp_path,
        f"""
        from session_player.home import paths
        from session_player.audio import open_output, open_speech
        speech, notice = open_speech(paths.cache_dir() / "speech")
        assert notice is None, notice
        path = speech.render_missing([{LINE!r}], None, 150)[{LINE!r}]
        print(path)
        out, _ = open_output()
        out.play(path, 100)
        """,
    )
    (stream,) = capture.streams
    rate, _, _, samples = read_wav_samples(Path(capture.stdout.strip()))
    assert stream.rate == rate and stream.channels == 1
    assert list(stream.samples) == list(samples)
    assert rms(stream.samples) > 500
    assert capture.stderr == ""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="threads' own priorities")
def test_espeak_renders_nicer_than_the_app(renderer: SpeechRenderer) -> None:
    # A first play's lines are made beside the session: its tones and drawing come first.
    def priority() -> int:
        return os.getpriority(os.PRIO_PROCESS, threading.get_native_id())

    assert renderer._worker.submit(priority).result(timeout=10) == priority() + NICE
