"""The Textual app: a thin shell that holds the settings and moves between screens.

``make_app`` is the one way to build it, for the CLI and for the tests alike.
"""

from __future__ import annotations

import gc
import sys
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Any, ClassVar

from textual.app import App
from textual.binding import Binding, BindingType
from textual.filter import LineFilter
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.theme import Theme

from ..conductor.protocol import Conducting, ConductorFactory, NullConductor
from ..core.care import support_words
from ..core.clock import Clock, ScaledClock, monotonic
from ..core.script.text import NARROW_LOCALE, holds_unicode, shown
from ..home import paths
from ..home.paths import library_folders
from ..home.settings import Settings, load_settings, save_settings
from .app_editor import AppEditor
from .app_keys import AppKeys
from .app_timer import AppTimer
from .driver import quiet_driver
from .first_frame import FirstFrame
from .hangup import watch_signals
from .messages import Notices, Play, PlayNow, SessionOver, SettingsChanged, WarmVoice
from .screens import SESSION_SHEETS, is_library
from .shown import ShownFilter
from .themes import THEMES, theme_name

if TYPE_CHECKING:
    from ..core.library.scripts import Source
    from ..core.library.timer import TimerChoice
    from ..core.script.model import Script
    from ..core.session.events import EndReason, SessionEnded
    from .screens.library import LibraryScreen
    from .voice_ahead import Ahead, VoiceAhead

# The player, history and settings screens (and the engine, the log and their widgets) are
# imported where they are first opened, not here: the library's first frame doesn't wait for them.


class SessionPlayerApp(AppEditor, AppKeys, AppTimer, FirstFrame):
    """Library, player and settings. After it exits, ``last_ended`` says what was practised."""

    # The first screen's rules are read with the app's: a screen's own stylesheet makes Textual
    # parse every stylesheet again when the screen first opens (``__init__``).
    CSS_PATH: ClassVar[list[str | PurePath]] = ["app.tcss"]
    TITLE = "session-player"
    BINDINGS: ClassVar[list[BindingType]] = [
        # Ctrl+C ends a session cleanly, as in plain mode (Textual would otherwise copy text).
        Binding("ctrl+c", "interrupt", "Quit", show=False, priority=True),
        # F1 anywhere. Priority, as Textual hands a modal screen (a check-in, a question) none
        # of the app's other keys. ? is each screen's own (help_key.py: on the app, Textual
        # looked it up in the Unicode tables for every screen, 0.37 MiB).
        Binding("f1", "help", "Help", show=False, priority=True),
    ]

    def __init__(
        self,
        *,
        settings: Settings,
        notices: list[str],
        script_path: Path | None,
        speed: float,
        clock: Clock,
        conductor_factory: ConductorFactory | None,
        folders: list[tuple[Path, Source]],
        timer: TimerChoice | None = None,
        timer_preset: str | None = None,
        at_once: bool = False,
        voice_ahead: Ahead | None = None,
    ) -> None:
        # A session shown first: its screens' rules are in the first parse, not a second one,
        # and the library's are read if it opens (``LibraryScreen.CSS_PATH``); otherwise the
        # library's are, and the session's when the player opens.
        first = script_path is not None or timer is not None
        sheets = SESSION_SHEETS if first else ["library.tcss"]
        sheets = [f"screens/{name}" for name in sheets]
        self._colours_later = True  # see get_css_variables
        # The driver's input thread sleeps when idle.
        super().__init__(driver_class=quiet_driver(), css_path=[*self.CSS_PATH, *sheets])
        self.timer = timer
        self.timer_preset = timer_preset
        self.settings = settings
        self.notices = notices
        self.script_path = script_path
        self.at_once = at_once  # the script plays with no countdown and no check-in before
        self.speed = speed
        self.clock = clock
        self.conductor_factory = conductor_factory
        self.folders = folders
        self.voice_ahead = voice_ahead
        self._ahead: VoiceAhead | None = None
        self.last_ended: SessionEnded | None = None
        self._shown_filter = ShownFilter()
        self._shown: set[str] = set()
        self._played = False
        for theme in THEMES.values():
            self.register_theme(theme)
        if theme_name(settings.theme) not in self.available_themes:
            self.notices.append(f"Settings: there is no theme {settings.theme!r}; dark is used.")
            self.settings = settings = replace(settings, theme="dark")
        self._choose_first_theme(self.available_themes[theme_name(settings.theme)])
        self._apply(settings)

    def get_line_filters(self) -> Sequence[LineFilter]:
        """Textual's filters, then ours: no control character in a drawn line reaches the
        terminal (``tui/shown.py``)."""
        return [*super().get_line_filters(), self._shown_filter]

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Textual's notification, its words shown (``core.text.shown``): pop-ups quote file
        names and script text. Every widget's ``notify`` comes here."""
        super().notify(
            shown(message), title=shown(title), severity=severity, timeout=timeout, markup=markup
        )

    def on_mount(self) -> None:
        """Apply the theme, say what needs saying, and open the player or the library."""
        self._watch_signals()
        self.theme_changed_signal.subscribe(self, self._theme_changed)
        for notice in self.notices:
            self.notify_once(notice)
        if self.timer is not None:
            # As with a script: the player alone, the library only if the timer can't start
            # (building the library beneath cost the timer's first frame about 0.1 s).
            if self.play_timer(self.timer):  # kept as the last choice once the frame is out
                self.call_after_refresh(self._remember, self.timer, self.timer_preset)
            else:
                self.push_screen(self.library_screen())
            return
        if self.script_path is None:
            return  # the library is the first screen (``get_default_screen``)
        if not self.open_script(self.script_path, "yours", at_once=self.at_once):
            self.push_screen(self.library_screen())

    def get_default_screen(self) -> Screen[Any]:
        """The library, when nothing is played first: the app's first screen rather than one
        pushed over Textual's blank default, which was composed, styled and laid out six times
        for a frame that never showed it (docs/performance.md, ``frame3``)."""
        if self.script_path is not None or self.timer is not None:
            return super().get_default_screen()
        library = self.library_screen()
        library.opens_the_app = True
        return library

    def library_screen(self) -> LibraryScreen:
        """A new library screen (its modules load with the first one)."""
        from .screens.library import LibraryScreen

        return LibraryScreen(self.folders)

    def open_script(self, path: Path, source: Source, *, at_once: bool = False) -> bool:
        """Load and check the script at ``path`` and play it (``at_once``: no countdown, no
        check-in before); if it fails, say why (False)."""
        from ..core.library.scripts import load_script_file

        entry = load_script_file(path, source)
        if entry.script is not None:
            self.play(entry.script, at_once=at_once)
            return True
        first = str(entry.errors[0]) if entry.errors else str(path)
        self.notify(
            first, title="That script can't be played yet", severity="warning", markup=False
        )
        return False

    def notify_once(self, notice: str) -> None:
        """Show a one-line notice, unless it was shown already in this run."""
        if notice not in self._shown:
            self._shown.add(notice)
            self.notify(notice, markup=False, timeout=6)

    def make_conductor(self) -> Conducting:
        """A conductor for the current settings (a quiet one when there is none), made when
        the session is prepared, once the player's first frame is out: making it loads audio
        and the log and opens the sound device. Its notices show as soon as it is made."""
        factory = self.conductor_factory
        if factory is None:
            return NullConductor()
        from ..conductor.deferred import Deferred

        settings = self.settings
        return Deferred(lambda: factory(settings), lambda told: self.post_message(Notices(told)))

    def play(
        self, script: Script, *, start_delay: float | None = None, at_once: bool = False
    ) -> None:
        """Open the player for a checked script (``start_delay``, ``at_once``: as the player's)."""
        from .screens.player import PlayerScreen

        self._played = True
        player = PlayerScreen(
            script,
            settings=self.settings,
            clock=self.clock,
            speed=self.speed,
            conductor=self.make_conductor(),
            start_delay=start_delay,
            at_once=at_once,
        )
        self.push_screen(player)

    def _choose_first_theme(self, theme: Theme) -> None:
        """Start in ``theme`` without the full stylesheet parse that a change of theme costs.

        Nothing is parsed or drawn yet, so the theme's colours need only be in the stylesheet's
        variables before its first parse; ``set_reactive`` (Textual's way to set a reactive
        without its watcher) skips the parse the watcher would schedule, about 3 ms of
        start-up. Textual set up its ANSI colour mapping for its own starting theme; a theme
        that differs in darkness or in using the terminal's own ANSI colours (TEXTUAL_THEME can
        choose such a start) goes through the usual change, which sets the mapping up again.
        """
        starting = self.current_theme
        self._colours_later = False
        if theme.dark != starting.dark or theme.ansi != starting.ansi:
            self.stylesheet.set_variables(self.get_css_variables())  # as Textual had them
            return  # _apply sets it the usual way
        self.set_reactive(App.theme, theme.name)
        self.add_class(f"-theme-{theme.name}", update=False)
        self.stylesheet.set_variables(self.get_css_variables())

    def get_css_variables(self) -> dict[str, str]:
        """Textual's colours of the theme, made once: Textual's ``__init__`` makes its starting
        theme's (about 7 M instructions), which ``_choose_first_theme`` replaces before
        anything is parsed, so they are not made there."""
        if getattr(self, "_colours_later", False):
            return {}
        return super().get_css_variables()

    def _apply(self, settings: Settings) -> None:
        self.theme = theme_name(settings.theme)  # the same theme again changes nothing
        self.animation_level = "none" if settings.reduced_motion else "full"

    def on_play(self, message: Play) -> None:
        """The library (or the palette) chose a session: check it again (it may have been
        edited since it was listed) and play it. Only while the library is in front: keys
        arriving at once (Enter, then the palette's Enter) ask twice, and one session opens."""
        if is_library(self.screen):
            self.open_script(message.card.path, message.card.source)

    async def on_play_now(self, message: PlayNow) -> None:
        """Play a script at once, on the library (one session at a time): a hard moment, or
        grounding after a hard session. Not found, it says where support is instead."""
        from ..core.library.scripts import find_named

        await self.action_library()
        found = find_named(message.name, self.folders)
        if found is None:
            self.notify(f"{message.title} can't be found just now. {support_words()}", timeout=12)
        else:
            self.open_script(*found, at_once=True)

    def on_settings_changed(self, message: SettingsChanged) -> None:
        """Remember the change and apply it."""
        self.settings = message.settings
        self._apply(message.settings)
        problem = save_settings(message.settings, paths.config_path())
        if problem:
            self.notify_once(problem)

    def on_warm_voice(self, message: WarmVoice) -> None:
        """The library is in front, or highlights another session: once the first frame is
        out, load the voice and make that session's first line ahead (``voice_ahead``)."""
        if self.voice_ahead is not None:
            if self._ahead is None:
                from .voice_ahead import VoiceAhead

                self._ahead = VoiceAhead(self.voice_ahead)
            want, settings = self._ahead.want, self.settings
            self.after_first_frame(lambda: want(settings, message.script_path))

    def on_notices(self, message: Notices) -> None:
        """Notices that came up later (for example while preparing the voice)."""
        for notice in message.notices:
            self.notify_once(notice)

    def on_session_over(self, message: SessionOver) -> None:
        """Keep the last session's end for the CLI to report."""
        self.last_ended = message.ended

    def _end_sessions(self, reason: EndReason) -> None:
        if not self._played:
            return  # no session was opened, so the player's modules needn't load to say so
        from .screens.player import PlayerScreen

        for screen in self.screen_stack:
            if isinstance(screen, PlayerScreen):
                self.last_ended = screen.end_now(reason) or self.last_ended

    async def action_quit(self) -> None:
        """Quit; a session in progress ends as stopped (asked first mid-writing, or with a
        script's changes not saved)."""
        self.action_interrupt()

    def action_interrupt(self) -> None:
        """Ctrl+C: end any session (as stopped: the person chose to end it, as in plain mode);
        mid-writing, or with a script's changes not saved, it asks first."""
        if not self._asks_first() and not self.unsaved_asks_first(self._stop_and_quit):
            self._stop_and_quit()

    def _stop_and_quit(self) -> None:
        self._end_sessions("stopped")
        self.exit()

    def end_and_quit(self, reason: EndReason = "interrupted") -> None:
        """End any session with ``reason`` and quit (SIGTERM, or the terminal closing)."""
        self._end_sessions(reason)
        self.exit()

    def _watch_signals(self) -> None:
        # A polite kill or a closed terminal is not the person stopping: record it as
        # interrupted, keep what was practised, and give the terminal back.
        watch_signals(self.end_and_quit)


def make_app(
    *,
    settings: Settings | None = None,
    script_path: Path | None = None,
    speed: float = 1.0,
    clock: Clock | None = None,
    conductor_factory: ConductorFactory | None = None,
    folders: list[tuple[Path, Source]] | None = None,
    timer: TimerChoice | None = None,
    timer_preset: str | None = None,
    at_once: bool = False,
    voice_ahead: Ahead | None = None,
) -> SessionPlayerApp:
    """Build the app. With ``script_path`` the player opens directly; otherwise the library.

    ``settings`` default to the saved ones; ``speed`` runs the session that many times faster
    (``clock`` defaults to the real one, scaled by ``speed``; a given clock is used as it is,
    and ``speed`` then only shortens the waits between polls). ``folders`` default to the bundled
    scripts and the person's own. With ``timer`` a silent sit with those choices starts, and
    they are kept as the last choice (and as the preset ``timer_preset``, if named).
    ``at_once``: the script plays with no countdown and no check-in before (``sos``).
    ``voice_ahead(settings, script_path, stale)`` is called (in a thread) whenever the library
    comes to the front or highlights another session: the command line's loads the voice and
    makes that session's first line then (``conductor/ahead.py``), unless ``stale()`` says
    another session is highlighted by then.
    """
    freeze_start_up_objects()
    notices: list[str] = []
    if settings is None:
        settings, notices = load_settings(paths.config_path())
    if not holds_unicode(sys.__stderr__):  # Textual draws on it
        notices = [*notices, NARROW_LOCALE]
    if clock is None:
        clock = monotonic if speed == 1.0 else ScaledClock(speed)
    return SessionPlayerApp(
        settings=settings,
        notices=notices,
        script_path=script_path,
        speed=speed,
        clock=clock,
        conductor_factory=conductor_factory,
        folders=folders if folders is not None else library_folders(),
        timer=timer,
        timer_preset=timer_preset,
        at_once=at_once,
        voice_ahead=voice_ahead,
    )


def freeze_start_up_objects() -> None:
    """Take what start-up has made so far out of the garbage collector's sight, once a process.

    The modules, classes and tables imported by now last as long as the process does, yet every
    full collection would walk them all again: one such pass (about 10 ms here) fell inside
    the library's first moments and delayed them. ``gc.freeze`` is the standard library's way
    to say so; objects made later (screens, sessions) are collected as usual. Only the first app
    of a process freezes anything, so tests that build many apps don't keep their garbage.
    """
    if gc.get_freeze_count() == 0:
        gc.freeze()
