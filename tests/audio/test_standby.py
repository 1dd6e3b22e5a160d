"""A voice worker loaded ahead (while the library is shown): the first play's render takes it
instead of starting one, it runs nicer than the app, never two wait at once, and it never
outlives the app, however the app ends.

The worker here is the real worker module serving a stand-in engine (a short tone for every
line), so each test costs a Python start, not a neural voice's load.
"""

from __future__ import annotations

import os
import select
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from session_player.audio import neural
from session_player.audio.standby import Standby
from session_player.audio.voices.base import NICE, VoiceInfo

FAKE_ENGINE = """
import array, math, sys, threading
from session_player.audio import worker
from session_player.audio.voices import registry
from session_player.audio.voices.base import NeuralEngine

def load(header):
    if header["name"] == "stuck":  # a voice that takes for ever to load
        threading.Event().wait()
    if header["name"] == "gated":  # loads once the test opens the gate (a FIFO) and closes it
        open(header["model"]).close()

    def render(text, wpm):
        tone = array.array("h", (int(8000 * math.sin(i / 8)) for i in range(2400)))
        return tone.tobytes(), 24000
    return render

registry.NEURAL["fake"] = NeuralEngine("fake", lambda folder: ([], []), str, load)
sys.exit(worker.main())
"""
WORKER = [sys.executable, "-c", FAKE_ENGINE]
NO_WORKER = [sys.executable, "-c", "import sys; sys.exit(3)"]
ONE = VoiceInfo("fake:one", "fake", "one", "en-US", Path("one.onnx"))
OTHER = VoiceInfo("fake:other", "fake", "other", "en-US", Path("other.onnx"))
STUCK = VoiceInfo("fake:stuck", "fake", "stuck", "en-US", Path("stuck.onnx"))


def ahead(voice: VoiceInfo) -> neural.VoiceWorker:
    return neural.VoiceWorker(voice, command=WORKER, loaded=False)


def nice_of(pid: int) -> int:
    stat = Path(f"/proc/{pid}/stat").read_text()
    return int(stat.rsplit(")", 1)[1].split()[16])  # field 19, after the name


def gone(pid: int, timeout: float = 30.0) -> bool:
    """Wait (on the process, not a clock) until ``pid`` has exited; True if it did."""
    try:
        fd = os.pidfd_open(pid)
    except ProcessLookupError:
        return True
    try:
        readable, _, _ = select.select([fd], [], [], timeout)
        return bool(readable)
    finally:
        os.close(fd)


@pytest.fixture
def standby() -> Standby:
    return Standby(start=ahead)


def test_the_first_render_takes_the_worker_loaded_ahead(standby: Standby, tmp_path: Path) -> None:
    standby.warm(ONE)
    lines = ["Welcome.", "Let yourself arrive.", "Rest here."]
    # Any worker the render started itself would fail: every line is made by the one waiting.
    done = neural.render(
        ONE, lines, 140, lambda t: tmp_path / f"{lines.index(t)}.wav",
        waiting=standby.take, command=NO_WORKER,
    )  # fmt: skip
    assert done.failures == {} and set(done.paths) == set(lines)
    assert standby.voice is None  # taken: the next first play starts its own (or a new one)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_a_worker_is_nicer_than_the_app(standby: Standby) -> None:
    standby.warm(ONE)
    worker = standby.take(ONE)
    assert worker is not None
    try:
        assert nice_of(worker.pid) == os.nice(0) + NICE
    finally:
        worker.close()


def test_only_one_worker_ever_waits(standby: Standby) -> None:
    standby.warm(ONE)
    first = standby.take(ONE)
    assert first is not None
    first.close()
    standby.warm(ONE)
    one = standby._worker
    assert one is not None
    standby.warm(ONE)  # the same voice again: the same worker
    assert standby._worker is one
    standby.warm(OTHER)  # another voice chosen in Settings: the first is ended
    assert gone(one.pid) and standby.voice == OTHER
    other = standby._worker
    assert other is not None
    assert standby.take(ONE) is None  # a session in a voice not loaded: the one waiting goes
    assert gone(other.pid) and standby.voice is None
    standby.warm(None)  # espeak speaks: nothing waits
    assert standby.voice is None


APP = f"""
import sys, threading
sys.path.insert(0, {str(Path(__file__).parent)!r})
from test_standby import ONE, STUCK, ahead
from session_player.audio.standby import Standby
standby = Standby(start=ahead)
standby.warm({{voice}})
print(standby._worker.pid, flush=True)
threading.Event().wait()  # the app runs until it is killed
"""


@pytest.mark.parametrize(
    ("how", "voice"),
    [(signal.SIGKILL, "ONE"), (signal.SIGTERM, "ONE"), (signal.SIGKILL, "STUCK")],
    ids=["killed", "terminated", "killed while the voice loads"],
)
def test_the_worker_never_outlives_the_app(how: signal.Signals, voice: str) -> None:
    assert outlived_by_none(APP.format(voice=voice), how)


def outlived_by_none(app_code: str, how: signal.Signals) -> bool:
    """Run ``app_code`` (it prints its worker's process id), end it ``how``: True once the
    worker has gone too."""
    app = subprocess.Popen([sys.executable, "-c", app_code], stdout=subprocess.PIPE, text=True)
    assert app.stdout is not None
    worker = int(app.stdout.readline())
    app.send_signal(how)
    app.wait()
    return gone(worker)


def test_the_highlighted_sessions_first_lines_are_made_ahead(
    standby: Standby, tmp_path: Path
) -> None:
    standby.warm(ONE)
    lines = [("Welcome.", tmp_path / "0.wav"), ("Let yourself arrive.", tmp_path / "1.wav")]
    assert standby.make_ahead(ONE, lines, 140) == 2
    assert all(target.exists() for _, target in lines)
    assert standby.make_ahead(ONE, lines, 140) == 0  # made once
    assert standby.make_ahead(OTHER, [("Rest.", tmp_path / "2.wav")], 140) == 0  # not its voice
    stale = [("Rest.", tmp_path / "2.wav")]
    assert standby.make_ahead(ONE, stale, 140, lambda: True) == 0  # another session highlighted
    worker = standby.take(ONE)  # a play takes it: nothing more is made ahead with it
    assert worker is not None
    assert standby.make_ahead(ONE, [("Rest.", tmp_path / "2.wav")], 140) == 0
    # The play finds what was made ahead, and makes only the rest.
    where = {"Welcome.": tmp_path / "0.wav", "Rest.": tmp_path / "2.wav"}
    done = neural.render(
        ONE, list(where), 140, where.__getitem__, waiting=lambda voice: worker, command=NO_WORKER
    )
    assert done.failures == {} and (tmp_path / "2.wav").exists()


def test_a_play_that_takes_the_worker_while_it_loads_has_its_own_line_made_first(
    tmp_path: Path,
) -> None:
    """Enter pressed while the worker still loads: the line being made ahead (for the session
    highlighted first, perhaps not the one chosen) is not made; the play's line comes first."""
    gate = tmp_path / "gate"
    os.mkfifo(gate)
    gated = VoiceInfo("fake:gated", "fake", "gated", "en-US", gate)
    waits = [threading.Event(), threading.Event()]  # made ahead, then the play, wait for it

    class Told(neural.VoiceWorker):
        def loaded(self) -> None:
            next(w for w in waits if not w.is_set()).set()
            super().loaded()

    standby = Standby(start=lambda voice: Told(voice, command=WORKER, loaded=False))
    standby.warm(gated)
    made: list[int] = []
    target = tmp_path / "first.wav"
    lines = [("Welcome.", target)]
    ahead = threading.Thread(target=lambda: made.append(standby.make_ahead(gated, lines, 140)))
    ahead.start()
    assert waits[0].wait(30)
    taken: list[neural.VoiceWorker | None] = []
    play = threading.Thread(target=lambda: taken.append(standby.take(gated)))
    play.start()
    assert waits[1].wait(30), "the play waited for a line made ahead before it could take it"
    with open(gate, "w"):  # the voice loads now
        pass
    ahead.join(30)
    play.join(30)
    worker = taken[0]
    assert worker is not None
    try:
        assert made == [0] and not target.exists()
    finally:
        worker.close()
