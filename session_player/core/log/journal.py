"""The journal: every text written in a session, newest first, searchable.

Search runs on the log's FTS5 index of entries (``entries_search``, kept in step by triggers,
see ``schema.py``). What a person types is never passed to FTS5 as query syntax: each word
becomes a quoted prefix term (``kind`` finds "kindness"), a phrase in double quotes a quoted
phrase, and all of them must match. The index stems words (porter), so a word is found in its
other forms too (``blame`` finds "blaming").
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from ..script.text import shown
from .times import from_text, local_time

_TERMS = re.compile(r'"([^"]*)"|(\S+)')


@dataclass(frozen=True)
class JournalEntry:
    """One text as the journal shows it: when, in which session, under which prompt."""

    session_id: int
    title: str
    started: datetime  # the session's start, in its local offset
    prompt: str
    text: str
    at: datetime  # when it was written, in the session's local offset


def match_query(words: str) -> str | None:
    """An FTS5 query for what the person typed (None when there is nothing to look for)."""
    terms = []
    # A NUL ends an FTS5 string early ("unterminated string"): it is never part of a word.
    for phrase, word in _TERMS.findall(words.replace("\x00", " ")):
        if phrase.strip():
            terms.append('"' + phrase.replace('"', "") + '"')
        elif word:
            terms.append('"' + word.replace('"', "") + '"*')
    return " ".join(terms) or None


def journal(
    conn: sqlite3.Connection, *, search: str | None = None, limit: int | None = None
) -> list[JournalEntry]:
    """Written texts newest first, those holding every word of ``search`` if given."""
    params: dict[str, Any] = {"limit": -1 if limit is None else limit}
    where = "e.text IS NOT NULL AND trim(e.text) != ''"
    query = match_query(search) if search else None
    if search and query is None:
        return []
    if query is not None:
        params["query"] = query
        where += " AND e.id IN (SELECT rowid FROM entries_search WHERE entries_search MATCH :query)"
    sql = (
        "SELECT e.session_id, s.title, s.started_at, s.utc_offset, e.prompt, e.text, e.at "
        f"FROM entries e JOIN sessions s ON s.id = e.session_id WHERE {where} "
        "ORDER BY e.at DESC, e.id DESC LIMIT :limit"
    )
    return [
        JournalEntry(
            int(sid),
            str(title),
            local_time(from_text(start), int(offset)),
            str(prompt),
            str(text),
            local_time(from_text(at), int(offset)),
        )
        for sid, title, start, offset, prompt, text, at in conn.execute(sql, params)
    ]


def render_text(entries: Iterable[JournalEntry]) -> str:
    """The journal for a terminal: a heading line per text, then the text, indented."""
    blocks = []
    for e in entries:
        head = f"{e.started:%Y-%m-%d %H:%M}  {shown(e.title)}"
        body = "\n".join(f"  {line}" for line in shown(e.text).splitlines())
        blocks.append(f"{head}\n  {shown(e.prompt)}\n\n{body}")
    return "\n\n".join(blocks)


def _md(text: str) -> str:
    """Markdown's own characters in a line of the person's text, escaped to stay literal."""
    return re.sub(r"([\\`*_{}\[\]<>#|~])", r"\\\1", text)


def render_markdown(entries: Iterable[JournalEntry]) -> str:
    """The journal as a Markdown document: a heading per text, the prompt in italics."""
    lines = ["# Journal", ""]
    for e in entries:
        lines += [f"## {e.started:%Y-%m-%d %H:%M} · {_md(shown(e.title))}", ""]
        lines += [f"*{_md(shown(e.prompt))}*", ""]
        lines += [_md(line) if line.strip() else "" for line in shown(e.text).splitlines()]
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"
