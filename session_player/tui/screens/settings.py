"""Settings: each change is checked, remembered at once, and applied (the theme straight away)."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any, ClassVar, Literal

from rich.text import Text
from textual import on
from textual.app import ComposeResult, RenderResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.validation import Function
from textual.widget import Widget
from textual.widgets import Button, Input, Label, Select, Static, Switch

from ...core.care import CRISIS_LINE_LONGEST
from ...core.session.checkins import HIGHEST, LOWEST
from ...desktop.neighbour import cannot_hold_notifications
from ...home.settings import CHIMES, START_DELAYS, Settings, problem_with, settings_from
from ..help_key import HELP_KEY
from ..messages import PreviewChime, PreviewSoundscape, PreviewVoice, SettingsChanged
from ..themes import theme_choices
from ..widgets.footer import KeyFooter
from ..widgets.reminders import Reminders
from ..widgets.voice_select import VoiceProvider, VoiceSelect, installed_voices

PREVIEW = "Preview"
DELAYS = [("Off", 0)] + [(f"{d} seconds", d) for d in START_DELAYS if d]
CHOICES: dict[str, list[tuple[str, Any]]] = {
    "start_delay": DELAYS,
    "start_chime": [(c.capitalize(), c) for c in CHIMES],
    "end_chime": [(c.capitalize(), c) for c in CHIMES],
    "breath_sounds": [
        ("Soft tones", "tones"),
        ("Words", "words"),
        ("Counts", "counts"),
        ("None", "none"),
    ],
    "end_notice": [("After sits", "sits"), ("After every session", "always"), ("Never", "never")],
}
SOUNDSCAPES = [
    ("The script's own, if any", "script"),
    ("None", "none"),
    ("Brown noise", "brown"),
    ("Soft rain", "rain"),
    ("A stream", "stream"),
    ("Distant waves", "waves"),
]
"""The soundscape choices every person has; their own files in <data>/sounds follow."""
FIELDS = (
    "voice_rate", "voice_volume", "chime_volume", "soundscape_volume", "crisis_line", "on_start",
    "on_end",
)  # fmt: skip
"""Settings typed in a field: each has a line under it that says what it takes."""
LABELS: dict[str, str] = {
    "start_delay": "A quiet countdown before starting",
    "reduced_motion": "Reduced motion (the pacer as a calm count)",
    "theme": "Theme",
    "checkins": f"Check in before and after guided sessions ({LOWEST}-{HIGHEST}, skippable; a "
    "session that asks its own asks only its own)",
    "timer_checkins": "Check in before and after timers",
    "short_checkins": "Check in around sessions under 3 minutes too",
    "voice": "Voice",
    "voice_id": "Which voice",
    "voice_rate": "Voice speed, words a minute (80-250)",
    "voice_volume": "Voice volume (0-100)",
    "sound": "Sounds",
    "chime_volume": "Chime volume (0-100)",
    "start_chime": "Opening sound",
    "end_chime": "Closing sound",
    "three_chimes": "Three chimes to open a session",
    "breath_sounds": "Breath sounds, to follow the pacer by ear",
    "breath_volume": "Breath sound volume (0-100)",
    "soundscape": "A soundscape under every session (your own WAV, FLAC or OGG files go in the "
    "sounds folder of your data folder)",
    "soundscape_volume": "Soundscape volume (0-100)",
    "waiting_cues": "A soft sound while a question waits; asked again after a quiet minute",
    "speak_read_backs": "Read aloud what you wrote when it is read back (it is always shown)",
    "keep_text": "Keep what I write in the practice log",
    "streaks": "Show practice streaks",
    "crisis_line": "Your own support line, named with the crisis sentence (a name or a number, "
    f"up to {CRISIS_LINE_LONGEST} characters)",
    "quiet_notifications": "Hold desktop notifications during a session (put back after)",
    "keep_awake": "Keep the screen and the machine awake during a session",
    "end_notice": "A desktop notification when a session ends (the timer's sits, or every one)",
    "on_start": "A command to run as a session starts (no shell; the session's title, practice "
    "and minutes in SESSION_PLAYER_* variables)",
    "on_end": "A command to run as a session ends (SESSION_PLAYER_OUTCOME says how)",
}


def usable(name: str, text: str, settings: Settings) -> Any:
    """``text`` as setting ``name`` takes it, or None when the settings would refuse it."""
    value: Any = text
    if isinstance(getattr(settings, name), int):
        try:
            value = int(text)
        except ValueError:
            return None
    return None if settings_from({**asdict(settings), name: value})[1] else value


class Toggle(Switch):
    """A switch that only Space (or a click) turns: Enter, pressed to move on or to confirm,
    must never switch off check-ins or keeping what was written by accident."""

    inherit_bindings = False
    BINDINGS: ClassVar[list[BindingType]] = [Binding("space", "toggle_switch", "Switch on/off")]

    def render(self) -> RenderResult:
        """Textual's slider; under NO_COLOR, where on and off look alike, the word."""
        if self.app.no_color:
            return Text("on" if self.value else "off", justify="center")
        return super().render()


def editor(name: str, value: Any) -> Widget:
    """The widget that edits setting ``name``: a switch, a choice, or a small text field."""
    widget_id = f"setting-{name}"
    if isinstance(value, bool):
        return Toggle(value=value, id=widget_id)
    if name in CHOICES:
        return Select(CHOICES[name], value=value, allow_blank=False, id=widget_id)
    # The field shows itself invalid (Textual's -invalid style) while the value can't be used.
    check = Function(lambda text: usable(name, text, Settings()) is not None, "Not usable")
    kind: Literal["integer", "text"] = "integer" if isinstance(value, int) else "text"
    return Input(str(value), type=kind, validators=[check], id=widget_id, classes="setting")


class SettingsScreen(Screen[None]):
    """One row per setting; changes are saved as they are made."""

    CSS_PATH = "settings.tcss"
    PURPOSE = (
        "Your choices for every session: each change is kept at once. Tab and Shift+Tab move "
        "between settings; Space switches one on or off; Enter opens a choice."
    )
    # The first setting has the focus (and shows it) as the screen opens.
    AUTO_FOCUS = "#rows Select, #rows Switch, #rows Input"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "app.pop_screen", "Back"), HELP_KEY]

    def __init__(self, settings: Settings, voices: VoiceProvider | None = None) -> None:
        """``voices`` finds the installed voices (by default, through the speech engine)."""
        super().__init__()
        self.settings = settings
        self.voices = voices or installed_voices

    def compose(self) -> ComposeResult:
        """A scrolling column of labelled rows, and the voice preview."""
        yield Static("Settings", id="title")
        with VerticalScroll(id="rows"):
            for name, label in LABELS.items():
                with Horizontal(classes="row"):
                    yield Label(label, classes="label")
                    if name == "voice_id":
                        yield VoiceSelect(self.settings.voice_id, self.voices, f"setting-{name}")
                    elif name == "soundscape":
                        yield Select(
                            soundscape_choices(self.settings.soundscape),
                            value=self.settings.soundscape,
                            allow_blank=False,
                            id=f"setting-{name}",
                        )
                    elif name == "theme":
                        themes = theme_choices(self.app.available_themes)
                        yield Select(
                            themes,
                            value=self.settings.theme,
                            allow_blank=False,
                            id=f"setting-{name}",
                        )
                    else:
                        yield editor(name, getattr(self.settings, name))
                    if name in ("start_chime", "end_chime", "soundscape"):
                        yield Button("Try", id=f"try-{name}", classes="try")
                if name in FIELDS:
                    yield Static("", id=f"problem-{name}", classes="problem", markup=False)
                if name == "quiet_notifications" and (cannot := cannot_hold_notifications()):
                    yield Static(cannot, id="no-quiet", classes="problem", markup=False)
                if name == "voice_volume":
                    with Horizontal(classes="row"):
                        yield Label("Hear the voice", classes="label")
                        yield Button(PREVIEW, id="preview")
            with Horizontal(classes="row"):
                yield Label("What you've told the app", classes="label")
                yield Button("See, change or delete", id="kept")
            yield Reminders()
        yield KeyFooter()

    def change(self, name: str, value: Any) -> None:
        """Apply one change, if it is usable, and let the app remember it."""
        candidate, notices = settings_from({**asdict(self.settings), name: value})
        if not notices and candidate != self.settings:
            self.settings = candidate
            self.post_message(SettingsChanged(candidate))

    @on(Switch.Changed)
    def _switched(self, event: Switch.Changed) -> None:
        self.change(_name(event.switch), event.value)

    @on(Select.Changed)
    def _chosen(self, event: Select.Changed) -> None:
        if event.value is not Select.NULL:
            self.change(_name(event.select), event.value)

    @on(Input.Submitted)
    @on(Input.Blurred)
    def _done_typing(self, event: Input.Submitted | Input.Blurred) -> None:
        if not (event.input.id or "").startswith("setting-"):
            return  # not a setting (the reminders' time has its own handler)
        # Keep a typed value only when the person is done, so "1" on the way to "14" isn't saved.
        value = self._value(event.input)
        if value is not None:
            self.change(_name(event.input), value)
        self._say_why(event.input, done=True)

    @on(Input.Changed)
    def _typing(self, event: Input.Changed) -> None:
        self._say_why(event.input, done=False)

    def _say_why(self, field: Input, *, done: bool) -> None:
        """Under a field whose value can't be used, say what it takes (and, once the person
        has moved on, that the value was not kept)."""
        name = _name(field)
        line = self.query(f"#problem-{name}")
        if not line:
            return
        problem = None
        if field.value.strip() and self._value(field) is None:
            try:
                typed: Any = int(field.value)
            except ValueError:
                typed = field.value
            problem = problem_with(name, typed) or "can't be used"
            problem = f"{LABELS[name].split(' (')[0]} {problem}"
            if done:
                problem += f"; {field.value.strip()} was not kept."
        line.first(Static).update(problem or "")
        line.first(Static).display = problem is not None

    @on(Button.Pressed, ".try")
    def _try_chime(self, event: Button.Pressed) -> None:
        name = (event.button.id or "").removeprefix("try-")
        choice = self.query_one(f"#setting-{name}", Select).value
        if isinstance(choice, str) and name == "soundscape":
            self.post_message(PreviewSoundscape(choice, self.settings))
        elif isinstance(choice, str):
            self.post_message(PreviewChime(choice, self.settings))

    def _value(self, field: Input) -> Any:
        """The field's value as the setting takes it, or None when it is not usable."""
        return usable(_name(field), field.value, self.settings)

    @on(Button.Pressed, "#preview")
    def _preview(self) -> None:
        # A speed typed but not yet confirmed is what the person wants to hear.
        for field in self.query(Input).filter(".setting"):
            value = self._value(field)
            if value is not None:
                self.change(_name(field), value)
        self.post_message(PreviewVoice(self.settings))

    @on(Button.Pressed, "#kept")
    def _kept(self) -> None:
        from ...home import paths
        from .kept import KeptScreen

        self.app.push_screen(KeptScreen(paths.kept_path()))

    def show_preview(self, state: str | None) -> None:
        """Show how the preview is going ("Preparing…", "Playing…"), or None once it's over."""
        button = self.query_one("#preview", Button)
        button.label = state or PREVIEW
        button.disabled = state is not None


def soundscape_choices(chosen: str) -> list[tuple[str, str]]:
    """Every soundscape to choose from: none, the bundled ones, the person's own (and the
    one chosen, if its file has gone, so the choice still shows)."""
    from ...home.soundscapes import own_soundscapes

    choices = [*SOUNDSCAPES, *((f"{own.name} (yours)", own.name) for own in own_soundscapes())]
    if chosen not in {value for _label, value in choices}:
        choices.append((f"{chosen} (not found)", chosen))
    return choices


def _name(widget: Widget) -> str:
    return (widget.id or "").removeprefix("setting-")
