"""Command palette entries on the library: a hard moment at once, today's session of a course
begun, "Play <title>" for each playable script, the timer and each of its presets, Save as
audio, Settings and History."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from ..core.care import HARD_MOMENT, HARD_MOMENT_TITLE
from ..core.library.card import Card
from ..core.library.timer import TimerChoice
from ..core.script.text import shown
from .messages import Play, PlayNow, StartTimer


class LibraryCommands(Provider):
    """Plays any valid script from the palette; opens the settings."""

    def _commands(self) -> list[tuple[str, Callable[[], object], str]]:
        entries: list[Card] = list(getattr(self.screen, "entries", []))
        commands: list[tuple[str, Callable[[], object], str]] = [
            (f"Play {shown(entry.title)}", partial(self._play, entry), shown(entry.summary))
            for entry in entries
            if entry.ok
        ]
        hard = PlayNow(HARD_MOMENT, HARD_MOMENT_TITLE)
        commands.insert(
            0, (HARD_MOMENT_TITLE, partial(self.screen.post_message, hard), "At once (F4)")
        )
        today: Card | None = getattr(self.screen, "today", None)
        if today is not None:  # a course begun: its session for today, one entry away
            play_today = partial(self._play, today)
            commands.insert(1, (f"Today: {shown(today.title)}", play_today, "Your course (F5)"))
        commands.append(("Timer", partial(self._timer, None), "A silent sit: choose and go"))
        timers = getattr(self.screen, "timers", None)
        for name, choice in getattr(timers, "presets", {}).items():
            commands.append((f"Timer: {name}", partial(self._timer, choice), choice.describe()))
        commands.append(
            (
                "Save as audio…",
                partial(self._action, "screen.save_audio"),
                "The highlighted session, as an audio file to take with you (Ctrl+S)",
            )
        )
        chosen: Card | None = getattr(self.screen, "highlighted", None)
        if chosen is not None and chosen.ok:
            was = chosen.name in getattr(self.screen, "favourites", ())
            words = f"{'Not a favourite' if was else 'A favourite'}: {shown(chosen.title)}"
            toggle = partial(self._action, "screen.favourite")
            commands.append((words, toggle, "At the top of the library, or not (*)"))
        commands.append(("Settings", partial(self._action, "app.settings"), "Choices"))
        commands.append(("History", partial(self._action, "app.history"), "Your practice so far"))
        commands.append(("Journal", partial(self._action, "app.journal"), "Everything you wrote"))
        return commands

    def _play(self, entry: Card) -> None:
        if self.screen.is_active:  # a second Enter at once doesn't play it again
            self.screen.post_message(Play(entry))

    def _timer(self, choice: TimerChoice | None) -> None:
        if self.screen.is_active:
            self.screen.post_message(StartTimer(choice))

    async def _action(self, action: str) -> None:
        if self.screen.is_active:  # a second Enter at once doesn't open a second screen
            await self.app.run_action(action)

    async def discover(self) -> Hits:
        """Everything, before anything is typed."""
        for text, command, help_text in self._commands():
            yield DiscoveryHit(text, command, help=help_text)

    async def search(self, query: str) -> Hits:
        """Commands whose words match what is typed."""
        matcher = self.matcher(query)
        for text, command, help_text in self._commands():
            score = matcher.match(text)
            if score > 0:
                yield Hit(score, matcher.highlight(text), command, text=text, help=help_text)
