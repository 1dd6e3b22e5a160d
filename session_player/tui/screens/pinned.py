"""The library's way in for every day: today's session of a course begun, one key away, and
the person's favourites and the sessions they played lately ("again") at the top of the list.

A part of the library screen (a mixin), kept apart so the screen stays small. The course place
and what was played lately are read from the log off the UI thread once the first frame is
drawn; today's key (F5, and "Today: <title>" in the palette) is offered only while there is a
session for today. ``*`` marks the highlighted session a favourite, or not, kept in
``favourites.toml`` (``home.favourites``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import work
from textual.screen import Screen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from .listing import pinned_line

if TYPE_CHECKING:
    from ...core.library.card import Card
    from ...home.courses import CourseNow

AGAIN = 5  # the sessions played lately, at the top
FAVOURITE_KEY = "*"


class FilterField(Input):
    """The library's filter: it types every key but ``*``, which marks a favourite (no title
    is looked for by it), so the key works while the filter has the focus."""

    def check_consume_key(self, key: str, character: str | None) -> bool:
        """Every printable key but ``*`` is typed."""
        return character != FAVOURITE_KEY and super().check_consume_key(key, character)


class Pinned(Screen[None]):
    """Today's course session, the favourites and "again" on the library."""

    course: CourseNow | None = None
    favourites: list[str]
    again: list[str] = []  # noqa: RUF012 (replaced whole, never changed in place)

    @property
    def entries(self) -> list[Card]:
        """Every script found (the library's)."""
        raise NotImplementedError

    @property
    def highlighted(self) -> Card | None:
        """The entry under the cursor (the library's)."""
        raise NotImplementedError

    def play(self, entry: Card | None) -> None:
        """Play ``entry`` (the library's)."""
        raise NotImplementedError

    def refill(self, query: str) -> None:
        """List the entries matching ``query`` again (the library's)."""
        raise NotImplementedError

    def _heading(self, label: str) -> Option:
        raise NotImplementedError

    @property
    def today(self) -> Card | None:
        """Today's session of the course begun, if there is one and it can be found."""
        name = None if self.course is None else self.course.today
        return next((card for card in self.entries if card.ok and card.name == name), None)

    def pinned_rows(self, query: str) -> list[Option]:
        """The favourites and the sessions played lately, each under its heading, for the top
        of the whole list (a filter lists each session once, in its group)."""
        if query.strip():
            return []
        where = {card.name: i for i, card in enumerate(self.entries) if card.ok}
        made: dict[int | str, Option] = self._lines  # type: ignore[attr-defined]
        rows: list[Option] = []
        for label, prefix, names in (
            ("FAVOURITES", "f", self.favourites),
            ("AGAIN", "a", self.again),
        ):
            found = [where[name] for name in names if name in where]
            if found:
                rows.append(self._heading(label))
                rows += [pinned_line(made, self.entries, f"{prefix}{i}") for i in found]
        return rows

    @work(thread=True, exclusive=True, group="course")
    def _course_place(self) -> None:
        """Where the person is in a course they have begun, and what they played lately, from
        the log (read off the UI thread); nothing is shown when the log can't be read."""
        from ...core.log.errors import LogUnavailable
        from ...core.log.progress import played_lately
        from ...home import paths
        from ...home.courses import course_now

        titles = {card.name: card.title for card in self.entries if card.ok}
        now = course_now(titles)
        if now is not None:
            self.app.call_from_thread(self._show_course, now)
        try:
            lately = played_lately(paths.log_place(), AGAIN)
        except LogUnavailable:
            return
        if lately:
            self.app.call_from_thread(self._show_again, lately)

    def _show_course(self, now: CourseNow) -> None:
        self.course = now
        course = self.query_one("#course", Static)
        course.update(Text(now.line + (" F5 starts it." if self.today is not None else "")))
        course.display = True
        self.refresh_bindings()

    def _show_again(self, names: list[str]) -> None:
        self.again = names
        self._list_again()

    def _list_again(self) -> None:
        """List the whole library again, the cursor staying on its session."""
        sessions = self.query_one("#sessions", OptionList)
        was = self.highlighted
        self.refill(self.query_one("#filter", Input).value)
        for index in range(sessions.option_count):
            option = sessions.get_option_at_index(index)
            if was is not None and option.id == str(self.entries.index(was)):
                sessions.highlighted = index

    def action_today(self) -> None:
        """F5: play today's session of the course begun."""
        self.play(self.today)

    def action_favourite(self) -> None:
        """``*``: the highlighted session a favourite (at the top of the library), or not."""
        from ...home.favourites import toggle_favourite

        entry = self.highlighted
        if entry is None or not entry.ok:
            return
        marked, notice = toggle_favourite(entry.name)
        names = [name for name in self.favourites if name != entry.name]
        self.favourites = [*names, entry.name] if marked else names
        words = "a favourite now, at the top" if marked else "no longer a favourite"
        self.notify(notice or f"{entry.title}: {words}.", markup=False, timeout=3)
        self._list_again()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Today's key is offered only while there is a session for today."""
        if action == "today":
            return self.today is not None
        return True
