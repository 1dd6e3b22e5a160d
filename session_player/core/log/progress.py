"""What a course needs from the log: which sessions have been practised to the end.

Read only (``open_for_reading``): no log yet simply means nothing practised. Previews
(``--speed``) are not practice and don't count.
"""

from __future__ import annotations

import sqlite3

from .errors import LogUnavailable, reason_for
from .place import LogPlace
from .reading import open_for_reading

_FINISHED = "SELECT DISTINCT script_name FROM sessions WHERE outcome = 'completed'"


def practised_scripts(log: LogPlace) -> set[str]:
    """The names of the scripts finished at least once in the log at ``log``
    (``LogUnavailable`` when it can't be read)."""
    store = open_for_reading(log)
    if store is None:
        return set()
    try:
        try:
            rows = store.conn.execute(_FINISHED + " AND preview = 0").fetchall()
        except sqlite3.OperationalError:  # a log from before previews were marked
            rows = store.conn.execute(_FINISHED).fetchall()
    except sqlite3.Error as error:
        raise LogUnavailable(reason_for(error), str(error)) from error
    finally:
        store.close()
    return {str(row[0]) for row in rows}
