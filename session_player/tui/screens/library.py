"""The library: every session, grouped by practice, filtered as you type.

The person's own scripts sit beside the bundled ones with a marker. A script that fails the
checker is listed with its first error, so one broken file never hides the others.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.command import Provider
from textual.containers import Horizontal
from textual.events import ScreenResume
from textual.timer import Timer
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from ...core.care import HARD_MOMENT, HARD_MOMENT_TITLE
from ...core.library.card import Card
from ...core.library.catalog import cards, cards_at_once
from ...core.library.timer import TimerChoice
from ...home import paths
from ...home.favourites import load_favourites
from ...home.timers import Timers, load_timers
from ..commands import LibraryCommands
from ..first_frame import DrawnOnce, after_first_frame
from ..help_key import HELP_KEY
from ..messages import Play, PlayNow, StartTimer, WarmVoice
from ..resting import RestingCursor
from ..watch import KeepsUp, located
from ..widgets.footer import KeyFooter
from .listing import (
    NOTHING,
    TIMER,
    TIMER_WORDS,
    details,
    entry_index,
    first_playable,
    grouped,
    made_line,
    matching,
    session_line,
    timer_details,
    timer_prompt,
    words_of,
)
from .pinned import FilterField, Pinned

if TYPE_CHECKING:  # entries load with a script's check, not with the library
    from ...core.library.scripts import Source

# A long list is shown a part at a time: the first rows with the frame (more than any terminal
# is tall), the rest added between frames, so neither the first frame nor a keystroke in the
# filter waits for thousands of rows to be laid out.
FIRST_ROWS = 150
MORE_ROWS = 250
FILL_DELAY = 0.15  # seconds after the last keystroke before the rest is added
ListRow = (
    int | Option
)  # a session by the index of its entry (its line is made when shown), or a line


class LibraryScreen(Pinned, KeepsUp, RestingCursor, DrawnOnce):
    """Choose a session. Typing filters; Enter plays; Ctrl+P opens the command palette."""

    CSS_PATH = "library.tcss"  # read with the app's when the library opens first (the app's)
    COMMANDS: ClassVar[set[type[Provider] | Callable[[], type[Provider]]]] = {LibraryCommands}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down", "move(1)", "Down", show=False),
        Binding("up", "move(-1)", "Up", show=False),
        # A hard moment comes first: a narrow footer cuts from the right, and it must show.
        Binding("f4", "hard_moment", "Hard moment"),
        Binding("escape", "clear", "Clear", show=False),  # in the help: the footer keeps Edit
        Binding("f2", "app.settings", "Settings"),
        Binding("f3", "app.history", "History"),
        Binding("f5", "today", "Today"),  # offered once a course is begun (``Pinned``)
        # In the palette and help; the footer keeps its room for Quit and Edit at 80 columns.
        Binding("ctrl+s", "save_audio", "Save as audio…", show=False),
        # * marks the highlighted session a favourite (nobody filters by it): in the help.
        Binding("asterisk", "favourite", "Favourite (or not)", show=False, priority=True),
        # The folders are watched, so reloading is rarely needed: in the help, not the footer.
        Binding("ctrl+r", "reload", "Reload", show=False),
        Binding("ctrl+q", "app.quit", "Quit", priority=True),  # shown here; q types
        # After Quit (a narrow footer cuts from the right); e types in the filter, edits the list.
        Binding("f6", "edit", "Edit"),
        Binding("ctrl+e,e", "edit", "Edit", show=False),
        HELP_KEY,
    ]

    def __init__(self, folders: list[tuple[Path, Source]]) -> None:
        super().__init__()
        self.folders = folders
        self.timers, self.timer_notices = load_timers()
        self.favourites, notices = load_favourites()
        self.timer_notices += notices
        self._detailed: Card | str | None = None  # whose details the side panel shows
        self._pending: list[ListRow] = []  # rows still to be added to the list
        self._filling = 0  # which filling of the list the pending rows belong to
        self._fill_timer: Timer | None = None
        # After an upgrade, the cards kept by the last version show at once and are checked
        # again in the background (``catalog.cards_at_once``).
        self.entries, self._complete = cards_at_once(folders, paths.library_cache_path())

    @property
    def entries(self) -> list[Card]:
        """Every script found, in the order of the cards."""
        return self._entries

    @entries.setter
    def entries(self, found: list[Card]) -> None:
        self._entries = found
        self._words = [words_of(entry) for entry in found]  # what the filter looks at
        self._matched: tuple[str, list[int]] = ("", list(range(len(found))))  # the last filter
        # Each line is made when first shown and kept (with what Textual makes of it).
        self._lines: dict[int | str, Option] = {}

    def compose(self) -> ComposeResult:
        """The filter on top, the list and the highlighted session's details below.

        The list and the details are filled here, so the first frame shows them.
        """
        rows = self.rows_for("")
        options = self.options(rows[:FIRST_ROWS])
        self._pending = rows[FIRST_ROWS:]
        first = first_playable(options)
        self._detailed = None if first is None else options[first].id
        yield Static("Sessions", id="title")
        yield Static("", id="course", markup=False)  # a course begun: where the person is
        yield FilterField(placeholder="Type to filter, Enter to play", id="filter")
        with Horizontal(id="body"):
            sessions = OptionList(*options, id="sessions")
            sessions.highlighted = first
            yield sessions
            yield Static(self.details_of(self._detailed), id="details", markup=False)
        yield KeyFooter(at_once=True)

    def on_mount(self) -> None:
        """The focus on the filter (the list starts on its first playable session); once the
        first frame is drawn, start watching the folders and read the course place."""
        self.query_one("#filter", Input).focus()
        after_first_frame(self.app, self.start_watching)  # its first look stats every file
        after_first_frame(self.app, self._course_place)  # its thread's work waits for the frame
        if not self._complete:
            after_first_frame(self.app, self.check_cards)
        for notice in self.timer_notices:
            self.notify(notice, markup=False, timeout=6)
        self._fill_soon()

    @on(ScreenResume)
    def _in_front(self) -> None:
        """In front (first shown, or back after a session): have the voice loaded ahead, and
        the highlighted session's first line made."""
        self._voice_ahead()

    def _voice_ahead(self) -> None:
        card = self.highlighted if self.is_mounted else None
        self.post_message(WarmVoice(card.path if card is not None else None))

    def _fill_soon(self) -> None:
        """Add the rest of a long list once typing has paused (each keystroke puts it off), so
        a keystroke never waits behind a part of the list being added."""
        if self._fill_timer is not None:
            self._fill_timer.stop()
            self._fill_timer = None
        if not self._pending:
            return
        filling = self._filling
        if FILL_DELAY:
            self._fill_timer = self.set_timer(FILL_DELAY, lambda: self._add_more(filling))
        else:
            self.call_after_refresh(self._add_more, filling)

    def _add_more(self, filling: int) -> None:
        """Add the next part of a long list, unless the filter has changed it since."""
        if filling != self._filling or not self._pending:
            return
        more, self._pending = self._pending[:MORE_ROWS], self._pending[MORE_ROWS:]
        self.query_one("#sessions", OptionList).add_options(self.options(more))
        if self._pending:
            self.call_after_refresh(self._add_more, filling)

    def rows_for(self, query: str) -> list[ListRow]:
        """The timer's lines and the entries matching ``query``, grouped by practice, each
        group under its label."""
        rows: list[ListRow] = []
        timers = [
            (option_id, name, choice)
            for option_id, name, choice in self.timer_lines()
            if all(w in f"{TIMER_WORDS} {name or ''}".lower() for w in query.lower().split())
        ]
        if timers:
            rows.append(self._heading("TIMER"))
            rows += [Option(timer_prompt(n, c), id=i) for i, n, c in timers]
        rows += self.pinned_rows(query)
        # Typing on narrows what the last filter found: only those need looking at again.
        last, found = self._matched
        among = found if query.lower().startswith(last) else None
        chosen = matching(self._words, query, among)
        self._matched = (query.lower(), chosen)
        index = {id(self.entries[i]): i for i in chosen}
        for label, entries in grouped(self.entries[i] for i in chosen):
            rows.append(self._heading(label.upper()))
            rows += [index[id(entry)] for entry in entries]
        return rows

    def _heading(self, label: str) -> Option:
        return made_line(
            self._lines, label, lambda: Option(Text(label, style="bold"), disabled=True)
        )

    def options(self, rows: Sequence[ListRow]) -> list[Option]:
        """The list's lines for ``rows`` (a session's id is the index of its entry)."""
        made, entries = self._lines, self.entries
        return [r if isinstance(r, Option) else session_line(made, entries, r) for r in rows]

    def timer_lines(self) -> list[tuple[str, str | None, TimerChoice]]:
        """The timer's lines: its own (with the last choice) and one per preset."""
        lines: list[tuple[str, str | None, TimerChoice]] = [(TIMER, None, self.timers.last)]
        for n, (name, choice) in enumerate(self.timers.presets.items()):
            lines.append((f"{TIMER}{n}", name, choice))
        return lines

    def details_of(self, option_id: str | None) -> Text | str:
        """The side panel for an option (a session or a timer line)."""
        if option_id is None:
            return NOTHING
        for line_id, name, choice in self.timer_lines():
            if line_id == option_id:
                return timer_details(name, choice)
        return details(self.entries[entry_index(option_id)])

    def set_timers(self, timers: Timers) -> None:
        """The timer's choices changed (a preset was saved): list them afresh."""
        self.timers = timers
        self.refill(self.query_one("#filter", Input).value)

    def refill(self, query: str) -> None:
        """Show the entries matching ``query``, grouped by practice."""
        rows = self.rows_for(query)
        options = self.options(rows[:FIRST_ROWS])
        sessions = self.query_one("#sessions", OptionList)
        self._filling += 1
        self._pending = rows[FIRST_ROWS:]
        sessions.set_options(options)
        self._fill_soon()
        sessions.highlighted = first_playable(options)
        if sessions.highlighted is None:
            self._detailed = None
            self.query_one("#details", Static).update(NOTHING)

    @property
    def highlighted_id(self) -> str | None:
        """The id of the option under the cursor, if any."""
        option = self.query_one("#sessions", OptionList).highlighted_option
        return None if option is None else option.id

    @property
    def highlighted(self) -> Card | None:
        """The entry under the cursor, if any (None on a timer line)."""
        option_id = self.highlighted_id
        if option_id is None or option_id.startswith(TIMER):
            return None
        return self.entries[entry_index(option_id)]

    def action_move(self, step: int) -> None:
        """Move the cursor while the filter keeps the focus."""
        sessions = self.query_one("#sessions", OptionList)
        if step > 0:
            sessions.action_cursor_down()
        else:
            sessions.action_cursor_up()

    def action_hard_moment(self) -> None:
        """F4: a short practice for a hard moment, at once, with nothing asked first."""
        self.post_message(PlayNow(HARD_MOMENT, HARD_MOMENT_TITLE))

    def action_edit(self) -> None:
        """Edit the highlighted script (a bundled one once the person has their own copy)."""
        if self.highlighted is not None:
            from .editor_ask import offer_to_edit

            offer_to_edit(self, self.highlighted)

    def action_save_audio(self) -> None:
        """Save the highlighted session as an audio file, the file name asked first."""
        if self.highlighted is not None:
            from .save_audio import offer_to_save

            offer_to_save(self, self.highlighted)

    def action_clear(self) -> None:
        """Empty the filter."""
        self.query_one("#filter", Input).value = ""

    def renew(self, found: list[Card]) -> None:
        """The folders changed: list what is there now, the cursor staying on its session
        and the details shown afresh."""
        was = self.highlighted
        self.entries = found
        self.refill(self.query_one("#filter", Input).value)
        sessions = self.query_one("#sessions", OptionList)
        path = None if was is None else was.path
        for index in range(sessions.option_count):
            option_id = sessions.get_option_at_index(index).id or TIMER
            if not option_id.startswith(TIMER) and found[entry_index(option_id)].path == path:
                sessions.highlighted = index
        self._detailed = self.highlighted_id
        self.query_one("#details", Static).update(self.details_of(self._detailed))

    def action_reload(self) -> None:
        """Look for scripts again (after editing one of your own)."""
        self.entries = cards(self.folders, paths.library_cache_path())
        self.refill(self.query_one("#filter", Input).value)
        self.notify(f"{len(self.entries)} sessions found.", timeout=2)

    def play(self, entry: Card | None) -> None:
        """Ask the app to play ``entry``; a broken script explains itself instead."""
        if entry is None:
            return
        if not entry.ok:
            fresh = self.recheck(entry)  # fixed since the last look? then it plays now
            if fresh.ok:
                self.post_message(Play(fresh))
                return
            self.notify(
                located(fresh.errors[:5]),
                title=f"{entry.name} can't be played yet",
                severity="warning",
                markup=False,
            )
            return
        self.post_message(Play(entry))

    @on(Input.Changed, "#filter")
    def _filtered(self, event: Input.Changed) -> None:
        self.refill(event.value)

    def choose(self) -> None:
        """Enter: play the session, open the timer's choices, or start a preset."""
        option_id = self.highlighted_id
        if option_id == TIMER:
            self.post_message(StartTimer())
        elif option_id is not None and option_id.startswith(TIMER):
            self.post_message(StartTimer(self.timer_lines()[int(option_id[1:]) + 1][2]))
        else:
            self.play(self.highlighted)

    @on(Input.Submitted, "#filter")
    def _submitted(self) -> None:
        self.choose()

    @on(OptionList.OptionSelected, "#sessions")
    def _selected(self) -> None:
        self.choose()

    @on(OptionList.OptionHighlighted, "#sessions")
    def _highlighted(self) -> None:
        option_id = self.highlighted_id
        if option_id is not None and option_id != self._detailed:  # the first is composed shown
            self._detailed = option_id
            self.query_one("#details", Static).update(self.details_of(option_id))
            self._voice_ahead()
