"""A listening kit: every bundled soundscape, to be checked by ear in five minutes.

``python -m tools.listening [--out DIR] [--voice ID] [--seconds N]`` writes into ``DIR``
(``listening/`` at first), for each bundled bed:

- ``NAME-under-voice.wav``: the first minute of a real session (``grounding-two-minutes``,
  rendered as ``session-player render --soundscape NAME`` renders it, in mono: the default
  voice, hibari where it is installed, or ``--voice``; the bed at its default volume, fading in
  over the opening and giving way to every line);
- ``NAME-seam.wav``: the bed alone as it plays, across the places its loop comes round (the
  left ear's seam and the right ear's, half a loop later, at the times printed);

then prints what to listen for. The machine's own check of the same things, at ALSA, is
``tests/audio/test_soundscapes_by_ear.py``; this is for a person with speakers or headphones.
"""

from __future__ import annotations

import argparse
import sys
import time
import wave
from dataclasses import replace
from pathlib import Path

SCRIPT = "grounding-two-minutes"
BEFORE_SEAM_S = 4.0  # the bed alone starts this long before its loop comes round
FADE_S = 0.05  # each file's own ends fade, so they are not heard as a click

CHECKLIST = """\
Listen at a comfortable level, in headphones if you can, and note against each bed:
  [ ] natural: it sounds like its name, not like hiss or a fan
  [ ] the voice is clear over it, every word of it
  [ ] it eases down as a line begins and back up after, gently: no pumping, no jump
  [ ] never louder than the voice, nor lost under it
  [ ] at the seams: no click, thump or gap, and no repeat you can pick out"""


def seam_clip(path: Path, volume: int) -> tuple[bytes, int, list[float]]:
    """The bed alone as it plays at ``volume``: 16-bit stereo from ``BEFORE_SEAM_S`` before
    the left ear's seam to as long after the right ear's, its rate, and the seams' times in it
    (left, then right)."""
    from session_player.audio.loops import open_loop
    from session_player.audio.pcm import load_wav

    loop = open_loop(path, bundled=True)
    loop.at_volume(volume / 100)
    rate = loop.rate
    frames = len(load_wav(path).pcm) // 2  # the loop's length, mono
    loop.read(frames - int(BEFORE_SEAM_S * rate))
    seams = [BEFORE_SEAM_S, BEFORE_SEAM_S + frames // 2 / rate]
    pcm = faded(loop.read(int((seams[1] + BEFORE_SEAM_S) * rate)), rate)
    return pcm, rate, seams


def faded(pcm: bytes, rate: int) -> bytes:
    """Stereo 16-bit ``pcm`` with ``FADE_S`` fades at its two ends."""
    from array import array

    samples = array("h", pcm)
    n = int(FADE_S * rate)
    for i in range(n):
        g = i / n
        for c in (0, 1):
            samples[2 * i + c] = int(samples[2 * i + c] * g)
            samples[-2 * (i + 1) + c] = int(samples[-2 * (i + 1) + c] * g)
    return samples.tobytes()


def write_wav(path: Path, pcm: bytes, rate: int) -> None:
    with wave.open(str(path), "wb") as out:
        out.setnchannels(2)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(pcm)


def under_voice(name: str, target: Path, seconds: float, voice: str | None) -> str | None:
    """Render the session's first ``seconds`` under ``name`` into ``target``; a problem, or
    None."""
    import numpy as np
    import soundfile

    from session_player.audio.speech import open_speech
    from session_player.conductor.saving import SaveError, missing, save
    from session_player.core.bundled import bundled_scripts_dir
    from session_player.core.script.loader import load_script
    from session_player.home import paths
    from session_player.home.settings import Settings

    if (why := missing()) is not None:
        return why
    script = load_script(bundled_scripts_dir() / f"{SCRIPT}.toml")
    if isinstance(script, list):
        return f"{SCRIPT}: {script[0]}"
    settings = Settings(checkins=False)
    if voice is not None:
        settings = replace(settings, voice_id=voice)
    speech, notice = open_speech(paths.cache_dir() / "speech")
    if not speech.available:
        return notice
    whole = target.with_name(f".{target.stem}-whole.wav")
    try:
        save(script, settings, speech, whole, soundscape=name)
    except SaveError as problem:
        return str(problem)
    finally:
        speech.close()
    track, rate = soundfile.read(whole, dtype="float32")
    whole.unlink()
    part = track[: int(seconds * rate)].copy()
    fade = int(FADE_S * 20 * rate)  # a second's fade out where the minute is cut
    ramp = (1 - np.arange(fade) / fade) ** 2
    part[-fade:] *= ramp if part.ndim == 1 else ramp[:, None]
    soundfile.write(target, part, rate, subtype="PCM_16")
    return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.listening", description=__doc__)
    parser.add_argument("--out", type=Path, default=Path("listening"), help="the folder")
    parser.add_argument("--voice", help="a voice id (your settings' voice when not given)")
    parser.add_argument("--seconds", type=float, default=60.0, help="of the session (60)")
    args = parser.parse_args(argv)

    from session_player.core.bundled import bundled_beds
    from session_player.home.settings import Settings

    args.out.mkdir(parents=True, exist_ok=True)
    volume = Settings().soundscape_volume
    rows = []
    for name, path in bundled_beds().items():
        began = time.perf_counter()
        problem = under_voice(name, args.out / f"{name}-under-voice.wav", args.seconds, args.voice)
        if problem is not None:
            print(f"listening: {name}: {problem}", file=sys.stderr)
            return 1
        voiced = time.perf_counter() - began
        pcm, rate, seams = seam_clip(path, volume)
        write_wav(args.out / f"{name}-seam.wav", pcm, rate)
        took = time.perf_counter() - began
        print(f"{name}: {took:.1f} s (its minute under the voice {voiced:.1f} s)", flush=True)
        rows.append(
            f"  {name + '-seam.wav':16} comes round at 0:{seams[0]:04.1f} (left ear) and "
            f"0:{seams[1]:04.1f} (right ear)"
        )
    print(f"\nIn {args.out}/, for each bed NAME: NAME-under-voice.wav (the first minute of")
    print(f"{SCRIPT} over it) and NAME-seam.wav (the bed alone, across its loop's seams):")
    print("\n".join(rows))
    print()
    print(CHECKLIST, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
