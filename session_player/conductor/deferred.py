"""A conductor made when the session is prepared, not when the player opens.

Making the real conductor loads audio, the listeners and the log and opens the sound device:
on a loaded machine that was a fifth of the player's first frame. The player is given a
``Deferred`` instead, which makes the conductor on the first call that needs it (``prepare``,
in the preparing screen's thread, once the first frame is out) and hands every call on.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from .protocol import Conducting, NullConductor

if TYPE_CHECKING:
    from ..audio.api import Progress
    from ..core.script.model import Script
    from ..core.session.checkins import Moment
    from ..core.session.engine import Session
    from ..core.session.events import Event
    from ..core.session.timeline import Timeline


class Deferred:
    """Conducting through a conductor made on first need by ``make``; ``made`` is told the
    conductor's notices as soon as it exists (from whichever thread made it)."""

    def __init__(
        self, make: Callable[[], Conducting], made: Callable[[list[str]], object] | None = None
    ) -> None:
        self._make = make
        self._made = made
        self._lock = threading.Lock()
        self._conductor: Conducting | None = None
        self._closed = False

    @property
    def conductor(self) -> Conducting | None:
        """The real conductor, once made."""
        return self._conductor

    @property
    def real(self) -> Conducting:
        """The real conductor, made now if it isn't yet (a quiet one after ``close``: the
        player left before preparing began, and nothing should open a device now)."""
        with self._lock:
            if self._conductor is None:
                self._conductor = NullConductor() if self._closed else self._make()
                if self._made is not None:
                    self._made(list(self._conductor.notices))
            return self._conductor

    @property
    def notices(self) -> list[str]:
        """The real conductor's notices (none before it is made)."""
        conductor = self._conductor
        return conductor.notices if conductor is not None else []

    @notices.setter
    def notices(self, notices: list[str]) -> None:
        self.real.notices = notices

    def prepare(self, script: Script, progress: Progress) -> Timeline:
        """Make the conductor (blocking, as rendering is), then prepare."""
        return self.real.prepare(script, progress)

    def begin(self, session: Session) -> None:
        """Handed on."""
        self.real.begin(session)

    def handle(self, events: list[Event]) -> None:
        """Handed on."""
        self.real.handle(events)

    def asking(self, moment: Moment) -> None:
        """Handed on."""
        self.real.asking(moment)

    def check_in(self, moment: Moment, label: str, value: int | None) -> None:
        """Handed on."""
        self.real.check_in(moment, label, value)

    def grounding(self) -> None:
        """Handed on."""
        self.real.grounding()

    def grounded(self, resume: bool) -> None:
        """Handed on."""
        self.real.grounded(resume)

    def say(self, text: str) -> None:
        """Handed on."""
        self.real.say(text)

    def tick(self, session: Session) -> None:
        """Handed on."""
        self.real.tick(session)

    def preview_voice(self, playing: Callable[[], None] | None = None) -> None:
        """Handed on."""
        self.real.preview_voice(playing)

    def preview_chime(self, name: str) -> None:
        """Handed on."""
        self.real.preview_chime(name)

    def preview_soundscape(self, name: str) -> str | None:
        """Handed on."""
        return self.real.preview_soundscape(name)

    def close(self) -> None:
        """Close the conductor if it was made; one never made needs nothing released."""
        with self._lock:
            self._closed = True
            conductor = self._conductor
        if conductor is not None:
            conductor.close()


def unwrapped(conductor: Conducting) -> Conducting:
    """The real conductor behind a ``Deferred`` once made; any other as it is."""
    made = conductor.conductor if isinstance(conductor, Deferred) else None
    return conductor if made is None else made
