"""What the desktop was like before a session changed it, kept on disk until it is put back.

Each holder's state is written (atomically, to ``held-PID.json``) *before* the desktop is
changed, and dropped once it is restored. A process that was killed leaves its file behind: the
next start finds it, sees that its process is gone, and puts the desktop back as it was.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import Any

from ..core.bounded import Unreadable, read_json
from ..core.files import write_text
from .alive import alive

PREFIX = "held-"
LONGEST = 1 << 16  # bytes: a held file is a few lines


class Held:
    """This process's record of what it changed, in ``folder``."""

    def __init__(self, folder: Path, pid: int | None = None) -> None:
        self.folder = folder
        self.pid = os.getpid() if pid is None else pid
        self.path = folder / f"{PREFIX}{self.pid}.json"
        self.saved: dict[str, Any] = {}

    def record(self, name: str, state: Any) -> None:
        """Keep ``state`` for holder ``name`` on disk; raises ``OSError`` when it can't be
        kept (then the desktop must not be changed)."""
        self.saved[name] = state
        self._write()

    def forget(self, name: str) -> None:
        """Holder ``name`` has been put back."""
        self.saved.pop(name, None)
        if self.saved:
            with contextlib.suppress(OSError):
                self._write()
        else:
            with contextlib.suppress(OSError):
                self.path.unlink(missing_ok=True)

    def _write(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        import json  # only where something is held (a desktop with a bus)

        write_text(self.path, json.dumps({"pid": self.pid, "saved": self.saved}))


def left_behind(folder: Path) -> list[tuple[Path, dict[str, Any]]]:
    """The held files of processes that are gone, each with what it had saved."""
    found: list[tuple[Path, dict[str, Any]]] = []
    try:
        paths = sorted(folder.glob(f"{PREFIX}*.json"))
    except OSError:
        return found
    for path in paths:
        try:
            pid = int(path.stem.removeprefix(PREFIX))
        except ValueError:
            continue
        if alive(pid):
            continue
        try:  # the bounded reader: a FIFO left here never hangs the search
            document = read_json(path, LONGEST)
        except Unreadable:
            document = {}
        saved = document.get("saved") if isinstance(document, dict) else None
        found.append((path, saved if isinstance(saved, dict) else {}))
    return found
