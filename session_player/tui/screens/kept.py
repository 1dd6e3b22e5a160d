"""What you've told the app: every kept answer, to read, change or delete.

The answers a person chose to keep for later sessions (a compassionate image's name, their own
loving-kindness phrases) are theirs: this screen shows each with the question that kept it, lets
them change the words (Save) or forget them (Delete, after asking). Reading and writing the
kept-answers file happen in a worker; a file that can't be used is said plainly.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Static, TextArea

from ...core.log.errors import LogUnavailable
from ...core.log.kept import KeptAnswer, KeptStore
from ..help_key import HELP_KEY
from ..widgets.footer import KeyFooter
from .confirm_delete import ConfirmDeleteScreen

TITLE = "What you've told the app"
INTRO = (
    "Words you chose to keep for later sessions. They stay on this computer, and go into your "
    "JSON export. Change any of them, or delete them; a session without them uses its own words."
)
NOTHING = (
    "Nothing kept yet. Some sessions offer to keep an answer for next time, such as your "
    "compassionate image's name, or the loving-kindness phrases you find for yourself."
)
NAMES = {
    "image_name": "Your compassionate image's name",
    "my_phrases": "Your own loving-kindness phrases",
}


def shown_name(name: str) -> str:
    """A kept answer's name as a person reads it."""
    return NAMES.get(name, name.replace("_", " ").capitalize())


class KeptScreen(Screen[None]):
    """Each kept answer: its name, the question that kept it, and its words to edit."""

    CSS_PATH = "kept.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "app.pop_screen", "Back"), HELP_KEY]

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.store = KeptStore(path)
        self.answers: list[KeptAnswer] = []

    def compose(self) -> ComposeResult:
        """The title, a word on what this is, and the answers (filled in once read)."""
        yield Static(TITLE, id="title")
        yield Static(INTRO, id="intro")
        yield VerticalScroll(id="answers")
        yield KeyFooter()

    def on_mount(self) -> None:
        """Read the kept answers off the UI thread."""
        self._read()

    @work(thread=True, exclusive=True, group="kept")
    def _read(self) -> None:
        self._read_here()

    def _read_here(self) -> None:
        """Read the answers and show them, in the worker thread this is called from."""
        try:
            answers = self.store.answers()
        except LogUnavailable as problem:
            self.app.call_from_thread(self._say, f"Your kept answers can't be read ({problem}).")
            return
        self.app.call_from_thread(self._show, answers)

    def _say(self, text: str) -> None:
        box = self.query_one("#answers", VerticalScroll)
        box.remove_children()
        box.mount(Static(Text(text), classes="status"))

    def _show(self, answers: list[KeptAnswer]) -> None:
        self.answers = answers
        box = self.query_one("#answers", VerticalScroll)
        box.remove_children()
        if not answers:
            box.mount(Static(NOTHING, id="nothing", classes="status"))
            return
        for n, answer in enumerate(answers):
            when = answer.updated_at.astimezone().strftime("%-d %B %Y")
            box.mount(
                Vertical(
                    Static(Text(shown_name(answer.name)), classes="name"),
                    Static(Text(f"{answer.prompt} · kept {when}"), classes="prompt"),
                    TextArea(answer.text, id=f"text-{n}", soft_wrap=True, classes="words"),
                    Horizontal(
                        Button("Save", id=f"save-{n}", variant="primary"),
                        Button("Delete", id=f"delete-{n}", variant="error"),
                        Static("", id=f"said-{n}", classes="said"),
                        classes="buttons",
                    ),
                    classes="answer",
                )
            )

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        kind, _, number = (event.button.id or "").partition("-")
        if not number.isdigit() or int(number) >= len(self.answers):
            return
        n = int(number)
        answer = self.answers[n]
        if kind == "save":
            words = self.query_one(f"#text-{n}", TextArea).text
            if words.strip():
                self._save(n, answer.name, words.strip())
            else:
                self._mark(n, "Empty words can't be kept; Delete forgets this answer.")
        elif kind == "delete":
            message = (
                f"Delete “{shown_name(answer.name)}”?\n\n"
                "Sessions that use it will use their own words instead, until you keep new ones."
            )

            def chosen(delete: bool | None) -> None:
                if delete:
                    self._delete(answer.name)

            self.app.push_screen(ConfirmDeleteScreen(message), chosen)

    def _mark(self, n: int, text: str) -> None:
        self.query_one(f"#said-{n}", Static).update(Text(text))

    @work(thread=True, group="kept")
    def _save(self, n: int, name: str, words: str) -> None:
        try:
            saved = self.store.edit(name, words)
        except LogUnavailable as problem:
            self.app.call_from_thread(self._mark, n, f"Not saved: {problem.reason}.")
            return
        self.app.call_from_thread(self._mark, n, "Saved." if saved else "It was deleted meanwhile.")

    @work(thread=True, group="kept")
    def _delete(self, name: str) -> None:
        try:
            self.store.delete(name)
        except LogUnavailable as problem:
            self.app.call_from_thread(self._say, f"Nothing was deleted: {problem.reason}.")
            return
        # Read again here: a new ``_read`` worker (exclusive in this group) would cancel this
        # one while it still runs, and whoever waits on it would see it fail.
        self._read_here()
