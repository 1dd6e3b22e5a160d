"""The settings screen: changes are saved at once, applied, and back on the next start."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from textual.color import Color
from textual.widgets import Input, Select, Switch

from session_player.core.clock import FakeClock
from session_player.home import paths
from session_player.home.settings import Settings, load_settings, save_settings
from session_player.tui.app import SessionPlayerApp, make_app
from session_player.tui.themes import THEMES
from session_player.tui.widgets.pacer import Pacer

from .conftest import SIZE, RecordingConductor, open_settings, player_of, settle

Build = Callable[..., SessionPlayerApp]


async def test_a_switch_is_saved_and_comes_back_next_time(build: Build) -> None:
    async with build().run_test(size=SIZE) as pilot:
        screen = await open_settings(pilot)
        screen.query_one("#setting-reduced_motion", Switch).focus()
        await pilot.press("space")
        await settle(pilot)
        assert pilot.app.settings.reduced_motion is True  # type: ignore[attr-defined]
    saved, notices = load_settings(paths.config_path())
    assert saved.reduced_motion is True and notices == []
    again = make_app()
    assert again.settings.reduced_motion is True


async def test_the_theme_applies_at_once(build: Build) -> None:
    async with build().run_test(size=SIZE) as pilot:
        assert pilot.app.theme == "session-dark"
        screen = await open_settings(pilot)
        screen.query_one("#setting-theme", Select).value = "light"
        await settle(pilot)
        assert pilot.app.theme == "session-light"
    assert load_settings(paths.config_path())[0].theme == "light"


async def test_a_saved_light_theme_is_used_from_the_start() -> None:
    from session_player.home.settings import save_settings

    save_settings(Settings(theme="light"), paths.config_path())
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.theme == "session-light"


@pytest.mark.parametrize("name", ["dark", "light"])
async def test_a_theme_started_in_draws_as_the_same_theme_chosen_later(name: str) -> None:
    # The first theme is set before the first stylesheet parse, without Textual's watcher;
    # what is drawn must be what a change of theme would give.
    other = "light" if name == "dark" else "dark"
    theme = THEMES[name]

    def colours(app: SessionPlayerApp) -> tuple[Color, Color, bool]:
        title = app.screen.query_one("#title")
        return app.screen.styles.background, title.styles.color, app.current_theme.dark

    save_settings(Settings(theme=name), paths.config_path())
    started = make_app()
    async with started.run_test(size=SIZE) as pilot:
        await settle(pilot)
        first = colours(started)
        assert started.theme == theme.name and started.has_class(f"-theme-{theme.name}")
        assert first == (Color.parse(theme.background), Color.parse(theme.primary), theme.dark)

    save_settings(Settings(theme=other), paths.config_path())
    changed = make_app()
    async with changed.run_test(size=SIZE) as pilot:
        await settle(pilot)
        changed.theme = theme.name
        await settle(pilot)
        assert colours(changed) == first


async def test_numbers_are_checked_before_they_are_kept(build: Build) -> None:
    async with build().run_test(size=SIZE) as pilot:
        screen = await open_settings(pilot)
        field = screen.query_one("#setting-chime_volume", Input)
        field.focus()
        await pilot.press("ctrl+u", *"140", "enter")
        await settle(pilot)
        assert field.has_class("-invalid")
        assert pilot.app.settings.chime_volume == 70  # type: ignore[attr-defined]
        await pilot.press("backspace", "backspace", "backspace", *"40")
        await settle(pilot)
        assert not field.has_class("-invalid")
        assert pilot.app.settings.chime_volume == 70  # type: ignore[attr-defined]
        await pilot.press("tab")  # leaving the field keeps the value
        await settle(pilot)
        assert not field.has_class("-invalid")
        assert pilot.app.settings.chime_volume == 40  # type: ignore[attr-defined]
    assert load_settings(paths.config_path())[0].chime_volume == 40


async def test_start_delay_offers_off_5_10_30(build: Build) -> None:
    async with build().run_test(size=SIZE) as pilot:
        screen = await open_settings(pilot)
        select = screen.query_one("#setting-start_delay", Select)
        select.value = 10
        await settle(pilot)
        assert pilot.app.settings.start_delay == 10  # type: ignore[attr-defined]


async def test_the_voice_preview_asks_a_conductor(
    build: Build, conductors: list[RecordingConductor]
) -> None:
    async with build().run_test(size=SIZE) as pilot:
        screen = await open_settings(pilot)
        screen.query_one("#preview").focus()
        await pilot.press("enter")
        await settle(pilot)
    assert conductors[-1].calls == [("preview", 140), ("close", None)]


async def test_the_voice_preview_without_a_conductor_says_so(clock: FakeClock) -> None:
    app = make_app(clock=clock)
    notes: list[str] = []
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_settings(pilot)
        app.notify = lambda message, **kw: notes.append(message)  # type: ignore[method-assign]
        screen.query_one("#preview").focus()
        await pilot.press("enter")
        await settle(pilot)
    assert notes == ["No voice is available here."]


async def test_new_settings_reach_the_next_session(build: Build) -> None:
    async with build().run_test(size=SIZE) as pilot:
        screen = await open_settings(pilot)
        screen.query_one("#setting-reduced_motion", Switch).focus()
        await pilot.press("space", "escape")
        await pilot.press("enter")
        player = await player_of(pilot)
        assert player.query_one(Pacer).reduced_motion is True


async def test_bad_settings_in_the_file_are_told_not_fatal() -> None:
    path = paths.ensure(paths.config_dir()) / "settings.toml"
    path.write_text("theme = 'purple'\nchime_volume = 50\n", encoding="utf-8")
    app = make_app()
    notes: list[str] = []
    app.notify = lambda message, **kw: notes.append(message)  # type: ignore[method-assign]
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.settings.chime_volume == 50
        assert app.theme == "session-dark"
    assert any("theme" in note for note in notes)
