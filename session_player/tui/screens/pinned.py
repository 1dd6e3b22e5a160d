"""The library's way in for every day: today's session of a course begun, one key away.

A part of the library screen (a mixin), kept apart so the screen stays small. The course place
is read from the log off the UI thread once the first frame is drawn; the key (F5, and "Today:
<title>" in the palette) is offered only while there is a session for today.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import work
from textual.screen import Screen
from textual.widgets import Static

if TYPE_CHECKING:
    from ...core.library.card import Card
    from ...home.courses import CourseNow


class Pinned(Screen[None]):
    """Today's course session on the library: shown in a line, started with one key."""

    course: CourseNow | None = None

    @property
    def entries(self) -> list[Card]:
        """Every script found (the library's)."""
        raise NotImplementedError

    def play(self, entry: Card | None) -> None:
        """Play ``entry`` (the library's)."""
        raise NotImplementedError

    @property
    def today(self) -> Card | None:
        """Today's session of the course begun, if there is one and it can be found."""
        name = None if self.course is None else self.course.today
        return next((card for card in self.entries if card.ok and card.name == name), None)

    @work(thread=True, exclusive=True, group="course")
    def _course_place(self) -> None:
        """Where the person is in a course they have begun, from the log (read off the UI
        thread); nothing is shown before they begin, or when the log can't be read."""
        from ...home.courses import course_now

        titles = {card.name: card.title for card in self.entries if card.ok}
        now = course_now(titles)
        if now is not None:
            self.app.call_from_thread(self._show_course, now)

    def _show_course(self, now: CourseNow) -> None:
        self.course = now
        course = self.query_one("#course", Static)
        course.update(Text(now.line + (" F5 starts it." if self.today is not None else "")))
        course.display = True
        self.refresh_bindings()

    def action_today(self) -> None:
        """F5: play today's session of the course begun."""
        self.play(self.today)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Today's key is offered only while there is a session for today."""
        if action == "today":
            return self.today is not None
        return True
