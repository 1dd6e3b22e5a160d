"""The app's keys and choices that reach across screens: help, the palette's own entries,
asking before quitting mid-writing, a theme remembered from anywhere, and trying a chime or
a voice.

A base of ``SessionPlayerApp``, kept apart so the app itself stays a thin shell.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.keys import KEY_DISPLAY_ALIASES
from textual.screen import Screen
from textual.theme import Theme

from ..conductor.protocol import ConductorFactory
from ..home import paths
from ..home.settings import Settings
from .messages import Notices, PreviewChime, PreviewSoundscape, PreviewVoice, SettingsChanged
from .themes import choice_of

PREPARING = "Preparing the voice…"
PLAYING = "Playing…"


class AppKeys(App[None]):
    """Help, the palette's entries, quitting mid-writing, themes, chimes and voices to try."""

    settings: Settings
    conductor_factory: ConductorFactory | None
    _played: bool

    def get_key_display(self, binding: Binding) -> str:
        """A key as Textual shows it, without Textual's look in the Unicode name tables for a
        letter, a digit, a function key or a key Textual names itself (``esc``, ``space``,
        the arrows): that look, for each key a footer shows, brought 0.7 MiB of ``unicodedata``'s
        tables into every session (issue 26). Other keys are Textual's own display."""
        if binding.key_display:
            return binding.key_display
        modifiers, key = binding.parse_key()
        plain = len(key) == 1 and key.isascii() and key.isalnum()
        if plain or (key[:1] == "f" and key[1:].isdigit()):
            shown = key
        elif key in KEY_DISPLAY_ALIASES:
            shown = KEY_DISPLAY_ALIASES[key]
        else:
            return super().get_key_display(binding)
        if "ctrl" in modifiers:
            modifiers.remove("ctrl")
            shown = f"^{shown}"
        return "+".join([*modifiers, shown])

    def action_help(self) -> None:
        """The keys of the current screen, and what it is for."""
        from .screens.help import HelpScreen

        screen = self.screen
        if isinstance(screen, HelpScreen):  # its keys come here first: F1 or ? closes it
            screen.action_close()
            return
        title = getattr(screen, "HELP_TITLE", "") or type(screen).__name__.removesuffix("Screen")
        # A session under it (the player, or a question over the player) waits while help is
        # read, and goes on as before when it closes.
        holding = [s.held_for_help for s in self.screen_stack if hasattr(s, "held_for_help")]
        release = holding[-1]() if holding else None
        self.push_screen(HelpScreen(screen, title), lambda _: release() if release else None)

    def action_command_palette(self) -> None:
        """Open the command palette (one that keys arriving at once can't close twice)."""
        from .palette import Palette

        if self.use_command_palette and not Palette.is_open(self):  # type: ignore[arg-type]
            self.push_screen(Palette(id="--command-palette"))

    def action_history(self) -> None:
        """Open the practice history."""
        from .screens.history import HistoryScreen

        self.push_screen(HistoryScreen(paths.log_place(), self.settings))

    def action_journal(self) -> None:
        """Open the journal: everything written in sessions, searchable."""
        from .screens.journal import JournalScreen

        self.push_screen(JournalScreen(paths.log_place()))

    def action_settings(self) -> None:
        """Open the settings."""
        from .screens.settings import SettingsScreen

        self.push_screen(SettingsScreen(self.settings))

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """The palette's own entries, with "Keys" opening this app's help (Textual's shows
        the keys of whatever widget has focus, a text box's editing keys in the library)."""
        for command in super().get_system_commands(screen):
            if command.title == "Keys":
                yield SystemCommand(
                    "Keys", "The keys of this screen, and what it is for", self.action_help
                )
            elif command.title == "Theme":
                yield SystemCommand(
                    "Theme", "Change the theme (it is remembered)", command.callback
                )
            else:
                yield command

    def _asks_first(self) -> bool:
        """Mid-writing, Ctrl+C and Ctrl+Q ask first, as q does (pressed again, they quit)."""
        if not self._played:
            return False
        from .screens.player import PlayerScreen

        screen = self.screen
        if isinstance(screen, PlayerScreen) and screen.typing:
            screen.ask_to_quit()
            return True
        return False

    def _theme_changed(self, theme: Theme) -> None:
        """A theme chosen anywhere (the palette's "Theme" too) is remembered."""
        choice = choice_of(theme.name)
        if choice != self.settings.theme:
            self.post_message(SettingsChanged(replace(self.settings, theme=choice)))

    def on_preview_chime(self, message: PreviewChime) -> None:
        """Ring a chime as Settings' "Try" asks, off the event loop."""
        if message.name == "none":
            self.notify("No sound: the session opens (or closes) in quiet.", timeout=3)
        elif self.conductor_factory is None:
            self.notify("No sound is available here.", timeout=3)
        else:
            self._ring(message.name, message.settings)

    @work(thread=True, exclusive=True, group="preview")
    def _ring(self, name: str, settings: Settings) -> None:
        assert self.conductor_factory is not None
        conductor = self.conductor_factory(settings)
        try:
            conductor.preview_chime(name)
        finally:
            conductor.close()

    def on_preview_soundscape(self, message: PreviewSoundscape) -> None:
        """Play a soundscape for a few seconds as Settings' "Try" asks, off the event loop."""
        if message.name in ("none", "script"):
            self.notify("No soundscape unless a script names one.", timeout=3)
        elif self.conductor_factory is None:
            self.notify("No sound is available here.", timeout=3)
        else:
            self._listen(message.name, message.settings)

    @work(thread=True, exclusive=True, group="preview")
    def _listen(self, name: str, settings: Settings) -> None:
        assert self.conductor_factory is not None
        conductor = self.conductor_factory(settings)
        try:
            problem = conductor.preview_soundscape(name)
        finally:
            conductor.close()
        if problem:
            self.post_message(Notices([f"The soundscape is not heard: {problem}."]))

    def on_preview_voice(self, message: PreviewVoice) -> None:
        """Say a sample in the chosen voice, off the event loop."""
        if self.conductor_factory is None:
            self.notify("No voice is available here.", timeout=3)
            return
        self.preview_state(PREPARING)
        self._preview(message.settings)

    @work(thread=True, exclusive=True, group="preview")
    def _preview(self, settings: Settings) -> None:
        assert self.conductor_factory is not None
        try:
            conductor = self.conductor_factory(settings)
            try:
                conductor.preview_voice(lambda: self.call_from_thread(self.preview_state, PLAYING))
            finally:
                conductor.close()
            if conductor.notices:  # e.g. the natural voice stopped, and espeak-ng spoke
                self.post_message(Notices(list(conductor.notices)))
        finally:
            self.call_from_thread(self.preview_state, None)

    def preview_state(self, state: str | None) -> None:
        """Tell the screens how the voice preview is going (None: it is over)."""
        for screen in self.screen_stack:
            show = getattr(screen, "show_preview", None)
            if callable(show):
                show(state)
