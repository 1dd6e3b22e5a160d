"""A rendered 3-minute session and the same session played, captured at ALSA, agree: every
sound the person would hear begins at the same moment in the file (found in the decoded file by
its own samples) as at the sound card, within 50 ms. Under it all, rain: at the card, its bed
is never silent for 20 ms in those 3 minutes.

The play takes its 3 minutes in real time, mostly asleep; marked ``early`` so that the suite
starts it first (``tests/conftest.py``) and the other tests run beside it, not after it."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import soundfile
from alsa_capture import Child, Stream, longest_silence
from rendered import VOICE, found_near, settling

from session_player.audio.mixdown import load
from session_player.audio.speech import open_speech
from session_player.conductor.saving import save
from session_player.core.script.loader import load_text
from session_player.home import paths
from session_player.home.settings import Settings

SESSION = settling(  # 3:02 as heard: 33 sounds
    "Agreeing",
    "breathe = { in = 4, hold = 2, out = 6, rest = 2 }\ncycles = 6",
    "silence = 70\nbell_every = 20",
    before_end='\n[[step]]\nask = "What would help right now?"\ninto = "help"\nfor = 10\n',
    head='soundscape = "rain"',
)

PLAY = """
import os
from session_player.conductor.dispatcher import Conductor
from session_player.core.clock import monotonic
from session_player.core.script.loader import load_text
from session_player.cli.plain import run_plain
from session_player.home.settings import Settings
import io

script = load_text({text!r})
conductor = Conductor.create(Settings(voice_id={voice!r}))
assert not conductor.notices, conductor.notices
timeline = conductor.prepare(script, lambda done, total: None)
stdin = os.fdopen(os.pipe()[0])  # someone there who doesn't answer
run_plain(timeline, clock=monotonic, handler=conductor, stdin=stdin, stdout=io.StringIO())
conductor.ring_out()  # as `play --plain` does: the end bell heard to its end
conductor.close()
"""


def at_card(stream: Stream, path: Path) -> float:
    """When ``path`` is heard in ``stream`` on the child's clock: the device open (as the
    playing thread saw it, not the capture's reader), and its own samples found after any
    silence the player put before them."""
    samples = np.asarray(stream.samples, dtype=np.float32)[:: stream.channels] / 32768
    lead = stream.seconds - len(load(path, stream.rate)) / stream.rate
    return stream.opened + found_near(samples, path, max(0.0, lead), rate=stream.rate)


@pytest.mark.early
def test_a_rendered_3_minute_session_and_a_played_one_agree_on_every_onset(
    child: Child, tmp_path: Path
) -> None:
    script = load_text(SESSION)
    assert not isinstance(script, list)
    speech, notice = open_speech(paths.cache_dir() / "speech")  # the cache the child uses
    assert speech.available, notice
    target = tmp_path / "agreeing.wav"
    try:
        saved = save(script, Settings(voice_id=VOICE), speech, target)
    finally:
        speech.close()
    track, _rate = soundfile.read(target, dtype="float32")
    sounds = sorted(saved.layout.sounds, key=lambda s: s.start)

    assert 180 <= saved.layout.length <= 190
    assert saved.layout.bed is not None
    capture = child(PLAY.format(text=SESSION, voice=VOICE), paced=True, timeout=600)
    beds = [s for s in capture.streams if s.channels == 2 and s.rate == 22050]
    assert len(beds) == 1, [(s.rate, s.channels, s.seconds) for s in capture.streams]
    looked, longest = longest_silence(beds[0])
    assert looked >= 175  # the whole session, less the fades
    assert longest < 0.020, f"{longest * 1000:.0f} ms of silence in the bed"
    played = sorted(
        (s for s in capture.streams if s not in beds), key=lambda s: s.opened + s.heard()
    )
    assert len(played) == len(sounds), [s.label for s in sounds]
    kinds = {s.path.stem for s in sounds}
    assert {"bell", "in", "hold", "out", "rest", "waiting"} <= kinds
    heard = [at_card(stream, sound.path) for stream, sound in zip(played, sounds, strict=True)]
    for stream, sound, moment in zip(played, sounds, heard, strict=True):
        assert stream.seconds - sound.seconds >= -0.01, sound.label  # the same sound, whole
        in_file = found_near(track, sound.path, sound.start)
        card = moment - heard[0]  # the opening bell: 0 in the file
        assert abs(in_file - card) <= 0.050, (sound.label, in_file, card)
