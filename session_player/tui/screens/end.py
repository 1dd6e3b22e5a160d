"""The quiet end of a session: how long was practised, and any change noticed."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Static

from ...conductor.protocol import Conducting
from ...core.clock import PREVIEW_NOTICE
from ...core.log import CheckIn
from ...core.log.ratings import change_words as rating_words
from ...core.log.ratings import changes, session_check_ins
from ...core.session.events import SessionEnded
from ..widgets.footer import KeyFooter


def practised_words(seconds: float) -> str:
    """ "3 minutes", "1 minute", "40 seconds": how long, in words."""
    if seconds < 59.5:
        whole = max(0, round(seconds))
        return f"{whole} second" + ("" if whole == 1 else "s")
    minutes = round(seconds / 60)
    return f"{minutes} minute" + ("" if minutes == 1 else "s")


def ending_words(ended: SessionEnded) -> str:
    """The first line: kind whether the session completed or was stopped."""
    line = f"You practised {practised_words(ended.practised)}."
    if ended.reason != "completed":
        line += " Stopping when you need to is part of practice."
    return line


def change_words(before: int | None, after: int | None, ratings: Sequence[CheckIn] = ()) -> str:
    """The check-ins as something noticed, never as a score: the app's own ``before`` and
    ``after``, and the script's own ``ratings``, each question only against itself."""
    lines = []
    for change in changes(session_check_ins(before, after, ratings)):
        line = rating_words(change)
        if change.after is not None:
            line += " Just noticing."
        lines.append(line[:1].upper() + line[1:])
    return "\n".join(lines)


class EndScreen(Screen[None]):
    """The last screen of a session. It owns the conductor until it closes, so sounds can fade."""

    CSS_PATH = "end.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("l,enter", "app.library", "Library"),
        Binding("q", "app.quit", "Quit"),
    ]

    def __init__(
        self,
        ended: SessionEnded,
        *,
        before: int | None = None,
        after: int | None = None,
        ratings: Sequence[CheckIn] = (),
        conductor: Conducting | None = None,
        preview: bool = False,
    ) -> None:
        super().__init__()
        self.ended = ended
        self.preview = preview
        self.before, self.after = before, after
        self.ratings = tuple(ratings)  # the script's own check-ins
        self.conductor = conductor

    def compose(self) -> ComposeResult:
        """A few quiet lines in the middle of the screen."""
        with Vertical(id="end"):
            yield Static(ending_words(self.ended), id="practised")
            if self.preview:
                yield Static(PREVIEW_NOTICE, id="preview")
            change = change_words(self.before, self.after, self.ratings)
            if change:
                yield Static(change, id="change")
            yield Static("Take a moment before moving on, if you like.", id="rest")
        yield KeyFooter()

    def on_unmount(self) -> None:
        """Release the conductor (the end chime has had its time to fade)."""
        if self.conductor is not None:
            self.conductor.close()
            self.conductor = None
