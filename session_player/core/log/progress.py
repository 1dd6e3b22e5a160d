"""What a course needs from the log: which sessions have been practised, oldest first.

Read only (``open_for_reading``): no log yet simply means nothing practised. Previews
(``--speed``) are not practice and don't count, and neither is a session skipped through: one
that reached its end by skipping on, with less than half its planned time practised
(``docs/log.md``; the rule is ``records.skipped_through``).
"""

from __future__ import annotations

import sqlite3

from .errors import LogUnavailable, reason_for
from .place import LogPlace
from .reading import open_for_reading
from .records import MOSTLY

_FINISHED = (
    "SELECT script_name FROM sessions WHERE outcome = 'completed'"
    " AND (skips = 0 OR planned_seconds <= 0 OR practised_seconds >= ? * planned_seconds)"
)
_ORDER = " ORDER BY started_at, id"


def practised_scripts(log: LogPlace) -> list[str]:
    """The names of the scripts practised to their end in the log at ``log``, once for each
    time, oldest first (``LogUnavailable`` when it can't be read)."""
    store = open_for_reading(log)
    if store is None:
        return []
    try:
        try:
            query = _FINISHED + " AND preview = 0" + _ORDER
            rows = store.conn.execute(query, (MOSTLY,)).fetchall()
        except sqlite3.OperationalError:  # a log from before previews were marked
            rows = store.conn.execute(_FINISHED + _ORDER, (MOSTLY,)).fetchall()
    except sqlite3.Error as error:
        raise LogUnavailable(reason_for(error), str(error)) from error
    finally:
        store.close()
    return [str(row[0]) for row in rows]


_LATELY = (
    "SELECT script_name FROM sessions WHERE preview = 0 AND origin = 'played' "
    "GROUP BY script_name ORDER BY max(started_at) DESC LIMIT ?"
)


def played_lately(log: LogPlace, most: int = 5) -> list[str]:
    """The names of the last ``most`` scripts played (each once, the latest first; previews
    and sessions added by hand or imported left out), for the library's "again"
    (``LogUnavailable`` when the log can't be read)."""
    store = open_for_reading(log)
    if store is None:
        return []
    try:
        rows = store.conn.execute(_LATELY, (most,)).fetchall()
    except sqlite3.Error as error:
        raise LogUnavailable(reason_for(error), str(error)) from error
    finally:
        store.close()
    return [str(row[0]) for row in rows]
