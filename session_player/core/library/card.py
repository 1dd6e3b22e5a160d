"""A script's card: what the library shows of it (a title, a practice, a summary, a length),
or why it can't be played."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..script.durations import format_duration

if TYPE_CHECKING:  # the library reads cards; entries and errors come with a check
    from ..errors import ScriptError
    from .scripts import ScriptFile, Source


@dataclass(frozen=True)
class Card:
    """One script file as the library lists it: its summary, or why it can't be played."""

    name: str
    path: Path
    source: Source
    title: str = ""
    practice: str = ""
    summary: str = ""
    length: float = 0.0
    estimated: bool = False
    errors: tuple[ScriptError, ...] = ()

    @property
    def ok(self) -> bool:
        """True when the script passed the checker."""
        return not self.errors

    @property
    def length_text(self) -> str:
        """The planned length, marked "about" when it includes estimates for answers."""
        return length_text(self.length, estimated=self.estimated)


def length_text(seconds: float, *, estimated: bool) -> str:
    """A planned length for people: "10m", or "about 12m" when answers make it uncertain."""
    return ("about " if estimated else "") + format_duration(seconds)


def card_of(entry: ScriptFile) -> Card:
    """The card of a loaded (checked) entry."""
    if entry.script is None:
        from ..errors import ScriptError

        errors = entry.errors or (ScriptError(str(entry.path), 1, 1, "", "cannot be read"),)
        return Card(entry.name, entry.path, entry.source, errors=errors)
    script, (length, estimated) = entry.script, entry.plan
    return Card(
        entry.name,
        entry.path,
        entry.source,
        title=script.title,
        practice=script.practice,
        summary=script.summary,
        length=length,
        estimated=estimated,
    )
