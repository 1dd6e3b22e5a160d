"""Fakes for the conductor's tests: the output, speech, recorder, and the timers and thread
that the tests drive by hand, so nothing waits on a real clock.

The real sound path is tested end to end in tests/e2e/test_sound_path.py.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from session_player.audio.api import RenderError
from session_player.conductor.dispatcher import Conductor
from session_player.conductor.later import Later
from session_player.conductor.listeners import stage as stage_module
from session_player.conductor.listeners import voice as voice_module
from session_player.core.clock import FakeClock
from session_player.core.script.loader import load_text
from session_player.core.session.engine import Session
from session_player.core.session.timeline import Timeline


class FakeOutput:
    """Notes every call; a test on another thread's sound waits with ``wait_until``."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, Any]] = []
        self._changed = threading.Condition()

    def prepare(self, sound: Path, volume: int = 100) -> None:
        self.calls.append(("prepare", sound.name))

    def play(self, sound: Path, volume: int = 100, delay: float = 0.0) -> None:
        with self._changed:
            self.calls.append(("play", (sound.name, volume)))
            self._changed.notify_all()

    def pause(self) -> None:
        self.calls.append(("pause", None))

    def resume(self) -> None:
        self.calls.append(("resume", None))

    def stop_all(self) -> None:
        self.calls.append(("stop_all", None))

    def close(self) -> None:
        pass

    def played(self) -> list[Any]:
        return [arg for name, arg in self.calls if name == "play"]

    def wait_until(self, done: Callable[[], bool], timeout: float = 5.0) -> bool:
        """Wait until ``done()`` holds, looking again after each sound played."""
        with self._changed:
            return self._changed.wait_for(done, timeout)


class FakeSpeech:
    available = True

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.voice: str | None = None

    def voices(self, language: str | None = None) -> list[tuple[str, str]]:
        return [("gmw/de", "German")] if language == "de" else [("gmw/en", "English")]

    def first_voice(self, language: str) -> str | None:
        return self.voices(language)[0][0]

    def render_missing(self, lines: Any, voice: str | None, rate: int, progress: Any) -> dict:
        self.voice = voice
        out = {}
        for n, line in enumerate(lines):
            out[line] = self.folder / f"{n}.wav"
        return out

    def length_seconds(self, path: Path) -> float:
        return 2.0

    def notes(self) -> list[str]:
        return []


class RecordingSpeech(FakeSpeech):
    """Renders every line to a file of its own and remembers which (``lines``), each of
    ``seconds``."""

    def __init__(self, folder: Path, seconds: float = 1.0) -> None:
        super().__init__(folder)
        self.lines: dict[str, Path] = {}
        self.seconds = seconds

    def render_missing(self, lines: Any, voice: str | None, rate: int, progress: Any) -> dict:
        for line in lines:
            self.lines.setdefault(line, self.folder / f"line{len(self.lines)}.wav")
        return {line: self.lines[line] for line in lines}

    def render_to(self, text: str, voice: str | None, rate: int, folder: Path) -> Path:
        return self.lines.setdefault(text, folder / f"line{len(self.lines)}.wav")

    def length_seconds(self, path: Path) -> float:
        return self.seconds


class SlowSpeech(FakeSpeech):
    """Renders lines with answers in them when ``release`` is set, into the folder it is given."""

    def __init__(self, folder: Path, *, fail: bool = False) -> None:
        super().__init__(folder)
        self.release = threading.Event()
        self.release.set()
        self.rendered: list[tuple[str, Path]] = []
        self.finished = threading.Event()
        self.fail = fail

    def render_to(self, text: str, voice: str | None, rate: int, folder: Path) -> Path:
        assert self.release.wait(10)
        try:
            if self.fail:
                raise RenderError("espeak fell over")
            if not folder.is_dir():  # as the real renderer: a removed folder is not made again
                raise RenderError(f"{folder} is gone")
            path = folder / f"answer{len(self.rendered)}.wav"
            path.write_bytes(b"RIFF")
            self.rendered.append((text, path))
            return path
        finally:
            self.finished.set()


class FakeRecorder:
    def __init__(self) -> None:
        self.calls: list[tuple[str, tuple[Any, ...]]] = []

    def __getattr__(self, name: str) -> Any:
        return lambda *args: self.calls.append((name, args))

    notice = None

    def close(self) -> bool:
        return True


def script(head: str = "", steps: str = '[[step]]\nsay = "Hello there."\n') -> Any:
    text = f'title = "T"\npractice = "custom"\n{head}\n{steps}'
    result = load_text(text)
    assert not isinstance(result, list), result
    return result


def play_to_end(c: Conductor, timeline: Timeline, timers: ManualTimers | None = None) -> None:
    """Play ``timeline`` to its end in quarter seconds, the session's clock and the timers (if
    any) moving together."""
    clock = FakeClock()
    session = Session(timeline, clock)
    c.begin(session)
    c.handle(session.start())
    while session.ended is None:
        clock.advance(0.25)
        if timers is not None:
            timers.advance(0.25)
        c.handle(session.poll())


def run(c: Conductor, s: Any) -> tuple[Session, FakeClock]:
    clock = FakeClock()
    timeline = c.prepare(s, lambda done, total: None)
    session = Session(timeline, clock)
    c.begin(session)
    c.handle(session.start())
    return session, clock


class ManualTimers:
    """Stands in for the timers of the conductor's ``Later``: time moves when the test says,
    and what falls due fires then, in order, on the test's own thread."""

    def __init__(self) -> None:
        self.now = 0.0
        self.armed: list[_ManualTimer] = []

    def wall(self) -> float:
        return self.now

    def __call__(self, delay: float, func: Any, args: tuple[Any, ...]) -> _ManualTimer:
        return _ManualTimer(self, self.now + delay, func, args)

    def advance(self, seconds: float) -> None:
        until = self.now + seconds
        while due := sorted((t for t in self.armed if t.due <= until + 1e-9), key=lambda t: t.due):
            self.now = max(self.now, due[0].due)  # each fires at its own moment
            due[0].fire()
        self.now = until


class _ManualTimer:
    daemon = False

    def __init__(self, owner: ManualTimers, due: float, func: Any, args: tuple[Any, ...]):
        self.owner, self.due, self.func, self.args = owner, due, func, args

    def start(self) -> None:
        self.owner.armed.append(self)

    def cancel(self) -> None:
        if self in self.owner.armed:
            self.owner.armed.remove(self)

    def fire(self) -> None:
        self.cancel()
        self.func(*self.args)


class ManualWorkers:
    """Stands in for the voice's answers thread (a ``ThreadPoolExecutor``): what is handed to
    it runs when the test says, in order, on the test's own thread."""

    def __init__(self) -> None:
        self.queued: list[tuple[Callable[..., None], tuple[Any, ...]]] = []
        self.handed = 0  # how many jobs were ever handed over
        self.shut = False

    def __call__(self, max_workers: int = 1, thread_name_prefix: str = "") -> ManualWorkers:
        return self  # the executor the voice makes is this one

    def submit(self, func: Callable[..., None], *args: Any) -> None:
        if self.shut:
            raise RuntimeError("cannot schedule new futures after shutdown")
        self.queued.append((func, args))
        self.handed += 1

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        self.shut = True
        if cancel_futures:  # as the real one: what has not begun never runs
            self.queued.clear()

    def run(self) -> None:
        """Run every job handed over so far (and any they hand over)."""
        while self.queued:
            func, args = self.queued.pop(0)
            func(*args)


def manual_timers(monkeypatch: pytest.MonkeyPatch) -> ManualTimers:
    """The conductor's calls a little later fire when the test advances these timers."""
    manual = ManualTimers()
    monkeypatch.setattr(stage_module, "Later", lambda wall, *_timers: Later(manual.wall, manual))
    return manual


def manual_workers(monkeypatch: pytest.MonkeyPatch) -> ManualWorkers:
    """The voice renders lines with answers in them when the test runs these workers."""
    manual = ManualWorkers()
    monkeypatch.setattr(voice_module, "ThreadPoolExecutor", manual)
    return manual
