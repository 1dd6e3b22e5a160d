"""Breath tones started ahead of their boundary: the listener asks for each tone when its phase is
told, to be heard on the boundary; a tone whose phase no longer comes is stopped; and the sound
output's delayed start (leading silence) keeps its place through a pause. Fake clock and a fake
simpleaudio only (the ALSA-captured onsets are in tests/audio/test_audio_breath.py)."""

from __future__ import annotations

import array
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from session_player.audio.pcm import Sound
from session_player.audio.player import LEAD_S, SoundOutput
from session_player.conductor.dispatcher import Conductor
from session_player.core.clock import FakeClock
from session_player.core.script.loader import load_text
from session_player.core.session import events as ev
from session_player.core.session.ahead import LEAD
from session_player.core.session.engine import Session
from session_player.core.session.timeline import compile_timeline
from session_player.home.settings import Settings

RATE = 1000  # a small rate keeps the buffers short and the frame arithmetic plain


class Handle:
    def __init__(self, name: str, delay: float) -> None:
        self.name, self.delay, self.stopped = name, delay, False

    def is_playing(self) -> bool:
        return not self.stopped

    def stop(self) -> None:
        self.stopped = True

    def fade_out(self, ms: int = 0) -> None:
        self.stopped = True

    def pause(self, ms: int = 0) -> None: ...
    def resume(self, ms: int = 0) -> None: ...
    def wait(self, timeout: float | None = None) -> bool:
        return True


class Output:
    """Records each sound asked for, with its delay."""

    available = True
    paused = False

    def __init__(self) -> None:
        self.handles: list[Handle] = []

    def prepare(self, sound: Path, volume: int = 100) -> None: ...
    def play(self, sound: Path, volume: int = 100, delay: float = 0.0) -> Handle:
        self.handles.append(Handle(sound.stem, delay))
        return self.handles[-1]

    def pause(self, fade_ms: int = 0) -> None: ...
    def resume(self, fade_ms: int = 0) -> None: ...
    def stop_all(self, fade_ms: int = 0) -> None: ...
    def close(self) -> None: ...


def conducted(
    steps: str, speed: float = 1.0, mode: str = "tones"
) -> tuple[Session, Output, Conductor]:
    script = load_text(f'title = "T"\npractice = "breathing"\n{steps}')
    assert not isinstance(script, list), script
    session = Session(compile_timeline(script), FakeClock())
    output = Output()
    settings = Settings(start_chime="none", end_chime="none", breath_sounds=mode)
    conductor = Conductor(settings, output=output, speed=speed)  # type: ignore[arg-type]
    conductor.begin(session)
    conductor.handle(session.start())
    return session, output, conductor


def until(session: Session, conductor: Conductor, practised: float) -> list[ev.Event]:
    clock = session.clock
    assert isinstance(clock, FakeClock)
    events: list[ev.Event] = []
    while session.practised < practised - 1e-9:
        clock.advance(min(0.1, practised - session.practised))
        events += session.poll()
    conductor.handle(events)
    return events


BOX = '[[step]]\nbreathe = "box"\ncycles = 1\n'


@pytest.mark.parametrize("speed", [1.0, 4.0])
def test_each_tone_is_asked_for_ahead_to_be_heard_on_its_boundary(speed: float) -> None:
    session, output, conductor = conducted(BOX, speed)
    assert [(h.name, h.delay) for h in output.handles] == [("in", 0.0)]  # the session's start
    until(session, conductor, 3.6)  # told at 3.5 s, handled a little late
    assert [h.name for h in output.handles] == ["in", "hold"]
    assert output.handles[-1].delay == pytest.approx((4.0 - 3.6) / speed)  # wall seconds
    until(session, conductor, 4.0)
    assert len(output.handles) == 2  # the phase itself starts nothing more


def test_a_tone_whose_phase_no_longer_comes_is_stopped() -> None:
    session, output, conductor = conducted(BOX + BOX)
    until(session, conductor, 15.7)  # the next step's first "in", at 16 s, is on its way
    coming = output.handles[-1]
    assert (coming.name, coming.stopped) == ("in", False)
    conductor.handle(session.previous_step())  # back to the start of this box
    assert coming.stopped
    restarted = output.handles[-1]  # the box begins again now: its "in" at once
    assert (restarted.name, restarted.delay, restarted.stopped) == ("in", 0.0, False)
    until(session, conductor, 15.7 + 3.6)
    assert output.handles[-1].name == "hold" and not restarted.stopped
    conductor.handle(session.stop())
    assert output.handles[-1].stopped  # the stop takes the coming "hold" too
    assert not output.handles[-2].stopped  # what is already heard ends by itself


def test_words_and_counts_stay_timed_by_the_phase() -> None:
    session, output, conductor = conducted(BOX, mode="words")
    until(session, conductor, 8.0)
    assert output.handles == []  # no tones (and no voice without speech here)


# -- the sound output's delayed start -----------------------------------------------------


class FakeSimpleaudio:
    """``play_buffer`` keeps each buffer it is handed (as simpleaudio does) and when."""

    def __init__(self, clock: FakeClock, opening: float = 0.0) -> None:
        self.clock, self.opening = clock, opening
        self.streams: list[tuple[float, bytearray]] = []

    def play_buffer(self, buf: bytearray, channels: int, width: int, rate: int) -> Any:
        self.clock.advance(self.opening)  # the device takes its time to open
        self.streams.append((self.clock(), buf))
        return SimpleNamespace(stop=lambda: None)


def tone() -> Sound:
    samples = array.array("h", [8000] * RATE)  # one second, audible from its first sample
    return Sound(samples.tobytes(), RATE)


def heard(buf: bytearray) -> float:
    """Seconds into a stream of its first sample that is not silence."""
    samples = array.array("h", bytes(buf))
    return next(i for i, s in enumerate(samples) if s) / RATE


def output(opening: float = 0.0) -> tuple[SoundOutput, FakeSimpleaudio, FakeClock]:
    clock = FakeClock(0.0)
    sa = FakeSimpleaudio(clock, opening)
    return SoundOutput(sa, clock=clock), sa, clock  # type: ignore[arg-type]


def test_a_delayed_sound_starts_now_with_silence_up_to_its_moment() -> None:
    out, sa, _ = output(opening=0.02)
    out.play(tone(), 100, delay=LEAD)
    ((opened, buf),) = sa.streams
    # The device opened 20 ms late: the silence is shortened by that much, so the first sample
    # is still heard half a second after the call.
    assert opened + heard(buf) == pytest.approx(LEAD, abs=1 / RATE)


def test_a_pause_while_it_is_still_silence_keeps_the_time_left() -> None:
    out, sa, clock = output()
    out.play(tone(), 100, delay=LEAD)
    clock.advance(0.1)
    out.pause()
    assert not any(sa.streams[0][1])  # taken back whole: nothing of it is heard
    clock.advance(9.9)
    out.resume()
    opened, buf = sa.streams[-1]
    assert opened + heard(buf) == pytest.approx(LEAD + 9.9, abs=1 / RATE)  # the shifted moment
    assert array.array("h", bytes(buf))[int(heard(buf) * RATE)] == 8000  # from its beginning


def test_a_delayed_sound_stopped_while_still_silence_is_never_heard() -> None:
    out, sa, clock = output()
    handle = out.play(tone(), 100, delay=LEAD)
    clock.advance(LEAD - LEAD_S - 0.05)
    handle.stop()
    assert not any(sa.streams[0][1])
    assert len(sa.streams) == 1
