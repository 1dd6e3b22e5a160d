"""Save as audio...: the highlighted session written to an audio file (``conductor.saving``),
the file name asked first, the work done in a thread worker with a progress bar. Escape stops
it; nothing half-written is left."""

from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import Input, ProgressBar, Static
from textual.worker import Worker, WorkerState, get_current_worker

from ...core.library.card import Card
from ...core.script.model import Script
from ...home import paths
from ...home.settings import Settings
from ..help_key import HELP_KEY
from ..widgets.footer import KeyFooter


def offer_to_save(screen: Screen[Any], entry: Card) -> None:
    """Ask where to save ``entry`` as audio; a script that fails its check says why instead."""
    from ...core.script.loader import load_script
    from ..watch import located

    script = load_script(entry.path)  # as played: the file as it is now
    if isinstance(script, list):
        screen.notify(
            located(script[:5]),
            title=f"{entry.name} can't be saved yet",
            severity="warning",
            markup=False,
        )
        return
    screen.app.push_screen(SaveAudioScreen(script, getattr(screen.app, "settings", Settings())))


def suggested(script: Script) -> Path:
    """Where a session is offered to be saved: the home folder, by its name, as MP3."""
    return Path.home() / f"{script.name}.mp3"


class SaveAudioScreen(ModalScreen[Path | None]):
    """Asks for a file name and saves the session there; dismisses with the path written, or
    None when the person goes back."""

    CSS_PATH = "save_audio.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "back", "Back"), HELP_KEY]

    def __init__(self, script: Script, settings: Settings) -> None:
        super().__init__()
        self.script = script
        self.settings = settings
        self._worker: Worker[Path | str] | None = None

    def compose(self) -> ComposeResult:
        """The file name, a line of news, and the progress bar (shown while saving)."""
        with Vertical(id="dialog"):
            yield Static(f"Save “{self.script.title}” as audio", id="heading", markup=False)
            yield Input(str(suggested(self.script)), id="file")
            yield Static(
                "The extension says the format: .mp3, .ogg, .opus, .flac or .wav. Enter saves.",
                id="news",
                markup=False,
            )
            yield ProgressBar(id="progress", total=1.0, show_eta=True)
        yield KeyFooter()

    def on_mount(self) -> None:
        """The bar waits for Enter; say at once if saving can't work here."""
        self.query_one("#progress", ProgressBar).display = False
        from ...conductor.saving import missing

        problem = missing()
        if problem is not None:
            self._say(problem)
            self.query_one("#file", Input).disabled = True

    @on(Input.Submitted, "#file")
    def _submitted(self, event: Input.Submitted) -> None:
        from ...conductor.saving import check_target

        if self._worker is not None and self._worker.is_running:
            return
        target = Path(event.value).expanduser()
        problem = check_target(target, force=False)
        if problem is not None:
            self._say(problem.replace("add --force to replace it", "choose another name"))
            return
        self.query_one("#file", Input).disabled = True
        self.query_one("#progress", ProgressBar).display = True
        self._say("Saving…")
        self._worker = self.save(target)

    @work(thread=True, exclusive=True)
    def save(self, target: Path) -> Path | str:
        """Off the event loop: voice, mix, level and write the file; the path, or why not."""
        from ...audio.mixdown import Cancelled
        from ...conductor.saving import SaveError, save
        from ...core.log.kept import KeptStore

        worker = get_current_worker()

        def progress(share: float, doing: str) -> None:
            self.app.call_from_thread(self._progress, share, doing)

        speech = None
        try:
            if self.settings.voice:
                from ...audio.speech import open_speech

                opened, _notice = open_speech(paths.cache_dir() / "speech")
                speech = opened if opened.available else None
            saved = save(
                self.script,
                self.settings,
                speech,
                target,
                kept=KeptStore(paths.kept_path()),
                progress=progress,
                cancelled=lambda: worker.is_cancelled,
            )
            return saved.path
        except Cancelled:
            return "Not saved."
        except SaveError as problem:
            return str(problem)
        finally:
            if speech is not None:
                speech.close()

    def _progress(self, share: float, doing: str) -> None:
        self.query_one("#progress", ProgressBar).update(progress=share)
        self._say(doing[:1].upper() + doing[1:] + "…")

    def _say(self, text: str) -> None:
        self.query_one("#news", Static).update(text)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """Saved: close and say where; not saved: say why and let the name be changed."""
        if event.worker is not self._worker or event.state != WorkerState.SUCCESS:
            return
        result = event.worker.result
        if isinstance(result, Path):
            self.notify(f"Saved {result}", timeout=6, markup=False)
            self.dismiss(result)
            return
        self._say(str(result))
        self.query_one("#progress", ProgressBar).display = False
        field = self.query_one("#file", Input)
        field.disabled = False
        field.focus()

    def action_back(self) -> None:
        """Go back; a save under way stops and leaves nothing behind."""
        if self._worker is not None:
            self._worker.cancel()
        self.dismiss(None)
