"""espeak-ng through pyttsx3: the fallback, rendered in a thread of the player's own process.

Rendering uses pyttsx3 (espeak-ng on Linux): one engine, created and used only in one worker
thread, ``save_to_file`` for each line and never ``say()``. ``runAndWait`` may return before the
file is written, so each line waits for the finished-utterance callback (with a timeout) and then
for a complete WAV file, written under a temporary name and moved into place, so the cache never
holds half a file. Its file names come from ``cache.py``.

Its voice ids are espeak's own (``gmw/en-us``): any id no neural engine claims is one of them.
"""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from session_player.audio import aiff, loudness, notices
from session_player.audio.api import PREVIEW_TEXT, Failure, Progress, RenderError
from session_player.audio.cache import cache_key, in_cache
from session_player.audio.pcm import wav_is_complete, wav_seconds, wav_seconds_or_none
from session_player.audio.voices.base import VoiceInfo, language_match, nicer_thread

NAME = "espeak"
DEFAULT_RATE = 150  # words per minute: unhurried
LINE_TIMEOUT_S = 30.0
ATTEMPTS = 3

WPM_PER_RATE = 1.19
"""1.19 words a minute per unit of espeak-ng's rate (118 at 100, 167 at 140, 239 at 200)."""


def rate_for(wpm: int) -> int:
    """espeak-ng's rate for ``wpm`` words a minute (espeak-ng itself goes no lower than 80, about
    95 words a minute)."""
    return max(1, round(wpm / WPM_PER_RATE))


def _quiet_print(*args: object, **kwargs: object) -> None:
    """Stands in for ``print`` in pyttsx3's espeak driver, which prints "Audio saved to ..."."""


def default_engine() -> Any:
    """A pyttsx3 engine (espeak-ng on Linux) that prints nothing to the terminal."""
    import pyttsx3

    engine = pyttsx3.init()
    # The driver prints a line to stdout for every saved file; it would appear over the TUI.
    # Shadowing ``print`` in that module only is the narrowest way to keep it quiet.
    driver = sys.modules.get("pyttsx3.drivers.espeak")
    if driver is not None:
        driver.print = _quiet_print  # type: ignore[attr-defined]
    return engine


def _espeak_busy() -> bool:
    """True while espeak is still working through queued commands (False if unknown)."""
    module = sys.modules.get("pyttsx3.drivers._espeak")
    is_playing = getattr(module, "IsPlaying", None)
    return bool(is_playing()) if callable(is_playing) else False


def _finished_file(path: Path) -> bool:
    """True when ``path`` holds a complete WAV file; a complete AIFF file (what pyttsx3 writes
    on macOS, whatever the name says) is converted to one first."""
    if wav_is_complete(path):
        return True
    try:
        return aiff.is_aiff(path) and aiff.convert_in_place(path)
    except ValueError as exc:
        raise RenderError(f"the speech engine wrote audio this can't read ({exc})") from exc


class SpeechRenderer:
    """Renders lines to WAV files with one pyttsx3 engine in one worker thread."""

    def __init__(
        self,
        cache_dir: Path,
        engine_factory: Callable[[], Any] = default_engine,
        line_timeout: float = LINE_TIMEOUT_S,
    ) -> None:
        self.cache_dir = Path(cache_dir)
        self.line_timeout = line_timeout
        self.last_failures: dict[str, str] = {}
        """Lines the last ``render_missing`` could not render, with the reason."""
        self._factory = engine_factory
        self._engine: Any = None
        self._voices: list[Any] | None = None
        self._spoken = False  # has the engine rendered anything yet (see _settle)
        # One thread for the renderer's lifetime: the engine is made and used only there, and
        # it runs nicer than the app (espeak's own threads, started from it, too).
        self._worker = ThreadPoolExecutor(
            max_workers=1, thread_name_prefix="speech", initializer=nicer_thread
        )

    @property
    def available(self) -> bool:
        """True once the engine has started."""
        return self._engine is not None

    def start(self, timeout: float = 15.0) -> str | None:
        """Create the engine in the worker thread; return None, or why it failed."""

        def make() -> None:
            if self._engine is None:
                self._engine = self._factory()
                self._warm_up()

        try:
            self._worker.submit(make).result(timeout=timeout)
        except ImportError:
            return notices.no_pyttsx3()
        except Exception:  # pyttsx3 raises RuntimeError or OSError when espeak is missing
            return notices.no_system_voice()
        return None

    def _warm_up(self) -> None:
        """Render one throwaway word. espeak-ng applies settings on a thread of its own, and on an
        engine's first utterance it now and then loses the rate set just before (the line comes
        out at its default of 200); after one utterance it keeps what it is given."""
        with (
            tempfile.TemporaryDirectory(prefix="session-player-") as folder,
            contextlib.suppress(RenderError),  # the real lines will say what is wrong
        ):
            self._render_line("Hello.", None, DEFAULT_RATE, Path(folder) / "warm-up.wav")

    def close(self) -> None:
        """Let the worker thread finish."""
        self._worker.shutdown(wait=False, cancel_futures=True)

    def path_for(self, text: str, voice: str | None, rate: int) -> Path:
        """Where this line's WAV lives in the cache (whether or not it exists yet)."""
        return self.cache_dir / f"{cache_key(text, voice, rate)}.wav"

    def cached(self, text: str, voice: str | None, rate: int) -> Path | None:
        """The cached WAV for this line, or None. Files only appear there complete."""
        return in_cache(self.path_for(text, voice, rate))

    def render_missing(
        self,
        lines: Iterable[str],
        voice: str | None,
        rate: int,
        progress: Progress | None = None,
        on_failure: Failure | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> dict[str, Path]:
        """Render every line not in the cache, one at a time, then return all lines' WAVs.

        A line that fails is left out of the result, recorded in ``last_failures`` and passed to
        ``on_failure``; the others go on. ``cancelled`` is checked between lines.
        """
        found: dict[str, Path] = {}
        missing: list[str] = []
        for text in dict.fromkeys(lines):
            path = self.cached(text, voice, rate) if text.strip() else None
            if path is not None:
                found[text] = path
            elif text.strip():
                missing.append(text)
        self.last_failures = {}
        if progress is not None:
            progress(0, len(missing))
        for done, text in enumerate(missing, start=1):
            if cancelled is not None and cancelled():
                break
            target = self.path_for(text, voice, rate)
            try:
                job = self._worker.submit(self._render_line, text, voice, rate, target)
                found[text] = job.result(timeout=self.line_timeout + 5)
            except Exception as exc:  # a line fails alone; the session goes on without its voice
                self.last_failures[text] = str(exc) or type(exc).__name__
                if on_failure is not None:
                    on_failure(text, self.last_failures[text])
            if progress is not None:
                progress(done, len(missing))
        return found

    def render_to(self, text: str, voice: str | None, rate: int, folder: Path) -> Path:
        """Render one line into ``folder`` (not the cache): for lines with the person's answers."""
        target = Path(folder) / f"{cache_key(text, voice, rate)}.wav"
        # The folder is never made here: once its owner has removed it, nothing is written.
        job = self._worker.submit(self._render_line, text, voice, rate, target, False)
        return job.result(timeout=self.line_timeout + 5)

    def _render_line(
        self, text: str, voice: str | None, rate: int, target: Path, make_folder: bool = True
    ) -> Path:
        """Runs in the worker thread. Retries when pyttsx3 cancels the utterance itself."""
        engine = self._engine
        if engine is None:
            raise RenderError("the speech engine did not start")
        if voice and voice not in self._voice_ids():
            raise RenderError(
                f"there is no voice {voice!r} here; choose one in Settings (F2), "
                "or remove voice_id from settings.toml for the usual voice"
            )
        if make_folder:
            target.parent.mkdir(parents=True, exist_ok=True)
        elif not target.parent.is_dir():
            raise RenderError(f"{target.parent} is gone")
        for attempt in range(ATTEMPTS):
            tmp = target.with_name(f".{target.stem}.{os.getpid()}.{attempt}.tmp.wav")
            try:
                if self._attempt(engine, text, voice, rate, tmp):
                    loudness.normalise_file(tmp)
                    os.replace(tmp, target)
                    return target
            finally:
                tmp.unlink(missing_ok=True)
            # pyttsx3's espeak driver can cancel a new utterance while its callback for the last
            # one is still returning ("finished-utterance" with completed=False); let it settle.
            time.sleep(0.02 * (attempt + 1))
        raise RenderError("the speech engine kept stopping before the end")

    def _attempt(self, engine: Any, text: str, voice: str | None, rate: int, tmp: Path) -> bool:
        """One try at rendering into ``tmp``: True when it holds the complete WAV file,
        False when pyttsx3 tripped over itself (worth another try); RenderError otherwise."""
        started, finished = threading.Event(), threading.Event()
        stopped: list[bool] = []
        errors: list[str] = []

        def on_started(**_: object) -> None:
            started.set()

        def on_finished(name: object = None, completed: bool = True, **_: object) -> None:
            stopped.append(not completed)
            finished.set()

        def on_error(name: object = None, exception: object = None, **_: object) -> None:
            errors.append(str(exception))

        tokens = [
            engine.connect("started-utterance", on_started),
            engine.connect("finished-utterance", on_finished),
            engine.connect("error", on_error),
        ]
        try:
            self._settle(engine)
            if voice:
                engine.setProperty("voice", voice)
            engine.setProperty("rate", rate_for(rate))
            self._settle(engine)  # let espeak apply them before runAndWait clears its queue
            engine.save_to_file(text, str(tmp))
            engine.runAndWait()  # starts the utterance; may return before the file is written
            self._spoken = True
            if not started.is_set():
                return False  # the driver's loop ended before it began this utterance
            if not finished.wait(self.line_timeout):
                engine.stop()
                raise RenderError(f"no audio after {self.line_timeout:g} s")
            if errors:
                raise RenderError(errors[0])
            if stopped and all(stopped):
                return False
            deadline = time.monotonic() + 2.0
            while not _finished_file(tmp):  # the callback may come before the last write
                if wav_seconds_or_none(tmp) == 0.0:
                    raise RenderError("espeak produced no audio for this line")
                if time.monotonic() > deadline:
                    raise RenderError("the audio file was never completed")
                time.sleep(0.005)
            return True
        finally:
            for token in tokens:
                engine.disconnect(token)

    def _settle(self, engine: Any) -> None:
        """Wait until pyttsx3 and espeak have wound down the previous command.

        pyttsx3's espeak callback reports "finished-utterance" before it marks the driver idle,
        and espeak queues parameter changes; ``runAndWait`` cancels whatever espeak still has
        queued, which would drop a new rate or voice, or cut the new line. So before each step,
        wait until both are idle (bounded: at worst the line is retried).
        """
        deadline = time.monotonic() + 2.0
        while time.monotonic() < deadline:
            if not (self._spoken and engine.isBusy()) and not _espeak_busy():
                return
            time.sleep(0.001)

    def _voice_list(self) -> list[Any]:
        """Runs in the worker thread."""
        if self._voices is None:
            self._voices = list(self._engine.getProperty("voices")) if self._engine else []
        return self._voices

    def _voice_ids(self) -> set[str]:
        return {str(v.id) for v in self._voice_list()} | {str(v.name) for v in self._voice_list()}

    def first_voice(self, language: str) -> str | None:
        """The best voice for ``language``, or None."""
        found = self.voices(language)
        return found[0][0] if found else None

    def voices(self, language: str | None = None) -> list[tuple[str, str]]:
        """Voices as (id, name); for a ``language`` (e.g. "en-US"), its voices, best first."""
        if self._engine is None:
            return []
        every = self._worker.submit(self._voice_list).result(timeout=15)
        if not language:
            return [(str(v.id), str(v.name)) for v in every]
        scored = [(language_match(list(v.languages or []), language), v) for v in every]
        ranked = sorted((v for v in scored if v[0]), key=lambda sv: (-sv[0], str(sv[1].name)))
        return [(str(v.id), str(v.name)) for _, v in ranked]

    def voice_infos(self) -> list[VoiceInfo]:
        """espeak's voices, each with its first language."""
        if self._engine is None:
            return []
        every = self._worker.submit(self._voice_list).result(timeout=15)
        infos = []
        for v in every:
            language = str((list(v.languages or []) or ["und"])[0])
            infos.append(VoiceInfo(str(v.id), NAME, str(v.name), language))
        return infos

    def length_seconds(self, path: Path) -> float:
        """The length of a rendered line in seconds."""
        return wav_seconds(path)

    def preview(self, voice: str | None, rate: int, text: str = PREVIEW_TEXT) -> Path | None:
        """Render (or find in the cache) a sample line in this voice and rate."""
        return self.render_missing([text], voice, rate).get(text)

    def notes(self) -> list[str]:
        """Nothing beyond each line's own failure."""
        return []

    def unavailable(self) -> str | None:
        """Every espeak voice listed can speak."""
        return None
