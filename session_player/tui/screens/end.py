"""The quiet end of a session: how long was practised, and any change noticed.

When a closing rating is enough worse than the opening one (``core.care``), the end gently offers
a two-minute grounding practice (``g``, or its button) and names where support is; the voice says
the same. Never a score, never alarm."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Center, Vertical
from textual.screen import Screen
from textual.widgets import Button, Static

from ...conductor.protocol import Conducting
from ...core.care import (
    AFTERCARE,
    GROUNDING_PRACTICE,
    GROUNDING_TITLE,
    aftercare_words,
    needs_care,
    support_words,
)
from ...core.clock import PREVIEW_NOTICE
from ...core.log import CheckIn
from ...core.log.ratings import change_words as rating_words
from ...core.log.ratings import changes, session_check_ins
from ...core.log.records import skipped_through
from ...core.session.events import SessionEnded
from ..help_key import HELP_KEY
from ..messages import PlayNow
from ..widgets.footer import KeyFooter

TO_BEGIN = "To begin it, press g."
"""How the voice says the grounding practice starts, after the offer."""


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
    if skipped_through(ended.reason, ended.practised, ended.planned, ended.skips):
        line = (
            f"You practised {practised_words(ended.practised)} of "
            f"{practised_words(ended.planned)}: it was skipped through, so it isn't counted "
            "for a course."
        )
    elif ended.reason != "completed":
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
    AUTO_FOCUS = ""  # Enter goes back to the library, never into the grounding practice
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("g", "grounding", "Grounding practice"),
        Binding("l,enter", "library", "Library"),
        Binding("l,enter", "editor", "Back to the editor"),  # after a try from the editor
        Binding("q", "app.quit", "Quit"),
        HELP_KEY,
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
        own_line: str = "",
    ) -> None:
        """``own_line`` is the person's support line (the ``crisis_line`` setting)."""
        super().__init__()
        self.ended = ended
        self.preview = preview
        self.before, self.after = before, after
        self.ratings = tuple(ratings)  # the script's own check-ins
        self.conductor = conductor
        self.own_line = own_line
        self.care = needs_care(session_check_ins(before, after, self.ratings))

    def compose(self) -> ComposeResult:
        """A few quiet lines in the middle of the screen."""
        with Vertical(id="end", classes="-care" if self.care else ""):
            yield Static(ending_words(self.ended), id="practised")
            if self.preview:
                yield Static(PREVIEW_NOTICE, id="preview")
            change = change_words(self.before, self.after, self.ratings)
            if change:
                yield Static(change, id="change")
            if self.care:  # the offer is the invitation to take a moment
                yield Static(AFTERCARE, id="care")
                yield Static(support_words(self.own_line), id="support", markup=False)
                with Center():
                    yield Button(f"{GROUNDING_TITLE} (g)", id="ground", variant="primary")
            else:
                yield Static("Take a moment before moving on, if you like.", id="rest")
        yield KeyFooter()

    def on_mount(self) -> None:
        """The voice offers the grounding practice as the screen does."""
        if self.care and self.conductor is not None:
            self.conductor.say(f"{aftercare_words(self.own_line)} {TO_BEGIN}")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The grounding practice is a key away only when it is offered; the way back is named
        for where it goes (the editor a try came from, or the library)."""
        if action == "grounding":
            return self.care  # False: not shown at all
        if action in ("library", "editor"):
            return (action == "editor") == self._from_editor()
        return True

    def _from_editor(self) -> bool:
        editor = sys.modules.get(f"{__package__}.editor")  # loaded only if an editor was opened
        return editor is not None and any(
            isinstance(screen, editor.EditorScreen) for screen in self.app.screen_stack
        )

    async def action_library(self) -> None:
        """Back to the library."""
        await self.app.run_action("app.library")

    async def action_editor(self) -> None:
        """Back to the editor the try came from (the app's way back finds it)."""
        await self.app.run_action("app.library")

    @on(Button.Pressed, "#ground")
    def action_grounding(self) -> None:
        """Two minutes of grounding, at once (the library comes back beneath it)."""
        self.post_message(PlayNow(GROUNDING_PRACTICE, GROUNDING_TITLE))

    def on_unmount(self) -> None:
        """Release the conductor (the end chime has had its time to fade)."""
        if self.conductor is not None:
            self.conductor.close()
            self.conductor = None
