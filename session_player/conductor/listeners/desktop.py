"""The desktop around a session (``desktop.Neighbour``): notifications held, the machine awake,
the end notification, hooks and the status line, told of the session's life here, so the TUI
and plain mode both get it."""

from __future__ import annotations

import contextlib
import sqlite3
from datetime import date
from pathlib import Path

from ...core.clock import is_preview
from ...core.library.timer import TIMER_NAME
from ...core.log.db import read_only_connect
from ...core.log.stats import stats
from ...core.session import events as ev
from ...core.session.engine import Session
from ...desktop.neighbour import Day, Neighbour, Sitting
from .stage import Stage

# Seconds between status writes, besides one at every step, pause and resume. The status line
# counts on from the moment written (``desktop.status.read_status``), so at real time a write
# only corrects a wall clock set meanwhile; a preview's clock runs apart from the wall's.
STATUS_EVERY = 60.0
PREVIEW_STATUS_EVERY = 10.0


def day_from_log(path: Path, streaks: bool) -> Day:
    """Today's minutes and the days in a row, read (never written) from the log at ``path``."""
    today = date.today()
    if not path.is_file():
        return Day(today, 0.0, 0, streaks)
    try:
        conn = read_only_connect(path, 1.0)
        try:
            found = stats(conn, today, days=1)
        finally:
            conn.close()
    except (sqlite3.Error, OSError):
        return Day(today, 0.0, 0, streaks)
    return Day(today, found.per_day.get(today, 0.0) / 60, found.current_streak, streaks)


class Desktop:
    """Tells the ``Neighbour`` when a session starts, pauses, moves on and ends."""

    def __init__(self, stage: Stage, neighbour: Neighbour) -> None:
        self.stage = stage
        self.neighbour = neighbour
        self._last = 0.0

    def begin(self, session: Session) -> None:
        """A session starts: hold what the settings ask for."""
        script = session.timeline.script
        self._last = self.stage.wall()
        self.neighbour.started(
            Sitting(
                title=script.title,
                practice=script.practice,
                planned=session.timeline.length,
                open_ended=session.timeline.open_ended,
                sit=script.name == TIMER_NAME,
                counts=not is_preview(self.stage.speed),
            )
        )

    def handle(self, event: ev.Event) -> None:
        """The status at each step, pause and resume; everything undone at the end."""
        session = self.stage.session
        if isinstance(event, ev.SessionEnded):
            self.neighbour.ended(event.practised, event.reason)
        elif session is not None and isinstance(event, ev.StepStarted | ev.Paused | ev.Resumed):
            self._progress(session, paused=isinstance(event, ev.Paused))

    def tick(self) -> None:
        """About once a second: the status kept fresh (every minute, or every few seconds for
        a preview at another speed)."""
        session = self.stage.session
        every = PREVIEW_STATUS_EVERY if is_preview(self.stage.speed) else STATUS_EVERY
        if session is not None and self.stage.wall() - self._last >= every:
            self._progress(session, paused=session.state == "paused")

    def _progress(self, session: Session, *, paused: bool) -> None:
        self._last = self.stage.wall()
        if session.ended is None:
            self.neighbour.progress(session.practised, paused)

    def close(self) -> None:
        """The app run ends: whatever is still held is let go."""
        with contextlib.suppress(Exception):
            self.neighbour.close()
