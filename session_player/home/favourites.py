"""The sessions a person marked as favourites, kept in ``favourites.toml`` beside the settings::

    format = 1
    names = ["box-breathing", "safe-place"]   # script names, in the order they were marked

A missing file is no favourites. A file that can't be read gives none, with a notice; writing
keeps whatever else the file holds (a file that can't be read is kept beside it first).
"""

from __future__ import annotations

from pathlib import Path

from ..core.bounded import Unreadable, read_toml
from . import paths
from .keeping import tables_to_update, write_toml

FORMAT = 1
MAX_FAVOURITES = 200
MAX_FAVOURITES_BYTES = 1 << 16


def favourites_path() -> Path:
    """Where the favourites are kept."""
    return paths.config_dir() / "favourites.toml"


def load_favourites(path: Path | None = None) -> tuple[list[str], list[str]]:
    """The names marked as favourites, and notices for anything that couldn't be read."""
    path = favourites_path() if path is None else path
    try:
        data = read_toml(path, MAX_FAVOURITES_BYTES)
    except Unreadable as problem:
        return [], [] if problem.missing else [f"Favourites could not be read ({problem})."]
    names = data.get("names", [])
    if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
        return [], ["Favourites: names should be a list of session names; it was ignored."]
    return list(dict.fromkeys(names))[:MAX_FAVOURITES], []


def toggle_favourite(name: str, path: Path | None = None) -> tuple[bool, str | None]:
    """Mark ``name`` as a favourite, or unmark it if it was one. Returns whether it is one now,
    and a notice (a failure, or where an unreadable file was kept), never raises."""
    path = favourites_path() if path is None else path
    tables, kept = tables_to_update(path, MAX_FAVOURITES_BYTES, "Favourites")
    names, _notices = load_favourites(path)
    marked = name not in names
    names = [*names, name] if marked else [n for n in names if n != name]
    if tables is None:
        return not marked, kept
    problem = write_toml(path, {**tables, "format": FORMAT, "names": names}, "Favourites")
    return (not marked, problem) if problem else (marked, kept)
