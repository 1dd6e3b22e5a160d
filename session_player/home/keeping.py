"""Updating the person's small TOML files (settings, timer presets) without losing what they hold.

A file the app can't fully read is never written over. ``tables_to_update`` gives what the file
holds now, every key of it (unknown keys, values the app ignored), so a change writes only the
keys that changed and leaves the rest as the person wrote them. A file that can't be read at
all (a typo in its syntax, not UTF-8, far too large) is first copied whole to a backup beside it
(``settings.toml.bak``, or ``.bak.2`` and on when that is taken), and the notice says where.
"""

from __future__ import annotations

import errno
import os
import shutil
import stat
from pathlib import Path
from typing import Any

from ..core.bounded import Unreadable, read_toml
from ..core.files import write_text

MAX_BACKUPS = 99
MAX_NOTICES = 5  # a file of 6,000 unknown keys is not 6,000 notices


def at_most(notices: list[str], what: str) -> list[str]:
    """The first ``MAX_NOTICES`` notices about a file, and how many more there were."""
    if len(notices) <= MAX_NOTICES:
        return notices
    more = len(notices) - MAX_NOTICES
    return [*notices[:MAX_NOTICES], f"{what}: and {more:,} more like these."]


def tables_to_update(path: Path, limit: int, what: str) -> tuple[dict[str, Any] | None, str | None]:
    """What the TOML file at ``path`` holds (``{}`` when there is none yet), and a notice or
    None. When it can't be read, ``{}`` and a notice saying where it was kept (copied whole)
    before a new one is written; when it couldn't be kept either, None: nothing may be written.
    ``what`` names the file in the notices ("Settings"). Never raises."""
    try:
        return read_toml(path, limit), None
    except Unreadable as problem:
        if problem.missing:
            return {}, None
        unread = problem
    where = f"line {unread.line}: " if unread.line else ""
    return keep_beside(path, where + unread.reason, what)


def keep_beside(path: Path, reason: str, what: str) -> tuple[dict[str, Any] | None, str | None]:
    """Copy the file at ``path`` whole to a backup beside it, since ``reason`` (why it can't be
    read): ``{}`` (start afresh) and a notice saying where it was kept; None and a notice when
    it couldn't be kept (nothing may be written). A FIFO or a device is left alone: ``{}`` and
    no notice (writing refuses it). Never raises."""
    try:
        mode = os.stat(path).st_mode
    except (FileNotFoundError, NotADirectoryError):
        return {}, None  # no file to keep: writing says what stands in the way
    except OSError:
        mode = stat.S_IFREG  # there, but can't be looked at: copying says why
    if not stat.S_ISREG(mode):
        return {}, None
    try:
        backup = _free_name(path)
        shutil.copyfile(path, backup)  # the whole file, past any size the app reads
    except OSError as problem:
        why = problem.strerror or str(problem)
        return None, f"{what} in {path} can't be read or kept aside ({why}); nothing was saved."
    return {}, (
        f"{what} could not be read ({reason}), so before it was written anew it was "
        f"kept as {backup}."
    )


def _free_name(path: Path) -> Path:
    for n in range(1, MAX_BACKUPS + 1):
        candidate = path.with_name(f"{path.name}.bak" + (f".{n}" if n > 1 else ""))
        if not os.path.lexists(candidate):
            return candidate
    raise FileExistsError(errno.EEXIST, f"there are {MAX_BACKUPS} backups of it already", str(path))


def write_toml(path: Path, tables: dict[str, Any], what: str) -> str | None:
    """Write ``tables`` to ``path`` in one step (see ``core.files.atomic_writer``); a notice
    naming ``what`` when that failed, never an exception."""
    import tomli_w  # only when saving

    try:
        body = tomli_w.dumps(tables)
        path.parent.mkdir(parents=True, exist_ok=True)
        write_text(path, body)  # a symlink stays a symlink; a FIFO is refused
    except OSError as problem:
        return f"{what} could not be saved to {path} ({problem.strerror or problem})."
    return None
