"""The voice choice in settings: installed voices, "Automatic", a missing voice, no engine."""

from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Callable
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import OptionList, Select, Static, Switch

from session_player.home import paths
from session_player.home.settings import load_settings
from session_player.tui.app import SessionPlayerApp
from session_player.tui.screens.settings import SettingsScreen
from session_player.tui.widgets.voice_select import (
    AUTOMATIC,
    IN_USE,
    LOOKING,
    Voices,
    installed_voices,
)

from .conftest import SIZE, RecordingConductor, settle

Build = Callable[..., SessionPlayerApp]
VOICES = [("gmw/en-us", "English (America)"), ("gmw/en", "English (Great Britain)")]
NO_ENGINE = "Voice is off: espeak-ng not found; install libespeak-ng1; text is shown."


def found(
    voices: list[tuple[str, str]] = VOICES, notice: str | None = None
) -> Callable[[], Voices]:
    """A voice provider that answers at once, without a speech engine."""
    return lambda: (list(voices), notice)


async def open_settings(pilot: Pilot[Any], voices: Callable[[], Voices]) -> SettingsScreen:
    """The settings screen over the library, with ``voices`` as its voice provider."""
    await settle(pilot)
    app: SessionPlayerApp = pilot.app  # type: ignore[assignment]
    screen = SettingsScreen(app.settings, voices=voices)
    await app.push_screen(screen)
    await settle(pilot)
    return screen


def picker(screen: SettingsScreen) -> Select[str]:
    return screen.query_one("#setting-voice_id", Select)


def notice(screen: SettingsScreen) -> Static:
    return screen.query_one("#voice-notice", Static)


def saved_voice() -> str:
    settings, notices = load_settings(paths.config_path())
    assert notices == []
    return settings.voice_id


def shown(select: Select[str]) -> list[str]:
    """What the select offers, as the person reads it."""
    overlay = select.query_one("SelectOverlay", OptionList)
    return [str(overlay.get_option_at_index(i).prompt) for i in range(overlay.option_count)]


async def choose(pilot: Pilot[Any], select: Select[str], *moves: str) -> None:
    """Open the select, move through it with ``moves`` ("up", "down") and take that option."""
    select.focus()
    await pilot.press("enter", *moves, "enter")
    await settle(pilot)


async def test_a_chosen_voice_is_saved_and_previewed(
    build: Build, conductors: list[RecordingConductor]
) -> None:
    async with build().run_test(size=SIZE) as pilot:
        screen = await open_settings(pilot, found())
        select = picker(screen)
        assert not select.disabled and not notice(screen).display
        assert select.value == ""
        assert shown(select) == [
            AUTOMATIC + IN_USE,
            "espeak-ng: English (America)",
            "espeak-ng: English (Great Britain)",
        ]
        await choose(pilot, select, "down", "down")
        assert select.value == "gmw/en"
        screen.query_one("#preview").focus()
        await pilot.press("enter")
        await settle(pilot)
        assert conductors[-1].settings.voice_id == "gmw/en"  # the preview uses the choice
        await pilot.press("escape")
        await settle(pilot)
    assert saved_voice() == "gmw/en"


MANY = [  # as the engines list them: natural voices first, espeak's ~100 languages after
    ("hibari:heart", "heart · hibari · en-US"),
    ("piper:en_US-joe-medium", "en_US-joe-medium · piper · en-US"),
    ("gmw/en-us", "English (America) · espeak · en-us"),
    ("roa/haw", "Hawaiian · espeak · haw"),
    ("sem/he", "Hebrew · espeak · he"),
    ("gmw/de", "German · espeak · de"),
]


async def test_natural_voices_come_first_grouped_with_the_one_in_use_marked(build: Build) -> None:
    # hibari's "heart" was listed between Hawaiian and Hebrew, unmarked.
    async with build().run_test(size=SIZE) as pilot:
        screen = await open_settings(pilot, found(list(reversed(MANY))))
        select = picker(screen)
        assert shown(select) == [
            AUTOMATIC + IN_USE,
            "Natural: heart · hibari · en-US" + IN_USE,  # what "Automatic" speaks English in
            "Natural: en_US-joe-medium · piper · en-US",
            "espeak-ng: English (America) · en-us",
            "espeak-ng: German · de",
            "espeak-ng: Hawaiian · haw",
            "espeak-ng: Hebrew · he",
        ]
        await choose(pilot, select, "down", "down")
        assert select.value == "piper:en_US-joe-medium"
        marked = [line for line in shown(select) if line.endswith(IN_USE)]
        assert marked == ["Natural: en_US-joe-medium · piper · en-US" + IN_USE]
        await pilot.press("escape")
        await settle(pilot)
    assert saved_voice() == "piper:en_US-joe-medium"


async def test_automatic_saves_an_empty_voice(build: Build) -> None:
    async with build(voice_id="gmw/en-us").run_test(size=SIZE) as pilot:
        screen = await open_settings(pilot, found())
        select = picker(screen)
        assert select.value == "gmw/en-us"
        await choose(pilot, select, "up")
        assert select.value == ""
        await pilot.press("escape")
        await settle(pilot)
    assert saved_voice() == ""


async def test_a_voice_no_longer_installed_stays_chosen(build: Build) -> None:
    async with build(voice_id="gone/xx").run_test(size=SIZE) as pilot:
        screen = await open_settings(pilot, found())
        select = picker(screen)
        assert select.value == "gone/xx"
        assert shown(select)[:2] == [AUTOMATIC, "gone/xx (not installed)" + IN_USE]
        assert not paths.config_path().exists()  # finding the voices changed nothing
        screen.query_one("#setting-reduced_motion", Switch).toggle()  # another change is saved
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
    assert saved_voice() == "gone/xx"
    assert load_settings(paths.config_path())[0].reduced_motion is True


async def test_without_a_speech_engine_the_notice_is_shown(build: Build) -> None:
    async with build().run_test(size=SIZE) as pilot:
        screen = await open_settings(pilot, found([], NO_ENGINE))
        select = picker(screen)
        assert select.disabled
        assert shown(select) == [AUTOMATIC + IN_USE]
        assert notice(screen).display
        assert str(notice(screen).render()) == NO_ENGINE


async def test_the_screen_works_while_the_voices_are_looked_for(build: Build) -> None:
    release = threading.Event()

    def slow() -> Voices:
        release.wait(300)  # only a guard: the test sets it
        return VOICES, None

    async with build().run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = SettingsScreen(pilot.app.settings, voices=slow)  # type: ignore[attr-defined]
        await pilot.app.push_screen(screen)
        try:
            await pilot.pause()
            assert str(notice(screen).render()) == LOOKING
            assert picker(screen).disabled
            screen.query_one("#setting-reduced_motion", Switch).focus()
            await pilot.press("space")
            await pilot.pause()
            assert pilot.app.settings.reduced_motion is True  # type: ignore[attr-defined]
        finally:
            release.set()
        await settle(pilot)
        assert not picker(screen).disabled
        assert not notice(screen).display


@pytest.mark.skipif(
    not (os.environ.get("CI") or shutil.which("espeak-ng")),
    reason="needs espeak-ng (CI installs it)",
)
def test_the_real_engine_offers_an_english_voice() -> None:
    voices, problem = installed_voices()
    # Voices that would come from the net are named as unavailable, never fetched.
    assert problem is None or problem.startswith("Unavailable: ")
    assert any("english" in name.lower() or "/en" in voice_id for voice_id, name in voices)


async def test_a_failing_voice_list_is_told_not_fatal(build: Build) -> None:
    def broken() -> Voices:
        raise TimeoutError("espeak took too long")

    async with build().run_test(size=SIZE) as pilot:
        screen = await open_settings(pilot, broken)
        assert picker(screen).disabled and picker(screen).value == ""
        assert "espeak took too long" in str(notice(screen).render())
