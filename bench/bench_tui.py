"""The TUI against bare Textual apps, measured in the same run.

- Start-up: process start until the library screen accepts keys, against a bare hello-world
  app (both headless, both ending as soon as the app is ready for input).
- CPU: CPU seconds per minute of a breathing session in the real TUI under tmux, against a bare
  Textual app that redraws a clock once a second under tmux.
- Memory: peak RSS of each during that run.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SECONDS = float(os.environ.get("BENCH_TUI_SECONDS", "30"))

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

BREATHING = """title = "Bench breathing"
practice = "breathing"
[[step]]
breathe = "soothing"
for = "30m"
"""


def _startup(code: str, env: dict[str, str]) -> float:
    samples = []
    for _ in range(5):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True, env=env, capture_output=True)
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def _cpu_and_rss(pid: int) -> tuple[float, int]:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    ticks = os.sysconf("SC_CLK_TCK")
    cpu = (int(fields[11]) + int(fields[12])) / ticks
    rss = 0
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            rss = int(line.split()[1])
    return cpu, rss


def _under_tmux(command: str, env: dict[str, str], seconds: float) -> tuple[float, int]:
    """CPU seconds per minute and peak RSS (KiB) of ``command`` running in tmux."""
    socket = f"bench{os.getpid()}"
    tmux = ["tmux", "-L", socket]
    subprocess.run([*tmux, "new-session", "-d", "-x", "100", "-y", "30", command], env=env,
                   check=True)  # fmt: skip
    try:
        time.sleep(3)  # let it start; start-up is measured separately
        pid = int(
            subprocess.run(
                [*tmux, "list-panes", "-F", "#{pane_pid}"],
                capture_output=True,
                text=True,
                check=True,
            ).stdout.split()[0]
        )
        before, _ = _cpu_and_rss(pid)
        time.sleep(seconds)
        after, rss = _cpu_and_rss(pid)
    finally:
        subprocess.run([*tmux, "kill-server"], check=False)
    return (after - before) * 60.0 / seconds, rss


def main() -> None:
    if not shutil.which("tmux"):
        print("tmux is not installed; skipping the TUI benchmark")
        return
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        (home / "config").mkdir()
        (home / "config" / "settings.toml").write_text("checkins = false\nsound = false\n")
        (home / "bare.py").write_text(BARE)
        script = home / "breathing.toml"
        script.write_text(BREATHING)
        env = {**os.environ, "SESSION_PLAYER_HOME": str(home), "PYTHONPATH": str(home)}

        bare_start = _startup(READY.format(module="bare", factory="make"), env)
        ours_start = _startup(
            READY.format(module="session_player.tui.app", factory="make_app"), env
        )
        print("start-up until the first screen accepts keys (median of 5)")
        print(f"  bare Textual app      {bare_start * 1000:7.0f} ms")
        ratio = ours_start / bare_start
        print(f"  session-player        {ours_start * 1000:7.0f} ms   ratio {ratio:.2f}x")

        bare_cpu, bare_rss = _under_tmux(f"{sys.executable} {home / 'bare.py'}", env, SECONDS)
        ours_cpu, ours_rss = _under_tmux(
            f"{sys.executable} -m session_player play {script} --no-sound", env, SECONDS
        )
        print(f"CPU per minute under tmux ({SECONDS:.0f} s each)")
        bare_share, ours_share = bare_cpu / 60 * 100, ours_cpu / 60 * 100
        ratio = ours_cpu / max(bare_cpu, 1e-9)
        print(f"  bare app, clock at 1 Hz     {bare_cpu:6.2f} s/min  ({bare_share:.2f}% of a core)")
        print(
            f"  breathing session           {ours_cpu:6.2f} s/min  ({ours_share:.2f}% of a core)"
            f"   ratio {ratio:.2f}x"
        )
        print("peak RSS")
        print(f"  bare app                    {bare_rss / 1024:6.1f} MiB")
        ratio = ours_rss / bare_rss
        print(f"  breathing session           {ours_rss / 1024:6.1f} MiB   ratio {ratio:.2f}x")


if __name__ == "__main__":
    main()
