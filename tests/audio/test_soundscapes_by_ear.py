"""Every bundled soundscape under the voice, as ALSA receives them: what a listener would notice.

A short session (two lines of a bundled script in hibari's voice, the default a person hears)
is played through the real conductor at four times speed, the bed under it, once for each
soundscape, the four at once (each child mostly waits on its paced capture). The captured streams
are mixed as the device mixes them, and then:

- the voice is understood as well over the bed as alone: pocketsphinx (the recogniser of
  ``test_hibari_heard``) hears the same lines, one ear of the mix against the voice's streams
  alone, and gets at most ``WORDS_LOST`` fewer of their words right (the median over the bed
  laid a few tens of milliseconds either way, ``SHIFTS_S``);
- the voice stands out: the voice's integrated loudness (ITU-R BS.1770, pyloudnorm) is at
  least ``ABOVE_LU`` above the bed's own level where no line sounds;
- the bed gives way to each line by ``DUCK_DB``, easing down and back over about 300 ms;
- the bed is the loop's own samples under a gain that moves smoothly: no click at a chunk or
  rewrite seam (no sample step above the loop's own largest), and no silence of 20 ms.

Only the lines themselves play in real time: the quiet between them is a second. Every check
holds for every bed. The figures (words heard, loudness, ducks, steps, silences) are printed:
``pytest -s``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest
from alsa_capture import Capture, Stream, longest_silence, run_child, skip_unless_ci

from session_player.audio.levels import DUCK_ATTACK_S, DUCK_DB, DUCK_RELEASE_S
from session_player.audio.loops import open_loop
from session_player.audio.speech import open_speech
from session_player.audio.voices.base import installed
from session_player.core.bundled import bundled_beds, bundled_scripts_dir
from session_player.core.script.presets import SOUNDSCAPES
from session_player.home import paths
from session_player.home.settings import Settings

VOICE = "hibari:heart"
LINES = (  # from grounding-two-minutes
    "Press your feet into the floor, and feel it pressing back.",
    "Listen for two sounds, one near and one further away.",
)
SPEED = 4
VOLUME = Settings().soundscape_volume
WORDS_LOST = 2
"""Words of the two lines (21) the recogniser may get wrong over a bed that it got right alone,
in the median of the places in ``SHIFTS_S``."""
SHIFTS_S = (-0.12, -0.08, -0.04, 0.0, 0.04, 0.08, 0.12)
"""Where the captured bed is laid under the voice, against where it was: the recogniser's count
of words over a bed changes with where the loop lies under them, to a few tens of milliseconds
(over rain 17-21 of 21 round its loop, docs/architecture.md, Soundscape), and the voice's start
moves that much against the bed on a busy machine, which a listener would never notice. So a bed
is judged by its median over these places: one that masks the voice loses words at most of
them, and one unlucky place (a busy run) no longer decides."""
ABOVE_LU = 10.0
"""How far the voice is above the bed's own level, at the least (loudness units)."""
GAP_S = 0.02

SESSION = """
import io, json
from session_player.conductor.dispatcher import Conductor
from session_player.core.clock import ScaledClock
from session_player.core.script.loader import load_text
from session_player.cli.plain import run_plain
from session_player.home.settings import Settings

script = load_text(SCRIPT)
conductor = Conductor.create(Settings(checkins=False, voice_id=VOICE), speed=SPEED)
timeline = conductor.prepare(script, lambda done, total: None)
assert not conductor.notices, conductor.notices
run_plain(timeline, clock=ScaledClock(SPEED), speed=SPEED, handler=conductor,
          stdin=io.StringIO(), stdout=io.StringIO())
conductor.close()
"""


def script(bed: str) -> str:
    """The session under ``bed``: the bed at its full level a second before the first line, a
    second between the lines and after the last (the pauses cover the lines at ``SPEED``)."""
    steps = "".join(f'[[step]]\nsay = "{line}"\npause = "18s"\n' for line in LINES)
    head = f'title = "Under {bed}"\npractice = "custom"\nstart_chime = "none"\n'
    return f'{head}end_chime = "none"\nsoundscape = "{bed}"\n[[step]]\nsilence = "10s"\n{steps}'


def play(tmp: Path, bed: str) -> Capture:
    body = SESSION.replace("SCRIPT", json.dumps(script(bed)))
    body = body.replace("VOICE", repr(VOICE)).replace("SPEED", str(SPEED))
    return run_child(tmp / bed, body, paced=True, timeout=120)


@dataclass
class Heard:
    """One soundscape's session as it reached ALSA, mixed as the device mixes it."""

    bed: Stream
    voice: np.ndarray  # the voice's streams alone, one channel, at the bed's rate, from its start
    spans: list[tuple[float, float]]  # each line, heard from and to (seconds into the bed)


def heard(capture: Capture) -> Heard:
    beds = [s for s in capture.streams if s.channels == 2]
    voices = [s for s in capture.streams if s.channels == 1]
    assert len(beds) == 1 and len(voices) == len(LINES), [
        (s.rate, s.channels, s.seconds) for s in capture.streams
    ]
    bed = beds[0]
    rate = bed.rate
    voice = np.zeros(len(bed.samples) // 2)
    spans = []
    for stream in voices:
        own = np.asarray(stream.samples, dtype=np.float64) / 32768
        own = np.interp(np.arange(0, len(own), stream.rate / rate), np.arange(len(own)), own)
        at = round((stream.start - bed.start) * rate)
        part = voice[at : at + len(own)]
        part += own[: len(part)]
        sounding = np.flatnonzero(np.abs(own) > 0.01)
        spans.append(((at + sounding[0]) / rate, (at + sounding[-1]) / rate))
    return Heard(bed, voice, spans)


def words_right(said: list[str], hypothesis: list[str]) -> int:
    """How many of the words said were heard, in order (the longest common subsequence)."""
    row = [0] * (len(hypothesis) + 1)
    for word in said:
        diagonal = 0
        for j, other in enumerate(hypothesis, 1):
            diagonal, row[j] = row[j], diagonal + 1 if word == other else max(row[j], row[j - 1])
    return row[-1]


def vocabulary(folder: Path) -> Path:
    """pocketsphinx's pronouncing dictionary cut to the words of the bundled scripts (about
    1,200): decoding is eight times faster than with all 134,000, with its English trigram
    model all the same; a listener who knows the app's words, not one told the lines."""
    import re

    from pocketsphinx import get_model_path

    ours = {
        w.lower()
        for p in bundled_scripts_dir().glob("*.toml")
        for w in re.findall(r"[A-Za-z']+", p.read_text())
    }
    every = Path(get_model_path()) / "en-us" / "cmudict-en-us.dict"
    kept = [
        line
        for line in every.read_text().splitlines(keepends=True)
        if line.split("(")[0].split()[0] in ours
    ]
    path = folder / "words.dict"
    path.write_text("".join(kept))
    return path


def recognised(pcm: np.ndarray, rate: int, words: Path) -> list[str]:
    """What pocketsphinx hears in ``pcm`` (float, -1..1)."""
    from pocketsphinx import Decoder

    at = np.arange(0, len(pcm), rate / 16000)  # to the model's 16 kHz
    audio = np.interp(at, np.arange(len(pcm)), pcm) * 32767
    decoder = Decoder(logfn="/dev/null", dict=str(words))
    decoder.start_utt()
    decoder.process_raw(audio.clip(-32768, 32767).astype("<i2").tobytes(), full_utt=True)
    decoder.end_utt()
    hypothesis = decoder.hyp()
    return hypothesis.hypstr.split() if hypothesis else []


def gains(bed: Stream, name: str) -> np.ndarray:
    """The bed's gain in each 10 ms, against the loop's own samples at its volume (so the
    rain's gusts and the waves' swell don't count)."""
    loop = open_loop(bundled_beds()[name], bundled=True)
    loop.at_volume(VOLUME / 100)
    played = np.asarray(bed.samples, dtype=np.float64).reshape(-1, 2)
    made = np.frombuffer(loop.read(len(played)), dtype="<i2").astype(np.float64).reshape(-1, 2)
    block = bed.rate // 100
    n = len(played) // block
    p, m = played[: n * block].reshape(n, -1), made[: n * block].reshape(n, -1)
    return (p * m).sum(axis=1) / np.maximum((m * m).sum(axis=1), 1e-9)


def loudness(pcm: np.ndarray, rate: int) -> float:
    import pyloudnorm

    return float(pyloudnorm.Meter(rate).integrated_loudness(pcm))


@pytest.fixture(scope="module")
def sessions(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Heard]]:
    """Each bundled soundscape's session, played at once, the voice made ahead in the cache the
    children use (hibari once, not four times)."""
    if not installed("hibari", "onnxruntime"):
        skip_unless_ci("hibari-tts is not installed (the voice extra has it)")
    tmp = tmp_path_factory.mktemp("by-ear")
    mp = pytest.MonkeyPatch()
    mp.setenv("SESSION_PLAYER_HOME", str(tmp / "home"))
    try:
        speech, notice = open_speech(paths.cache_dir() / "speech")
        try:
            made = speech.render_missing(LINES, VOICE, Settings().voice_rate)
        finally:
            speech.close()
        assert len(made) == len(LINES), notice
        with ThreadPoolExecutor(len(SOUNDSCAPES)) as pool:
            captures = dict(
                zip(SOUNDSCAPES, pool.map(lambda b: play(tmp, b), SOUNDSCAPES), strict=True)
            )
    finally:
        mp.undo()
    yield {name: heard(capture) for name, capture in captures.items()}


def edges(db: np.ndarray, at: int, step: int) -> float:
    """Seconds the gain (dB, each 10 ms) takes from -0.5 dB to ``-DUCK_DB + 0.5`` dB, looked
    for from block ``at`` on, going down (``step`` 1) or coming back up (``step`` -1)."""
    upper = (
        at + np.flatnonzero(db[at:] < -0.5)[0]
        if step > 0
        else at - np.flatnonzero(db[:at][::-1] < -0.5)[0]
    )
    lower = (
        at + np.flatnonzero(db[at:] < 0.5 - DUCK_DB)[0]
        if step > 0
        else at - np.flatnonzero(db[:at][::-1] < 0.5 - DUCK_DB)[0]
    )
    return abs(int(lower) - int(upper)) / 100


def checked(
    name: str, one: Heard, places: list[list[str]], alone: int
) -> tuple[list[str], dict[str, object]]:
    """What a listener would notice of ``name`` under the voice: problems, and the figures.
    ``places``: what the recogniser heard with the bed at each of ``SHIFTS_S``."""
    said = " ".join(LINES).lower().replace(",", "").replace(".", "").split()
    right = [words_right(said, hypothesis) for hypothesis in places]
    median = sorted(right)[len(right) // 2]
    hypothesis = places[SHIFTS_S.index(0.0)]  # as captured
    rate = one.bed.rate
    gain = gains(one.bed, name)
    db = 20 * np.log10(np.maximum(gain, 1e-6))
    bed = np.asarray(one.bed.samples, dtype=np.float64).reshape(-1, 2) / 32768
    voice = np.c_[one.voice, one.voice]  # mono, heard in both ears
    first, last = one.spans[0][0], one.spans[-1][1]
    voice_lu = loudness(voice[int(first * rate) : int(last * rate)], rate)
    under = np.concatenate([bed[int((a + 0.7) * rate) : int(b * rate)] for a, b in one.spans])
    full = bed[int((first - 1.0) * rate) : int((first - 0.1) * rate)]
    figures: dict[str, object] = {
        "words": f"median {median}/{len(said)} over {right} (alone {alone})",
        "heard (as captured)": " ".join(hypothesis),
        "voice over the bed": f"{voice_lu - loudness(full, rate):.1f} LU at its level, "
        f"{voice_lu - loudness(under, rate):.1f} LU under a line",
    }
    problems = []
    if median < alone - WORDS_LOST:
        problems.append("words")
    if voice_lu - loudness(under, rate) < ABOVE_LU:
        problems.append("level under a line")
    ducks, ramps = [], []
    for a, b in one.spans:
        before = float(np.median(db[int(a * 100) - 80 : int(a * 100) - 10]))
        during = float(np.median(db[int(a * 100) + 70 : int(b * 100)]))
        down_by = float(np.flatnonzero(db[int(a * 100) - 40 :] < 0.5 - DUCK_DB)[0] - 40) / 100
        ducks.append((round(before - during, 2), down_by))
        ramps += [edges(db, int(a * 100) - 40, 1), edges(db, int(b * 100) + 40, -1)]
    figures["ducked (dB, fully down s after the line)"] = ducks
    figures["attack and release (-0.5 to -7.5 dB, s)"] = ramps
    if not all(abs(d - DUCK_DB) < 0.5 for d, _ in ducks):
        problems.append("duck depth")
    expected = (DUCK_ATTACK_S + DUCK_RELEASE_S) / 2 * (DUCK_DB - 1) / DUCK_DB  # linear in dB
    if not all(abs(r - expected) < 0.06 for r in ramps):
        problems.append("attack or release")
    # No click: no sample step above the loop's own largest (at its volume), to the end of
    # the last line's release (the app closing fades it out at once).
    loop = open_loop(bundled_beds()[name], bundled=True)
    loop.at_volume(VOLUME / 100)
    made = np.frombuffer(loop.read(len(loop._pcm) // 4), dtype="<i2").reshape(-1, 2)  # type: ignore[attr-defined]
    own = int(np.abs(np.diff(made.astype(np.int32), axis=0)).max())
    played = np.asarray(one.bed.samples, dtype=np.int32).reshape(-1, 2)[: int((last + 0.5) * rate)]
    step = int(np.abs(np.diff(played, axis=0)).max())
    figures["largest step (own)"] = f"{step} ({own})"
    if step > own:
        problems.append("click")
    _looked, longest = longest_silence(one.bed)
    figures["longest silence (ms)"] = round(longest * 1000, 2)
    if longest >= GAP_S:
        problems.append("gap")
    return problems, figures


@pytest.mark.early
def test_every_soundscape_under_the_voice_as_a_listener_hears_it(
    sessions: dict[str, Heard], tmp_path: Path
) -> None:
    words = vocabulary(tmp_path)
    one = sessions[SOUNDSCAPES[0]]
    rate = one.bed.rate
    first = sessions[SOUNDSCAPES[0]]
    a, b = (round(t * rate) for t in (first.spans[0][0] - 0.3, first.spans[-1][1] + 0.3))
    mixes = [first.voice[a:b]]  # the voice alone
    for name in SOUNDSCAPES:
        one = sessions[name]
        a, b = (round(t * rate) for t in (one.spans[0][0] - 0.3, one.spans[-1][1] + 0.3))
        left = np.asarray(one.bed.samples[0::2], dtype=np.float64) / 32768  # one ear
        for shift in (round(s * rate) for s in SHIFTS_S):
            mixes.append(one.voice[a:b] + left[a + shift : b + shift])
    with ProcessPoolExecutor(2) as pool:
        hypotheses = list(pool.map(recognised, mixes, [rate] * len(mixes), [words] * len(mixes)))
    said = " ".join(LINES).lower().replace(",", "").replace(".", "").split()
    alone = words_right(said, hypotheses[0])
    assert alone >= len(said) - 1, hypotheses[0]  # the recogniser hears the voice alone
    found, figures = set(), {}
    for n, name in enumerate(SOUNDSCAPES):
        places = hypotheses[1 + n * len(SHIFTS_S) : 1 + (n + 1) * len(SHIFTS_S)]
        problems, figures[name] = checked(name, sessions[name], places, alone)
        found |= {(name, p) for p in problems}
    told = json.dumps(figures, indent=1)
    print(told)
    assert not found, f"{sorted(found)}\n{told}"
