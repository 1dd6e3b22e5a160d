"""session-player beside the terminal timers people pick instead, measured in one run.

termdown and countdown-cli are installed from the package registry into the benchmark's own
virtual environment (``bench/.peers``, made on first use; pinned in ``peers_venv.py``), never
into the project's. Every program runs in a tmux pane of 100x30 with a server of its own, and the
programs take turns round after round, so a busy moment of the machine falls on all of them:

- first frame: from asking tmux to start the program until a capture of the pane first shows
  any text (the same measure for every program; median of ``ROUNDS`` x 3);
- CPU seconds per minute while running (from the scheduler, every thread) and peak RSS;
- a 60 s timer from the shell: launch to exit, timed inside the pane;
- memory over a whole two-hour session, one sample a practised minute (``peers_hours``).

Each row carries the load average over its samples, and a last table says where each goal of
issue 26 stands (CPU a minute against countdown-cli, peak RSS against bare Textual), round by
round.

Beside them, in the same rounds, a bare Textual app (the clock of ``bench_tui``, drawing the time
in its first frame): what the framework alone costs, so each of our figures is also a ratio to
it. Every Python program runs from compiled bytecode, as an installed package does (a warm-up
run, not counted, writes it to a private cache first). ``session-player timer`` is measured
where the installed command has it. Settings turn sound off for every run (the peers make
none), but for two rows: box breathing with its breath tones, and a spoken session with the
voice on (hibari, rendering in a worker process), both with ALSA pointed at a null device (which
takes a stream's samples at once, where a sound card takes them period by period). A two-hour
guided script (``bench_render``'s, sound off) is measured in its first minutes (its busiest), and
over a whole ten-minute part of the twelve it repeats, beside countdown-cli (``peers_part``).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.bench_render import two_hours
from bench.bench_tui import BARE, _cpu_and_rss
from bench.peers_hours import report, sampled
from bench.peers_part import PART_SECONDS, side_by_side
from bench.peers_part import report as part_report
from bench.peers_venv import peers_bin

ROUNDS = int(os.environ.get("BENCH_PEERS_ROUNDS", "3"))
SECONDS = float(os.environ.get("BENCH_PEERS_SECONDS", "20"))  # of CPU sampling, each run
TIMER_ROUNDS = int(os.environ.get("BENCH_PEERS_TIMER_ROUNDS", "1"))  # 60 s each program
SPOKEN = Path(__file__).parent.parent / "scripts" / "body-scan-kindness.toml"  # the longest
NULL_ALSA = "pcm.!default { type null }\n"

# The bare app shows the time in its first frame (bench_tui's waits a second for its first tick).
BARE_NOW = BARE.replace(
    'yield Static(id="t")', 'yield Static(datetime.now().strftime("%X"), id="t")'
)

SILENT = """title = "Bench sit"
practice = "silent"
summary = "A silent sit for the benchmark."
start_chime = "none"
end_chime = "none"
[[step]]
silence = "{length}"
"""

BOX = """title = "Bench box"
practice = "breathing"
summary = "Box breathing for the benchmark."
start_chime = "none"
end_chime = "none"
[[step]]
breathe = "box"
for = "30m"
"""


class Pane:
    """A tmux server of its own with one 100x30 pane."""

    def __init__(self, env: dict[str, str]) -> None:
        self.base = ["tmux", "-L", f"peers{os.getpid()}-{time.monotonic_ns()}"]
        self.env = env

    def start(self, command: list[str]) -> None:
        """Start ``command`` in a new pane; returns at once."""
        line = " ".join(command)
        subprocess.run(
            [*self.base, "new-session", "-d", "-x", "100", "-y", "30", line],
            env=self.env,
            check=True,
        )

    def text(self) -> str:
        """What the pane shows now."""
        done = subprocess.run([*self.base, "capture-pane", "-p"], capture_output=True, text=True)
        return done.stdout

    def pid(self) -> int:
        """The process the pane runs."""
        out = subprocess.run(
            [*self.base, "list-panes", "-F", "#{pane_pid}"],
            capture_output=True,
            text=True,
            check=True,
        )
        return int(out.stdout.split()[0])

    def alive(self) -> bool:
        """Whether the pane's program still runs (the server ends with it)."""
        done = subprocess.run([*self.base, "has-session"], capture_output=True)
        return done.returncode == 0

    def kill(self) -> None:
        """End the server and whatever it runs."""
        subprocess.run([*self.base, "kill-server"], capture_output=True, check=False)


def first_frame(command: list[str], env: dict[str, str]) -> float:
    """Seconds from asking tmux to start ``command`` until the pane first shows text."""
    pane = Pane(env)
    try:
        start = time.perf_counter()
        pane.start(command)
        deadline = start + 30
        while time.perf_counter() < deadline:
            if pane.text().strip():
                return time.perf_counter() - start
        raise RuntimeError(f"{command[0]} showed nothing in 30 s")
    finally:
        pane.kill()


def running(
    command: list[str],
    env: dict[str, str],
    seconds: float,
    *,
    shows: str | None = None,
    settle: float = 3.0,
) -> tuple[float, int]:
    """CPU seconds per minute and peak RSS (KiB) of ``command`` running in a pane, measured
    ``settle`` seconds after it starts (or after the pane ``shows`` that text)."""
    pane = Pane(env)
    pane.start(command)
    try:
        deadline = time.monotonic() + 180
        while shows is not None and shows not in pane.text() and time.monotonic() < deadline:
            time.sleep(0.2)
        time.sleep(settle)  # start-up is measured apart
        pid = pane.pid()
        before, _ = _cpu_and_rss(pid)
        time.sleep(seconds)
        after, rss = _cpu_and_rss(pid)
    finally:
        pane.kill()
    return (after - before) * 60.0 / seconds, rss


def launch_to_end(command: list[str], env: dict[str, str], end_text: str | None) -> float:
    """Seconds from asking tmux to start ``command`` until it has exited, or, for a program
    that stays open on an end screen, until the pane shows ``end_text``."""
    pane = Pane(env)
    try:
        start = time.perf_counter()
        pane.start(command)
        deadline = start + 180
        while time.perf_counter() < deadline:
            if not pane.alive() or (end_text and end_text in pane.text()):
                return time.perf_counter() - start
            time.sleep(0.005)
        raise RuntimeError(f"{command[0]} had not ended after 180 s")
    finally:
        pane.kill()


def load() -> str:
    """The load average now (1, 5 and 15 minutes): every figure is read beside it."""
    one, five, fifteen = os.getloadavg()
    return f"load {one:.1f} {five:.1f} {fifteen:.1f}"


def loads(samples: list[float]) -> str:
    """The one-minute load averages a row's samples were taken at."""
    return f"load {min(samples):.1f}-{max(samples):.1f}"


def spread(values: list[float]) -> str:
    """Median, and the range."""
    return f"{statistics.median(values):7.3f} ({min(values):.3f}-{max(values):.3f})"


def ratios(ours: list[float], base: list[float]) -> str:
    """Ratios round by round: median and range."""
    each = [a / max(b, 1e-9) for a, b in zip(ours, base, strict=True)]
    return f"{statistics.median(each):.2f}x ({min(each):.2f}-{max(each):.2f})"


def has_timer(env: dict[str, str]) -> bool:
    """Whether this session-player has the ``timer`` command."""
    done = subprocess.run(
        [sys.executable, "-m", "session_player", "timer", "--help"],
        capture_output=True,
        env=env,
    )
    return done.returncode == 0


def private_home(home: Path, settings: str) -> dict[str, str]:
    """An environment whose data, settings and bytecode are all under ``home``."""
    (home / "config").mkdir(parents=True)
    (home / "config" / "settings.toml").write_text(settings)
    env = {
        **os.environ,
        "SESSION_PLAYER_HOME": str(home),
        "TERM": "xterm-256color",
        "PYTHONPYCACHEPREFIX": str(home / "bytecode"),
    }
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # an installed package has its bytecode
    return env


def first_frames(starts: dict[str, list[str]], env: dict[str, str]) -> None:
    """The first-frame rows: each program once to warm its bytecode, then the rounds."""
    for command in starts.values():
        first_frame(command, env)
    frames: dict[str, list[float]] = {name: [] for name in starts}
    for _ in range(ROUNDS):
        for _ in range(3):
            for name, command in starts.items():
                frames[name].append(first_frame(command, env))
    print(f"first frame in a tmux pane, seconds (median of {ROUNDS * 3}, and range); {load()}")
    for name, samples in frames.items():
        print(f"  {name:<22} {spread(samples)}   vs termdown {ratios(samples, frames['termdown'])}"
              f"   vs bare Textual {ratios(samples, frames['bare Textual'])}")  # fmt: skip


def footprints(runs: dict[str, tuple[list[str], dict[str, str]]]) -> dict[str, list[float]]:
    """CPU per minute and peak RSS rows, against countdown-cli and the bare Textual app; returns
    each run's CPU and peak RSS samples (keys ``NAME`` and ``NAME rss``) for the goals."""
    cpu: dict[str, list[float]] = {name: [] for name in runs}
    rss: dict[str, list[float]] = {name: [] for name in runs}
    at: dict[str, list[float]] = {name: [] for name in runs}
    for _ in range(ROUNDS):
        for name, (command, env) in runs.items():
            # A session counts from its clock's first line: on a busy machine, start-up and
            # preparing (a spoken script's first lines) outlast any fixed wait.
            shows = "practised" if "(TUI)" in name else None
            seconds, peak = running(command, env, SECONDS, shows=shows)
            cpu[name].append(seconds)
            rss[name].append(peak / 1024)
            at[name].append(os.getloadavg()[0])
    print(f"CPU seconds per minute running ({ROUNDS} rounds of {SECONDS:.0f} s; median, range)")
    for name, samples in cpu.items():
        print(f"  {name:<22} {spread(samples)}   vs countdown-cli "
              f"{ratios(samples, cpu['countdown-cli'])}   vs bare Textual "
              f"{ratios(samples, cpu['bare Textual'])}   {loads(at[name])}")  # fmt: skip
    print("peak RSS, MiB (median, range)")
    for name, peaks in rss.items():
        print(f"  {name:<22} {spread(peaks)}   vs bare Textual "
              f"{ratios(peaks, rss['bare Textual'])}   {loads(at[name])}")  # fmt: skip
    return {**cpu, **{f"{name} rss": peaks for name, peaks in rss.items()}}


GOALS = (  # issue 26: (what, row, against, at most)
    ("CPU a minute, box breathing with tones", "play box tones (TUI)", "countdown-cli", 1.5),
    ("CPU a minute, a silent sit", "play silent (TUI)", "countdown-cli", 1.0),
    # Its busiest minute; the goal means the whole script: its whole part, below (peers_part).
    ("CPU, two-hour script's busiest minute", "two-hour guided (TUI)", "countdown-cli", 1.5),
    ("peak RSS, silent", "play silent (TUI) rss", "bare Textual rss", 1.2),
    ("peak RSS, box breathing with tones", "play box tones (TUI) rss", "bare Textual rss", 1.2),
    ("peak RSS, spoken (voice on)", "play spoken (TUI) rss", "bare Textual rss", 1.2),
)


def goals(measured: dict[str, list[float]]) -> None:
    """Where each goal stands: the ratio round by round, against the goal."""
    print(f"issue 26's goals (ratios round by round: median, range); {load()}")
    for what, row, base, most in GOALS:
        each = [a / max(b, 1e-9) for a, b in zip(measured[row], measured[base], strict=True)]
        median = statistics.median(each)
        verdict = "met" if median <= most else f"not met, {median / most:.2f}x the goal"
        print(f"  {what:<40} {ratios(measured[row], measured[base])}   goal {most}x: {verdict}")


def main() -> None:
    peers = peers_bin()
    # A spoken run's worker may still be writing its cache as the folder goes.
    with tempfile.TemporaryDirectory(ignore_cleanup_errors=True) as tmp:
        home = Path(tmp)
        env = private_home(
            home, "checkins = false\nsound = false\nvoice = false\nstart_delay = 0\n"
        )
        # The spoken session: sound and voice on, hibari (the default voice), into a null device.
        voiced = private_home(home / "voiced", "checkins = false\nstart_delay = 0\n")
        (home / "asound.conf").write_text(NULL_ALSA)
        voiced["ALSA_CONFIG_PATH"] = str(home / "asound.conf")
        toned = private_home(
            home / "toned",
            'checkins = false\nstart_delay = 0\nvoice = false\nbreath_sounds = "tones"\n',
        )
        toned["ALSA_CONFIG_PATH"] = str(home / "asound.conf")
        guided = two_hours(home)
        sit60 = home / "sit60.toml"
        sit60.write_text(SILENT.format(length="60s"))
        sit = home / "sit.toml"
        sit.write_text(SILENT.format(length="30m"))
        box = home / "box.toml"
        box.write_text(BOX)
        bare = [sys.executable, str(home / "bare.py")]
        (home / "bare.py").write_text(BARE_NOW)
        py = [sys.executable, "-m", "session_player"]
        subprocess.run([*py, "list"], env=env, capture_output=True, check=False)  # warm caches
        timer = has_timer(env)

        starts: dict[str, list[str]] = {
            "termdown": [str(peers / "termdown"), "60"],
            "countdown-cli": [str(peers / "countdown"), "60s"],
            "bare Textual": bare,
            "play --plain": [*py, "play", str(sit), "--plain", "--no-sound"],
            "library": py,
            "play (TUI)": [*py, "play", str(sit), "--no-sound"],
        }
        if timer:
            starts["timer (TUI)"] = [*py, "timer", "30m", "--no-sound"]
        first_frames(starts, env)

        runs: dict[str, tuple[list[str], dict[str, str]]] = {
            "termdown": ([str(peers / "termdown"), "30m"], env),
            "countdown-cli": ([str(peers / "countdown"), "30m"], env),
            "bare Textual": (bare, env),
            "play --plain": ([*py, "play", str(sit), "--plain", "--no-sound"], env),
            "play silent (TUI)": ([*py, "play", str(sit), "--no-sound"], env),
            "play box (TUI)": ([*py, "play", str(box), "--no-sound"], env),
            "play box tones (TUI)": ([*py, "play", str(box)], toned),
            "two-hour guided (TUI)": ([*py, "play", str(guided), "--no-sound"], env),
            "play spoken (TUI)": ([*py, "play", str(SPOKEN)], voiced),
        }
        if timer:
            runs["timer (TUI)"] = ([*py, "timer", "30m", "--no-sound"], env)
        measured = footprints(runs)
        goals(measured)
        if PART_SECONDS:  # what issue 26's goal for the two-hour script means: the whole of it
            part = {name: runs[name] for name in ("countdown-cli", "two-hour guided (TUI)")}
            print(f"the two-hour guided script over its first {PART_SECONDS:.0f} s (a whole part "
                  f"of the twelve it repeats), beside countdown-cli; {load()}")  # fmt: skip
            whole = side_by_side(Pane, part, PART_SECONDS)
            print(part_report(whole))
            ratio = whole["whole"]["two-hour guided (TUI)"] / whole["whole"]["countdown-cli"]
            print(f"  CPU a minute, a two-hour guided script, a whole part: {ratio:.2f}x   goal "
                  f"1.5x: {'met' if ratio <= 1.5 else 'not met'}")  # fmt: skip
        print(report(sampled(Pane, env, home)), flush=True)
        # The TUI stays open on its end screen: its end is when that screen shows.
        ends: dict[str, tuple[list[str], str | None]] = {
            "termdown": ([str(peers / "termdown"), "60"], None),
            "countdown-cli": ([str(peers / "countdown"), "60s"], None),
            "play --plain": ([*py, "play", str(sit60), "--plain", "--no-sound"], None),
            "play (TUI)": ([*py, "play", str(sit60), "--no-sound"], "You practised"),
        }
        if timer:
            ends["timer --plain"] = ([*py, "timer", "60s", "--plain", "--no-sound"], None)
            ends["timer (TUI)"] = ([*py, "timer", "60s", "--no-sound"], "You practised")
        measured: dict[str, list[float]] = {name: [] for name in ends}
        if not TIMER_ROUNDS:
            return
        for _ in range(TIMER_ROUNDS):
            for name, (command, end_text) in ends.items():
                measured[name].append(launch_to_end(command, env, end_text))
        print(f"a 60 s timer from the shell, launch to end, seconds ({TIMER_ROUNDS} rounds); "
              f"{load()}")  # fmt: skip
        for name, samples in measured.items():
            gap = statistics.median(samples) - statistics.median(measured["termdown"])
            print(f"  {name:<18} {spread(samples)}   {gap:+.2f} s vs termdown")


if __name__ == "__main__":
    main()
