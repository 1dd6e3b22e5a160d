"""A silent sit with a soundscape beside the same sit without one, in the peer benchmark's
measure (as ``bench_peers.running``: CPU seconds a minute from the scheduler, every thread, and
peak RSS, in a tmux pane, once the session shows), round after round.

Sound is on for both (a silent sit without a soundscape opens no stream at all), into ALSA's
``file`` plugin over a ``null`` slave whose file is a FIFO this process reads at the stream's
real rate (22050 Hz stereo, 16-bit), a 50 ms period at a time, as a sound card takes samples:
without that pace a null device takes the whole four-hour buffer at once. ``BENCH_SCAPE_ROUNDS`` and
``BENCH_SCAPE_SECONDS`` set the rounds (default 3) and the sampling (default 30 s).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from bench.bench_peers import SILENT, private_home, ratios, running, spread

ROUNDS = int(os.environ.get("BENCH_SCAPE_ROUNDS", "3"))
SECONDS = float(os.environ.get("BENCH_SCAPE_SECONDS", "30"))
SETTLE_S = 5.0
BYTES_A_SECOND = 22050 * 2 * 2
PERIOD = BYTES_A_SECOND // 20
"""Taken a period (50 ms) at a time, as a sound card takes them: reading every few
milliseconds would wake simpleaudio's writer far more often than any device does."""
PACED = """pcm.!default {
    type file
    slave.pcm { type null }
    format "raw"
    file "%s"
}
"""


def pace(fifo: Path, stop: threading.Event) -> None:
    """Read ``fifo`` no faster than ``BYTES_A_SECOND`` while anything writes to it."""
    fd = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)  # open first, so a writer's open succeeds
    try:
        t0, got = 0.0, 0
        while not stop.is_set():
            allowed = int((time.monotonic() - t0) * BYTES_A_SECOND) - got if got else PERIOD
            if allowed < PERIOD:
                time.sleep(0.01)
                continue
            try:
                chunk = os.read(fd, min(allowed, 1 << 16))
            except BlockingIOError:
                chunk = b""
            if not chunk:  # no writer, or nothing yet: the next stream paces afresh
                got = 0
                time.sleep(0.01)
                continue
            if not got:
                t0 = time.monotonic()
            got += len(chunk)
    finally:
        os.close(fd)


TWO_HOURS = """
import sys
from pathlib import Path
from session_player.audio.bed import WAKE_S, Bed
from session_player.audio.loops import open_loop
from session_player.core.bundled import bundled_beds

def peak():
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024

class Device:
    now = 0.0
    def clock(self):
        return self.now
    def play_buffer(self, buf, channels, rate):
        return self
    def stop(self):
        pass

device = Device()
before = peak()
bed = Bed(device, open_loop(bundled_beds()[sys.argv[1]], bundled=True), 50)
bed.start(6.0, writer=False)
for n in range(int(2 * 3600 / WAKE_S)):
    device.now += WAKE_S
    bed.step()
    if n % 20 == 0:
        bed.duck(n, device.now + 1, device.now + 5)
print(f"{before:.1f} {peak():.1f}")
"""


def two_hours(name: str) -> tuple[float, float]:
    """Peak RSS (MiB) of a process before a bed and after two hours of it, on a driven clock
    (every write, rewrite and give-back of a played sit; no device)."""
    done = subprocess.run(
        [sys.executable, "-c", TWO_HOURS, name], capture_output=True, text=True, check=True
    )
    before, after = (float(x) for x in done.stdout.split())
    return before, after


def main() -> None:
    with tempfile.TemporaryDirectory(ignore_cleanup_errors=True) as tmp:  # a pane may still write
        home = Path(tmp)
        env = private_home(
            home,
            'checkins = false\nvoice = false\nstart_delay = 0\nstart_chime = "none"\n'
            'end_chime = "none"\n',
        )
        fifo = home / "device"
        os.mkfifo(fifo)
        (home / "asound.conf").write_text(PACED % fifo)
        env["ALSA_CONFIG_PATH"] = str(home / "asound.conf")
        sit = home / "sit.toml"
        sit.write_text(SILENT.format(length="30m"))
        stop = threading.Event()
        reader = threading.Thread(target=pace, args=(fifo, stop), daemon=True)
        reader.start()
        py = [sys.executable, "-m", "session_player"]
        runs = {
            "silent sit": [*py, "play", str(sit)],
            "with rain": [*py, "play", str(sit), "--soundscape", "rain"],
        }
        cpu: dict[str, list[float]] = {name: [] for name in runs}
        rss: dict[str, list[float]] = {name: [] for name in runs}
        try:
            running(runs["silent sit"], env, 2.0)  # warm the bytecode
            for _ in range(ROUNDS):
                for name, command in runs.items():
                    # On a busy machine the TUI's start can outlast the peers' 3 s.
                    seconds, peak = running(
                        command, env, SECONDS, shows="practised", settle=SETTLE_S
                    )
                    cpu[name].append(seconds)
                    rss[name].append(peak / 1024)
        finally:
            stop.set()
            reader.join(timeout=2)
    print(f"CPU seconds per minute, a silent sit in the TUI, sound on ({ROUNDS} rounds of "
          f"{SECONDS:.0f} s; median, range)")  # fmt: skip
    for name in runs:
        print(f"  {name:<12} {spread(cpu[name])}   vs without "
              f"{ratios(cpu[name], cpu['silent sit'])}")  # fmt: skip
    print("peak RSS, MiB (median, range)")
    base = statistics.median(rss["silent sit"])
    for name in runs:
        print(f"  {name:<12} {spread(rss[name])}   (+{statistics.median(rss[name]) - base:.1f})")
    for bed in ("rain", "waves"):
        before, after = two_hours(bed)
        print(f"  two hours of {bed} on a driven clock: peak RSS {before:.1f} -> {after:.1f} MiB"
              f" (+{after - before:.1f})")  # fmt: skip
