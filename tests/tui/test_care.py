"""Care in the TUI: the crisis sentence on the grounding pause with the person's own line, and
that line kept from the settings."""

from __future__ import annotations

from collections.abc import Callable

from textual.widgets import Input, Static

from session_player.core.care import CRISIS_SENTENCE
from session_player.home import paths
from session_player.home.settings import load_settings
from session_player.tui.app import SessionPlayerApp
from session_player.tui.screens.grounding import GroundingScreen

from .conftest import SIZE, player_of, settle
from .test_settings_screen import open_settings

Build = Callable[..., SessionPlayerApp]


async def grounding_words(app: SessionPlayerApp) -> str:
    screen = app.screen
    assert isinstance(screen, GroundingScreen)
    return str(screen.query_one("#grounding", Static).render())


async def test_the_grounding_pause_names_the_crisis_sentence(build: Build) -> None:
    async with build("short").run_test(size=SIZE) as pilot:
        await player_of(pilot)
        await pilot.press("g")
        words = await grounding_words(pilot.app)
        assert " ".join(CRISIS_SENTENCE.split()) in " ".join(words.split())
        assert "Your own support line" not in words


async def test_the_persons_own_line_is_shown_after_the_sentence(build: Build) -> None:
    async with build("short", crisis_line="Samaritans 116 123").run_test(size=SIZE) as pilot:
        await player_of(pilot)
        await pilot.press("g")
        words = " ".join((await grounding_words(pilot.app)).split())
        assert words.index("crisis line now.") < words.index(
            "Your own support line: Samaritans 116 123."
        )


async def test_the_own_line_is_typed_in_the_settings_and_kept(build: Build) -> None:
    async with build().run_test(size=SIZE) as pilot:
        screen = await open_settings(pilot)
        field = screen.query_one("#setting-crisis_line", Input)
        field.focus()
        await pilot.press(*"My friend Ana 0123", "enter")
        await settle(pilot)
        assert pilot.app.settings.crisis_line == "My friend Ana 0123"  # type: ignore[attr-defined]
        await pilot.press(*("x" * 190), "enter")  # longer than a line is kept
        await settle(pilot)
        assert field.has_class("-invalid")
        problem = str(screen.query_one("#problem-crisis_line", Static).render())
        assert "at most 200 characters" in problem and "was not kept" in problem
        assert pilot.app.settings.crisis_line == "My friend Ana 0123"  # type: ignore[attr-defined]
    assert load_settings(paths.config_path())[0].crisis_line == "My friend Ana 0123"
