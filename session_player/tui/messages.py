"""Requests that screens send up to the app, so no screen needs to import the app."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.message import Message

from ..core.catalog import Card
from ..settings import Settings

if TYPE_CHECKING:  # the engine's events load with the player, not with the library
    from ..core.events import SessionEnded


@dataclass
class Play(Message):
    """Play the script this library card lists (it is loaded and checked again first)."""

    card: Card


@dataclass
class SettingsChanged(Message):
    """The person changed a setting: remember it and apply it."""

    settings: Settings


@dataclass
class PreviewVoice(Message):
    """Say a sample in the voice these settings choose."""

    settings: Settings


@dataclass
class SessionOver(Message):
    """A session ended (completed, stopped, or interrupted by quitting)."""

    ended: SessionEnded


@dataclass
class Notices(Message):
    """One-line notices (from the conductor) to show, each once per run."""

    notices: list[str]
