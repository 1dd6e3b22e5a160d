"""Requests that screens send up to the app, so no screen needs to import the app.

Plain message classes, as Textual's own are: a dataclass costs a little start-up time each.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:  # the engine's events load with the player, not with the library
    from pathlib import Path

    from ..core.library.card import Card
    from ..core.library.timer import TimerChoice
    from ..core.session.events import SessionEnded
    from ..home.settings import Settings


class Play(Message):
    """Play the script this library card lists (it is loaded and checked again first)."""

    def __init__(self, card: Card) -> None:
        super().__init__()
        self.card = card


class PlayNow(Message):
    """Play script ``name`` at once, with no countdown and no check-in before: a hard moment,
    or grounding after a hard session. ``title`` names it if it can't be found."""

    def __init__(self, name: str, title: str) -> None:
        super().__init__()
        self.name = name
        self.title = title


class StartTimer(Message):
    """Sit with the timer: ``choice`` at once (a preset), or the timer's form when None."""

    def __init__(self, choice: TimerChoice | None = None) -> None:
        super().__init__()
        self.choice = choice


class SettingsChanged(Message):
    """The person changed a setting: remember it and apply it."""

    def __init__(self, settings: Settings) -> None:
        super().__init__()
        self.settings = settings


class PreviewVoice(Message):
    """Say a sample in the voice these settings choose."""

    def __init__(self, settings: Settings) -> None:
        super().__init__()
        self.settings = settings


class PreviewChime(Message):
    """Ring chime ``name`` once, at the chime volume of these settings."""

    def __init__(self, name: str, settings: Settings) -> None:
        super().__init__()
        self.name = name
        self.settings = settings


class PreviewSoundscape(Message):
    """Play soundscape ``name`` for a few seconds, at the volume of these settings."""

    def __init__(self, name: str, settings: Settings) -> None:
        super().__init__()
        self.name = name
        self.settings = settings


class SessionOver(Message):
    """A session ended (completed, stopped, or interrupted by quitting)."""

    def __init__(self, ended: SessionEnded) -> None:
        super().__init__()
        self.ended = ended


class Notices(Message):
    """One-line notices (from the conductor) to show, each once per run."""

    def __init__(self, notices: list[str]) -> None:
        super().__init__()
        self.notices = notices


class Edit(Message):
    """Open the script at ``path`` in the editor (one of the person's own)."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path


class WarmVoice(Message):
    """The library is in front, with the session at ``script_path`` highlighted: have the
    voice loaded, and that session's first line made, so a first play speaks sooner."""

    def __init__(self, script_path: Path | None) -> None:
        super().__init__()
        self.script_path = script_path
