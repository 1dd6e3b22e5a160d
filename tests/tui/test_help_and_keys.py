"""Help (F1, and ? where it types nothing), the palette's Keys, quitting mid-writing, the clock
after a stop, and the last session's words after going back to the library."""

from __future__ import annotations

import importlib
import pkgutil
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.binding import Binding
from textual.command import CommandPalette
from textual.keys import key_to_character
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Input, Static

from session_player.core.clock import FakeClock
from session_player.tui import screens
from session_player.tui.app import SessionPlayerApp
from session_player.tui.screens.checkin import CheckInScreen
from session_player.tui.screens.confirm_stop import ConfirmStopScreen
from session_player.tui.screens.end import EndScreen
from session_player.tui.screens.grounding import GroundingScreen
from session_player.tui.screens.help import HelpScreen
from session_player.tui.screens.history import HistoryScreen
from session_player.tui.screens.library import LibraryScreen
from session_player.tui.screens.player import PlayerScreen
from session_player.tui.screens.settings import SettingsScreen
from session_player.tui.screens.timer import TimerScreen
from session_player.tui.widgets.clock import ClockFace

from .conftest import SIZE, RecordingConductor, advance, player_of, settle

Build = Callable[..., SessionPlayerApp]


def help_words(pilot: Pilot[Any]) -> str:
    screen = pilot.app.screen
    assert isinstance(screen, HelpScreen)
    return str(screen.query_one("#help-text", Static).render())


async def to_writing(pilot: Pilot[Any], player: PlayerScreen) -> None:
    assert player.session is not None
    while player.session.index < 2:  # the short script's writing step
        await pilot.press("n")


async def test_f1_in_the_library_lists_its_keys_and_what_it_is_for(build: Build) -> None:
    async with build().run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f1")
        words = help_words(pilot)
        assert "Choose a session" in words
        for key, what in (("f2", "Settings"), ("f3", "History"), ("esc", "Clear"), ("*", "Fav")):
            assert any(key in line and what in line for line in words.splitlines()), (key, words)
        assert "Today" not in words  # no course begun: nothing for today
        assert not any(line.endswith("  Help") for line in words.splitlines())  # F1 itself
        await pilot.press("escape")
        assert isinstance(pilot.app.screen, LibraryScreen)


async def test_question_mark_types_into_the_filter_but_opens_help_in_the_player(
    build: Build,
) -> None:
    async with build().run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        assert pilot.app.screen.query_one("#filter", Input).value == "?"
    async with build("short").run_test(size=SIZE) as pilot:
        await player_of(pilot)
        await pilot.press("question_mark")
        words = help_words(pilot)
        assert "Grounding" in words and "Stop" in words and "Pause" in words
        assert "session" in words.splitlines()[0].lower()
        await pilot.press("question_mark")  # ? closes it again
        assert isinstance(pilot.app.screen, PlayerScreen)


async def test_help_follows_the_screen_it_was_opened_from(build: Build) -> None:
    async with build().run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f2")
        await settle(pilot)
        assert isinstance(pilot.app.screen, SettingsScreen)
        await pilot.press("f1")
        words = help_words(pilot)
        assert "Space" in words.splitlines()[0] and "Back" in words
        await pilot.press("escape", "escape", "f3")
        await settle(pilot)
        assert isinstance(pilot.app.screen, HistoryScreen)
        await pilot.press("question_mark")
        words = help_words(pilot)
        assert "Back" in words and "Add" in words, words
        assert "Delete" not in words and "Read" not in words  # an empty log: nothing to read


async def test_the_palettes_keys_opens_this_help(build: Build) -> None:
    async with build().run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await settle(pilot)
        assert isinstance(pilot.app.screen, CommandPalette)
        await pilot.press(*"keys")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert "F2" in help_words(pilot) or "f2" in help_words(pilot)


async def test_ctrl_q_and_ctrl_c_mid_writing_ask_first_and_keep_the_text(
    build: Build, conductors: list[RecordingConductor]
) -> None:
    for key in ("ctrl+q", "ctrl+c"):
        app = build("short")
        async with app.run_test(size=SIZE) as pilot:
            player = await player_of(pilot)
            await to_writing(pilot, player)
            await pilot.press(*"dear me")
            await pilot.press(key)
            await settle(pilot)
            assert isinstance(pilot.app.screen, ConfirmStopScreen), key
            message = str(pilot.app.screen.query_one("#message", Static).render())
            assert "written is kept" in message
            await pilot.press("escape")  # keep going: back to the words, time running
            await settle(pilot)
            assert pilot.app.screen is player and player.session is not None
            assert player.session.state == "running"
            await pilot.press(key)
            await settle(pilot)
            await pilot.press("enter")  # stop and close
            await pilot.pause()
        assert app.last_ended is not None and app.last_ended.reason == "stopped", key
        answers = [e for e in conductors[-1].events if type(e).__name__ == "Answered"]
        assert answers and answers[-1].text == "dear me"  # type: ignore[attr-defined]


async def test_a_second_ctrl_c_on_the_question_quits(build: Build) -> None:
    app = build("short")
    async with app.run_test(size=SIZE) as pilot:
        player = await player_of(pilot)
        await to_writing(pilot, player)
        await pilot.press("ctrl+c")
        await settle(pilot)
        await pilot.press("ctrl+c")
        await pilot.pause()
    assert app.last_ended is not None and app.last_ended.reason == "stopped"


async def test_after_stopping_the_clock_shows_only_what_was_practised(
    build: Build, clock: FakeClock
) -> None:
    async with build("short", checkins=True).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("escape")  # skip the first check-in
        player = await player_of(pilot)
        await advance(pilot, clock, 3.0)
        await pilot.press("q", "enter")
        await settle(pilot)
        timer = player.query_one(ClockFace)
        assert str(timer.render()) == "0:03 practised"  # behind the closing check-in


async def test_the_clock_stays_at_the_foot_when_the_middle_is_empty(
    build: Build, clock: FakeClock
) -> None:
    async with build("short").run_test(size=SIZE) as pilot:
        player = await player_of(pilot)
        timer = player.query_one(ClockFace)
        bottom = timer.region.y
        await to_writing(pilot, player)
        await pilot.press("ctrl+s")  # the next step is a question: no guidance is shown
        await settle(pilot)
        assert timer.region.y == bottom
        await pilot.press("escape", "q", "enter")
        await settle(pilot)
        assert isinstance(pilot.app.screen, EndScreen)


async def test_quitting_from_the_library_says_nothing_of_a_session_seen_ended(
    build: Build,
) -> None:
    app = build("short")
    async with app.run_test(size=SIZE) as pilot:
        await player_of(pilot)
        await pilot.press("q", "enter")
        await settle(pilot)
        assert isinstance(pilot.app.screen, EndScreen)
        assert app.last_ended is not None  # quitting here would say what was practised
        await pilot.press("l")
        await settle(pilot)
        assert isinstance(pilot.app.screen, LibraryScreen)
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert app.last_ended is None


async def test_grounding_is_shown_and_a_key_away_while_typing(build: Build) -> None:
    async with build("short").run_test(size=(60, 20)) as pilot:
        player = await player_of(pilot)
        shown = [b.binding.key for b in player.active_bindings.values() if b.binding.show]
        assert shown[:2] == ["g", "q"]  # first in the footer, which a narrow screen cuts
        await to_writing(pilot, player)
        typing = {key for key, b in player.active_bindings.items() if b.enabled and b.binding.show}
        assert "ctrl+g" in typing
        await pilot.press("ctrl+g")
        await settle(pilot)
        assert type(pilot.app.screen).__name__ == "GroundingScreen"


async def test_help_holds_the_session_and_it_goes_on_when_help_closes(
    build: Build, clock: FakeClock
) -> None:
    async with build("short").run_test(size=SIZE) as pilot:
        player = await player_of(pilot)
        await advance(pilot, clock, 3)
        await pilot.press("f1")
        assert isinstance(pilot.app.screen, HelpScreen)
        clock.advance(7)  # reading the help: no time practised
        await settle(pilot)
        assert str(player.query_one(ClockFace).render()).startswith("0:03 practised")
        await pilot.press("escape")
        await advance(pilot, clock, 2)
        assert isinstance(pilot.app.screen, PlayerScreen)
        assert str(player.query_one(ClockFace).render()).startswith("0:05 practised")


async def open_help_and_close(pilot: Pilot[Any], kind: type) -> str:
    """F1 over the screen in front (of ``kind``), its words, and back to it with Esc."""
    assert isinstance(pilot.app.screen, kind), pilot.app.screen
    await pilot.press("f1")
    await settle(pilot)
    words = help_words(pilot)
    await pilot.press("escape")
    await settle(pilot)
    assert isinstance(pilot.app.screen, kind)
    return words


async def test_help_opens_over_every_screen_and_question_and_lists_what_works_there(
    build: Build, clock: FakeClock
) -> None:
    async with build().run_test(size=SIZE) as pilot:
        await settle(pilot)
        lines = (await open_help_and_close(pilot, LibraryScreen)).splitlines()
        assert "^c, ^q  Quit" in [line.strip() for line in lines]  # one line for both
        assert not [line for line in lines if "not just now" in line or "Copy" in line]
        await pilot.press("up", "enter")  # the timer's choices
        await settle(pilot)
        assert "Sit" in await open_help_and_close(pilot, TimerScreen)
        await pilot.press("escape", "f3")
        await settle(pilot)
        assert "esc, h  Back" in await open_help_and_close(pilot, HistoryScreen)
    async with build("short", checkins=True).run_test(size=SIZE) as pilot:
        await player_of(pilot, "checking")
        assert "Skip" in await open_help_and_close(pilot, CheckInScreen)
        await pilot.press("escape")  # no rating this time
        await player_of(pilot)
        await pilot.press("q")
        await settle(pilot)
        await open_help_and_close(pilot, ConfirmStopScreen)
        await pilot.press("escape", "g")
        await settle(pilot)
        await open_help_and_close(pilot, GroundingScreen)


async def test_a_session_gathers_its_keys_without_the_unicode_name_tables(
    build: Build, monkeypatch: pytest.MonkeyPatch
) -> None:
    """? is each screen's own key: on the app, Textual looked its character up in the Unicode
    name tables whenever it gathered a screen's keys (for the footer, at every key), and those
    pages stayed with every session (0.37 MiB, issue 26). ? opens help over the player still."""
    looked: list[str] = []
    real = unicodedata.lookup

    def lookup(name: str) -> str:
        looked.append(name)
        return real(name)

    monkeypatch.setattr(unicodedata, "lookup", lookup)
    key_to_character.cache_clear()  # a look made by an earlier test would hide this one's
    async with build("short").run_test(size=SIZE) as pilot:
        player = await player_of(pilot)
        assert player.active_bindings["question_mark"].binding.action == "app.help"
        assert "QUESTION MARK" not in looked
        await pilot.press("question_mark")
        assert isinstance(pilot.app.screen, HelpScreen)


def test_every_screen_of_ours_opens_help_with_question_mark() -> None:
    package = Path(screens.__file__).parent
    found = []
    for info in pkgutil.iter_modules([str(package)]):
        module = importlib.import_module(f"{screens.__name__}.{info.name}")
        for value in vars(module).values():
            if (
                isinstance(value, type)
                and issubclass(value, Screen)
                and value.__module__ == module.__name__
                and value.__name__.endswith("Screen")
                and value is not HelpScreen  # its own ? closes it
            ):
                found.append(value)
    assert len(found) >= 18
    for screen in found:
        keys = {
            (binding.key, binding.action)
            for cls in screen.__mro__
            for binding in Binding.make_bindings(vars(cls).get("BINDINGS", []))
        }
        assert ("question_mark", "app.help") in keys, screen
