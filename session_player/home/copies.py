"""A copy of a bundled script in the person's scripts folder, theirs to change (``new --from``,
the library's "Make my own copy")."""

from __future__ import annotations

from pathlib import Path

from ..core.bundled import SCHEMA_COMMENT
from ..core.files import read_regular, write_text
from ..core.script.loader import MAX_BYTES
from . import paths


def free_name(name: str, folder: Path) -> str:
    """``name``, or ``name-2``, ``name-3``... the first not taken in ``folder``."""
    candidate, n = name, 1
    while (folder / f"{candidate}.toml").exists():
        n += 1
        candidate = f"{name}-{n}"
    return candidate


def own_copy(source: Path, name: str | None = None) -> tuple[Path, str | None]:
    """Copy ``source`` whole into the scripts folder as ``name`` (default: its own name, or the
    first free one after it), with the schema reference that works there. Returns the copy and
    a notice when the schema could not be placed beside it; raises OSError when it can't be
    read or written."""
    folder = paths.ensure(paths.user_scripts_dir())
    target = folder / f"{name or free_name(source.stem, folder)}.toml"
    text = read_regular(source, MAX_BYTES).decode("utf-8-sig")
    if not text.startswith(SCHEMA_COMMENT):
        text = f"{SCHEMA_COMMENT}\n{text}"
    write_text(target, text)
    return target, paths.place_schema(folder)
