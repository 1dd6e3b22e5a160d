"""Settings as a person meets them: every theme (remembered from Settings or the palette), focus
that shows, switches that only Space turns, a field that says what it takes, a chime to try."""

from __future__ import annotations

from collections.abc import Callable

from textual.command import CommandPalette
from textual.widgets import Button, Input, Select, Static, Switch

from session_player.home import paths
from session_player.home.settings import Settings, load_settings, save_settings
from session_player.tui.app import SessionPlayerApp, make_app

from .conftest import SIZE, RecordingConductor, open_settings, settle

Build = Callable[..., SessionPlayerApp]


async def test_settings_offer_every_textual_theme_and_keep_the_choice(build: Build) -> None:
    async with build().run_test(size=SIZE) as pilot:
        screen = await open_settings(pilot)
        select = screen.query_one("#setting-theme", Select)
        offered = {value for _label, value in select._options if isinstance(value, str)}
        assert {"dark", "light", "nord", "dracula", "gruvbox", "tokyo-night"} <= offered
        select.value = "nord"
        await settle(pilot)
        assert pilot.app.theme == "nord"
    assert load_settings(paths.config_path())[0].theme == "nord"
    again = make_app()
    async with again.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert again.theme == "nord"


async def test_a_theme_picked_in_the_palette_is_remembered(build: Build) -> None:
    async with build().run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await settle(pilot)
        assert isinstance(pilot.app.screen, CommandPalette)
        await pilot.press(*"theme", "enter")
        await settle(pilot)
        await pilot.press(*"dracula", "enter")
        await settle(pilot)
        assert pilot.app.theme == "dracula"
    assert load_settings(paths.config_path())[0].theme == "dracula"


async def test_a_saved_theme_that_is_not_there_falls_back_kindly() -> None:
    save_settings(Settings(theme="no-such-theme"), paths.config_path())
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.theme == "session-dark"
        assert any("no-such-theme" in notice for notice in app.notices)


async def test_the_first_setting_has_the_focus_and_its_row_shows_it(build: Build) -> None:
    async with build().run_test(size=SIZE) as pilot:
        screen = await open_settings(pilot)
        focused = pilot.app.focused
        assert isinstance(focused, Select | Switch | Input)
        row = focused.parent
        assert row is not None and row.has_class("row")
        others = [r for r in screen.query(".row") if r is not row]
        assert row.styles.background != others[0].styles.background


async def test_enter_never_turns_a_switch_space_does(build: Build) -> None:
    async with build().run_test(size=SIZE) as pilot:
        screen = await open_settings(pilot)
        switch = screen.query_one("#setting-checkins", Switch)
        switch.focus()
        await pilot.press("enter")
        await settle(pilot)
        assert switch.value is True and pilot.app.settings.checkins is True  # type: ignore[attr-defined]
        await pilot.press("space")
        await settle(pilot)
        assert pilot.app.settings.checkins is False  # type: ignore[attr-defined]


async def test_a_voice_speed_out_of_range_says_the_range(build: Build) -> None:
    async with build().run_test(size=SIZE) as pilot:
        screen = await open_settings(pilot)
        field = screen.query_one("#setting-voice_rate", Input)
        field.focus()
        field.value = ""
        await pilot.press(*"300")
        await settle(pilot)
        line = screen.query_one("#problem-voice_rate", Static)
        assert line.display and "from 80 to 250 words a minute" in str(line.render())
        await pilot.press("tab")
        await settle(pilot)
        assert "300 was not kept" in str(line.render())
        assert pilot.app.settings.voice_rate == 140  # type: ignore[attr-defined]
        field.focus()
        field.value = ""
        await pilot.press(*"180", "enter")
        await settle(pilot)
        assert not line.display and pilot.app.settings.voice_rate == 180  # type: ignore[attr-defined]


async def test_each_chime_can_be_tried(build: Build, conductors: list[RecordingConductor]) -> None:
    async with build(chime_volume=40).run_test(size=SIZE) as pilot:
        screen = await open_settings(pilot)
        screen.query_one("#setting-end_chime", Select).value = "bowl"
        await settle(pilot)
        for name in ("start_chime", "end_chime"):
            button = screen.query_one(f"#try-{name}", Button)
            button.focus()
            await pilot.press("enter")
            await settle(pilot)
    rung = [args for c in conductors for call, args in c.calls if call == "chime"]
    assert rung == [("bell", 40), ("bowl", 40)]


async def test_a_soundscape_is_chosen_among_ones_own_and_tried(
    build: Build, conductors: list[RecordingConductor]
) -> None:
    own = paths.data_dir() / "sounds"
    own.mkdir(parents=True)
    (own / "garden.flac").write_bytes(b"")
    async with build(soundscape_volume=30).run_test(size=SIZE) as pilot:
        screen = await open_settings(pilot)
        select = screen.query_one("#setting-soundscape", Select)
        offered = [value for _label, value in select._options]
        assert offered == ["script", "none", "brown", "rain", "stream", "waves", "garden"]
        select.value = "garden"
        await settle(pilot)
        assert pilot.app.settings.soundscape == "garden"  # type: ignore[attr-defined]
        button = screen.query_one("#try-soundscape", Button)
        button.focus()
        await pilot.press("enter")
        await settle(pilot)
    tried = [args for c in conductors for call, args in c.calls if call == "soundscape"]
    assert tried == [("garden", 30)]
    assert load_settings(paths.config_path())[0].soundscape == "garden"
