"""The log's errors, and plain words for what went wrong underneath."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from ..files import Refused


class LogError(Exception):
    """Anything the log layer reports to its callers."""


class LogUnavailable(LogError):
    """The log can't be opened or written right now. ``reason`` is a few plain words
    (``disk full``, ``read-only``) that fit into a sentence for the person."""

    def __init__(self, reason: str, detail: str = "") -> None:
        self.reason = reason
        self.detail = detail
        super().__init__(f"{reason}: {detail}" if detail else reason)


class LogImportError(LogError):
    """An import file that can't be read or isn't our export. The message names the place
    (``sessions[3].started_at``) and fits on one line."""


_CORRUPT_CODES = {"SQLITE_CORRUPT", "SQLITE_NOTADB"}
_CORRUPT_WORDS = ("file is not a database", "malformed", "quick_check")


def is_corruption(error: BaseException) -> bool:
    """Whether ``error`` says the database file itself is damaged (not merely unreachable)."""
    if not isinstance(error, sqlite3.DatabaseError):
        return False
    name = getattr(error, "sqlite_errorname", None)
    if name in _CORRUPT_CODES:
        return True
    text = str(error).lower()
    return any(word in text for word in _CORRUPT_WORDS)


def reason_for(error: BaseException) -> str:
    """A short reason for a storage failure, for notices and one-line errors."""
    if isinstance(error, LogUnavailable):
        return error.reason
    if isinstance(error, PermissionError):
        return "no permission"
    if isinstance(error, Refused):
        return str(error.strerror)
    text = str(error).lower()
    name = str(getattr(error, "sqlite_errorname", "") or "")
    if "full" in text or name == "SQLITE_FULL":
        return "disk full"
    if "readonly" in text or "read-only" in text or name.startswith("SQLITE_READONLY"):
        return "read-only"
    if "locked" in text or "busy" in text or name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
        return "busy: another program is using it"
    if "i/o" in text or name.startswith("SQLITE_IOERR"):
        return "disk error"
    if "unable to open" in text or name.startswith("SQLITE_CANTOPEN"):
        return "can't open the log file"
    if is_corruption(error):
        return "the file is damaged"
    if isinstance(error, OSError):
        return error.strerror.lower() if error.strerror else "can't reach the log's folder"
    return "unexpected database error"


_VAGUE = ("read-only", "no permission", "disk error", "can't open the log file")


def reason_at(path: Path, error: BaseException) -> str:
    """``reason_for(error)``, made exact by looking at the disk where SQLite's words are vague
    (a full disk often shows as an I/O error on the ``-shm`` file, a read-only one as "can't
    open")."""
    reason = reason_for(error)
    if reason not in _VAGUE:
        return reason
    folder = path.parent
    statvfs = getattr(os, "statvfs", None)  # POSIX only: Windows has no statvfs
    try:
        found = statvfs(folder) if statvfs is not None else None
    except OSError:
        return reason
    if found is not None and found.f_flag & getattr(os, "ST_RDONLY", 1):
        return "read-only: its disk is mounted read-only"
    if found is not None and found.f_bavail == 0:
        return "disk full"
    if path.exists() and not os.access(path, os.W_OK):
        return "read-only: the log file can't be written"
    for side in ("-wal", "-shm"):  # left read-only by a read-only spell, or by another user
        beside = path.with_name(path.name + side)
        if beside.exists() and not os.access(beside, os.W_OK):
            return f"read-only: {beside} can't be written; make it writable, as {path.name} is"
    if not os.access(folder, os.W_OK):
        return "read-only: the log's folder can't be written"
    return reason


def storage_errors() -> tuple[type[BaseException], ...]:
    """The exceptions a write may fail with that the player must never see."""
    return (sqlite3.Error, OSError, LogUnavailable)
