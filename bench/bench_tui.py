"""The TUI against bare Textual apps, measured in the same run.

- Start-up: process start until the library screen accepts keys, against a bare hello-world
  app (both headless, both ending as soon as the app is idle and ready for input). Beside them, a
  bare app with the library's widgets (filter, list, details, footer) and none of ours: what the
  framework alone costs for that screen; and the same with the app's footer (Textual's, rebuilt
  only when its keys change). Every program runs from compiled bytecode, as an
  installed package does (a warm-up run writes it to a private cache first).
- Also the real command, ``session-player`` in a terminal (a tmux pane, timed inside the pane)
  until Ctrl+Q, pressed as soon as it is ready, has ended it, against the hello-world app the
  same way: start-up as a person meets it, terminal set-up and shut-down included.
- CPU: CPU seconds per minute of a breathing session in the real TUI under tmux, against a bare
  Textual app that redraws a clock once a second under tmux; then the same session with reduced
  motion, a silent sit, box breathing with sound off, box breathing with its breath tones played
  into a null ALSA device (ALSA takes the samples at once, where a sound card would take them
  period by period), and countdown-cli (from the peer benchmark's environment, ``bench/.peers``).
  They take turns, round after round, and each ratio compares runs of one round. CPU time is
  read from the scheduler (nanoseconds, every thread), not clock ticks.
- Memory: peak RSS of each during that run.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.peers_venv import peers_bin

SECONDS = float(os.environ.get("BENCH_TUI_SECONDS", "20"))  # of CPU sampling, each run
ROUNDS = int(os.environ.get("BENCH_TUI_ROUNDS", "3"))  # every CPU run once a round, in turn
CPU_ONLY = bool(os.environ.get("BENCH_TUI_CPU_ONLY"))  # skip the start-up measures

READY = """
import sys
from {module} import {factory} as make
app = make()
async def ready(pilot):
    await pilot.pause()
    app.exit()
app.run(headless=True, size=(100, 30), auto_pilot=ready)
"""

BARE = """
from datetime import datetime
from textual.app import App, ComposeResult
from textual.widgets import Static

class Clock(App):
    def compose(self) -> ComposeResult:
        yield Static(id="t")
    def on_mount(self) -> None:
        self.set_interval(1, self.tick)
    def tick(self) -> None:
        self.query_one("#t", Static).update(datetime.now().strftime("%H:%M:%S"))

def make() -> Clock:
    return Clock()

if __name__ == "__main__":
    Clock().run()
"""

# The library's widgets, laid out as the library lays them out, with twenty plain entries.
WIDGETS = """
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Footer, Input, OptionList, Static
from textual.widgets.option_list import Option

class Library(Screen):
    DEFAULT_CSS = '''
    #filter { margin: 1 2 0 2; }
    #body { height: 1fr; margin: 1 2 0 2; }
    #sessions { width: 3fr; height: 1fr; }
    #details { width: 2fr; height: 1fr; padding: 0 1 0 2; }
    '''
    BINDINGS = [
        Binding("escape", "clear", "Clear filter"),
        Binding("f2", "settings", "Settings"),
        Binding("f3", "history", "History"),
        Binding("ctrl+r", "reload", "Reload"),
    ]

    def compose(self) -> ComposeResult:
        yield Static("Sessions")
        yield Input(placeholder="Type to filter, Enter to play", id="filter")
        with Horizontal(id="body"):
            entries = [Option(f"  Session {i}  ·  10 min") for i in range(20)]
            yield OptionList(*entries, id="sessions")
            yield Static("A session", id="details")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(Input).focus()

class Widgets(App):
    def on_mount(self) -> None:
        self.push_screen(Library())

def make() -> Widgets:
    return Widgets()
"""

# The same with the footer the app uses (Textual's, rebuilt only when its keys change).
WIDGETS_KEYFOOTER = WIDGETS.replace(
    "        yield Footer()",
    "        from session_player.tui.widgets.footer import KeyFooter\n        yield KeyFooter()",
)

SIT = """title = "Bench sit"
practice = "silent"
start_chime = "none"
end_chime = "none"
[[step]]
silence = "30m"
"""

BOX = """title = "Bench box"
practice = "breathing"
start_chime = "none"
end_chime = "none"
[[step]]
breathe = "box"
for = "30m"
"""

BREATHING = """title = "Bench breathing"
practice = "breathing"
[[step]]
breathe = "soothing"
for = "30m"
"""


def _startup(code: str, env: dict[str, str]) -> float:
    warm = {k: v for k, v in env.items() if k != "PYTHONDONTWRITEBYTECODE"}
    subprocess.run([sys.executable, "-c", code], check=True, env=warm, capture_output=True)
    samples = []
    for _ in range(7):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True, env=env, capture_output=True)
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


STOPWATCH = """
import subprocess, sys, time
start = time.perf_counter()
subprocess.run(sys.argv[2:])  # in the pane's terminal, as a person runs it
open(sys.argv[1], "w").write(str(time.perf_counter() - start))
"""


def _in_terminal(command: list[str], env: dict[str, str], runs: int = 7) -> float:
    """Median seconds from starting ``command`` in a tmux pane until Ctrl+Q, pressed once the
    app is ready, has ended it. Timed inside the pane, so starting tmux itself isn't counted."""
    home = Path(env["SESSION_PLAYER_HOME"])
    stopwatch = home / "stopwatch.py"
    stopwatch.write_text(STOPWATCH)
    samples = []
    socket = f"benchstart{os.getpid()}-{time.monotonic_ns()}"
    tmux = ["tmux", "-L", socket]
    pane_env = {**env, "TEXTUAL_PRESS": "ctrl+q"}  # the pane's shell passes it on
    subprocess.run([*tmux, "new-session", "-d", "-x", "100", "-y", "30"], env=pane_env, check=True)
    try:
        for run in range(runs + 1):  # the first run warms the bytecode cache and is not counted
            result = home / f"{socket}-{run}.txt"
            warm = "env -u PYTHONDONTWRITEBYTECODE " if run == 0 else ""
            program = " ".join([sys.executable, *command])
            line = f"{warm}{sys.executable} {stopwatch} {result} {program}"
            subprocess.run([*tmux, "send-keys", line, "Enter"], check=True)
            deadline = time.perf_counter() + 30
            while not result.exists() and time.perf_counter() < deadline:
                time.sleep(0.01)
            time.sleep(0.2)  # let the shell's prompt come back before the next run
            if run:
                samples.append(float(result.read_text()))
    finally:
        subprocess.run([*tmux, "kill-server"], check=False, capture_output=True)
    return statistics.median(samples)


def _cpu_and_rss(pid: int) -> tuple[float, int]:
    """CPU seconds of every thread of ``pid`` (from the scheduler, in ns) and its peak RSS."""
    cpu = 0
    for task in Path(f"/proc/{pid}/task").iterdir():
        with contextlib.suppress(OSError, ValueError, IndexError):  # a thread may just have ended
            cpu += int((task / "schedstat").read_text().split()[0])
    rss = 0
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            rss = int(line.split()[1])
    return cpu / 1e9, rss


def _python_in(pid: int) -> int:
    """The pane's process, or its child if the pane runs a shell around it."""
    children = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout
    return int(children.split()[0]) if children.split() else pid


def _under_tmux(command: str, env: dict[str, str], seconds: float) -> tuple[float, int]:
    """CPU seconds per minute and peak RSS (KiB) of ``command`` running in tmux."""
    socket = f"bench{os.getpid()}-{time.monotonic_ns()}"  # a server of its own each time
    tmux = ["tmux", "-L", socket]
    subprocess.run([*tmux, "new-session", "-d", "-x", "100", "-y", "30", command], env=env,
                   check=True)  # fmt: skip
    try:
        # Let it start (start-up is measured separately): until the pane shows text, and 3 s
        # more, so a slow start on a busy machine doesn't fall in the measured time.
        deadline = time.monotonic() + 60
        capture = [*tmux, "capture-pane", "-p"]
        while time.monotonic() < deadline:
            shown = subprocess.run(capture, capture_output=True, text=True).stdout
            if shown.strip():
                break
            time.sleep(0.1)
        time.sleep(3)
        pane = subprocess.run(
            [*tmux, "list-panes", "-F", "#{pane_pid}"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split()[0]
        pid = _python_in(int(pane))
        before, _ = _cpu_and_rss(pid)
        time.sleep(seconds)
        after, rss = _cpu_and_rss(pid)
    finally:
        subprocess.run([*tmux, "kill-server"], check=False)
    return (after - before) * 60.0 / seconds, rss


def _start_up(home: Path, env: dict[str, str]) -> None:
    """Start-up, headless and in a terminal, against the bare apps."""
    bare_start = _startup(READY.format(module="bare", factory="make"), env)
    widgets_start = _startup(READY.format(module="widgets", factory="make"), env)
    keyfooter_start = _startup(READY.format(module="widgets_keyfooter", factory="make"), env)
    ours_start = _startup(READY.format(module="session_player.tui.app", factory="make_app"), env)
    print("start-up until the first screen accepts keys (headless, median of 7)")
    print(f"  bare Textual app            {bare_start * 1000:7.0f} ms")
    ratio = widgets_start / bare_start
    print(f"  bare app, library widgets   {widgets_start * 1000:7.0f} ms   ratio {ratio:.2f}x")
    ratio = keyfooter_start / bare_start
    print(f"  the same, our footer        {keyfooter_start * 1000:7.0f} ms   ratio {ratio:.2f}x")
    ratio = ours_start / bare_start
    print(f"  session-player library      {ours_start * 1000:7.0f} ms   ratio {ratio:.2f}x")

    bare_term = _in_terminal([str(home / "bare.py")], env)
    ours_term = _in_terminal(["-m", "session_player"], env)
    print("start-up in a terminal (a tmux pane) until Ctrl+Q has ended it (median of 7)")
    print(f"  bare Textual app            {bare_term * 1000:7.0f} ms")
    ratio = ours_term / bare_term
    print(f"  session-player (the CLI)    {ours_term * 1000:7.0f} ms   ratio {ratio:.2f}x")


def main() -> None:
    if not shutil.which("tmux"):
        print("tmux is not installed; skipping the TUI benchmark")
        return
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        (home / "config").mkdir()
        (home / "config" / "settings.toml").write_text("checkins = false\nsound = false\n")
        (home / "bare.py").write_text(BARE)
        (home / "widgets.py").write_text(WIDGETS)
        (home / "widgets_keyfooter.py").write_text(WIDGETS_KEYFOOTER)
        script = home / "breathing.toml"
        script.write_text(BREATHING)
        env = {
            **os.environ,
            "SESSION_PLAYER_HOME": str(home),
            "PYTHONPATH": os.pathsep.join(filter(None, [str(home), os.environ.get("PYTHONPATH")])),
            "PYTHONPYCACHEPREFIX": str(home / "bytecode"),
        }

        if not CPU_ONLY:
            _start_up(home, env)

        play = f"{sys.executable} -m session_player play"
        (home / "sit.toml").write_text(SIT)
        (home / "box.toml").write_text(BOX)
        (home / "asound.conf").write_text("pcm.!default { type null }\n")
        quiet = "checkins = false\nsound = false\n"
        # name: (command, settings, extra environment)
        runs: dict[str, tuple[str, str, dict[str, str]]] = {
            "bare app, clock at 1 Hz": (f"{sys.executable} {home / 'bare.py'}", quiet, {}),
            "breathing session": (f"{play} {script} --no-sound", quiet, {}),
            "same, reduced motion": (
                f"{play} {script} --no-sound",
                quiet + "reduced_motion = true\n",
                {},
            ),
            "silent sit": (f"{play} {home / 'sit.toml'} --no-sound", quiet, {}),
            "box breathing, no sound": (f"{play} {home / 'box.toml'} --no-sound", quiet, {}),
            "box breathing, tones": (
                f"{play} {home / 'box.toml'}",
                'checkins = false\nvoice = false\nbreath_sounds = "tones"\n',
                {"ALSA_CONFIG_PATH": str(home / "asound.conf")},
            ),
            "countdown-cli 30m": (f"{peers_bin() / 'countdown'} 30m", quiet, {}),
        }
        settings = home / "config" / "settings.toml"
        cpu: dict[str, list[float]] = {name: [] for name in runs}
        rss: dict[str, int] = {}
        for _ in range(ROUNDS):  # in turn, so a busy moment of the machine falls on all
            for name, (command, chosen, extra) in runs.items():
                settings.write_text(chosen)
                seconds, rss[name] = _under_tmux(command, {**env, **extra}, SECONDS)
                cpu[name].append(seconds)
        print(f"CPU per minute under tmux ({ROUNDS} rounds of {SECONDS:.0f} s; median, and range)")
        bases = {"bare": cpu["bare app, clock at 1 Hz"], "countdown": cpu["countdown-cli 30m"]}
        for name, samples in cpu.items():
            median = statistics.median(samples)
            share = median / 60 * 100
            line = f"  {name:<26}  {median:6.3f} s/min  ({share:.2f}% of a core)"
            for base_name, base in bases.items():
                each = [ours / max(b, 1e-9) for ours, b in zip(samples, base, strict=True)]
                line += (
                    f"   vs {base_name} {statistics.median(each):.2f}x "
                    f"({min(each):.2f}-{max(each):.2f})"
                )
            print(line)
        rss["bare"], rss["ours"] = rss["bare app, clock at 1 Hz"], rss["breathing session"]
        print("peak RSS")
        print(f"  bare app                    {rss['bare'] / 1024:6.1f} MiB")
        ratio = rss["ours"] / rss["bare"]
        print(f"  breathing session           {rss['ours'] / 1024:6.1f} MiB   ratio {ratio:.2f}x")


if __name__ == "__main__":
    main()
