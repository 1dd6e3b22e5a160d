"""The script editor: the script as text, checked and laid out as you pause typing.

The real checker runs in a worker process a moment after the last keystroke (``CHECK_DELAY``;
``tui/checking.py``), so a long script's check never holds up the keys. Its problems are listed
with line and column (Enter on one jumps there, F2 applies its "did you mean"), and the schedule
as it will be heard sits beside the text (below it on a narrow terminal), the cue of the step
under the cursor highlighted. F5 plays from that step at the speed F8 chooses, logging nothing,
and comes back here; Ctrl+S saves the whole file.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Container, Vertical
from textual.screen import Screen
from textual.widgets import OptionList, Static, TextArea
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from ...conductor.protocol import Conducting
from ...core.bundled import bundled_sounds
from ...core.clock import Clock, ScaledClock
from ...core.errors import ScriptError
from ...core.files import write_text
from ...core.script.editing import completions, fix_for, step_at
from ...core.script.loader import load_text
from ...core.script.model import Script
from ...core.session.schedule import clock as offset
from ...home.settings import Settings
from ..alarm import Alarm
from ..checking import Checked, CheckerProcess
from ..help_key import HELP_KEY
from ..widgets.completion import CompletionMenu
from ..widgets.footer import KeyFooter
from ..widgets.script_area import ScriptArea
from .editor_ask import LeaveScreen

SPEEDS = (1.0, 2.0, 4.0, 10.0)
NARROW = 100  # columns: below this the schedule goes under the text


def from_step(text: str, path: Path, first: int) -> Script | list[ScriptError]:
    """The script in ``text`` from its step ``first`` on (numbered from 1 again), or its
    problems. The text as it is now, typed since the last check perhaps: the checker's process
    sends back only what the screen shows, not the script."""
    script = load_text(text, file=path.name, folder=path.parent, name=path.stem)
    if isinstance(script, list):
        return script
    first = min(first, len(script.steps))
    steps = script.steps[first - 1 :]
    return replace(script, steps=tuple(replace(step, number=n) for n, step in enumerate(steps, 1)))


class EditorScreen(Screen[None]):
    """Edit one of the person's scripts; see the module's docstring."""

    CSS_PATH = "editor.tcss"
    CHECK_DELAY = 0.4  # seconds of quiet before a check (0: at the next frame, for tests)
    PURPOSE = (
        "Your script as text, checked as you pause typing. Problems show with their line and "
        "column, and the schedule beside it shows when each cue will come."
    )
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", priority=True),
        Binding("f5", "play", "Play from here"),
        Binding("f8", "speed", "Speed"),  # the text's own F6 and F7 select a line, and all
        Binding("f2", "fix", "Fix"),
        # Ctrl+Space reaches Textual as ctrl+@ (a NUL) from most terminals; as itself from a few.
        Binding("ctrl+space,ctrl+@", "complete", "Complete", key_display="^Space"),
        Binding("escape", "leave", "Back"),
        HELP_KEY,
    ]

    def __init__(
        self,
        path: Path,
        text: str,
        *,
        settings: Settings,
        clock: Clock,
        conductor: Callable[[float], Conducting],
    ) -> None:
        """``text`` is the file's as read; ``conductor`` makes one for a try at a speed."""
        super().__init__()
        self.path = path
        self.saved = text
        self.settings, self.clock, self.conductor = settings, clock, conductor
        self.checked: Checked | None = None
        self._good: Checked | None = None  # the last check that passed: its schedule is shown
        self._followed: tuple[int, Checked | None] = (0, None)  # the step its cue is lit for
        self.speed = SPEEDS[0]
        self._generation = 0
        self._pause = Alarm(self, self.check_if_paused)  # one wake for a burst of keys
        self._changed_at: float | None = None  # the last change not yet checked
        self._checker = CheckerProcess()  # its process starts with the first check
        self._status_line = ""
        # Chimes to complete: the bundled ones and the person's own WAVs beside the script.
        own = sorted(p.name for p in path.parent.glob("*.wav")) if path.parent.is_dir() else []
        self._sounds = (*bundled_sounds(), *own)

    def compose(self) -> ComposeResult:
        """The status line, the text, and beside it the problems and the schedule."""
        yield Static("", id="status", markup=False)
        with Container(id="body"):
            source = ScriptArea(
                self.saved,
                show_line_numbers=True,
                tab_behavior="focus",
                id="source",
            )
            source.cursor_blink = not self.settings.reduced_motion
            yield source
            with Vertical(id="side"):
                yield OptionList(id="problems")
                yield OptionList(id="schedule")
        yield KeyFooter()
        yield CompletionMenu(
            lambda text, row, column: completions(text, row, column, self._sounds),
            id="completion",
        )

    def on_mount(self) -> None:
        """The text has the focus; the first check starts at once."""
        self.query_one("#problems").border_title = "Problems"
        self.query_one("#schedule").border_title = "Schedule"
        self.query_one("#source", TextArea).focus()
        self._status()
        self.check_now()

    def on_resize(self) -> None:
        """A narrow terminal puts the problems and the schedule under the text."""
        self.query_one("#body").set_class(self.size.width < NARROW, "-narrow")

    @property
    def text(self) -> str:
        """The text as it is now."""
        return self.query_one("#source", TextArea).text

    @property
    def dirty(self) -> bool:
        """Whether the text differs from the file as last saved."""
        return self.text != self.saved

    @on(TextArea.Changed, "#source")
    def _changed(self) -> None:
        self._status()
        self._changed_at = self.clock()
        if not self.CHECK_DELAY:
            self.call_after_refresh(self.check_now)
        elif not self._pause.pending:
            self._pause.set(self.CHECK_DELAY)

    def check_if_paused(self) -> None:
        """Check once the text has been left alone ``CHECK_DELAY`` seconds (on the screen's
        clock); while keys still come, wait out the rest of the pause."""
        if self._changed_at is None:
            return  # checked since the last change
        quiet = self.clock() - self._changed_at
        if quiet >= self.CHECK_DELAY:
            self._changed_at = None
            self.check_now()
        else:
            self._pause.set(self.CHECK_DELAY - quiet)

    @on(TextArea.SelectionChanged, "#source")
    def _moved(self) -> None:
        self._follow_cursor()

    def check_now(self) -> None:
        """Check the text as it is, in a worker (a newer check replaces an older one)."""
        self._generation += 1
        self._check(self.text, self._generation)

    @work(thread=True, exclusive=True, group="check")
    def _check(self, text: str, generation: int) -> None:
        # This thread only waits: the check itself is made in the checker's process.
        checked = self._checker.check(text, self.path, self.settings)
        if checked is not None and not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._show, generation, checked)

    def on_unmount(self) -> None:
        """The checker's process ends with the screen."""
        self._checker.close()

    def _show(self, generation: int, checked: Checked) -> None:
        if generation != self._generation:
            return  # the text has changed since: a newer check is on its way
        self.checked = checked
        problems = self.query_one("#problems", OptionList)
        problems.set_options(
            Option(Text(f"{e.line}:{e.column}  {e.path + ': ' if e.path else ''}{e.message}"))
            for e in checked.errors
        )
        problems.display = bool(checked.errors)
        self.query_one("#source", ScriptArea).problem_lines = frozenset(
            e.line - 1 for e in checked.errors if e.line > 0
        )
        if checked.errors:
            problems.highlighted = 0
        cues = self.query_one("#schedule", OptionList)
        if checked.passed:
            rows = [Option(Text(f"{offset(at):>9}  {words}")) for _n, at, words in checked.cues]
            cues.set_options(rows)
            self._good = checked
            self._follow_cursor()
        # A broken script keeps the last good schedule, marked as such.
        cues.border_subtitle = "as last checked" if checked.errors and cues.option_count else ""
        self._status()
        self.refresh_bindings()

    def _status(self) -> None:
        checked = self.checked
        if checked is None:
            state = "checking…"
        elif checked.errors:
            count = len(checked.errors)
            state = f"{count} problem{'s' if count != 1 else ''}"
        else:
            state = f"ok · {checked.length}"
        unsaved = " · unsaved" if self.dirty else ""
        speed = f" · plays at {self.speed:g}x"
        line = f"{self.path.name}{unsaved} · {state}{speed}"
        if line != self._status_line:  # a keystroke mostly changes nothing here
            self._status_line = line
            self.query_one("#status", Static).update(line, layout=False)  # one row, always

    def step_under_cursor(self) -> int:
        """The number of the step the cursor is in (1 before the first)."""
        row = self.query_one("#source", TextArea).cursor_location[0]
        return max(1, step_at(self.checked.steps if self.checked else (), row))

    def _follow_cursor(self) -> None:
        """Highlight the first cue of the step under the cursor."""
        if self._good is None:
            return
        number = self.step_under_cursor()
        if (number, self._good) == self._followed:
            return  # the same step of the same schedule: nothing to move
        self._followed = (number, self._good)
        cues = self.query_one("#schedule", OptionList)
        for index, (step, _at, _words) in enumerate(self._good.cues):
            if step >= number:
                cues.highlighted = index
                return

    @on(OptionList.OptionSelected, "#problems")
    def _jump(self, event: OptionList.OptionSelected) -> None:
        """Enter on a problem: the cursor to its line and column."""
        if self.checked is None or event.option_index >= len(self.checked.errors):
            return
        error = self.checked.errors[event.option_index]
        source = self.query_one("#source", TextArea)
        source.cursor_location = (max(0, error.line - 1), max(0, error.column - 1))
        source.focus()

    def _fixable(self) -> tuple[ScriptError, tuple[int, int, str]] | None:
        """The problem F2 would fix: the one highlighted in the list when the list has the
        focus, else the first on the cursor's line, else the first with a suggestion."""
        if self.checked is None or not self.checked.errors:
            return None
        lines = self.text.split("\n")
        problems = self.query_one("#problems", OptionList)
        row = self.query_one("#source", TextArea).cursor_location[0] + 1
        errors = list(self.checked.errors)
        if problems.has_focus and problems.highlighted is not None:
            errors = [errors[problems.highlighted]]
        else:
            errors.sort(key=lambda e: e.line != row)
        for error in errors:
            line = lines[error.line - 1] if 0 < error.line <= len(lines) else ""
            fix = fix_for(error, line)
            if fix is not None:
                return error, fix
        return None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Play only a script that passes; fix only when a problem suggests a word."""
        if action == "play":
            return (self.checked is not None and self.checked.passed) or None
        if action == "fix":
            return self._fixable() is not None or None
        return True

    def action_fix(self) -> None:
        """Apply the highlighted (or nearest) problem's "did you mean"."""
        found = self._fixable()
        if found is None:
            return
        error, (start, end, word) = found
        source = self.query_one("#source", TextArea)
        source.replace(word, (error.line - 1, start), (error.line - 1, end))
        source.focus()

    def action_complete(self) -> None:
        """Complete the word before the cursor: at once when one choice fits, else in a menu."""
        if not self.query_one(CompletionMenu).offer(self.query_one("#source", TextArea)):
            self.notify("Nothing to complete here.", timeout=2)

    def action_speed(self) -> None:
        """Choose the speed F5 plays at: 1x, 2x, 4x, 10x."""
        self.speed = SPEEDS[(SPEEDS.index(self.speed) + 1) % len(SPEEDS)]
        self._status()

    def action_play(self) -> None:
        """Play from the step under the cursor at the chosen speed; nothing is logged."""
        if self.checked is None or not self.checked.passed:
            return
        script = from_step(self.text, self.path, self.step_under_cursor())
        if isinstance(script, list):
            self.notify(f"Not yet: {script[0]}", severity="warning", markup=False)
            return
        from .player import PlayerScreen

        player = PlayerScreen(
            script,
            settings=replace(self.settings, checkins=False),  # a try asks nothing of the person
            clock=ScaledClock(self.speed, self.clock),
            speed=self.speed,
            conductor=self.conductor(self.speed),
            at_once=True,
        )
        player.tried = True
        self.app.push_screen(player)

    def action_save(self) -> None:
        """Save the whole text (never half a file); the library picks it up."""
        text = self.text
        try:
            write_text(self.path, text)
        except OSError as problem:
            self.notify(
                f"{self.path} can't be saved: {problem.strerror or problem}", severity="error"
            )
            return
        self.saved = text
        self._status()
        self.notify(f"Saved {self.path.name}.", timeout=2)

    def action_leave(self) -> None:
        """Back to where the editor was opened from; unsaved changes are asked about first."""
        if not self.dirty:
            self.dismiss()
            return

        def chosen(choice: str | None) -> None:
            if choice == "save":
                self.action_save()
                if not self.dirty:
                    self.dismiss()
            elif choice == "discard":
                self.dismiss()

        self.app.push_screen(LeaveScreen(self.path.name), chosen)
