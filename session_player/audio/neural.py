"""Neural voices rendered in worker processes that exit when they are done.

``VoiceWorker`` is one ``session_player.audio.worker`` process with one voice loaded; ``render``
hands it lines in order, on up to ``MAX_WORKERS`` processes at once (each loads its own copy of
the voice, which is worth it from a handful of lines up), and gives back what was rendered and,
for each line that wasn't, why.

A worker that crashes, or says nothing for ``line_timeout`` seconds, is ended; its lines, and any
not yet started, come back as failures with a one-line reason, for the caller to speak another way
or show as text. Nothing here blocks forever and nothing raises out of ``render``.
"""

from __future__ import annotations

import json
import os
import queue
import subprocess
import threading
import weakref
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from session_player.audio import early
from session_player.audio.voices.base import NICE, VoiceInfo, header_of

LOAD_TIMEOUT_S = 30.0
"""How long a worker may take to load its voice (onnxruntime and the model: about 1.5 s here)."""
LINE_TIMEOUT_S = 30.0
"""How long one line may take (hibari renders a 10 s line in about a third of a second)."""
MAX_WORKERS = 1
"""One worker renders: each loads its own copy of the voice (about 210 MiB), and two put the
process tree at 507 MiB (issue #26's limit is 300). Lines are made in the order they are heard,
far faster than they are said, so a second worker only shortened a render to a file."""
PARALLEL_FROM = 6
"""Lines from which a second worker is worth its start-up time (where ``workers`` allows)."""
STOP_S = 2.0


class WorkerFailed(Exception):
    """The worker crashed, hung or could not load its voice; the message says which, briefly."""


@dataclass
class Rendered:
    """What ``render`` did: each line's WAV, and for each line that has none, why."""

    paths: dict[str, Path] = field(default_factory=dict)
    failures: dict[str, str] = field(default_factory=dict)
    stopped: str | None = None
    """Why a worker stopped (crashed, hung, didn't load), if one did."""


_STARTED: weakref.WeakSet[VoiceWorker] = weakref.WeakSet()


def live_workers() -> list[VoiceWorker]:
    """The workers of this process still running."""
    return [w for w in list(_STARTED) if w.process.poll() is None]


class VoiceWorker:
    """One worker process with ``voice`` loaded, rendering one line at a time. Made with
    ``loaded=False`` it is started but not waited for: ``loaded`` waits (a worker loaded ahead
    of need, ``standby``)."""

    def __init__(
        self,
        voice: VoiceInfo,
        *,
        load_timeout: float = LOAD_TIMEOUT_S,
        line_timeout: float = LINE_TIMEOUT_S,
        command: list[str] | None = None,
        nice: int = NICE,
        loaded: bool = True,
        process: subprocess.Popen[str] | None = None,
    ) -> None:
        self.voice = voice
        self.line_timeout = line_timeout
        self._load_timeout = load_timeout
        self._loaded: bool | None = None  # until the worker says whether its voice loaded
        self._loading = threading.Lock()
        adopted = process is not None  # started early (``early``): it finds its voice itself
        self._answers: queue.Queue[dict[str, Any] | None] = queue.Queue()
        if process is None:
            try:
                process = early.spawn(command)
            except OSError as exc:
                raise WorkerFailed(f"the voice worker could not start ({exc})") from exc
        self.process = process
        _STARTED.add(self)
        threading.Thread(target=self._read, daemon=True, name="voice-worker").start()
        if not adopted:
            self._send({**header_of(voice), "nice": nice})
        if loaded:
            self.loaded()

    def loaded(self) -> None:
        """Wait until the voice is loaded (at once if it is); ``WorkerFailed`` if it didn't
        load, and every time after."""
        with self._loading:
            if self._loaded is None:
                self._loaded = False
                answer = self._answer(self._load_timeout, "to load the voice")
                if not answer.get("ready"):
                    self.kill()
                    raise WorkerFailed(str(answer.get("error") or "the voice did not load"))
                if answer.get("voice", self.voice.id) != self.voice.id:  # found another
                    self.kill()
                    raise WorkerFailed(f"the voice worker loaded {answer['voice']}")
                self._loaded = True
        if not self._loaded:
            raise WorkerFailed(self._why_gone())

    @property
    def pid(self) -> int:
        """The worker's process id."""
        return self.process.pid

    def _read(self) -> None:
        stream = self.process.stdout
        assert stream is not None
        try:
            for line in stream:
                try:
                    self._answers.put(json.loads(line))
                except ValueError:
                    continue
        except (OSError, ValueError):
            pass
        self._answers.put(None)  # the worker has gone

    def _send(self, message: dict[str, Any]) -> None:
        try:
            assert self.process.stdin is not None
            self.process.stdin.write(json.dumps(message) + "\n")
            self.process.stdin.flush()
        except (OSError, ValueError) as exc:
            self.kill()
            raise WorkerFailed(self._why_gone()) from exc

    def _why_gone(self) -> str:
        code = self.process.poll()
        if code is None:
            return "the voice worker stopped answering"
        return f"the voice worker stopped (exit code {code})"

    def _answer(self, timeout: float, doing: str) -> dict[str, Any]:
        try:
            answer = self._answers.get(timeout=timeout)
        except queue.Empty:
            self.kill()
            raise WorkerFailed(f"the voice worker took over {timeout:g} s {doing}") from None
        if answer is None:
            self.process.wait()
            raise WorkerFailed(self._why_gone())
        return answer

    def render(self, text: str, wpm: int, target: Path, make_folder: bool = True) -> Path:
        """Render one line into ``target``; ``WorkerFailed`` if the worker is gone or hangs,
        ``ValueError`` with its reason if this line alone failed."""
        self._send(
            {"text": text, "wpm": int(wpm), "target": str(target), "make_folder": make_folder}
        )
        answer = self._answer(self.line_timeout, "on one line")
        if not answer.get("ok"):
            raise ValueError(str(answer.get("error") or "the line was not rendered"))
        return target

    def close(self) -> None:
        """Let the worker finish and exit (ended if it won't)."""
        try:
            if self.process.stdin is not None:
                self.process.stdin.close()
        except OSError:
            pass
        try:
            self.process.wait(timeout=STOP_S)
        except subprocess.TimeoutExpired:
            self.kill()

    def exited(self, timeout: float) -> bool:
        """Wait up to ``timeout`` seconds for the worker to exit; True once it has."""
        try:
            self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            return False
        return True

    def kill(self) -> None:
        """End the worker now."""
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()


Target = Callable[[str], Path]
Waiting = Callable[[VoiceInfo], "VoiceWorker | None"]
"""Where a worker already started for a voice is taken from (``standby.Standby.take``)."""


class _Batch:
    """One ``render`` call: the lines not yet taken, what was done, and whether to stop."""

    def __init__(
        self,
        voice: VoiceInfo,
        todo: list[str],
        wpm: int,
        target: Target,
        progress: Callable[[int, int], None] | None,
        cancelled: Callable[[], bool] | None,
        started: Callable[[VoiceWorker], None] | None,
        worker_options: dict[str, Any],
        waiting: Waiting | None = None,
    ) -> None:
        self.voice, self.wpm, self.target = voice, wpm, target
        self.total = len(todo)
        self.progress, self.cancelled, self.started = progress, cancelled, started
        self.options = worker_options
        self.waiting = waiting  # taken by the first thread to start
        self.jobs: queue.Queue[str] = queue.Queue()
        for text in todo:
            self.jobs.put(text)
        self.result = Rendered()
        self.lock = threading.Lock()
        self.done = 0
        self.raised: list[BaseException] = []  # by ``progress``: stops the workers, raised on

    def step(self, text: str, path: Path | None, why: str | None) -> None:
        """One line done, rendered (``path``) or not (``why``); progress is told."""
        with self.lock:
            if path is not None:
                self.result.paths[text] = path
            else:
                self.result.failures[text] = why or "not rendered"
            self.done += 1
            if self.progress is not None and not self.raised:
                try:
                    self.progress(self.done, self.total)
                except BaseException as exc:  # e.g. a front end's "stop": not a thread's crash
                    self.raised.append(exc)

    def stopping(self) -> bool:
        """True once progress raised or the caller cancelled."""
        return bool(self.raised) or (self.cancelled is not None and self.cancelled())

    def next_line(self) -> str | None:
        """The next line no worker has taken, or None."""
        try:
            return self.jobs.get_nowait()
        except queue.Empty:
            return None

    def run(self) -> None:
        """In a thread: one worker takes lines in order until none are left, or it stops."""
        with self.lock:
            waiting, self.waiting = self.waiting, None
        try:
            worker = (waiting and waiting(self.voice)) or VoiceWorker(self.voice, **self.options)
        except WorkerFailed as exc:
            self.result.stopped = self.result.stopped or str(exc)
            return
        if self.started is not None:
            self.started(worker)
        try:
            while not self.stopping() and (text := self.next_line()) is not None:
                target = self.target(text)
                if target.exists():  # made meanwhile (ahead, while the library was shown)
                    self.step(text, target, None)
                    continue
                try:
                    self.step(text, worker.render(text, self.wpm, target), None)
                except ValueError as exc:
                    self.step(text, None, str(exc))
                except WorkerFailed as exc:
                    self.result.stopped = self.result.stopped or str(exc)
                    self.step(text, None, str(exc))
                    return
        finally:
            worker.close()

    def fail_the_rest(self) -> None:
        """Lines no worker could take (every worker stopped) fail with the reason they did."""
        while (text := self.next_line()) is not None:
            self.step(text, None, self.result.stopped or "not rendered")


def render(
    voice: VoiceInfo,
    lines: Iterable[str],
    wpm: int,
    target: Target,
    *,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    workers: int | None = None,
    started: Callable[[VoiceWorker], None] | None = None,
    waiting: Waiting | None = None,
    **worker_options: Any,
) -> Rendered:
    """Render ``lines`` (in order, on up to ``workers`` processes) into ``target(text)``; the
    first worker is ``waiting``'s, when it has one loaded for ``voice``."""
    todo = list(dict.fromkeys(lines))
    if not todo:
        if progress is not None:
            progress(0, 0)
        return Rendered()
    if workers is None:
        cores = os.cpu_count() or 1
        workers = min(MAX_WORKERS, cores) if len(todo) >= PARALLEL_FROM else 1
    batch = _Batch(voice, todo, wpm, target, progress, cancelled, started, worker_options, waiting)
    if progress is not None:
        progress(0, len(todo))
    threads = [threading.Thread(target=batch.run, daemon=True) for _ in range(max(1, workers))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if batch.raised:
        raise batch.raised[0]
    if not batch.stopping():
        batch.fail_the_rest()
    return batch.result
