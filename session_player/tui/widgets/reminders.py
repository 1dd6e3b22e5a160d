"""Settings' reminders: the ones set, a time to add one at (every day), and Remove all. The
scheduler is asked in a thread worker; what it says comes back on the line above."""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label

from ...desktop.remind.manage import add_one, kept, remove_some, summary
from ...desktop.remind.reminder import ReminderError, make
from ...desktop.remind.scheduler import SchedulerError


class Reminders(Vertical):
    """The reminders' rows of the settings screen."""

    DEFAULT_CSS = """
    Reminders {
        height: auto;
    }
    """

    def compose(self) -> ComposeResult:
        """The list with Remove all, then the field that adds one."""
        with Horizontal(classes="row"):
            yield Label(summary(), classes="label", id="reminders", markup=False)
            yield Button("Remove all", id="reminders-off", disabled=not kept())
        with Horizontal(classes="row"):
            yield Label(
                "Add a daily reminder at (HH:MM; `session-player remind` also takes days and a "
                "session)",
                classes="label",
                markup=False,
            )
            yield Input(placeholder="07:30", id="reminder-at")

    @on(Input.Submitted, "#reminder-at")
    def _add(self, event: Input.Submitted) -> None:
        event.stop()
        try:
            reminder = make(event.value)
        except ReminderError as problem:
            self._told(str(problem).capitalize() + ".")
            return
        self._schedule(event.value.strip(), reminder)

    @work(thread=True, exclusive=True, group="reminders")
    def _schedule(self, typed: str, reminder: object) -> None:
        from ...desktop.remind.reminder import Reminder

        assert isinstance(reminder, Reminder)
        try:
            kind = add_one(reminder)
        except (SchedulerError, OSError) as problem:
            self.app.call_from_thread(self._told, f"The reminder was not set: {problem}")
            return
        self.app.call_from_thread(self._told, None, f"Set for {typed}, through {kind}.")

    @on(Button.Pressed, "#reminders-off")
    def _off(self, event: Button.Pressed) -> None:
        event.stop()
        self._remove()

    @work(thread=True, exclusive=True, group="reminders")
    def _remove(self) -> None:
        try:
            remove_some()
        except (SchedulerError, OSError) as problem:
            self.app.call_from_thread(self._told, f"The reminders could not be removed: {problem}")
            return
        self.app.call_from_thread(self._told, None)

    def _told(self, problem: str | None, done: str = "") -> None:
        if not self.is_attached:
            return  # Settings was closed while the scheduler was asked: nothing left to tell
        line = problem or (summary() + (f" {done}" if done else ""))
        self.query_one("#reminders", Label).update(line)
        self.query_one("#reminders-off", Button).disabled = not kept()
        if problem is None:
            self.query_one("#reminder-at", Input).value = ""
