"""A voice worker started with the app, before its first frame (``audio/early.py``): it finds
and loads the person's voice by itself, the library's warming takes it rather than starting
another, one for another voice is ended, and it never outlives the app.

The worker is the real worker module serving a stand-in engine whose voices are found in any
folder (a short tone for every line), so each test costs a Python start, not a neural voice.
"""

from __future__ import annotations

import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from test_standby import ONE, OTHER, gone, outlived_by_none

from session_player.audio import early, neural
from session_player.audio.standby import Standby
from session_player.audio.voices.base import VoiceInfo

FOUND = """
import array, math, sys
from pathlib import Path
from session_player.audio import worker
from session_player.audio.voices import registry
from session_player.audio.voices.base import NeuralEngine, VoiceInfo

def find(folder):
    names = ("one", "other")
    return [VoiceInfo(f"fake:{n}", "fake", n, "en-US", Path(f"{n}.onnx")) for n in names], []

def load(header):
    def render(text, wpm):
        return array.array("h", (int(8000 * math.sin(i / 8)) for i in range(2400))).tobytes(), 24000
    return render

registry.NEURAL["fake"] = NeuralEngine("fake", find, str, load)
sys.exit(worker.main())
"""
WORKER = [sys.executable, "-c", FOUND]


def no_second(voice: VoiceInfo) -> neural.VoiceWorker:
    raise AssertionError(f"a second worker was started for {voice.id}")


@pytest.fixture
def standby() -> Iterator[Standby]:
    made = Standby(start=no_second)
    yield made
    made.close()


def early_pid() -> int:
    held = early._early
    assert held is not None
    return held[0].pid


def test_the_library_takes_the_worker_started_with_the_app(
    standby: Standby, tmp_path: Path
) -> None:
    assert early.start("fake:one", tmp_path, command=WORKER)
    pid = early_pid()
    standby.warm(ONE, "fake:one")  # the library is out: the worker started early is taken
    target = tmp_path / "first.wav"
    assert standby.make_ahead(ONE, [("Welcome.", target)], 140) == 1 and target.exists()
    worker = standby.take(ONE)
    assert worker is not None and worker.pid == pid and early._early is None
    worker.close()


def test_a_play_before_the_library_warms_takes_it_too(standby: Standby, tmp_path: Path) -> None:
    """Enter pressed before the library's warming came (the app busy): the play's render
    takes the worker started early rather than loading a second one beside it."""
    assert early.start("fake:one", tmp_path, command=WORKER)
    pid = early_pid()
    worker = standby.take(ONE)
    assert worker is not None and worker.pid == pid
    worker.close()
    assert early.start("fake:one", tmp_path, command=WORKER)
    pid = early_pid()
    assert standby.take(OTHER) is None and gone(pid)  # it found another voice: ended


def test_one_started_for_another_choice_is_ended(standby: Standby, tmp_path: Path) -> None:
    assert early.start("fake:one", tmp_path, command=WORKER)
    pid = early_pid()
    standby._start = lambda voice: neural.VoiceWorker(voice, command=WORKER, loaded=False)
    standby.warm(OTHER, "fake:other")  # the voice was changed meanwhile: a new one loads it
    assert gone(pid) and standby.voice == OTHER
    assert early.start("fake:one", tmp_path, command=WORKER)
    pid = early_pid()
    standby.warm(None)  # no voice after all (espeak speaks, or the voice is off)
    assert gone(pid) and early._early is None


def test_one_that_found_another_voice_than_the_app_is_not_used(
    standby: Standby, tmp_path: Path
) -> None:
    assert early.start("fake:one", tmp_path, command=WORKER)
    pid = early_pid()
    standby.warm(OTHER, "fake:one")  # the app found another voice for the same choice
    assert standby.take(OTHER) is None and gone(pid)


APP = f"""
import sys, threading
from pathlib import Path
sys.path.insert(0, {str(Path(__file__).parent)!r})
from test_early import WORKER
from session_player.audio import early
early.start("fake:one", Path("."), command=WORKER)
print(early._early[0].pid, flush=True)
threading.Event().wait()  # the app runs until it is killed, before its first frame
"""


@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGTERM], ids=["killed", "terminated"])
def test_it_never_outlives_the_app(how: signal.Signals) -> None:
    assert outlived_by_none(APP, how)


def test_starting_it_loads_nothing_of_the_app_before_its_first_frame() -> None:
    """What the app imports to start it early is the standard library, the module and the
    package's lazy names (``core.lazy``, itself the standard library only)."""
    code = (
        "import sys; from session_player.audio import early; "
        "print(' '.join(sorted(m for m in sys.modules if m.startswith('session_player'))))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == [
        "session_player",
        "session_player.audio",
        "session_player.audio.early",
        "session_player.core",
        "session_player.core.lazy",
    ]
