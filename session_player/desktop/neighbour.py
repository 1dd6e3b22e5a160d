"""A good neighbour on the desktop: what happens around a session, off the session's thread.

One ``Neighbour`` serves an app run. At its start it puts back what a killed run left changed;
as a session starts it holds notifications (the state to restore written first), keeps the
machine awake, runs the ``on_start`` hook and writes the status file; as it ends it undoes all
that, shows the end notification and runs ``on_end``. Everything runs in order on one worker
thread, so no call blocks the session; every failure is a notice, at most once.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from ..home import system
from ..home.settings import Settings
from .awake import Awake
from .bus import Bus
from .held import Held, left_behind
from .hooks import HookFacts, run_hook
from .notify import end_words, notify_end, terminal_bell
from .quiet import Quieter, quieter_named, quieters
from .status import NAME as STATUS_NAME
from .status import session_part, write_status


def cannot_hold_notifications() -> str | None:
    """Why this platform can't hold notifications (said in Settings), or None where it can."""
    platform = system.current()
    if platform == "macos":
        return "macOS lets no app turn on Focus or Do Not Disturb: notifications are not held."
    if platform == "windows":
        return "Windows lets no app turn on Do Not Disturb: notifications are not held."
    return None


@dataclass(frozen=True)
class Sitting:
    """What the desktop is told of a session as it starts."""

    title: str
    practice: str
    planned: float
    open_ended: bool
    sit: bool  # a timer's sit, not a guided session
    counts: bool = True  # practice, not a preview: its time counts in today's minutes


@dataclass(frozen=True)
class Day:
    """Today's practice so far, for the status line between sessions."""

    on: date
    minutes: float
    streak: int
    streaks: bool


class Neighbour:
    """The desktop's side of one app run (one session after another)."""

    def __init__(
        self,
        settings: Settings,
        folder: Path,
        *,
        note: Callable[[str], None],
        bus: Bus | None = None,
        sound: bool = True,
        wall: Callable[[], float] = time.time,
        bell: Callable[[], bool] = terminal_bell,
        day: Callable[[], Day] | None = None,
    ) -> None:
        self.settings = settings
        self.folder = folder
        self.note = note
        self.bus = bus or Bus()
        self.sound = sound
        self.wall = wall
        self.bell = bell
        self.day_source = day
        self.held = Held(folder)
        self.awake = Awake(self.bus)
        self.quieted: list[Quieter] = []
        self.sitting: Sitting | None = None
        self.day: Day | None = None
        self.told = ""  # how the last end was told: "bus", "osascript", "toast", "bell" or "none"
        self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="desktop")
        self._hooks = ThreadPoolExecutor(max_workers=1, thread_name_prefix="hooks")
        self._submit(self._restore_left)

    @property
    def status_path(self) -> Path:
        """The status line's file."""
        return self.folder / STATUS_NAME

    def _submit(self, work: Callable[[], None]) -> None:
        def safely() -> None:
            try:
                work()
            except Exception as problem:  # the desktop must never break a session
                self.note(f"The desktop could not be told of this session: {problem}")

        with contextlib.suppress(RuntimeError):  # after close: nothing more to do
            self._worker.submit(safely)

    def _restore_left(self) -> None:
        for path, saved in left_behind(self.folder):
            for name, state in saved.items():
                quieter = quieter_named(name, self.bus)
                if quieter is not None:
                    quieter.restore(state)
            with contextlib.suppress(OSError):
                path.unlink()
        if self.day_source is not None:
            self.day = self.day_source()

    # -- a session's life -----------------------------------------------------------------

    def started(self, sitting: Sitting) -> None:
        """A session starts (returns at once)."""
        self.sitting = sitting
        self._submit(lambda: self._start(sitting))

    def _start(self, sitting: Sitting) -> None:
        if self.settings.quiet_notifications and cannot_hold_notifications() is None:
            self._quiet()
        if self.settings.keep_awake:
            notice = self.awake.hold()
            if notice:
                self.note(notice)
        facts = HookFacts("start", sitting.title, sitting.practice, round(sitting.planned / 60, 1))
        self._hook("on_start", self.settings.on_start, facts)
        self._write(practised=0.0, paused=False)

    def _quiet(self) -> None:
        for quieter in quieters(self.bus):
            state = quieter.read()
            if state is None:
                continue
            try:
                self.held.record(quieter.name, state)  # before anything changes
            except OSError as problem:
                self.note(f"Notifications were not held: {problem.strerror or problem}.")
                return
            if quieter.quiet():
                self.quieted.append(quieter)
            else:
                self.held.forget(quieter.name)
            return  # one server shows notifications: the first found is it

    def progress(self, practised: float, paused: bool) -> None:
        """The session's time so far, for the status line (returns at once)."""
        self._submit(lambda: self._write(practised=practised, paused=paused))

    def ended(self, practised: float, reason: str) -> None:
        """The session ended (returns at once)."""
        sitting, self.sitting = self.sitting, None
        if sitting is not None:
            self._submit(lambda: self._end(sitting, practised, reason))

    def _end(self, sitting: Sitting, practised: float, reason: str) -> None:
        self._undo()
        if self.day is not None and sitting.counts:
            self.day = Day(
                self.day.on, self.day.minutes + practised / 60, self.day.streak, self.day.streaks
            )
        self._write_between()
        wanted = self.settings.end_notice
        if wanted == "always" or (wanted == "sits" and sitting.sit):
            summary, body = end_words(sitting.title, practised, reason, sitting.sit)
            self.told = notify_end(self.bus, summary, body, sound=self.sound, bell=self.bell)
        facts = HookFacts("end", sitting.title, sitting.practice, round(practised / 60, 1), reason)
        self._hook("on_end", self.settings.on_end, facts)

    def _undo(self) -> None:
        while self.quieted:
            quieter = self.quieted.pop()
            quieter.restore(self.held.saved.get(quieter.name))
            self.held.forget(quieter.name)
        self.awake.release()

    def _hook(self, name: str, command: str, facts: HookFacts) -> None:
        if not command.strip():
            return

        def hook() -> None:
            notice = run_hook(name, command, facts)
            if notice:
                self.note(notice)

        with contextlib.suppress(RuntimeError):
            self._hooks.submit(hook)

    # -- the status file ------------------------------------------------------------------

    def _write(self, *, practised: float, paused: bool) -> None:
        sitting = self.sitting
        if sitting is None:
            return
        part = session_part(
            title=sitting.title, practice=sitting.practice, planned=sitting.planned,
            open_ended=sitting.open_ended, practised=practised, paused=paused,
            written=self.wall(),
        )  # fmt: skip
        self._status({"session": part, "day": self._day_part()})

    def _write_between(self) -> None:
        self._status({"session": None, "day": self._day_part()})

    def _day_part(self) -> dict[str, Any] | None:
        day = self.day
        if day is None:
            return None
        return {
            "date": day.on.isoformat(), "minutes": round(day.minutes, 1),
            "streak": day.streak, "streaks": day.streaks,
        }  # fmt: skip

    def _status(self, document: dict[str, Any]) -> None:
        try:
            write_status(self.status_path, document)
        except OSError as problem:
            self.note(f"The status line's file could not be written: {problem}")

    def settled(self, timeout: float = 30.0) -> None:
        """Wait until everything asked so far has been done (hooks aside)."""
        with contextlib.suppress(RuntimeError):
            self._worker.submit(lambda: None).result(timeout)

    def close(self) -> None:
        """The app run ends: anything still held is put back, and the status cleared."""
        self._submit(self._undo)
        self._submit(self._write_between)
        self._worker.shutdown(wait=True)
        self._hooks.shutdown(wait=True)
        self.bus.close()
