"""Where the person's things live: their data, config and cache (the package's own files are
in ``core.bundled``).

``SESSION_PLAYER_HOME`` moves data, config and cache under one folder (the tests use it).
Nothing here creates a folder at import time; callers ask for one with ``ensure``.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ..core.bundled import SCHEMA_NAME, bundled_scripts_dir, schema_path
from ..core.files import write_text
from .where import (
    HomeError,
    cache_dir,
    check_home,
    config_dir,
    data_dir,
    state_dir,
)

if TYPE_CHECKING:
    from ..core.library.scripts import Source
    from ..core.log.place import LogPlace

__all__ = [
    "HomeError",
    "cache_dir",
    "check_home",
    "config_dir",
    "data_dir",
    "state_dir",
]


def user_courses_dir() -> Path:
    """Where the person's own courses live."""
    return data_dir() / "courses"


def place_schema(folder: Path) -> str | None:
    """Keep a copy of the schema in ``folder`` (the person's scripts), so the relative
    ``#:schema`` line of their scripts, and of bundled ones copied there, finds it; the copy is
    written only when it differs. Returns a notice when it can't be written; never raises."""
    target = folder / SCHEMA_NAME
    try:
        wanted = schema_path().read_bytes()
        if target.is_file() and target.read_bytes() == wanted:
            return None
        ensure(folder)
        write_text(target, wanted.decode("utf-8"))  # whole; never over a FIFO or a device
    except OSError as problem:
        return f"The script schema could not be written to {folder} ({problem.strerror})."
    return None


def user_scripts_dir() -> Path:
    """Where the person's own scripts live (``session-player new`` writes here)."""
    return data_dir() / "scripts"


def voices_dir() -> Path:
    """Where the person puts Piper voices (a ``.onnx`` file and its ``.onnx.json`` each)."""
    return data_dir() / "voices"


def database_path() -> Path:
    """The SQLite practice log."""
    return data_dir() / "log.sqlite3"


def log_place(path: Path | None = None) -> LogPlace:
    """The practice log at ``path`` (default: the person's, ``database_path()``), with the cache
    folder where sessions it can't take are kept."""
    # Here, not at the top: importing core.log loads the whole log (and tomllib), which a
    # warm `list` and the library's first frame never need.
    from ..core.log.place import LogPlace

    return LogPlace(database_path() if path is None else path, cache_dir() / "unsaved")


def kept_path() -> Path:
    """The answers a person chose to keep for later sessions, beside the practice log."""
    return data_dir() / "kept.sqlite3"


def config_path() -> Path:
    """The settings file, TOML."""
    return config_dir() / "settings.toml"


def ensure(folder: Path) -> Path:
    """Create ``folder`` (and parents) if missing, and return it."""
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def library_folders() -> list[tuple[Path, Source]]:
    """The bundled scripts folder and the person's own."""
    return [(bundled_scripts_dir(), "bundled"), (user_scripts_dir(), "yours")]


def library_cache_path() -> Path:
    """The library's kept cards (see ``core.catalog``)."""
    return cache_dir() / "library.json"
