"""Real processes: two instances writing at once, and sessions killed with SIGKILL."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest

import session_player
from session_player.core.log import STALE_SECONDS, LogStore, utc_now
from session_player.home.paths import log_place

ROOT = Path(session_player.__file__).resolve().parent.parent

_WRITER = """
import sys
from session_player.core.log import SessionRecorder
from session_player.home.paths import log_place
name, count = sys.argv[1], int(sys.argv[2])
# A patient recorder: on a busy machine the other writer may hold the lock for seconds, and
# this test is about both keeping everything, not about how long a turn takes.
recorder = SessionRecorder(log_place(), busy_timeout=60.0)
for i in range(count):
    recorder.begin(f"{name}-{i}", f"{name} {i}", "breathing", 60)
    recorder.check_in("before", "Distress", i % 11)
    for step in range(1, 4):
        recorder.progress(step * 10.0, step)
    recorder.entry(2, "What do you need?", f"{name} wrote {i}")
    recorder.check_in("after", "Distress", (i + 1) % 11)
    recorder.finish("completed", 60)
recorder.close()
print(recorder.notice or "ok", flush=True)
"""


def _python(code: str, *args: str) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen(
        [sys.executable, "-c", code, *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_two_instances_writing_at_once_both_keep_their_sessions(db_path: Path) -> None:
    LogStore.open(log_place()).close()  # created first, so neither races to create the schema
    writers = [_python(_WRITER, name, "40") for name in ("first", "second")]
    for writer in writers:
        out, err = writer.communicate(timeout=60)
        assert writer.returncode == 0, err
        assert out.strip() == "ok"  # no notice: nothing was ever held back
    with LogStore.open(log_place()) as store:
        sessions = store.recent()
        assert len(sessions) == 80
        assert {s.outcome for s in sessions} == {"completed"}
        assert {s.script_name for s in sessions} == {
            f"{name}-{i}" for name in ("first", "second") for i in range(40)
        }
        for table, expected in (("check_ins", 160), ("entries", 80)):
            assert store.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == expected
        assert store.conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"


def test_two_connections_in_one_process_interleave(db_path: Path) -> None:
    from session_player.core.log import SessionRecorder

    a, b = SessionRecorder(log_place()), SessionRecorder(log_place())
    a.begin("a", "A", "breathing", 60)
    b.begin("b", "B", "rain", 60)
    for i in range(1, 6):
        a.progress(i, i)
        b.progress(i * 2, i)
    a.finish("completed", 60)
    b.finish("stopped", 12)
    assert a.close() and b.close()
    with LogStore.open(log_place()) as store:
        assert sorted((s.title, s.outcome) for s in store.recent()) == [
            ("A", "completed"),
            ("B", "stopped"),
        ]


# kill -9 -------------------------------------------------------------------------------------

_SESSION = """
import time
from session_player.core.log import SessionRecorder
from session_player.home.paths import log_place
recorder = SessionRecorder(log_place())
uuid = recorder.begin("kill-test", "Kill test", "breathing", 600)
started = time.monotonic()
print(uuid, started, flush=True)  # CLOCK_MONOTONIC is shared by every process on Linux
step = 1
while True:
    # Practised time is real elapsed time, reported every second as the player would.
    time.sleep(1.0 - (time.monotonic() - started) % 1.0)
    step += 1
    recorder.progress(time.monotonic() - started, step, 0, 0)
"""

RUNS = 20


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_kill_9_leaves_an_interrupted_session_with_its_practised_time(db_path: Path) -> None:
    seed = random.randrange(2**32)
    rng = random.Random(seed)
    LogStore.open(log_place()).close()
    # All 20 run at once, into the same log, each killed at its own random moment.
    children = [_python(_SESSION) for _ in range(RUNS)]
    runs: list[tuple[subprocess.Popen[str], str, float, float]] = []
    for child in children:
        assert child.stdout is not None
        line = child.stdout.readline().split()
        assert line, child.stderr.read() if child.stderr else ""
        uuid, began = line[0], float(line[1])
        runs.append((child, uuid, began, began + rng.uniform(0.5, 3.0)))
    truths: dict[str, float] = {}
    for child, uuid, began, kill_at in sorted(runs, key=lambda run: run[3]):
        time.sleep(max(0.0, kill_at - time.monotonic()))
        child.send_signal(signal.SIGKILL)
        truths[uuid] = time.monotonic() - began
    for child, *_ in runs:
        child.wait(timeout=10)
        assert child.returncode == -signal.SIGKILL
        for stream in (child.stdout, child.stderr):
            if stream is not None:
                stream.close()

    # A later process opens the log, once the sessions have gone quiet for long enough.
    later = utc_now() + timedelta(seconds=STALE_SECONDS + 1)
    with LogStore.open(log_place(), clock=lambda: later) as store:
        assert store.conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"
        found = {s.uuid: s for s in store.recent()}
    assert set(found) == set(truths), f"seed {seed}"
    for uuid, truth in truths.items():
        session = found[uuid]
        assert session.outcome == "interrupted", f"seed {seed}"
        assert abs(session.practised_seconds - truth) < 10, f"seed {seed}"
        # Tighter than asked: never more than was practised.
        assert session.practised_seconds <= truth, f"seed {seed}"
        assert session.ended_at is not None and session.ended_at == session.updated_at
