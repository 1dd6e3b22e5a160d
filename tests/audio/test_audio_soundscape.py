"""The soundscape as ALSA receives it: a short sit played faster, its bed never silent, and
the bed giving way to the voice."""

from __future__ import annotations

import math

from alsa_capture import Child, Stream, longest_silence

SIT = """
import io
from session_player.conductor.dispatcher import Conductor
from session_player.core.clock import ScaledClock
from session_player.core.script.loader import load_text
from session_player.cli.plain import run_plain
from session_player.home.settings import Settings

script = load_text('''title = "Sit"
practice = "silent"
start_chime = "none"
end_chime = "none"
[[step]]
silence = "3m"
''')
conductor = Conductor.create(Settings(checkins=False), speed=60, soundscape="rain")
timeline = conductor.prepare(script, lambda done, total: None)
run_plain(timeline, clock=ScaledClock(60), speed=60, handler=conductor, stdin=io.StringIO(),
          stdout=io.StringIO())
assert conductor.soundscape._ending is not None, conductor.notices
conductor.close()
"""
GAP_S = 0.02


def test_a_sit_under_rain_has_no_gap_in_its_bed(child: Child) -> None:
    capture = child(SIT, paced=True, timeout=120)
    beds = [s for s in capture.streams if s.channels == 2 and s.rate == 22050]
    assert len(beds) == 1, [(s.rate, s.channels, s.seconds) for s in capture.streams]
    # From the end of its fade in to the start of its fade out: never 20 ms of silence.
    looked, longest = longest_silence(beds[0])
    assert looked >= 2.5  # three minutes at 60 times: three seconds
    assert longest < GAP_S, f"{longest * 1000:.0f} ms of silence"


SPOKEN = """
import io
from session_player.conductor.dispatcher import Conductor
from session_player.core.clock import ScaledClock
from session_player.core.script.loader import load_text
from session_player.cli.plain import run_plain
from session_player.home.settings import Settings

script = load_text('''title = "Under rain"
practice = "custom"
start_chime = "none"
end_chime = "none"
soundscape = "rain"
[[step]]
silence = "12s"
[[step]]
say = "Let the breath come and go, in its own time, as the rain goes on around you."
pause = "2s"
[[step]]
silence = "8s"
''')
conductor = Conductor.create(Settings(checkins=False, voice_id="gmw/en-us"), speed=4)
timeline = conductor.prepare(script, lambda done, total: None)
assert not conductor.notices, conductor.notices
run_plain(timeline, clock=ScaledClock(4), speed=4, handler=conductor, stdin=io.StringIO(),
          stdout=io.StringIO())
conductor.close()
"""


def level_db(stream: Stream, start: float, end: float) -> float:
    """The stream's RMS between two moments (seconds on the child's clock), in dBFS."""
    a = max(0, int((start - stream.start) * stream.rate)) * stream.channels
    b = max(0, int((end - stream.start) * stream.rate)) * stream.channels
    part = stream.samples[a:b]
    return 20 * math.log10(math.sqrt(sum(x * x for x in part) / max(1, len(part))) / 32768 + 1e-9)


def test_the_bed_gives_way_to_the_voice_at_alsa(child: Child) -> None:
    capture = child(SPOKEN, paced=True, timeout=120)
    beds = [s for s in capture.streams if s.channels == 2 and s.rate == 22050]
    voices = [s for s in capture.streams if s not in beds]
    assert len(beds) == 1 and len(voices) == 1, [(s.rate, s.channels) for s in capture.streams]
    bed, voice = beds[0], voices[0]
    said_from = voice.start + voice.heard()
    said_to = voice.start + voice.seconds - 0.1
    assert said_to - said_from > 2.0
    before = level_db(bed, said_from - 1.1, said_from - 0.4)
    under = level_db(bed, said_from + 0.4, said_to - 0.4)
    assert 5.0 < before - under < 11.0, (before, under)  # about 8 dB, with the rain's gusts


SPANS = """
import time
import simpleaudio
from session_player.audio.bed import Bed
from session_player.audio.loops import open_loop
from session_player.audio.player import SoundOutput
from session_player.core.bundled import bundled_beds

output = SoundOutput(simpleaudio)
bed = Bed(output, open_loop(bundled_beds()["rain"], bundled=True), 60, span_s=3.0)
bed.start(0.2)
time.sleep(8.0)
bed.stop()
"""


def test_streams_handing_over_leave_no_gap_at_alsa(child: Child) -> None:
    capture = child(SPANS, paced=True, timeout=120)
    streams = sorted(capture.streams, key=lambda s: s.start)
    assert len(streams) >= 3  # three-second streams, each handing over to the next
    rate, first = streams[0].rate, streams[0].start
    frames = int((max(s.start + s.seconds for s in streams) - first) * rate)
    loudest = [0] * frames  # the device's mix, as loud as its loudest stream at each moment
    for stream in streams:
        at = int((stream.start - first) * rate)
        for f in range(min(len(stream.samples) // 2, frames - at)):
            loud = max(abs(stream.samples[2 * f]), abs(stream.samples[2 * f + 1]))
            loudest[at + f] = max(loudest[at + f], loud)
    quiet = longest = 0
    for f in range(int(0.5 * rate), int(7.5 * rate)):
        quiet = quiet + 1 if loudest[f] < 16 else 0
        longest = max(longest, quiet)
    assert longest < GAP_S * rate, f"{longest / rate * 1000:.0f} ms of silence"
