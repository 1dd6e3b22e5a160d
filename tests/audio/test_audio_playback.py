"""Playback through simpleaudio, checked on the samples that actually reached ALSA."""

from __future__ import annotations

import importlib.util
import tracemalloc
from pathlib import Path

import pytest
from alsa_capture import ROOT, Child, read_wav_samples, skip_unless_ci

from session_player.audio import notices
from session_player.audio.pcm import load_wav
from session_player.audio.player import LEAD_S, SoundOutput

if importlib.util.find_spec("simpleaudio") is None:
    skip_unless_ci("simpleaudio (the sound extra) is not installed", allow_module_level=True)


def source(name: str) -> list[int]:
    return list(read_wav_samples(ROOT / "audio" / f"{name}.wav")[3])


def test_each_chime_reaches_alsa_whole_at_its_rate_and_fades_out(child: Child) -> None:
    capture = child(
        """
        from session_player.audio import open_output
        out, notice = open_output()
        assert notice is None, notice
        for name in ("bell", "bowl", "wood"):
            out.play(AUDIO / f"{name}.wav", 100)
        """
    )
    assert capture.stderr == ""
    assert len(capture.streams) == 3
    for stream, name, (low, high) in zip(
        capture.streams, ("bell", "bowl", "wood"), [(4, 6), (7, 9), (0.3, 0.6)], strict=True
    ):
        assert (stream.rate, stream.channels, stream.width) == (44100, 1, 2)
        assert low <= stream.seconds <= high
        assert list(stream.samples) == source(name)  # volume 100: sample for sample
        peak = stream.peak()
        assert 0.68 * 32768 < peak < 0.72 * 32768  # about -3 dBFS
        assert stream.peak(stream.seconds - 0.1) < peak / 100  # the last 100 ms: below -40 dB
        assert stream.samples[-1] == 0


def test_volume_zero_plays_nothing_and_fifty_is_half(child: Child) -> None:
    capture = child(
        """
        from session_player.audio import open_output
        out, _ = open_output()
        for volume in (0, 100, 50):
            out.play(AUDIO / "wood.wav", volume)
        """
    )
    full, half = capture.streams  # volume 0 opened no stream at all
    assert full.peak() > 20000
    assert half.peak() / full.peak() == pytest.approx(0.5, abs=0.01)
    assert len(half.samples) == len(full.samples)


def test_overlapping_sounds_each_reach_alsa_intact(child: Child) -> None:
    # Mixing is the audio server's (or dmix's) job: each sound is its own stream.
    capture = child(
        """
        from session_player.audio import open_output
        out, _ = open_output()
        bell = out.play(AUDIO / "bell.wav", 100)
        time.sleep(0.2)
        wood = out.play(AUDIO / "wood.wav", 100)
        assert bell.is_playing() and wood.is_playing()
        """
    )
    bell, wood = capture.streams
    assert list(bell.samples) == source("bell")
    assert list(wood.samples) == source("wood")
    assert wood.start - bell.start == pytest.approx(0.2, abs=0.1)


def fade_span(samples: list[int], original: list[int], offset: int = 0) -> tuple[int, int]:
    """(where the capture first departs from the original, where its sound ends)."""
    pairs = zip(samples, original[offset:], strict=False)
    departs = next(i for i, (a, b) in enumerate(pairs) if a != b)
    ends = max(i for i, s in enumerate(samples) if s != 0) + 1
    return departs, ends


def assert_fades(
    samples: list[int], original: list[int], offset: int, span: tuple[int, int]
) -> None:
    """Between departing from the original and silence: never louder, no click, a smooth end."""
    departs, ends = span
    fade = samples[departs:ends]
    under = original[offset + departs : offset + ends]
    assert all(abs(s) <= abs(o) + 1 for s, o in zip(fade, under, strict=True))
    steepest = max(abs(original[i + 1] - original[i]) for i in range(len(original) - 1))
    assert max(abs(fade[i + 1] - fade[i]) for i in range(len(fade) - 1)) <= steepest
    assert max(abs(s) for s in fade[-len(fade) // 10 :]) <= 0.03 * max(map(abs, under)) + 2
    assert not any(samples[ends:])


def test_fade_out_ramps_smoothly_to_silence(child: Child) -> None:
    capture = child(
        """
        from session_player.audio import open_output
        out, _ = open_output()
        handle = out.play(AUDIO / "bell.wav", 100)
        time.sleep(0.3)
        mark("fade")
        handle.fade_out(200)
        assert handle.wait(3)
        mark("silent")
        """,
        paced=True,
    )
    (stream,) = capture.streams
    bell, samples = source("bell"), list(stream.samples)
    departs, ends = fade_span(samples, bell)
    # The fade starts one lead time after the call and lasts 200 ms; then all is silence.
    at_call = capture.events["fade"] - stream.start
    assert departs / stream.rate == pytest.approx(at_call + LEAD_S, abs=0.1)
    assert (ends - departs) / stream.rate == pytest.approx(0.2, abs=0.01)
    assert_fades(samples, bell, 0, (departs, ends))
    assert stream.seconds < 2.0  # the stream was stopped, not left to run its 5 s


def test_pause_fades_out_and_resume_fades_in_from_the_same_place(child: Child) -> None:
    capture = child(
        """
        from session_player.audio import open_output
        out, _ = open_output()
        handle = out.play(AUDIO / "bowl.wav", 100)
        time.sleep(0.3)
        out.pause(150)
        assert out.paused and handle.is_playing()
        time.sleep(0.3)
        out.resume(150)
        time.sleep(0.3)
        handle.stop()
        handle.wait(3)
        """,
        paced=True,
    )
    first, second = capture.streams
    bowl, paused, resumed = source("bowl"), list(first.samples), list(second.samples)
    departs, ends = fade_span(paused, bowl)
    assert (ends - departs) / first.rate == pytest.approx(0.15, abs=0.01)
    assert_fades(paused, bowl, 0, (departs, ends))
    assert second.start - first.start == pytest.approx(0.3 + 0.3, abs=0.15)
    # The second stream waits in silence until the first one's fade-out has ended (a quick
    # resume never sounds the bowl twice at once) ...
    ramp = int(0.15 * second.rate)
    # The fade-in's first audible sample comes a little after its first (at gain near 0).
    heard = next(i for i, sample in enumerate(resumed) if sample)
    aligned = [
        lead
        for lead in range(max(0, heard - second.rate // 20), heard + 1)
        if resumed[lead + ramp : lead + ramp + 4410] == bowl[departs + ramp : departs + ramp + 4410]
    ]
    assert aligned, "the bowl does not go on from where it was paused"
    lead = aligned[0]
    assert second.start + lead / second.rate >= first.start + ends / first.rate - 0.02
    resumed = resumed[lead:]
    # ... then is the bowl from where the fade began, faded in over 150 ms ...
    assert abs(resumed[0]) < 50
    assert all(abs(s) <= abs(o) + 1 for s, o in zip(resumed[:ramp], bowl[departs:], strict=False))
    assert resumed[ramp : ramp + 4410] == bowl[departs + ramp : departs + ramp + 4410]
    # ... and stop() faded it out over 60 ms.
    stop_departs, stop_ends = fade_span(resumed[ramp:], bowl, departs + ramp)
    assert (stop_ends - stop_departs) / second.rate == pytest.approx(0.06, abs=0.005)
    assert_fades(resumed[ramp:], bowl, departs + ramp, (stop_departs, stop_ends))


def test_sound_started_while_paused_waits_for_resume(child: Child) -> None:
    capture = child(
        """
        from session_player.audio import open_output
        out, _ = open_output()
        out.pause()
        handle = out.play(AUDIO / "wood.wav", 100)
        assert handle.is_playing()
        time.sleep(0.2)
        mark("resume")
        out.resume(0)
        """
    )
    (stream,) = capture.streams
    assert stream.start >= capture.events["resume"]
    assert list(stream.samples) == source("wood")


def test_no_device_gives_the_quiet_fallback_and_prints_nothing(child: Child) -> None:
    capture = child(
        """
        from session_player.audio import open_output, NullOutput
        out, notice = open_output()
        assert isinstance(out, NullOutput), out
        print(notice)
        out.play(AUDIO / "bell.wav", 100).fade_out()
        out.pause(); out.resume(); out.close()
        """,
        config="",  # an empty ALSA configuration: not even a default device
    )
    assert capture.stderr == ""
    assert capture.stdout.startswith("Sound is off: no audio device found")
    assert len(capture.stdout.splitlines()) == 1


def test_without_the_quiet_handler_alsa_would_print(child: Child) -> None:
    # The control for the test above: the same empty configuration does make ALSA write to fd 2.
    capture = child(
        """
        import simpleaudio
        try:
            simpleaudio.play_buffer(bytes(100), 1, 2, 44100)
        except Exception:
            pass
        """,
        config="",
    )
    assert "ALSA lib" in capture.stderr


def test_without_simpleaudio_the_notice_says_how_to_get_sound(child: Child) -> None:
    capture = child(
        """
        sys.modules["simpleaudio"] = None  # as if the sound extra were not installed
        from session_player.audio import open_output, NullOutput
        out, notice = open_output()
        assert isinstance(out, NullOutput)
        print(notice)
        """,
        config="",
    )
    assert capture.stdout.strip() == notices.no_sound_extra()
    assert capture.stderr == ""


def test_unreadable_file_is_an_error_not_a_crash(tmp_path: Path) -> None:
    from session_player.audio.player import SoundOutput

    bad = tmp_path / "bad.wav"
    bad.write_bytes(b"not a wav")
    output = SoundOutput(simpleaudio=None)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="not a readable WAV"):
        output.play(bad, 50)


def test_a_sound_is_held_once_at_the_volume_it_plays_at() -> None:
    """The output keeps each sound ready at its volume; the samples as read from the file are
    not kept beside them (they were: 1.0 MiB of a spoken session, issue 26). What is heard at
    each volume is checked above."""
    import simpleaudio

    bell = ROOT / "audio" / "bell.wav"
    size = len(load_wav(bell).pcm)
    output = SoundOutput(simpleaudio)
    tracemalloc.start()
    try:
        output.prepare(bell, 60)
        output.prepare(bell, 60)  # kept: not read or scaled again
        held, _ = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert size <= held < 1.2 * size
