"""Cue timing in plain mode at real speed: each cue's actual moment against its planned offset.

A 60 s session at speed 1, and a 600 s session at ``--speed 10`` (also 60 s of wall time), to
show the error does not grow with length; then the quick timer, 60 minutes with a bell every 5,
at ``--speed 60`` (60 s of wall time). Errors are in real milliseconds.
"""

from __future__ import annotations

import io
import statistics
import time

from session_player.cli.plain import run_plain
from session_player.core.bundled import bundled_sounds
from session_player.core.clock import ScaledClock, monotonic
from session_player.core.library.timer import TimerChoice, timer_script
from session_player.core.script.loader import load_text
from session_player.core.session import events as ev
from session_player.core.session.engine import Session
from session_player.core.session.timeline import compile_timeline

SCRIPT = """title = "Timing"
practice = "custom"
[[step]]
say = "Let yourself arrive. You can stop at any time."
pause = "{pause}"
[[step]]
breathe = "box"
cycles = {cycles}
[[step]]
silence = "{silence}s"
bell_every = "{bell}s"
"""


class Recorder:
    """Notes the wall moment each event reaches the front end."""

    def __init__(self, speed: float) -> None:
        self.speed = speed
        self.start = 0.0
        self.errors: list[float] = []
        self.end_error = 0.0

    def begin(self, session: Session) -> None:
        self.start = time.monotonic()

    def handle(self, events: list[ev.Event]) -> None:
        now = time.monotonic() - self.start
        for event in events:
            error = now - event.at / self.speed
            if isinstance(event, ev.SessionEnded):
                self.end_error = error
            elif not isinstance(event, ev.SessionStarted | ev.StepStarted | ev.SectionStarted):
                self.errors.append(error)

    def tick(self, session: Session) -> None:
        pass


def run(scale: int, speed: float) -> tuple[float, Recorder]:
    text = SCRIPT.format(
        pause=f"{4.2 * scale:g}s", cycles=2 * scale, silence=20 * scale, bell=5 * scale
    )
    script = load_text(text)
    assert not isinstance(script, list), script
    timeline = compile_timeline(script)
    recorder = Recorder(speed)
    clock = monotonic if speed == 1 else ScaledClock(speed)
    run_plain(timeline, clock=clock, speed=speed, handler=recorder, stdin=io.StringIO(),
              stdout=io.StringIO())  # fmt: skip
    return timeline.length, recorder


def run_timer(minutes: int, speed: float) -> tuple[float, Recorder]:
    """The quick timer as ``session-player timer 60m --bell-every 5m --speed 60`` plays it."""
    choice = TimerChoice(length=minutes * 60.0, bell_every=300.0)
    timeline = compile_timeline(timer_script(choice, bundled_sounds()))
    recorder = Recorder(speed)
    run_plain(timeline, clock=ScaledClock(speed), speed=speed, handler=recorder,
              stdin=io.StringIO(), stdout=io.StringIO())  # fmt: skip
    return timeline.length, recorder


def report(label: str, length: float, rec: Recorder) -> None:
    ms = [e * 1000 for e in rec.errors]
    print(
        f"  {label:<24} {length:6.0f} s  cues {len(ms):4d}  "
        f"median {statistics.median(ms):6.2f} ms  max {max(ms):6.2f} ms  "
        f"end {rec.end_error * 1000:6.2f} ms"
    )


def main() -> None:
    print("cue error = actual moment - planned offset (real ms); goal: end <= 10, max <= 20")
    length, rec = run(1, 1.0)
    report(f"{length:.0f} s at speed 1", length, rec)
    length, rec = run(10, 10.0)
    report(f"{length:.0f} s at speed 10", length, rec)
    length, rec = run_timer(60, 60.0)
    report("60 min timer at speed 60", length, rec)


if __name__ == "__main__":
    main()
