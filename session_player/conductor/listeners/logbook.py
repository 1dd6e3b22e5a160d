"""The log: a session's record, its progress, answers and ratings, through one background thread.

The recorder keeps a session in memory whenever the disk refuses it and writes it later; a
problem with the log becomes a notice and never stops a session.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from contextlib import suppress

from ...core.log.ratings import step_ends
from ...core.log.recorder import SessionRecorder
from ...core.session import events as ev
from ...core.session.checkins import HIGH, LOW, Moment
from ...core.session.engine import Session
from .stage import Stage

PROGRESS_EVERY = 10.0  # seconds between log updates, besides one at every step
UNSAVED = "This session could not be written to your log."
"""Said only if the recorder has nothing more exact to say (it names the cause, and where the
session was kept instead)."""


class Logbook:
    """Writes what a session did to the practice log, off the caller's thread."""

    def __init__(self, stage: Stage, recorder: SessionRecorder | None) -> None:
        self.stage = stage
        self.recorder = recorder
        self.unsaved = False  # set by close() when the log could not take everything
        self.unsaved_notice: str | None = None  # then: why, and where the session was kept
        self.unsaved_document: str | None = None  # the session itself, if nowhere would take it
        self._writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="log")
        self._last_progress = 0.0
        self._held: list[tuple[Moment, str, int]] = []  # before ratings, until ``begin``

    def begin(self, session: Session) -> None:
        """Open the session's record, with any rating given before it."""
        self._last_progress = self.stage.wall()
        script = session.timeline.script
        length = session.timeline.length
        self._log(lambda log: log.begin(script.name, script.title, script.practice, length))
        for moment, label, value in self._held:
            self._app_rating(moment, label, value)
        self._held.clear()

    def handle(self, event: ev.Event) -> None:
        """Progress at every step, answers as they come, and the end."""
        if isinstance(event, ev.StepStarted):
            self.progress()
        elif isinstance(event, ev.Answered):
            self._answer(event)
        elif isinstance(event, ev.SessionEnded):
            end = event
            self._log(lambda log: log.finish(end.reason, end.practised, end.planned))

    def tick(self) -> None:
        """About once a second: keep the practised time fresh."""
        if self.stage.wall() - self._last_progress >= PROGRESS_EVERY:
            self.progress()

    def check_in(self, moment: Moment, label: str, value: int | None) -> None:
        """A before or after rating (None: skipped, nothing is kept). A rating given before the
        session begins is kept until its record exists."""
        if value is None:
            return
        if moment == "before":  # asked before the session's record exists
            self._held.append((moment, label, value))
        else:
            self._app_rating(moment, label, value)

    def progress(self) -> None:
        """Write the practised time, the step, pauses and skips now."""
        session = self.stage.session
        if session is None or session.ended is not None:
            return
        self._last_progress = self.stage.wall()
        practised, step, pauses, skips = (
            session.practised,
            session.index + 1,
            session.pauses,
            session.skips,
        )
        self._log(lambda log: log.progress(practised, step, pauses, skips))

    def close(self) -> None:
        """Wait for every write; a log that could not take everything is a notice."""
        self._writer.shutdown(wait=True)
        if self.recorder is not None and not self.recorder.close():
            self.unsaved_notice = self.recorder.notice or UNSAVED
            self.unsaved_document = self.recorder.kept_document
            self.stage.notices.append(self.unsaved_notice)
            self.unsaved = True

    def _app_rating(self, moment: Moment, label: str, value: int) -> None:
        # The app's own question, on its own scale.
        self._log(lambda log: log.check_in(moment, label, value, None, LOW, HIGH))

    def _answer(self, event: ev.Answered) -> None:
        if event.skipped:
            return
        step, prompt, text, value = event.step + 1, event.prompt, event.text, event.value
        if event.kind == "check_in" and value is not None:
            session = self.stage.session
            low, high = LOW, HIGH  # as the voice says the scale
            if session is not None:
                low, high = step_ends(session.timeline.steps[event.step].step)
            self._log(lambda log: log.check_in("step", prompt, value, step, low, high))
        else:
            self._log(lambda log: log.entry(step, prompt, text))

    def _log(self, write_to: Callable[[SessionRecorder], object]) -> None:
        """Write to the recorder on the log's thread, in the order asked; ``write_to`` must
        have read all it needs already (the session goes on changing meanwhile)."""
        recorder = self.recorder
        if recorder is None:
            return
        stage = self.stage

        def write() -> None:
            try:
                write_to(recorder)
            except Exception as problem:  # the log must never stop a session
                stage.notices.append(f"The log could not record this session: {problem}")
            notice = recorder.notice
            if notice:
                stage.note(notice)

        with suppress(RuntimeError):  # after close: nothing more to write
            self._writer.submit(write)
