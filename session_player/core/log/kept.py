"""Kept answers: the words a person chose to carry from one session into the next.

They live in their own small SQLite file beside the practice log (``kept.sqlite3``), one row a
name: the latest answer wins. Reading a file that doesn't exist yet finds nothing and creates
nothing; only keeping an answer makes the file. Every failure is a ``LogUnavailable`` with a
short reason, never a traceback; nothing here leaves the machine except through the person's own
export.

JSON (in the log export, under ``"kept"``)::

    [{"name": "image_name", "text": "Willow", "script": "compassionate-image",
      "prompt": "What would you like to call your compassionate image?",
      "updated_at": "2024-05-01T08:00:00.000000Z"}]
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from ..script.text import IDENTIFIER
from . import db
from .errors import LogImportError, LogUnavailable, reason_for
from .times import WallClock, from_text, to_text, utc_now

KEPT_VERSION = 1
MAX_KEPT_TEXT = 20_000  # characters: a written answer, not a book
MAX_KEPT = 1000
_SCHEMA = """
CREATE TABLE IF NOT EXISTS kept (
    name TEXT PRIMARY KEY,
    text TEXT NOT NULL,
    script TEXT NOT NULL,
    prompt TEXT NOT NULL,
    updated_at TEXT NOT NULL
)
"""


@dataclass(frozen=True)
class KeptAnswer:
    """One kept answer: its name, the words, and where and when they were given."""

    name: str
    text: str
    script: str
    prompt: str
    updated_at: datetime


class KeptStore:
    """The kept answers file. Each call opens it briefly; the player never waits on it."""

    def __init__(
        self, path: Path, *, clock: WallClock = utc_now, connect: db.Connector = db.connect
    ):
        self.path = path
        self.clock = clock
        self._connect = connect

    @contextmanager
    def _open(self, *, create: bool) -> Iterator[sqlite3.Connection | None]:
        if not create and not self.path.exists():
            yield None
            return
        try:
            db.require_file(self.path)  # a folder, a FIFO or /dev/null is never opened
            if create:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            with closing(self._connect(self.path, db.BUSY_TIMEOUT)) as conn:
                db.configure(conn, db.BUSY_TIMEOUT)
                found = int(conn.execute("PRAGMA user_version").fetchone()[0])
                if found > KEPT_VERSION:
                    raise LogUnavailable("made by a newer version of session-player")
                if found < KEPT_VERSION and create:
                    with db.transaction(conn):
                        conn.execute(_SCHEMA)
                        conn.execute(f"PRAGMA user_version = {KEPT_VERSION}")
                elif found < KEPT_VERSION:
                    yield None  # an empty file made by someone else: nothing kept yet
                    return
                yield conn
        except (sqlite3.Error, OSError) as error:
            raise LogUnavailable(reason_for(error), str(error)) from error

    def answers(self) -> list[KeptAnswer]:
        """Everything kept, by name."""
        with self._open(create=False) as conn:
            if conn is None:
                return []
            rows = conn.execute(
                "SELECT name, text, script, prompt, updated_at FROM kept ORDER BY name"
            ).fetchall()
        return [KeptAnswer(r[0], r[1], r[2], r[3], from_text(r[4])) for r in rows]

    def values(self) -> dict[str, str]:
        """Each kept name and its words."""
        return {answer.name: answer.text for answer in self.answers()}

    def keep(self, name: str, text: str, *, script: str, prompt: str) -> None:
        """Keep ``text`` under ``name``, replacing what was kept there before."""
        _check_name(name)
        text = text[:MAX_KEPT_TEXT]
        with self._open(create=True) as conn:
            assert conn is not None
            with db.transaction(conn):
                conn.execute(
                    "INSERT INTO kept (name, text, script, prompt, updated_at) "
                    "VALUES (?, ?, ?, ?, ?) ON CONFLICT (name) DO UPDATE SET "
                    "text = excluded.text, script = excluded.script, "
                    "prompt = excluded.prompt, updated_at = excluded.updated_at",
                    (name, text, script, prompt, to_text(self.clock())),
                )

    def edit(self, name: str, text: str) -> bool:
        """Change the words kept under ``name``; False when nothing is kept there."""
        with self._open(create=False) as conn:
            if conn is None:
                return False
            with db.transaction(conn):
                changed = conn.execute(
                    "UPDATE kept SET text = ?, updated_at = ? WHERE name = ?",
                    (text[:MAX_KEPT_TEXT], to_text(self.clock()), name),
                ).rowcount
        return changed > 0

    def delete(self, name: str) -> bool:
        """Forget what is kept under ``name``; False when nothing was."""
        with self._open(create=False) as conn:
            if conn is None:
                return False
            with db.transaction(conn):
                gone = conn.execute("DELETE FROM kept WHERE name = ?", (name,)).rowcount
        return gone > 0

    def merge(self, answers: Iterable[KeptAnswer]) -> int:
        """Add imported answers; a name already kept keeps the newer words. Returns how many
        names changed."""
        items = list(answers)
        if not items:
            return 0
        changed = 0
        with self._open(create=True) as conn:
            assert conn is not None
            with db.transaction(conn):
                for a in items:
                    row = conn.execute(
                        "SELECT updated_at FROM kept WHERE name = ?", (a.name,)
                    ).fetchone()
                    if row is not None and from_text(row[0]) >= a.updated_at:
                        continue
                    conn.execute(
                        "INSERT OR REPLACE INTO kept (name, text, script, prompt, updated_at) "
                        "VALUES (?, ?, ?, ?, ?)",
                        (a.name, a.text, a.script, a.prompt, to_text(a.updated_at)),
                    )
                    changed += 1
        return changed


def _check_name(name: str) -> None:
    if not IDENTIFIER.match(name):
        raise ValueError(f"not a kept answer's name: {name!r}")


def to_json(answer: KeptAnswer) -> dict[str, Any]:
    """One kept answer as it appears in the JSON export."""
    return {
        "name": answer.name,
        "text": answer.text,
        "script": answer.script,
        "prompt": answer.prompt,
        "updated_at": to_text(answer.updated_at),
    }


def from_json(data: Any) -> list[KeptAnswer]:
    """Kept answers from an export's ``"kept"`` list; ``LogImportError`` names the first
    problem (``kept[2].name: ...``)."""
    if data is None:
        return []
    if not isinstance(data, list):
        raise LogImportError("kept: expected a list")
    if len(data) > MAX_KEPT:
        raise LogImportError(f"kept: more than {MAX_KEPT} kept answers")
    found: list[KeptAnswer] = []
    keys = {"name", "text", "script", "prompt", "updated_at"}
    for i, item in enumerate(data):
        where = f"kept[{i}]"
        if not isinstance(item, dict):
            raise LogImportError(f"{where}: expected an object")
        for key in sorted(set(item) ^ keys):
            raise LogImportError(f"{where}.{key}: {'unknown key' if key in item else 'missing'}")
        for key in ("name", "text", "script", "prompt", "updated_at"):
            if not isinstance(item[key], str):
                raise LogImportError(f"{where}.{key}: expected text")
        if not IDENTIFIER.match(item["name"]):
            raise LogImportError(f"{where}.name: not a kept answer's name")
        if len(item["text"]) > MAX_KEPT_TEXT:
            raise LogImportError(f"{where}.text: longer than {MAX_KEPT_TEXT} characters")
        try:
            at = from_text(item["updated_at"])
        except ValueError:
            raise LogImportError(f"{where}.updated_at: not a time") from None
        found.append(KeptAnswer(item["name"], item["text"], item["script"], item["prompt"], at))
    return found
