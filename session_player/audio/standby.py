"""A voice worker loaded before anyone asks for a line: a first play's first word comes sooner.

Starting a neural voice's worker costs about 1.3 s of one core (onnxruntime and the model) and
its first line about 0.7 s more than a later one's. The app starts one while the library is
shown (``warm``), nicer than itself (``voices.base.NICE``, as every worker), and has it make
the highlighted session's first line (``make_ahead``, from ``conductor/ahead.py``) while the
person reads about it; ``neural.render`` takes it (``take``) instead of starting one. One
worker at most waits here, and rendering keeps to one worker while it does: the process tree
stays within ``docs/performance.md``'s memory figure (about 290 MiB with a worker rendering).

A worker waiting here reads its input, so it exits as soon as the app is gone however the app
went (its end of the pipe closes with it), and one still loading its voice sees its parent
gone within a second (``worker.outlive_nobody``); an app that ends as usual ends it first
(``close``, also at exit).
"""

from __future__ import annotations

import atexit
import subprocess
import threading
from collections.abc import Callable, Sequence
from pathlib import Path

from session_player.audio import early
from session_player.audio.neural import VoiceWorker, WorkerFailed, live_workers
from session_player.audio.voices.base import VoiceInfo
from session_player.audio.voices.registry import chosen
from session_player.home import paths
from session_player.home.settings import Settings

BUSY_S = 60.0
"""How long ``warm`` waits for a worker still rendering (the last session's) to finish first."""
Start = Callable[[VoiceInfo], VoiceWorker]
Adopt = Callable[[VoiceInfo, "subprocess.Popen[str]"], VoiceWorker]


def _start(voice: VoiceInfo) -> VoiceWorker:
    return VoiceWorker(voice, loaded=False)


def _adopt(voice: VoiceInfo, process: subprocess.Popen[str]) -> VoiceWorker:
    return VoiceWorker(voice, loaded=False, process=process)


class Standby:
    """At most one worker, started for one voice, waiting to be taken."""

    def __init__(self, start: Start = _start, adopt: Adopt = _adopt) -> None:
        self._start, self._adopt = start, adopt
        self._lock = threading.Lock()
        self._busy = threading.Lock()  # held while the worker makes a line ahead
        self._worker: VoiceWorker | None = None

    @property
    def voice(self) -> VoiceInfo | None:
        """The voice of the worker waiting, if one is."""
        worker = self._worker
        return worker.voice if worker is not None else None

    def warm(self, voice: VoiceInfo | None, choice: str | None = None) -> None:
        """Have a worker for ``voice`` waiting (started now, if none is); one for another
        voice, or for none (``None``: espeak speaks), is ended. A worker started early for
        the person's voice ``choice`` (``early``) is taken rather than a new one started.
        Blocking: a worker still rendering (the last session's rest) is let finish first, so
        no two load at once."""
        process = early.take(choice) if voice is not None and choice is not None else None
        if process is None:
            early.discard()  # none was started, or for another choice: it is ended
        elif self._worker is not None:  # one waits already (from an earlier warm)
            early.end(process)
            process = None
        if voice is not None and self.voice != voice:
            for busy in live_workers():
                if busy is not self._worker:
                    busy.exited(BUSY_S)
        with self._lock:
            worker = self._worker
            if worker is not None and worker.voice == voice and worker.process.poll() is None:
                return
            self._worker = None
            if voice is not None:
                try:
                    self._worker = self._adopt(voice, process) if process else self._start(voice)
                except WorkerFailed:  # a session starts its own, and says why if it can't
                    self._worker = None
        if worker is not None:
            worker.kill()

    def take(self, voice: VoiceInfo) -> VoiceWorker | None:
        """The worker waiting for ``voice``, loaded (waiting for it if it still loads); None
        when there is none for that voice, or it didn't load. A play that comes before the
        library's warming (Enter at once, the app busy) takes the worker started early, if it
        loaded this voice: never two load at once."""
        with self._lock:
            worker, self._worker = self._worker, None
            process = early.take() if worker is None else None
            if process is not None:
                worker = self._adopt(voice, process)  # ``loaded`` checks the voice it found
        if worker is None or worker.voice != voice:
            if worker is not None:  # a session in another voice: this one is not needed
                worker.kill()
            return None
        with self._busy:  # a line being made ahead is finished first
            pass
        try:
            worker.loaded()
        except WorkerFailed:
            return None
        return worker if worker.process.poll() is None else None

    def make_ahead(
        self,
        voice: VoiceInfo,
        lines: Sequence[tuple[str, Path]],
        wpm: int,
        stale: Callable[[], bool] = lambda: False,
    ) -> int:
        """Render ``lines`` (text, where it goes: the speech cache) with the worker waiting
        for ``voice``, in order, while nobody needs it: the session the person is reading
        about starts with its first line made. Stops as soon as a render takes the worker,
        or the lines are ``stale`` (another session is highlighted now). Blocking; returns
        how many lines were made."""
        made = 0
        for text, target in lines:
            worker = self._worker
            if worker is None or worker.voice != voice:
                break
            try:
                worker.loaded()  # not holding ``_busy``: a play may take it meanwhile
            except WorkerFailed:
                break
            with self._busy:
                if self._worker is not worker or stale():  # taken, or another session wanted
                    break
                if target.exists():
                    continue
                try:
                    worker.render(text, wpm, target)
                except (WorkerFailed, ValueError):
                    break
                made += 1
        return made

    def close(self) -> None:
        """End the worker waiting, if one is (or one started early, not yet taken)."""
        early.discard()
        with self._lock:
            worker, self._worker = self._worker, None
        if worker is not None:
            worker.kill()


STANDBY = Standby()
"""The one standby of this process; ``neural.render`` takes from it."""
atexit.register(STANDBY.close)


def ahead(settings: Settings) -> VoiceInfo | None:
    """While the library is shown: have a worker waiting for the neural voice the person's
    ``settings`` speak in, if the voice is on (blocking; the app calls it in a thread)."""
    voice_id = settings.voice_id if settings.sound and settings.voice else None
    return warm_for(voice_id, paths.voices_dir())


def warm_for(voice_id: str | None, voices_folder: Path) -> VoiceInfo | None:
    """Have a worker waiting for the neural voice that speaks for ``voice_id`` (the person's
    choice; empty for the default, the first neural voice there is; None: no voice at all);
    espeak's voices need none. Returns the voice warmed, or None."""
    voice = None if voice_id is None else chosen(voice_id, voices_folder)
    STANDBY.warm(voice, voice_id)
    return voice
