"""Where a practice log is: its file, and a folder apart from it for sessions it can't take.

Core never looks the person's folders up: whoever opens the log (the app, a command, a test)
hands over a ``LogPlace`` (``home.paths.log_place`` makes the person's).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class LogPlace:
    """A practice log's SQLite file, and the folder where sessions the log couldn't take are
    kept when the log's own folder won't take them either (``unsaved.py``)."""

    path: Path
    """The SQLite file."""
    elsewhere: Path
    """The second choice for sessions the log couldn't take (the person's cache, ``unsaved/``);
    each log has its own folder inside it."""
