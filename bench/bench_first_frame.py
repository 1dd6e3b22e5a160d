"""First frames in process CPU: the library, ``play`` and ``timer`` against a bare Textual app.

Each program runs in a pseudo-terminal of 100x30 with a probe in front of it: the first write
of a whole screen to the terminal (the app's driver writes one string a frame, as Textual's
writer thread is handed one for the bare app) ends
the process at once, and the process's CPU time until then (every thread, user and system) is
the figure; wall time from the spawn is beside it. The programs take turns, round after round
(``BENCH_FIRST_ROUNDS``, default 7), and the ratios are of medians of the same run; bytecode is
written first by a run not counted, as an installed package has it. Settings as ``bench peers``
has them: sound off, no check-ins, no countdown; ``play`` a 30-minute silent sit, ``timer 30m``.

``BENCH_FIRST_INSTRUCTIONS=1`` counts instructions instead (valgrind's callgrind, every
thread, one run each after the warm-up): slow, but the load of the machine doesn't move it.

``BENCH_FIRST_PROFILE=DIR`` writes a cProfile of each program's main thread up to its first
frame into DIR instead (one run each), for ``python -m pstats``.
"""

from __future__ import annotations

import os
import pty
import select
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.bench_peers import BARE_NOW, SILENT, private_home

ROUNDS = int(os.environ.get("BENCH_FIRST_ROUNDS", "7"))
PROFILE = os.environ.get("BENCH_FIRST_PROFILE", "")
INSTRUCTIONS = bool(os.environ.get("BENCH_FIRST_INSTRUCTIONS"))
WHOLE = 1500  # characters: a whole 100x30 screen is several thousand; the modes set first, few

PROBE = f"""
import os, sys, time
from textual.drivers import _writer_thread

def first(text):
    if len(text) < {WHOLE}:
        return
    cpu = time.process_time()
    profile = globals().get("PROFILER")
    if profile is not None:
        profile.disable()
        profile.dump_stats(os.environ["FIRST_FRAME_PROFILE"])
    with open(os.environ["FIRST_FRAME_OUT"], "w") as out:
        out.write(f"{{cpu}} {{time.time()}}")
    os._exit(0)

def write(self, text, _write=_writer_thread.WriterThread.write):
    first(text)
    return _write(self, text)

_writer_thread.WriterThread.write = write
if sys.argv[1] == "session_player":  # its driver writes the frames itself (tui/driver.py)
    from session_player.tui import driver as _driver
    _quiet = _driver.quiet_driver
    def probed():
        base = _quiet()
        if base is None:
            return None
        class Probed(base):
            def write(self, text):
                if getattr(self, "_terminal", None) is not None:
                    first(text)
                super().write(text)
        return Probed
    _driver.quiet_driver = probed
if os.environ.get("FIRST_FRAME_PROFILE"):
    import cProfile
    PROFILER = cProfile.Profile()
    PROFILER.enable()
import runpy
target = sys.argv[1]
sys.argv = sys.argv[1:]
if target.endswith(".py"):
    runpy.run_path(target, run_name="__main__")
else:
    sys.argv[0] = target
    runpy.run_module(target, run_name="__main__", alter_sys=True)
"""


def _first_frame(
    argv: list[str], env: dict[str, str], out: Path, counted: Path | None = None
) -> tuple[float, float]:
    """CPU seconds and wall seconds of ``argv`` (after the probe) until its first frame; with
    ``counted``, run under callgrind, which writes its summary there."""
    out.unlink(missing_ok=True)
    command = [sys.executable, "-c", PROBE, *argv]
    if counted is not None:
        command = ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null",
                   f"--log-file={counted}", *command]  # fmt: skip
    start = time.time()
    pid, fd = pty.fork()
    if pid == 0:  # the child: a terminal of 100x30 of its own
        import fcntl
        import struct
        import termios

        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
        os.execvpe(command[0], command, env)
    try:
        while True:  # read what it draws, so it never waits on a full terminal
            ready, _, _ = select.select([fd], [], [], 600)
            if not ready:
                raise RuntimeError(f"{argv}: no first frame within ten minutes")
            try:
                if not os.read(fd, 65536):
                    break
            except OSError:  # the child has gone
                break
    finally:
        os.close(fd)
        os.waitpid(pid, 0)
    if not out.exists():
        raise RuntimeError(f"{argv}: ended without drawing a whole screen")
    cpu, at = out.read_text().split()[:2]
    return float(cpu), float(at) - start


def _instructions(programs: dict[str, list[str]], env: dict[str, str], out: Path) -> None:
    counted = out.with_name("callgrind.log")
    found = {}
    for name, argv in programs.items():
        _first_frame(argv, env, out, counted)
        summary = counted.read_text()
        found[name] = int(summary.rpartition("Collected :")[2].split()[0])
    print(f"first frame, instructions (callgrind, every thread); {_load()}")
    for name, count in found.items():
        print(f"  {name:<14} {count / 1e6:9.1f} M   {count / found['bare Textual']:.2f}x")


def _load() -> str:
    return f"load {os.getloadavg()[0]:.1f}"


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        env = private_home(
            home, "checkins = false\nsound = false\nvoice = false\nstart_delay = 0\n"
        )
        env["TERM"] = "xterm-256color"
        out = home / "first-frame"
        env["FIRST_FRAME_OUT"] = str(out)
        sit = home / "sit.toml"
        sit.write_text(SILENT.format(length="30m"))
        (home / "bare.py").write_text(BARE_NOW)
        programs = {
            "bare Textual": [str(home / "bare.py")],
            "library": ["session_player"],
            "play (TUI)": ["session_player", "play", str(sit), "--no-sound"],
            "timer (TUI)": ["session_player", "timer", "30m", "--no-sound"],
        }
        subprocess.run([sys.executable, "-m", "session_player", "list"], env=env,
                       capture_output=True, check=False)  # fmt: skip
        for argv in programs.values():  # bytecode, and the card cache
            _first_frame(argv, env, out)
        if INSTRUCTIONS:
            _instructions(programs, env, out)
            return
        if PROFILE:
            for name, argv in programs.items():
                target = Path(PROFILE) / (name.split()[0] + ".prof")
                _first_frame(argv, {**env, "FIRST_FRAME_PROFILE": str(target)}, out)
                print(f"  {name}: {target}")
            return
        cpu: dict[str, list[float]] = {name: [] for name in programs}
        wall: dict[str, list[float]] = {name: [] for name in programs}
        loads = [_load()]
        for _ in range(ROUNDS):
            for name, argv in programs.items():
                spent, took = _first_frame(argv, env, out)
                cpu[name].append(spent)
                wall[name].append(took)
        loads.append(_load())
    bare_cpu = statistics.median(cpu["bare Textual"])
    bare_wall = statistics.median(wall["bare Textual"])
    print(f"first frame, process CPU and wall seconds (median of {ROUNDS}, in turns); "
          f"{', '.join(loads)}")  # fmt: skip
    for name in programs:
        c, w = statistics.median(cpu[name]), statistics.median(wall[name])
        print(f"  {name:<14} cpu {c:.3f} s ({min(cpu[name]):.3f}-{max(cpu[name]):.3f}) "
              f"{c / bare_cpu:.2f}x   wall {w:.3f} s {w / bare_wall:.2f}x")  # fmt: skip


if __name__ == "__main__":
    main()
