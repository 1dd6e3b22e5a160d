"""The soundscape as ALSA receives it: a short sit played faster, its bed never silent."""

from __future__ import annotations

from alsa_capture import Child

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
    bed = beds[0]
    # From the end of its fade in to the start of its fade out: never 20 ms of silence.
    loud = [f for f in range(len(bed.samples) // 2) if abs(bed.samples[2 * f]) >= 16]
    first, last = loud[0] + int(0.2 * bed.rate), loud[-1] - int(0.1 * bed.rate)
    assert (last - first) / bed.rate >= 2.5  # three minutes at 60 times: three seconds
    window, quiet, longest = int(GAP_S * bed.rate), 0, 0
    for f in range(first, last):
        loud = max(abs(bed.samples[2 * f]), abs(bed.samples[2 * f + 1]))
        quiet = quiet + 1 if loud < 16 else 0
        longest = max(longest, quiet)
    assert longest < window, f"{longest / bed.rate * 1000:.0f} ms of silence"
