"""The soundscape: which one plays, how the script and settings name it, and the bed itself on
a driven clock (no device): seamless loops, level under the voice, pause, memory for hours."""

from __future__ import annotations

import ctypes
import itertools
import math
import sys
import wave
from array import array
from pathlib import Path
from typing import Any

import pytest

from session_player.audio.bed import AHEAD_S, LEAD_S, WAKE_S, Bed
from session_player.audio.levels import DUCK_DB
from session_player.audio.loops import FileLoop, LoopError, MemoryLoop, open_loop
from session_player.audio.pcm import load_wav
from session_player.cli.main import main
from session_player.core.bundled import bundled_beds
from session_player.core.script.loader import load_text
from session_player.core.script.presets import SOUNDSCAPES
from session_player.home.settings import settings_from
from session_player.home.soundscapes import chosen, find, soundscapes


class FakePlayer:
    """A device that takes the buffer and plays it at the clock's pace (we read what it holds)."""

    def __init__(self) -> None:
        self.now = 100.0
        self.buf: Any = None
        self.stopped = False
        self.streams: list[tuple[Any, float]] = []  # every buffer, and when it began

    def clock(self) -> float:
        return self.now

    def play_buffer(self, buf: Any, channels: int, rate: int) -> Any:
        self.buf = buf
        self.streams.append((buf, self.now))
        return self

    def stop(self) -> None:
        self.stopped = True


def samples(pcm: bytes) -> array[int]:
    out = array("h")
    out.frombytes(pcm)
    if sys.byteorder == "big":
        out.byteswap()
    return out


def largest_step(xs: array[int], channels: int) -> int:
    return max(abs(xs[i + channels] - xs[i]) for i in range(len(xs) - channels))


def steps_at(xs: array[int], channels: int, frames: list[int]) -> int:
    """The largest sample step across each of ``frames`` (between frame f-1 and f)."""
    worst = 0
    for f in frames:
        for c in range(channels):
            i = f * channels + c
            if channels <= i < len(xs):
                worst = max(worst, abs(xs[i] - xs[i - channels]))
    return worst


def rms(xs: array[int]) -> float:
    return math.sqrt(sum(x * x for x in xs) / max(1, len(xs)))


def test_the_bundled_beds_are_those_the_scripts_may_name() -> None:
    assert sorted(bundled_beds()) == sorted(SOUNDSCAPES)
    for path in bundled_beds().values():
        sound = load_wav(path)
        assert sound.channels == 1 and sound.rate == 22050
        assert path.stat().st_size < 1_100_000  # small


@pytest.mark.parametrize("name", SOUNDSCAPES)
def test_a_bundled_bed_comes_round_with_no_step_above_its_own(name: str) -> None:
    loop = open_loop(bundled_beds()[name], bundled=True)
    assert isinstance(loop, MemoryLoop) and loop.channels == 2
    frames = len(loop._pcm) // 4
    own = largest_step(samples(loop._pcm), 2)
    sizes = [997, 12345, 4410, frames // 3 + 7]  # chunks that fall anywhere, the loop's end too
    played, seams, at = bytearray(), [], 0
    for size in sizes * 3:
        played += loop.read(size)
        at += size
        seams.append(at)
    heard = samples(bytes(played))
    seams += list(range(frames, at, frames))  # where the loop comes round
    assert steps_at(heard, 2, seams) <= own
    left, right = heard[0::2][:frames], heard[1::2][:frames]
    assert left != right  # wide: the two ears never hear the same moment


def own_recording(tmp_path: Path, channels: int = 2) -> Path:
    """A recording not made to loop: a stretch of rain, cut anywhere."""
    sound = load_wav(bundled_beds()["rain"])
    mono = samples(sound.pcm)[6615:220000]
    data = array("h", bytes(2 * len(mono) * channels))
    for c in range(channels):
        data[c::channels] = mono if c == 0 else mono[::-1]
    path = tmp_path / "garden.wav"
    with wave.open(str(path), "wb") as w:
        w.setnchannels(channels)
        w.setsampwidth(2)
        w.setframerate(22050)
        w.writeframes(data.tobytes())
    return path


def test_ones_own_file_is_read_as_it_plays_and_comes_round_smoothly(tmp_path: Path) -> None:
    path = own_recording(tmp_path)
    loop = FileLoop(path)
    raw = samples(load_wav(path).pcm)
    own = largest_step(raw, 2)
    frames = len(raw) // 2
    played = bytearray()
    for _ in range(40):
        played += loop.read(13_001)
    loop.close()
    heard = samples(bytes(played))
    cross = 22050  # the one-second crossfade: the loop is that much shorter than the file
    period = frames - cross
    seams = list(range(13_001, len(heard) // 2, 13_001))
    seams += [frames - cross + k * period for k in range(5)]  # into each crossfade
    seams += [frames + k * period for k in range(5)]  # out of it
    assert steps_at(heard, 2, seams) <= own
    assert heard[: 2 * 1000] == raw[: 2 * 1000]  # it starts as the file starts


def test_a_file_that_cant_loop_says_why_in_one_line(tmp_path: Path) -> None:
    short = tmp_path / "drip.wav"
    with wave.open(str(short), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(22050)
        w.writeframes(bytes(2 * 2000))
    with pytest.raises(LoopError, match="too short to loop"):
        open_loop(short, bundled=False)
    (tmp_path / "notes.txt").write_text("hi")
    with pytest.raises(LoopError, match="a WAV, FLAC or OGG file"):
        open_loop(tmp_path / "notes.txt", bundled=False)
    (tmp_path / "bad.wav").write_bytes(b"RIFF....WAVEfmt nonsense")
    with pytest.raises(LoopError, match="can't be read as a WAV file"):
        open_loop(tmp_path / "bad.wav", bundled=False)


def play(bed: Bed, player: FakePlayer, seconds: float) -> None:
    """Let ``seconds`` pass, the writer waking as it does (at once after a change)."""
    end = player.now + seconds
    bed.step()
    while player.now < end:
        player.now = min(end, player.now + WAKE_S)
        bed.step()


def heard(bed: Bed, player: FakePlayer, start: float, end: float) -> array[int]:
    """What the device plays between two moments of the clock (written by then)."""
    t0, fb = bed._t0, bed.fb
    a, b = int((start - t0) * bed.rate) * fb, int((end - t0) * bed.rate) * fb
    return samples(bytes(player.buf[a:b]))


def level_db(bed: Bed, player: FakePlayer, start: float, end: float) -> float:
    """The bed's level between two moments, in dB against the loop as it was made (so the
    rain's own gusts don't count)."""
    played = heard(bed, player, start, end)
    a = int((start - bed._t0) * bed.rate)
    made = samples(bed.loop._pcm)  # type: ignore[attr-defined]
    frames = len(made) // 2
    source = array("h", (made[((a + i // 2) % frames) * 2 + i % 2] for i in range(len(played))))
    return 20 * math.log10(rms(played) / rms(source))


def rain_bed(volume: int = 100) -> tuple[Bed, FakePlayer]:
    player = FakePlayer()
    bed = Bed(player, open_loop(bundled_beds()["rain"], bundled=True), volume, span_s=600)
    assert bed.start(fade_in_s=0.01, writer=False)
    return bed, player


def test_the_bed_gives_way_to_a_line_and_comes_back() -> None:
    bed, player = rain_bed()
    play(bed, player, 1.0)
    t = player.now
    bed.duck(1, t + 1.0, t + 3.0)  # a line heard a second from now, for two seconds
    play(bed, player, 3.5)  # (what was played 4 s ago is given back: read it before)
    assert level_db(bed, player, t - 0.3, t + 0.6) == pytest.approx(0.0, abs=0.1)
    assert level_db(bed, player, t + 1.1, t + 2.9) == pytest.approx(-DUCK_DB, abs=0.1)
    levels = [level_db(bed, player, t + 0.7 + k * 0.05, t + 0.75 + k * 0.05) for k in range(6)]
    assert levels == sorted(levels, reverse=True) and levels[0] > -DUCK_DB / 2 > levels[-1]
    raw = heard(bed, player, t + 0.6, t + 1.1)
    play(bed, player, 1.5)
    assert level_db(bed, player, t + 3.4, t + 4.5) == pytest.approx(0.0, abs=0.1)
    assert largest_step(raw, 2) <= largest_step(samples(bed.loop._pcm), 2)  # type: ignore[attr-defined]


def test_a_line_that_starts_at_once_is_given_way_to_gently_not_at_a_drop() -> None:
    bed, player = rain_bed()
    play(bed, player, 1.0)
    t = player.now
    bed.duck(1, t, t + 3.0)  # heard from now: its attack would have been in the past
    play(bed, player, 3.5)
    steps = [level_db(bed, player, t + k * 0.05, t + (k + 1) * 0.05) for k in range(20)]
    assert max(a - b for a, b in itertools.pairwise(steps)) < 2.0, steps  # never a drop
    assert steps[0] == pytest.approx(0.0, abs=0.1)  # what was on its way out is as it was
    assert level_db(bed, player, t + 0.7, t + 2.9) == pytest.approx(-DUCK_DB, abs=0.1)


def test_a_pause_fades_it_out_the_grounding_pause_keeps_it_lower() -> None:
    bed, player = rain_bed()
    play(bed, player, 1.0)
    t = player.now
    bed.to(0.0, 0.4)  # paused
    play(bed, player, 2.0)
    assert max(map(abs, heard(bed, player, t + LEAD_S + 0.45, t + 1.9))) == 0
    t = player.now
    bed.to(10 ** (-10 / 20), 1.0)  # the grounding pause
    play(bed, player, 3.0)
    assert level_db(bed, player, t + LEAD_S + 1.1, t + 2.9) == pytest.approx(-10.0, abs=0.1)
    t = player.now
    bed.to(1.0, 0.4)  # resumed
    play(bed, player, 2.0)
    assert level_db(bed, player, t + 1.0, t + 1.9) == pytest.approx(0.0, abs=0.1)


def test_it_fades_out_and_stops() -> None:
    bed, player = rain_bed()
    play(bed, player, 1.0)
    bed.fade_out(1.0)
    play(bed, player, 3.0)
    assert bed._stop_at is not None and bed._stop_at <= player.now
    assert bed.step()  # done


def test_a_stream_that_comes_to_its_end_hands_over_to_the_next_without_a_seam(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from session_player.audio import bed as module

    monkeypatch.setattr(module, "BEHIND_S", 1e9)  # keep every sample, to hear them all after
    player = FakePlayer()
    loop = open_loop(bundled_beds()["stream"], bundled=True)
    made = samples(loop._pcm)
    bed = Bed(player, loop, 100, span_s=7.0)  # 7 s streams (Windows has ten minutes)
    assert bed.start(fade_in_s=0.01, writer=False)
    start = player.now
    play(bed, player, 18.0)
    assert len(player.streams) >= 3  # each begins with silence until its crossfade
    frames = int(18.0 * 22050)
    heard = [0] * (2 * frames)  # what the device mixes: each stream from when it began
    for buf, began in player.streams:
        at = round((began - start) * 22050) * 2
        part = samples(bytes(buf))
        for i in range(min(len(part), len(heard) - at)):
            heard[at + i] += part[i]
    n = len(made)
    errors = [abs(heard[i] - made[i % n]) for i in range(2 * 22050, 2 * (frames - 22050))]
    assert max(errors) <= 2  # the same samples throughout: the crossfades add up to one


def resident(buf: Any) -> int:
    """Bytes of ``buf``'s mapping in memory now (Linux's /proc/self/smaps)."""
    address = ctypes.addressof(ctypes.c_char.from_buffer(buf))
    lines = Path("/proc/self/smaps").read_text().splitlines()
    for n, line in enumerate(lines):
        span = line.split()[0]
        if "-" in span and all(c in "0123456789abcdef-" for c in span):
            low, high = (int(x, 16) for x in span.split("-"))
            if low <= address < high:
                rss = next(x for x in lines[n + 1 :] if x.startswith("Rss:"))
                return int(rss.split()[1]) * 1024
    raise AssertionError("mapping not found")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc/self/smaps")
def test_two_hours_hold_a_few_seconds_of_samples() -> None:
    player = FakePlayer()
    loop = open_loop(bundled_beds()["rain"], bundled=True)
    bed = Bed(player, loop, 60)
    assert bed.start(fade_in_s=5.0, writer=False)
    most = 0
    for n in range(int(2 * 3600 / WAKE_S)):
        player.now += WAKE_S
        bed.step()
        if n % 97 == 0:
            bed.duck(n, player.now + 1, player.now + 4)  # a line now and then
        if n % 1000 == 0:
            most = max(most, resident(player.buf))
    assert bed._head >= 2 * 3600 * bed.rate  # it played two hours
    held = most + len(bed._raw) + len(loop._pcm)
    assert held < 20 << 20, f"{held / 2**20:.1f} MiB"
    ahead = bed._head - int((player.now - bed._t0) * bed.rate)
    assert ahead <= (AHEAD_S + 0.1) * bed.rate


def test_which_soundscape_plays() -> None:
    assert chosen(None, "script", "rain") == "rain"
    assert chosen(None, "script", None) is None
    assert chosen(None, "none", "rain") is None  # the person's "none" always wins
    assert chosen(None, "waves", "rain") == "waves"
    assert chosen("brown", "none", "rain") == "brown"  # asked for, this once
    assert chosen("none", "waves", "rain") is None


def test_ones_own_sounds_are_listed_beside_the_bundled_ones(tmp_path: Path) -> None:
    own_recording(tmp_path)
    (tmp_path / "rain.flac").write_bytes(b"")  # the same name as a bundled one
    (tmp_path / "notes.txt").write_text("not a sound")
    found = soundscapes(tmp_path)
    assert list(found)[:4] == ["brown", "rain", "stream", "waves"]
    assert found["garden"].path == tmp_path / "garden.wav" and not found["garden"].bundled
    assert found["rain.flac"].path == tmp_path / "rain.flac"
    assert "notes" not in found
    problem = find("rian", tmp_path)
    assert isinstance(problem, str) and "did you mean `rain`?" in problem


SCRIPT = """title = "Under rain"
practice = "silent"
soundscape = {value}
[[step]]
silence = "1m"
"""


def test_a_script_names_its_soundscape() -> None:
    script = load_text(SCRIPT.format(value='"rain"'))
    assert not isinstance(script, list) and script.soundscape == "rain"
    script = load_text(SCRIPT.format(value='"none"'))
    assert not isinstance(script, list) and script.soundscape == "none"
    errors = load_text(SCRIPT.format(value='"rian"'))
    assert isinstance(errors, list)
    text = str(errors[0])
    assert ":3:" in text and "soundscape: unknown soundscape 'rian'; did you mean `rain`?" in text
    errors = load_text(SCRIPT.format(value="3"))
    assert isinstance(errors, list) and "soundscape" in str(errors[0])


def test_the_setting_takes_a_name_never_a_path() -> None:
    settings, notices = settings_from({"soundscape": "my garden", "soundscape_volume": 30})
    assert (settings.soundscape, settings.soundscape_volume, notices) == ("my garden", 30, [])
    settings, notices = settings_from({"soundscape": "../../etc/passwd"})
    assert settings.soundscape == "script" and "soundscape" in notices[0]


def test_an_unknown_soundscape_on_the_command_line_is_one_line(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["play", "box-breathing", "--plain", "--soundscape", "rian"]) == 1
    err = capsys.readouterr().err
    assert "no soundscape called 'rian'; did you mean `rain`?" in err
    assert "Traceback" not in err and err.count("\n") == 1
    assert main(["timer", "1m", "--plain", "--soundscape", "wave"]) == 2
    assert "did you mean `waves`?" in capsys.readouterr().err


class MadeBed:
    """A bed as the listener sees it, noting what it was asked."""

    def __init__(self) -> None:
        self.asked: list[str] = []

    @property
    def playing(self) -> bool:
        return "stop" not in self.asked

    def start(self, fade_in_s: float, *, writer: bool = True) -> bool:
        self.asked.append("start")
        return True

    def to(self, level: float, seconds: float) -> None:
        self.asked.append(f"to {level:.2f}")

    def duck(self, key: int, start: float, end: float) -> None:
        self.asked.append("duck")

    def fade_out(self, seconds: float, at: float | None = None) -> None:
        self.asked.append("fade out")

    def stop(self) -> None:
        self.asked.append("stop")


def test_the_bed_is_opened_while_preparing_and_let_go_if_never_started() -> None:
    from session_player.conductor.listeners.soundscape import Soundscape
    from session_player.conductor.listeners.stage import Stage
    from session_player.core.clock import FakeClock
    from session_player.core.session.engine import Session
    from session_player.core.session.timeline import compile_timeline
    from session_player.home.settings import Settings

    made: list[MadeBed] = []

    def maker(output: object, name: str, volume: int) -> MadeBed:
        made.append(MadeBed())
        return made[-1]

    listener = Soundscape(Stage(Settings(), output=object()), maker=maker)  # type: ignore[arg-type]
    script = load_text(SCRIPT.format(value='"rain"'))
    assert not isinstance(script, list)
    listener.ready(script)  # in the worker that renders the voice
    assert len(made) == 1 and made[0].asked == []
    listener.begin(Session(compile_timeline(script), FakeClock(0.0)))
    assert len(made) == 1 and made[0].asked == ["start"]  # nothing opened on the screen's turn
    listener.ground()
    assert made[0].asked[-1] == "to 0.32"  # 10 dB lower through the grounding pause
    listener.ready(script)  # the next session prepared, then the app closes
    listener.close()
    assert made[1].asked == ["stop"] and made[0].asked[-1] == "stop"
