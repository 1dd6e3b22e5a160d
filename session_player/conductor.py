"""The conductor: turns session events into sound, voice and log records, for both front ends.

Nothing here blocks the caller: log writes go to one background thread, sounds are handed to the
audio output (which plays them asynchronously). Speech is rendered ahead of time in ``prepare``,
which front ends call from a worker with a progress bar. Lines with the person's answers in them
("{name}") are rendered in the background as soon as an answer completes them, into a private
folder that is removed when the conductor closes (they are not kept in the speech cache); one that
is shown before its voice is ready is spoken as soon as it is, unless the session has moved on.
"""

from __future__ import annotations

import tempfile
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from contextlib import suppress
from pathlib import Path
from typing import Any

from . import paths
from .audio.api import Output
from .audio.speech import Speech
from .core import events as ev
from .core.engine import Session
from .core.log.recorder import SessionRecorder
from .core.model import Sound
from .core.text import fill, plain, reading_seconds, variables_in
from .core.timeline import Timeline, compile_timeline
from .keeping import Keeper
from .later import Later
from .settings import Settings

PROGRESS_EVERY = 10.0  # seconds between log updates, besides one at every step
UNSAVED = (
    "This session could not be written to your log (the disk refused it); "
    "free some space or check the data folder's permissions."
)
OPENING_GAP = 4.0  # seconds between the chimes of a three-chime opening


class Conductor:
    """Sound, voice and the log for one app run (one or more sessions in turn)."""

    def __init__(
        self,
        settings: Settings,
        *,
        recorder: SessionRecorder | None = None,
        output: Output | None = None,
        speech: Speech | None = None,
        wall: Callable[[], float] = time.monotonic,
        speed: float = 1.0,
        keeper: Keeper | None = None,
    ) -> None:
        self.settings = settings
        self.keeper = keeper or Keeper(None)
        self.speed = speed  # a preview at --speed rings its opening that much faster too
        self.notices: list[str] = []
        self.recorder = recorder
        self.output = output
        self.speech = speech
        self._wall = wall
        self._writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="log")
        self._spoken: dict[str, Path] = {}
        self._session: Session | None = None
        self._last_progress = 0.0
        self._later = Later(wall)
        self._language_voice: str | None = None
        self.unsaved = False  # set by close() when the log could not take everything
        self._held: list[tuple[str, str, int]] = []
        # Lines with answers in them: their templates, and the renders under way.
        self._templates: list[str] = []
        self._voicing: ThreadPoolExecutor | None = None
        self._answers: tempfile.TemporaryDirectory[str] | None = None
        self._lock = threading.Lock()  # guards _spoken, _pending and _unvoiced across threads
        self._pending: set[str] = set()
        self._unvoiced: str | None = None  # the line on show whose voice wasn't ready for it

    @classmethod
    def create(
        cls, settings: Settings, *, sound: bool = True, voice: bool = True, speed: float = 1.0
    ) -> Conductor:
        """The real conductor: the log, and sound and voice where the machine has them."""
        notices: list[str] = []
        # The recorder makes the folder itself, and turns a folder it can't make into a notice.
        recorder = SessionRecorder(paths.database_path(), keep_text=settings.keep_text)
        output = speech = None
        if sound and settings.sound:
            from .audio.player import open_output

            output, notice = open_output()
            if notice:
                notices.append(notice)
        if voice and settings.voice and output is not None:
            from .audio.speech import open_speech

            speech, notice = open_speech(paths.cache_dir() / "speech")
            if notice:
                notices.append(notice)
            if not speech.available:
                speech = None
        keeper = Keeper.create(keep=settings.keep_text and speed == 1.0)  # previews keep nothing
        conductor = cls(
            settings, recorder=recorder, output=output, speech=speech, speed=speed, keeper=keeper
        )
        conductor.notices.extend(notices)
        return conductor

    # -- before the session ---------------------------------------------------------------

    def prepare(self, timeline: Timeline, progress: Callable[[int, int], None]) -> Timeline:
        """Render the spoken lines that are missing from the cache (blocking), and return the
        timeline laid out with their real lengths. Lines with answers in them are rendered
        when the answers are given (see ``handle``); their lengths stay estimates. Kept
        answers from earlier sessions are filled in first."""
        timeline = self.keeper.apply(timeline)
        self.notices.extend(n for n in self.keeper.notices if n not in self.notices)
        if self.speech is None:
            return timeline
        spoken = {c.text for p in timeline.steps for c in p.cues if c.speak and c.text}
        self._templates = sorted(t for t in spoken if _has_vars(t))
        lines = sorted(spoken - set(self._templates))
        self._language_voice = self._voice_for(timeline.script.language)
        rendered = self.speech.render_missing(
            [plain(t) for t in lines], self._voice, self.settings.voice_rate, progress
        )
        # Keyed by the text as it is spoken (braces unescaped), which is what events carry.
        self._spoken = {plain(t): rendered[plain(t)] for t in lines if plain(t) in rendered}
        if len(self._spoken) < len(lines):
            self.notices.append(
                f"{len(lines) - len(self._spoken)} line(s) could not be spoken; they are shown."
            )

        speech = self.speech

        def length(text: str) -> float:
            path = self._spoken.get(plain(text))
            return reading_seconds(plain(text)) if path is None else speech.length_seconds(path)

        return compile_timeline(timeline.script, length)

    # -- during the session ---------------------------------------------------------------

    def begin(self, session: Session) -> None:
        """A session starts: open its log record."""
        self._session = session
        self._last_progress = self._wall()
        script = session.timeline.script
        if self.output is not None:  # load and scale chimes now, not on their cue
            sounds = {c.sound.path for p in session.timeline.steps for c in p.cues if c.sound}
            for choice, preference in (
                (script.start_chime, self.settings.start_chime),
                (script.end_chime, self.settings.end_chime),
            ):
                found = self._resolve(choice, preference)
                if found is not None:
                    sounds.add(found.path)
            for path in sounds:
                with suppress(Exception):
                    self.output.prepare(path, self.settings.chime_volume)
        self._log("begin", script.name, script.title, script.practice, session.timeline.length)
        for held in self._held:
            self._log("check_in", *held)
        self._held.clear()

    def handle(self, events: list[ev.Event]) -> None:
        """Act on a batch of events from the engine (never blocks)."""
        for event in events:
            if isinstance(event, ev.SessionStarted):
                self._start_chimes()
            elif isinstance(event, ev.LineShown | ev.TouchCue) and event.text:
                with self._lock:
                    path = self._spoken.get(event.text)
                    # A voice still rendering for this line plays when it is ready.
                    self._unvoiced = event.text if path is None else None
                self._play(path, self.settings.voice_volume)
            elif isinstance(event, ev.ChimeRang) and event.sound is not None:
                self._chime(event.sound)
            elif isinstance(event, ev.Paused):
                self._later.pause()
                if self.output is not None:
                    self.output.pause()  # sounds fade, never cut
            elif isinstance(event, ev.Resumed):
                self._later.resume()
                if self.output is not None:
                    self.output.resume()
            elif isinstance(event, ev.StepStarted):
                self._unvoiced_no_more()  # a late voice belongs to the step it was shown in
                self._progress()
            elif isinstance(event, ev.Answered):
                self._voice_answers()  # a skipped question fills in its default, so always
                self._log_answer(event)
                self._writer.submit(self._keep, event)
            elif isinstance(event, ev.SessionEnded):
                self._end(event)

    def tick(self, session: Session) -> None:
        """Called about once a second: keep the log's practised time fresh."""
        self._session = session
        if self._wall() - self._last_progress >= PROGRESS_EVERY:
            self._progress()

    def check_in(self, moment: str, label: str, value: int | None) -> None:
        """A before or after rating (None: skipped, nothing is kept). A rating given before the
        session begins is kept until its record exists."""
        if value is None:
            return
        if moment == "before":  # asked before the session's record exists
            self._held.append((moment, label, value))
        else:
            self._log("check_in", moment, label, value)

    def preview_voice(self) -> None:
        """Say a short sample in the chosen voice."""
        if self.speech is None:
            return
        self._play(
            self.speech.preview(self._voice, self.settings.voice_rate), self.settings.voice_volume
        )

    def close(self) -> None:
        """Finish: a session still open is recorded as stopped; wait for the log."""
        if self._session is not None and self._session.ended is None:
            self.handle(self._session.stop("stopped"))
        self._writer.shutdown(wait=True)
        if self._voicing is not None:
            self._voicing.shutdown(wait=False, cancel_futures=True)
        if self._answers is not None:  # the person's words are not kept as sound
            self._answers.cleanup()
        if self.recorder is not None and not self.recorder.close():
            self.notices.append(UNSAVED)
            self.unsaved = True
        if self.output is not None:
            with suppress(Exception):
                self.output.close()

    # -- lines with answers in them -------------------------------------------------------

    def _voice_answers(self) -> None:
        """Start rendering every line the answers so far complete (off the caller's thread)."""
        session = self._session
        if self.speech is None or session is None or session.ended or not self._templates:
            return  # once ended (a question left open by stopping), nothing more is voiced
        values = dict(session.variables)
        for template in self._templates:
            if not set(variables_in(template)) <= values.keys():
                continue
            text = fill(template, values)
            with self._lock:
                if text in self._spoken or text in self._pending:
                    continue
                self._pending.add(text)
            worker, folder = self._answers_worker()
            with suppress(RuntimeError):  # after close: nothing more to render
                worker.submit(self._render_answer, text, folder)

    def _answers_worker(self) -> tuple[ThreadPoolExecutor, Path]:
        """The answers thread and its private folder, made when first needed."""
        if self._voicing is None or self._answers is None:
            self._voicing = ThreadPoolExecutor(max_workers=1, thread_name_prefix="answers")
            self._answers = tempfile.TemporaryDirectory(
                prefix="session-player-", ignore_cleanup_errors=True
            )
        return self._voicing, Path(self._answers.name)

    def _render_answer(self, text: str, folder: Path) -> None:
        """In the answers thread: render one line; speak it now if it is already shown."""
        assert self.speech is not None
        try:
            path: Path | None = self.speech.render_to(
                text, self._voice, self.settings.voice_rate, folder
            )
        except Exception:  # that line is shown and not spoken; the session goes on
            path = None
            notice = "A line with your words in it could not be spoken; it is shown."
            if notice not in self.notices:
                self.notices.append(notice)
        with self._lock:
            self._pending.discard(text)
            if path is None:
                return
            self._spoken[text] = path
            late = self._unvoiced == text  # shown already, without its voice
        if late:  # waits through a pause, and is dropped if the session ends first
            self._later.call(0.0, self._play_late, text, path)

    def _play_late(self, text: str, path: Path) -> None:
        """A late voice, if its line is still on show without it (the person may have gone on,
        or come back to it, while the session was paused)."""
        with self._lock:
            late = self._unvoiced == text
            self._unvoiced = None if late else self._unvoiced
        if late:
            self._play(path, self.settings.voice_volume)

    def _unvoiced_no_more(self) -> None:
        with self._lock:
            self._unvoiced = None

    # -- the machinery --------------------------------------------------------------------

    def _log(self, method: str, *args: Any) -> None:
        if self.recorder is None:
            return
        call = getattr(self.recorder, method)

        def write() -> None:
            try:
                call(*args)
            except Exception as problem:  # the log must never stop a session
                self.notices.append(f"The log could not record this session: {problem}")
            notice = self.recorder.notice if self.recorder else None
            if notice and notice not in self.notices:
                self.notices.append(notice)

        with suppress(RuntimeError):  # after close: nothing more to write
            self._writer.submit(write)

    def _log_answer(self, event: ev.Answered) -> None:
        if event.skipped:
            return
        if event.kind == "check_in" and event.value is not None:
            self._log("check_in", "step", event.prompt, event.value, event.step + 1)
        else:
            self._log("entry", event.step + 1, event.prompt, event.text)

    def _keep(self, event: ev.Answered) -> None:
        if self._session is not None:
            self.keeper.answered(self._session.timeline, event)
            self.notices.extend(n for n in self.keeper.notices if n not in self.notices)

    def _progress(self) -> None:
        session = self._session
        if session is None or session.ended is not None:
            return
        self._last_progress = self._wall()
        self._log("progress", session.practised, session.index + 1, session.pauses, session.skips)

    def _end(self, event: ev.SessionEnded) -> None:
        self._log("finish", event.reason, event.practised)
        self._unvoiced_no_more()
        self._later.cancel()  # an opening still ringing in a very short session stops here
        if event.reason == "completed":
            self._end_chime()
        elif self.output is not None:
            self.output.stop_all()

    def _start_chimes(self) -> None:
        script = self._session.timeline.script if self._session else None
        choice = script.start_chime if script else "default"
        sound = self._resolve(choice, self.settings.start_chime)
        if sound is None:
            return
        self._chime(sound)
        if self.settings.three_chimes:
            # An opening of three: the later two follow at the pace of a slow breath.
            for delay in (OPENING_GAP, 2 * OPENING_GAP):
                self._later.call(delay / self.speed, self._chime, sound)

    def _end_chime(self) -> None:
        script = self._session.timeline.script if self._session else None
        sound = self._resolve(script.end_chime if script else "default", self.settings.end_chime)
        if sound is not None:
            self._chime(sound)

    @staticmethod
    def _resolve(choice: Sound | str, preference: str) -> Sound | None:
        if isinstance(choice, Sound):
            return choice
        name = preference if choice == "default" else choice
        if name == "none":
            return None
        found = paths.bundled_sounds().get(name)
        return Sound(name, found) if found else None

    def _chime(self, sound: Sound) -> None:
        self._play(sound.path, self.settings.chime_volume)

    def _play(self, path: Path | None, volume: int) -> None:
        if self.output is None or path is None:
            return
        try:
            self.output.play(path, volume)
        except Exception as problem:  # a bad WAV must not end the session
            notice = f"A sound could not be played: {problem}"
            if notice not in self.notices:
                self.notices.append(notice)

    @property
    def _voice(self) -> str | None:
        return self.settings.voice_id or self._language_voice

    def _voice_for(self, language: str) -> str | None:
        """The first installed voice for the script's ``language`` (settings' choice wins)."""
        if self.settings.voice_id or self.speech is None:
            return None
        try:
            found = self.speech.voices(language)
        except Exception:  # a voice list is a nicety; the default voice will do
            return None
        return found[0][0] if found else None


def _has_vars(text: str) -> bool:
    try:
        return bool(variables_in(text))
    except ValueError:
        return False
