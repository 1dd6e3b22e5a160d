"""Sound and voice: cue latency, pre-rendering speech, and starting from a warm speech cache.

1. Cue latency: from a cue's planned moment to ``play()`` returning and to its first samples
   landing in ALSA. Runs in a child process whose ALSA default device is a ``file`` plugin (over a
   ``null`` slave), so "handed to ALSA" is observable: the capture file starts to grow. Goal: at
   most 30 ms.
2. Pre-rendering a 40-line script with ``SpeechRenderer`` against ``espeak-ng -w`` on the same
   lines in the same run. Goal: at most 1.5x.
3. A session whose lines are all cached: time until every line's WAV and length is known.
   Goal: far under 50 ms.

    python bench/bench_audio.py      (or: python -m bench audio)
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script from a checkout
    sys.path.insert(0, str(ROOT))

ENV = "SP_ALSA_CAPTURE"
ALSA_CONFIG = """
pcm.!default {
    type file
    slave.pcm { type null }
    format "wav"
    file { @func getenv vars [ SP_ALSA_CAPTURE ] default "%s" }
}
"""
CUES = 20
RATE = 150
LINES = [
    f"{opening} {middle} {closing}"
    for opening in (
        "Let yourself arrive.",
        "Notice the breath,",
        "Place a hand on your heart,",
        "Soften your shoulders,",
        "Bring to mind someone kind,",
    )
    for middle in ("just as it is,", "gently and slowly,")
    for closing in (
        "and rest here for a moment.",
        "without needing to change anything.",
        "and offer yourself the same warmth.",
        "letting each out-breath be a little longer.",
    )
]


def _latency_child(out_dir: Path) -> None:
    """In the child: play CUES cues at planned moments; report when each reached ALSA."""
    from session_player.audio import open_output

    output, notice = open_output()
    if notice:
        raise SystemExit(notice)
    wood, bowl = ROOT / "audio" / "wood.wav", ROOT / "audio" / "bowl.wav"
    results: dict[str, list[float]] = {"returned": [], "alsa": [], "cold_alsa": []}
    for i in range(CUES + 1):
        path = out_dir / f"cue-{i}.wav"
        os.environ[ENV] = str(path)  # a capture file of its own for each cue
        sound = wood if i else bowl  # cue 0: the longest chime, not loaded or scaled before
        if i:
            output.prepare(sound, 70)
        planned = time.monotonic() + 0.03
        while time.monotonic() < planned:
            time.sleep(0.0001)
        output.play(sound, 70)
        returned = time.monotonic()
        while not path.exists() or path.stat().st_size <= 44:  # the WAV header alone
            if time.monotonic() - planned > 2:
                raise SystemExit("no samples reached ALSA")
            time.sleep(0.0001)  # poll often, but leave the CPU to the playback thread
        reached = time.monotonic()
        if i:
            results["returned"].append(returned - planned)
            results["alsa"].append(reached - planned)
        else:
            results["cold_alsa"].append(reached - planned)
        time.sleep(0.05)
    print(json.dumps(results))


def cue_latency(tmp: Path) -> dict[str, list[float]]:
    """Run the latency child under a capture ALSA config; return its measurements (seconds)."""
    conf = tmp / "asound.conf"
    conf.write_text(ALSA_CONFIG % (tmp / "stray.wav"))
    env = dict(os.environ, ALSA_CONFIG_PATH=str(conf))
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")])
    done = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), "--latency-child", str(tmp)],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(done.stderr or done.stdout)
    result: dict[str, list[float]] = json.loads(done.stdout.splitlines()[-1])
    return result


def prerender(tmp: Path) -> tuple[float, float | None, int, float]:
    """(renderer seconds, espeak-ng -w seconds or None, lines rendered, warm-cache seconds)."""
    from session_player.audio.voices.espeak import SpeechRenderer

    renderer = SpeechRenderer(tmp / "speech")
    notice = renderer.start()
    if notice:
        raise RuntimeError(notice)
    renderer.render_missing(["Warm up."], None, RATE)  # engine start-up is not part of a script
    started = time.perf_counter()
    found = renderer.render_missing(LINES, None, RATE)
    ours = time.perf_counter() - started

    cli = shutil.which("espeak-ng")
    theirs = None
    if cli:
        started = time.perf_counter()
        for i, text in enumerate(LINES):
            target = tmp / "cli" / f"{i}.wav"
            target.parent.mkdir(exist_ok=True)
            subprocess.run([cli, "-s", str(RATE), "-w", str(target), text], check=True)
        theirs = time.perf_counter() - started

    warm = []
    for _ in range(7):
        started = time.perf_counter()
        paths = renderer.render_missing(LINES, None, RATE)
        _lengths = [renderer.length_seconds(p) for p in paths.values()]
        warm.append(time.perf_counter() - started)
    renderer.close()
    return ours, theirs, len(found), statistics.median(warm)


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def main() -> None:
    """Run the three measurements and print a table."""
    with tempfile.TemporaryDirectory(prefix="bench-audio-") as name:
        tmp = Path(name)
        latency = cue_latency(tmp)
        ours, theirs, rendered, warm = prerender(tmp)

    rows = [("what", "value", "goal", "ratio to goal")]
    for label, key in (("cue: play() returned", "returned"), ("cue: samples in ALSA", "alsa")):
        values = latency[key]
        rows.append((f"{label}, median", _ms(statistics.median(values)), "30 ms", ""))
        worst = max(values)
        rows.append(
            (f"{label}, worst of {len(values)}", _ms(worst), "30 ms", f"{worst / 0.03:.2f}x")
        )
    cold = latency["cold_alsa"][0]
    rows.append(("cue: samples in ALSA, bowl not prepared (load + scale 8 s)", _ms(cold), "", ""))
    rows.append((f"speech: SpeechRenderer, {rendered} lines", _ms(ours), "", ""))
    if theirs is None:
        rows.append(("speech: espeak-ng -w, same lines", "espeak-ng not found", "", ""))
    else:
        rows.append(("speech: espeak-ng -w, same lines", _ms(theirs), "", ""))
        ratio = ours / theirs
        rows.append(
            ("speech: ratio (ours / espeak-ng)", f"{ratio:.2f}x", "1.5x", f"{ratio / 1.5:.2f}x")
        )
    rows.append(
        (
            f"all {len(LINES)} lines cached: paths + lengths",
            _ms(warm),
            "50 ms",
            f"{warm / 0.05:.2f}x",
        )
    )
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    for n, row in enumerate(rows):
        print("| " + " | ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)) + " |")
        if n == 0:
            print("| " + " | ".join("-" * w for w in widths) + " |")


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--latency-child":
        _latency_child(Path(sys.argv[2]))
    else:
        main()
