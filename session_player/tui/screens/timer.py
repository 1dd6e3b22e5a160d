"""The timer's choices: the length (or open ended, or until a time of day), the interval bell,
bells at chosen moments and their sound, the start delay, and a name to keep them as a preset.
Enter sits; Escape goes back.

Dismisses with ``(choice, preset name or None)``, or None when the person goes back.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static

from ...core.library.timer import (
    TimerChoice,
    TimerError,
    check_choice,
    parse_bells,
    parse_time_of_day,
    until_now,
)
from ...core.script.durations import DurationError, format_duration, parse_duration
from ...home.timers import preset_name
from ..help_key import HELP_KEY
from ..widgets.footer import KeyFooter

Chosen = tuple[TimerChoice, str | None]


def duration_text(seconds: float | None) -> str:
    """A length as the form shows it ("20m"); empty for none."""
    return "" if not seconds else format_duration(seconds)


def read_length(text: str, what: str) -> float | None:
    """A length typed in the form: empty is None; ``TimerError`` names the field."""
    if not text.strip() or text.strip() in ("0", "0s"):
        return None
    try:
        return parse_duration(text)
    except DurationError as problem:
        raise TimerError(f"{what}: {problem}") from None


class TimerScreen(ModalScreen[Chosen | None]):
    """Choose a sit and go."""

    CSS_PATH = "timer.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back"),
        Binding("ctrl+s", "sit", "Sit"),
        HELP_KEY,
    ]

    def __init__(self, choice: TimerChoice, sounds: Mapping[str, Path]) -> None:
        super().__init__()
        self.choice = choice
        self.sounds = sounds

    def compose(self) -> ComposeResult:
        """The fields, each with its label, and the two buttons."""
        c = self.choice
        with Vertical(id="dialog"):
            yield Static("A silent sit", id="heading")
            with Horizontal(classes="pair"):
                with Vertical():
                    yield Label("Length (empty: no end)")
                    length = "" if c.until else duration_text(c.length)
                    yield Input(length, placeholder="open ended", id="length")
                with Vertical():
                    yield Label("Or until a time (07:30)")
                    yield Input(c.until or "", placeholder="no end time", id="until")
            with Horizontal(classes="pair"):
                with Vertical():
                    yield Label("Bell every (empty: none)")
                    every = duration_text(c.bell_every)
                    yield Input(every, placeholder="no interval bell", id="every")
                with Vertical():
                    yield Label("Bells at (5m, 15m, 18m)")
                    at = ", ".join(format_duration(moment) for moment in c.bells)
                    yield Input(at, placeholder="no chosen moments", id="bells")
            yield Label("The bells' sound")
            options = [(name, name) for name in self.sounds]
            bell = c.bell if c.bell in self.sounds else Select.BLANK
            yield Select(options, value=bell, allow_blank=not self.sounds, id="bell")
            yield Label("Start delay (a quiet wait before the start)")
            yield Input(duration_text(c.delay), placeholder="none", id="delay")
            yield Label("Keep as a preset named (optional)")
            yield Input(placeholder="Morning sit", id="name")
            yield Static("", id="problem")
            with Horizontal(id="buttons"):
                yield Button("Sit", id="sit", variant="primary")
                yield Button("Back", id="back")
        yield KeyFooter()

    def on_mount(self) -> None:
        """Start in the length."""
        self.query_one("#length", Input).focus()

    def chosen(self) -> Chosen:
        """What the form says (``TimerError`` for what can't be a timer)."""
        value = self.query_one("#bell", Select).value
        name_text = self.query_one("#name", Input).value
        length = read_length(self.query_one("#length", Input).value, "Length")
        until_text = self.query_one("#until", Input).value.strip()
        until = parse_time_of_day(until_text) if until_text else None
        if until is not None and length is not None:
            raise TimerError("a length or a time to sit until, not both: empty one of them")
        choice = TimerChoice(
            length=length,
            bell_every=read_length(self.query_one("#every", Input).value, "Interval bell"),
            bell=value if isinstance(value, str) else self.choice.bell,
            start=self.choice.start,
            end=self.choice.end,
            delay=read_length(self.query_one("#delay", Input).value, "Start delay") or 0.0,
            bells=parse_bells(self.query_one("#bells", Input).value),
            until=until,
        )
        check_choice(choice, self.sounds)
        until_now(choice, datetime.now())  # a time that can't be waited for is said here
        return choice, preset_name(name_text) if name_text.strip() else None

    def action_sit(self) -> None:
        """Go, if the choices make a timer; else say what to change."""
        try:
            chosen = self.chosen()
        except TimerError as problem:
            self.query_one("#problem", Static).update(str(problem))
            return
        self.dismiss(chosen)

    def action_back(self) -> None:
        """Back to the library, nothing started."""
        self.dismiss(None)

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.action_sit()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "sit":
            self.action_sit()
        else:
            self.action_back()
