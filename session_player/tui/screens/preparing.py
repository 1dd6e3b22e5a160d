"""Preparing a session: the conductor renders speech in a thread while a bar shows progress."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import ProgressBar, Static
from textual.worker import Worker, WorkerState, get_current_worker

from ...conductor.protocol import Conducting
from ...core.script.model import Script
from ..first_frame import after_first_frame
from ..help_key import HELP_KEY
from ..widgets.footer import KeyFooter

if TYPE_CHECKING:  # the timeline is laid out in the worker, after the first frame
    from ...core.session.timeline import Timeline


class Cancelled(Exception):
    """Raised through the conductor from the progress callback, to stop rendering early."""


class PreparingScreen(ModalScreen["Timeline | None"]):
    """Dismisses with the timeline to play, or None when the person goes back."""

    CSS_PATH = "preparing.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "back", "Back"), HELP_KEY]

    def __init__(self, conductor: Conducting, script: Script) -> None:
        super().__init__()
        self.conductor = conductor
        self.script = script
        self._worker: Worker[tuple[Timeline | None, str | None]] | None = None
        self._gone = False  # the person went back before the rendering began
        self._answered = False  # dismissed: a second dismiss would pop the screen under it

    def compose(self) -> ComposeResult:
        """A quiet line and a progress bar."""
        with Vertical(id="dialog"):
            yield Static("Getting the session ready…", id="preparing")
            yield ProgressBar(id="progress", show_eta=False)
        yield KeyFooter(at_once=True)

    def on_mount(self) -> None:
        """Start rendering as soon as this screen has been drawn (the conductor is made in
        the same thread: ``conductor.deferred``)."""
        after_first_frame(self.app, self._start)

    def _start(self) -> None:
        if not self._gone:
            self._worker = self.prepare()

    @work(thread=True, exclusive=True)
    def prepare(self) -> tuple[Timeline | None, str | None]:
        """Blocking work, off the event loop: the conductor renders what it will say and lays
        out the session's timeline (None: the person went back)."""
        worker = get_current_worker()

        def progress(done: int, total: int) -> None:
            if worker.is_cancelled:
                raise Cancelled  # the person went back (or quit): stop rendering at this line
            self.app.call_from_thread(self._progress, done, total)

        try:
            return self.conductor.prepare(self.script, progress), None
        except Cancelled:
            return None, None
        except Exception as problem:  # the voice is optional: play with text alone
            from ...core.session.timeline import compile_timeline

            return compile_timeline(self.script), f"The voice could not be prepared ({problem})."

    def _progress(self, done: int, total: int) -> None:
        self.query_one("#progress", ProgressBar).update(total=total, progress=done)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """The rendering is done: play the timeline it returned."""
        if event.state != WorkerState.SUCCESS or event.worker is not self._worker:
            return
        result = event.worker.result
        assert isinstance(result, tuple)
        timeline, notice = result
        if notice:
            self.notify(notice, severity="warning")
        self._answer(timeline)

    def action_back(self) -> None:
        """Don't play after all."""
        self._gone = True
        if self._worker is not None:
            self._worker.cancel()
        self._answer(None)

    def _answer(self, timeline: Timeline | None) -> None:
        """Dismiss once. Escape can reach the app just as the rendering ends, before this
        screen hears so (keys sent while a session opens): Textual's ``dismiss`` pops whatever
        screen is on top, so the news heard after it would take the player away as well."""
        if not self._answered:
            self._answered = True
            self.dismiss(timeline)
