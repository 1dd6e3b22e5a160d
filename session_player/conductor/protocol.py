"""What the player expects of a conductor (voice, sound, log), and a quiet one for when there is
none.

The real conductor lives in ``conductor.dispatcher``; the TUI only knows this protocol, so the
player runs (silently) without it, and tests can pass a recording fake.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

from ..home.settings import Settings

if TYPE_CHECKING:  # the engine loads with the player, not with the library
    from ..audio.api import Progress
    from ..core.script.model import Script
    from ..core.session.checkins import Moment
    from ..core.session.engine import Session
    from ..core.session.events import Event
    from ..core.session.timeline import Timeline


class Conducting(Protocol):
    """Plays what a session's events call for, outside the screen.

    Each method's body here is what a conductor that plays nothing does (``NullConductor``):
    the script laid out at reading pace, and nothing else.
    """

    notices: list[str]
    """One-line notices to show once (for example "Sound is off: ...")."""

    def prepare(self, script: Script, progress: Progress) -> Timeline:
        """Blocking: render the checked ``script``'s speech; returns the timeline to play
        (lines timed to the voice), the one a play compiles. (Played by nothing: the script
        laid out at reading pace.)"""
        from ..core.session.timeline import compile_timeline

        return compile_timeline(script)

    def begin(self, session: Session) -> None:
        """The session is about to start."""
        return None

    def handle(self, events: list[Event]) -> None:
        """React to a batch of events; must not block."""
        return None

    def asking(self, moment: Moment) -> None:
        """The app's before/after check-in appears: have it said (must not block)."""
        return None

    def check_in(self, moment: Moment, label: str, value: int | None) -> None:
        """A before/after rating (None when skipped)."""
        return None

    def grounding(self) -> None:
        """The grounding pause opens, the session paused: have it said (must not block)."""
        return None

    def grounded(self, resume: bool) -> None:
        """The grounding pause closes, after the session resumed (``resume``) or ended."""
        return None

    def say(self, text: str) -> None:
        """Say a line from outside the session's script (the aftercare offer), after the end
        chime; must not block."""
        return None

    def tick(self, session: Session) -> None:
        """About once a second while a session runs (or is paused): keep the log fresh."""
        return None

    def preview_voice(self, playing: Callable[[], None] | None = None) -> None:
        """Say a short sample in the chosen voice; blocks until it has been heard. ``playing``
        is called once the sample starts (rendering it may take a moment)."""
        return None

    def preview_chime(self, name: str) -> None:
        """Blocking: ring bundled chime ``name`` once, at the chime volume, to the end."""
        return None

    def preview_soundscape(self, name: str) -> str | None:
        """Blocking: play soundscape ``name`` for a few seconds at its volume; why it can't
        be heard, or None."""
        return None

    def close(self) -> None:
        """Let sounds fade and release devices."""
        return None


ConductorFactory = Callable[[Settings], Conducting]


class NullConductor(Conducting):
    """A conductor that does nothing: no voice, no sound, the timeline at reading pace."""

    def __init__(self, settings: Settings | None = None) -> None:
        self.notices: list[str] = []
