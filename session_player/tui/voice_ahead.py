"""The voice made ahead while the library is shown, one request at a time, the newest first.

The library asks whenever it comes to the front and whenever another session is highlighted;
``ahead(settings, script_path)`` (the command line's: ``conductor/ahead.py``) loads the voice
and makes that session's first line. It blocks, so it runs in one thread of its own; requests
that come meanwhile replace each other, and only the newest is served next.
"""

from __future__ import annotations

import importlib
import threading
from collections.abc import Callable
from pathlib import Path

from ..home.settings import Settings

Ahead = Callable[[Settings, "Path | None", Callable[[], bool]], object]
"""Called with the settings, the highlighted session, and whether a newer request waits (the
lines it is making are no longer the ones wanted)."""
FIRST = (
    "session_player.core.log",
    "session_player.core.library.scripts",
    "session_player.core.script.loader",
)
"""Packages the library's own threads import after the first frame (the course place, the
cards). They are imported here whole before anything else: a thread that reached one of their
modules half-way through another's import of the package deadlocked the two (Python raises
``_DeadlockError`` in one of them: in the library's, the app fell over)."""


class VoiceAhead:
    """Serves the newest request to ``ahead``, in a thread started when one is waiting."""

    def __init__(self, ahead: Ahead) -> None:
        self._ahead = ahead
        self._lock = threading.Lock()
        self._wanted: tuple[Settings, Path | None] | None = None
        self._running = False

    def want(self, settings: Settings, script_path: Path | None) -> None:
        """Make the voice ready for ``settings`` and the session at ``script_path``."""
        with self._lock:
            self._wanted = (settings, script_path)
            if self._running:
                return
            self._running = True
        threading.Thread(target=self._serve, daemon=True, name="voice-ahead").start()

    def _newer(self) -> bool:
        return self._wanted is not None

    def _serve(self) -> None:
        for name in FIRST:  # each waits, holding nothing, for another thread's import of it
            importlib.import_module(name)
        while True:
            with self._lock:
                wanted, self._wanted = self._wanted, None
                if wanted is None:
                    self._running = False
                    return
            try:
                self._ahead(*wanted, self._newer)
            except Exception:  # nothing made ahead: the play makes it, and says what failed
                continue
