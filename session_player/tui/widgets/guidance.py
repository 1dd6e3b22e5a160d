"""The current guidance in large, calm text.

Script text is data: it is always shown as plain text (``markup=False`` and ``rich.text.Text``),
with its control characters made visible (``core.text.shown``), so ``[bold]`` or an escape
sequence in a script appears literally, never interpreted.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.widgets import Static

from ...core.script.text import shown
from .lines import KeptRows


class Title(Static, KeptRows):
    """The session's title above the guidance (plain text; its rows kept, as the guidance's)."""


class Guidance(Static, KeptRows):
    """What the session is saying now: a line, a phrase, a touch cue, or a quiet note."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"guidance--cue", "guidance--note"}

    # Its size comes from the stylesheet, never from the text: updates skip the layout pass.
    # Its rows are kept (``KeptRows``): each redraw of the clock below asks for all of them.

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", markup=False, id=id)

    def show_line(self, text: str, round_number: int = 0, rounds: int = 0) -> None:
        """A line of guidance; phrases say which round they belong to."""
        line = Text(shown(text), justify="center")
        if rounds > 1:
            note = self.get_component_rich_style("guidance--note")
            line.append(f"\n\nround {round_number} of {rounds}", note)
        self.update(line, layout=False)

    def show_written(self, text: str) -> None:
        """What the person wrote, read back as typed: left-aligned, its lines and paragraphs
        kept (a letter is not a centred line of guidance)."""
        self.update(Text(shown(text), justify="left"), layout=False)

    def show_touch(self, label: str, description: str, text: str) -> None:
        """A soothing-touch cue: the placement named clearly, then its words."""
        cue = self.get_component_rich_style("guidance--cue")
        note = self.get_component_rich_style("guidance--note")
        cued = Text(justify="center")
        cued.append(f"✋ {shown(label)}\n", cue)
        if description:
            cued.append(shown(description) + "\n", note)
        if text:
            cued.append("\n" + shown(text))
        self.update(cued, layout=False)

    def show_note(self, text: str) -> None:
        """A quiet note from the player itself (silence, a countdown, a pause)."""
        style = self.get_component_rich_style("guidance--note")
        self.update(Text(text, justify="center", style=style), layout=False)

    def clear(self) -> None:
        """Nothing to show."""
        self.update("", layout=False)
