"""`session-player render`: the file written is decoded (soundfile) and measured against the
schedule: every sound where the timeline plans it, the end bell rung out, the loudness target
met, the tags and chapters there. Real espeak-ng lines (fast), real chimes and breath tones."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

import mutagen
import numpy as np
import pyloudnorm
import pytest
import soundfile
from rendered import VOICE, espeak_speech, found_near, settling

from session_player.audio import mastering
from session_player.audio.formats import mp3
from session_player.audio.mixdown import RATE, frames
from session_player.audio.speech import Speech
from session_player.conductor.rendering import Layout, Placed
from session_player.conductor.saving import save
from session_player.core.script.loader import load_text
from session_player.core.script.model import Script
from session_player.core.script.text import plain
from session_player.core.session.timeline import Timeline
from session_player.home.settings import Settings

SESSION = settling(
    "Evening settling",
    "breathe = { in = 2, hold = 1, out = 2, rest = 1 }\ncycles = 1",
    "silence = 7\nbell_every = 3",
    head='summary = "A short settling, to test rendering."\n',
)


@pytest.fixture(scope="module")
def speech(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Speech]:
    yield from espeak_speech(tmp_path_factory.mktemp("speech"))


def script(text: str = SESSION) -> Script:
    loaded = load_text(text)
    assert not isinstance(loaded, list), loaded
    return loaded


def settings(**chosen: object) -> Settings:
    return Settings(**{"voice_id": VOICE, **chosen})  # type: ignore[arg-type]


def planned(timeline: Timeline, layout: Layout) -> list[tuple[float, Placed]]:
    """Every cue of the schedule that makes a sound: its planned moment, and the sound."""
    found = []
    for step in timeline.steps:
        for cue in step.cues:
            at = step.start + cue.at
            if cue.kind == "chime" and cue.sound is not None:
                same = [p for p in layout.sounds if p.path == cue.sound.path]
            elif cue.kind in ("line", "prompt") and cue.speak:
                same = [p for p in layout.sounds if p.label == plain(cue.said or cue.text)]
            elif cue.kind == "breath":
                same = [p for p in layout.sounds if p.path.stem == cue.phase]
            else:
                continue
            assert same, f"nothing in the file for {cue}"
            found.append((at, min(same, key=lambda p: abs(p.start - at))))
    return found


@pytest.mark.parametrize("extension", [".wav", ".mp3"])  # MP3: LAME's delay taken off
def test_every_sound_is_heard_where_the_schedule_plans_it_and_the_end_bell_rings_out(
    speech: object, tmp_path: Path, extension: str
) -> None:
    target = tmp_path / f"evening{extension}"
    saved = save(script(), settings(), speech, target)  # type: ignore[arg-type]
    track, rate = soundfile.read(target, dtype="float32")
    assert rate == RATE
    layout, timeline = saved.layout, saved.layout.timeline
    cues = planned(timeline, layout)
    kinds = {p.path.stem for _, p in cues}
    assert {"bell", "in", "hold", "out", "rest"} <= kinds  # opening, breaths, interval bells
    assert sum(1 for _, p in cues if p.path.stem == "bell") == 3  # the opening, two intervals
    assert sum(1 for _, p in cues if p.label.startswith(("Welcome", "Gently"))) == 2
    for at, sound in cues:
        assert abs(found_near(track, sound.path, at, reach=0.25) - at) <= 0.020, (sound.label, at)
    # The end bell after the last line's quiet, rung out to its last sample.
    bell = max((p for p in layout.sounds if p.path.stem == "bell"), key=lambda p: p.start)
    assert bell.start >= timeline.length - 1e-6
    assert abs(found_near(track, bell.path, bell.start, reach=0.25) - bell.start) <= 0.020
    assert len(track) / RATE >= bell.start + bell.seconds - 0.01
    tail = track[round((bell.start + bell.seconds - 1.0) * RATE) :]
    assert 20 * np.log10(np.sqrt(np.mean(tail**2))) > -70  # still ringing, not cut


def test_the_file_is_at_minus_16_lufs_with_its_true_peak_under_minus_1_dbtp(
    speech: object, tmp_path: Path
) -> None:
    target = tmp_path / "evening.wav"
    save(script(), settings(), speech, target)  # type: ignore[arg-type]
    track, rate = soundfile.read(target, dtype="float64")
    assert pyloudnorm.Meter(rate).integrated_loudness(track) == pytest.approx(-16.0, abs=0.5)
    assert mastering.true_peak(track.astype(np.float32)) <= -1.0


@pytest.mark.parametrize("extension", [".wav", ".flac", ".ogg", ".opus", ".mp3", "libsndfile.mp3"])
def test_each_format_decodes_to_the_whole_session_with_its_tags_and_chapters(
    speech: object, tmp_path: Path, extension: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    if extension == "libsndfile.mp3":  # where lameenc has no wheel: libsndfile's LAME
        monkeypatch.setattr(mp3, "FORMAT", dataclasses.replace(mp3.FORMAT, encoder=None))
        extension = ".mp3"
    target = tmp_path / f"evening{extension}"
    saved = save(script(), settings(), speech, target)  # type: ignore[arg-type]
    track, rate = soundfile.read(target, dtype="float32")
    assert len(track) / rate == pytest.approx(saved.layout.length, abs=0.1)  # codec padding
    if mp3.FORMAT.encoder is not None and extension == ".mp3":  # its Info frame: gapless
        assert len(track) == frames(saved.layout.length, rate)
    meter = pyloudnorm.Meter(rate).integrated_loudness(track.astype(np.float64))
    assert meter == pytest.approx(-16.0, abs=1.0)  # lossy codecs move it a little
    tags = mutagen.File(target)
    text = tags.tags.pprint()
    assert "Evening settling" in text
    assert "session-player" in text
    assert "A short settling, to test rendering." in text
    assert "Arriving" in text and "Resting" in text  # the sections, as chapters
    if extension in (".wav", ".mp3"):
        chapters = sorted(tags.tags.getall("CHAP"), key=lambda c: c.start_time)
        resting = timeline_section(saved.layout.timeline, "Resting")
        assert [c.start_time for c in chapters] == [0, round(resting * 1000)]
    else:
        assert tags.tags["CHAPTER002NAME"] == ["Resting"]


def timeline_section(timeline: Timeline, name: str) -> float:
    return next(s.start for s in timeline.sections if s.name == name)


ASKS = """title = "Asking"
practice = "custom"
start_chime = "none"
end_chime = "none"

[[step]]
ask = "What do you need to hear?"
into = "need"
default = "kindness"

[[step]]
section = "Back"
read_back = "need"

[[step]]
say = "You need {need}."
"""


def test_a_question_is_a_30_second_quiet_with_its_prompt_said_and_nothing_is_read_back(
    speech: object,
) -> None:
    from session_player.conductor.rendering import lay_out
    from session_player.core.script.kinds._prompt import QUESTION_QUIET_S

    layout = lay_out(script(ASKS), settings(), speech)  # type: ignore[arg-type]
    said = [(round(p.start, 3), p.label) for p in layout.sounds if p.path.stem != "waiting"]
    assert said[0] == (0.0, "What do you need to hear?")
    # No read-back (nothing was written); the default fills the line after the quiet.
    assert said[1:] == [(QUESTION_QUIET_S, "You need kindness.")]
    assert [s.name for s in layout.timeline.sections] == ["Back"]  # kept, on the next step
    assert layout.timeline.steps[1].start == QUESTION_QUIET_S
