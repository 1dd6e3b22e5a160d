"""The section outline: where the session is, as a short list of its named parts."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text

from ...core.script.text import shown
from .lines import KeptRows

DONE, HERE, AHEAD = "✓", "●", "○"


class Outline(KeptRows):
    """The session's sections, the current one marked, the ones behind ticked off."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"outline--done", "outline--current", "outline--ahead"}

    def __init__(self, sections: list[str], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.sections = sections
        self.current = -1

    def show_section(self, index: int) -> None:
        """Mark section ``index`` (from 0) as the current one."""
        if index != self.current:
            self.current = index
            self.refresh()

    def render(self) -> Text:
        """One line per section; names come from the script, so they are plain text."""
        text = Text(no_wrap=False, overflow="fold")
        for index, name in enumerate(self.sections):
            if index < self.current:
                mark, style = DONE, "outline--done"
            elif index == self.current:
                mark, style = HERE, "outline--current"
            else:
                mark, style = AHEAD, "outline--ahead"
            text.append(f"{mark} {shown(name)}\n", self.get_component_rich_style(style))
        return text
