"""Sessions the log could not take before the app closed, kept in a small file elsewhere.

When the recorder closes with sessions still unwritten (the log locked by another program,
made by a newer version or another program, a full or read-only disk, a folder where the file
should be), it writes them to ``unsaved-<time>-<uuid>.json`` in the first folder of
``folders(log)`` that takes it: beside the log (``<data>/unsaved``), then the cache folder,
then a private folder in the system's temporary folder keyed by the log's path. If none takes
it, the document itself is handed back, for the front end to print.

The file is our JSON export (``session-player import`` reads it too), with one more top-level
key, ``records``, holding the fields an export leaves out (preview, origin, ...). The next time
the log is opened for writing, every such file is folded in (``fold``): a session the log lacks
is added; one it holds is brought up to date if the kept copy is newer, with the check-ins and
entries it is missing. The file is removed once its sessions are in the log.
"""

from __future__ import annotations

import errno
import os
import sqlite3
import tempfile
from collections.abc import Iterable, Sequence
from contextlib import suppress
from dataclasses import Field, fields, replace
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Any

from ..bounded import Unreadable, read_json
from ..bundled import APP
from ..digest import sha256_hex
from ..files import write_text
from . import db, writes
from .errors import LogImportError
from .place import LogPlace
from .records import SessionDetail, SessionRecord
from .times import from_text

PREFIX = "unsaved-"

# The exchange formats (and json) load only when a kept file is written or read: a session
# whose log takes it, nearly every one, never holds them (issue 26).


@cache
def _extra_fields() -> tuple[Field[Any], ...]:
    """What an export leaves out of a record (preview, origin, ...): kept beside it."""
    from .exchange.importer import EXPORTED_KEYS

    return tuple(f for f in fields(SessionRecord) if f.name not in EXPORTED_KEYS | {"id"})


def folders(log: LogPlace) -> list[Path]:
    """Where unsaved sessions of the log at ``log`` may be kept, first choice first."""
    path = log.path
    key = sha256_hex(str(path.absolute()).encode("utf-8", "surrogateescape"))
    private = Path(tempfile.gettempdir()) / f"{APP}-{_uid()}" / key[:16]
    return [path.parent / "unsaved", log.elsewhere / key[:16], private]


def _uid() -> int:
    return os.getuid() if hasattr(os, "getuid") else 0


def _private(folder: Path) -> bool:
    """Whether ``folder`` is this user's; in the shared temporary folder, also that no one else
    may write in it or in the folder above (someone could have made them first)."""
    shared = Path(tempfile.gettempdir())
    for part in (folder, folder.parent):
        found = part.stat()
        if found.st_uid != _uid():
            return False
        if folder.is_relative_to(shared) and found.st_mode & 0o022:
            return False
        if not folder.is_relative_to(shared):
            break
    return True


def _ours(path: Path) -> bool:
    """Whether ``path`` and its folder belong to this user (the temporary folder is shared:
    a file someone else put there is never folded into this person's log)."""
    try:
        return path.stat().st_uid == _uid() == path.parent.stat().st_uid
    except OSError:
        return False


def document(details: Sequence[SessionDetail], *, now: datetime) -> str:
    """The kept file's text: an export of ``details`` and the fields an export leaves out."""
    import io
    import json

    from .exchange.export import write_json

    out = io.StringIO()
    write_json(details, out, exported_at=now)
    data = json.loads(out.getvalue())
    data["records"] = {
        d.session.uuid: {f.name: getattr(d.session, f.name) for f in _extra_fields()}
        for d in details
    }
    return json.dumps(data, ensure_ascii=False, allow_nan=False, indent=1) + "\n"


def keep(details: Sequence[SessionDetail], log: LogPlace, *, now: datetime) -> Path | None:
    """Write ``details`` to the first folder that takes them; the file, or None if none did."""
    text = document(details, now=now)
    name = f"{PREFIX}{now.strftime('%Y%m%dT%H%M%S')}-{details[0].session.uuid[:8]}.json"
    for folder in folders(log):
        try:
            for part in reversed([folder, *folder.parents]):
                if not part.exists():
                    part.mkdir(mode=0o700)  # private, each level made here
            if not _private(folder):
                continue
            write_text(folder / name, text)
        except OSError:
            continue
        return folder / name
    return None


def _extras(value: Any, record: SessionRecord) -> SessionRecord:
    from .exchange.importer import MAX_TEXT

    if not isinstance(value, dict):
        return record
    changes: dict[str, Any] = {}
    for field in _extra_fields():
        given = value.get(field.name)
        if isinstance(field.default, bool):
            ok = isinstance(given, bool)
        else:
            ok = given is None or (isinstance(given, str) and len(given) <= MAX_TEXT)
        if ok and field.name in value:
            changes[field.name] = given
    return replace(record, **changes)


def read(path: Path) -> list[SessionDetail]:
    """The sessions kept in ``path``; ``LogImportError`` or ``OSError`` if it can't be read."""
    from .exchange.importer import MAX_IMPORT_BYTES, parse_export

    try:
        data = read_json(path, MAX_IMPORT_BYTES)
    except Unreadable as error:
        if error.missing:
            raise FileNotFoundError(errno.ENOENT, error.reason, str(path)) from None
        raise LogImportError(f"not a kept session file: {error}") from None
    records = data.pop("records", {}) if isinstance(data, dict) else {}
    details = parse_export(data)
    extras = records if isinstance(records, dict) else {}
    return [replace(d, session=_extras(extras.get(d.session.uuid), d.session)) for d in details]


def pending(log: LogPlace) -> list[Path]:
    """The kept files waiting to be folded into the log at ``log``, oldest first."""
    found: list[Path] = []
    for folder in folders(log):
        with suppress(OSError):
            found += (p for p in folder.glob(f"{PREFIX}*.json") if _ours(p))
    return sorted(found, key=lambda p: p.name)


def merge(conn: sqlite3.Connection, detail: SessionDetail) -> bool:
    """Bring the log up to ``detail``: add it if missing; if the log's copy is older, update it
    and add the check-ins and entries it lacks (the recorder only ever appends them). Whether
    anything changed. The caller holds the transaction."""
    record = detail.session
    row = conn.execute(
        "SELECT id, updated_at, note FROM sessions WHERE uuid = ?", (record.uuid,)
    ).fetchone()
    if row is None:
        row_id = writes.insert_session(conn, record)
        writes.insert_check_ins(conn, row_id, detail.check_ins)
        writes.insert_entries(conn, row_id, detail.entries)
        return True
    row_id, updated, note = int(row[0]), from_text(str(row[1])), row[2]
    if record.updated_at <= updated:
        return False
    writes.update_session(conn, replace(record, note=record.note or note))
    have = _count(conn, "check_ins", row_id)
    writes.insert_check_ins(conn, row_id, detail.check_ins[have:])
    have = _count(conn, "entries", row_id)
    writes.insert_entries(conn, row_id, detail.entries[have:])
    return True


def _count(conn: sqlite3.Connection, table: str, session_id: int) -> int:
    row = conn.execute(f"SELECT count(*) FROM {table} WHERE session_id = ?", (session_id,))
    return int(row.fetchone()[0])


def fold(conn: sqlite3.Connection, log: LogPlace) -> tuple[int, list[Path], list[Path]]:
    """Fold every kept file into the open log, each in one transaction. Returns how many
    sessions came in or were brought up to date, the files folded (now removed), and the files
    that could not be read (left where they are)."""
    changed = 0
    folded: list[Path] = []
    unreadable: list[Path] = []
    for path in pending(log):
        try:
            details = read(path)
        except (OSError, LogImportError):
            unreadable.append(path)
            continue
        with db.transaction(conn):
            changed += sum(merge(conn, d) for d in details)
        folded.append(path)
        with suppress(OSError):
            path.unlink()
    return changed, folded, unreadable


def folded_notice(added: int, files: Iterable[Path]) -> str:
    """What the person hears when kept sessions reach the log."""
    sessions = "1 session" if added == 1 else f"{added} sessions"
    where = ", ".join(sorted({str(p.parent) for p in files}))
    verb = "is" if added == 1 else "are"
    return (
        f"{sessions} that couldn't be written to your log last time (kept in {where}) "
        f"{verb} now in it."
    )
