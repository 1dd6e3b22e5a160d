"""Save as audio... from the library: the file name asked, the session written in a worker
with a progress bar, the file there and whole afterwards; a name taken is not overwritten."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
import soundfile
from textual.widgets import Input, ProgressBar, Static

from session_player.tui.app import SessionPlayerApp
from session_player.tui.screens.library import LibraryScreen
from session_player.tui.screens.save_audio import SaveAudioScreen

from .conftest import SIZE, settle

Build = Callable[..., SessionPlayerApp]


async def test_save_as_audio_writes_the_highlighted_session_to_the_file_named(
    build: Build, tmp_path: Path
) -> None:
    target = tmp_path / "breathing.ogg"
    app = build(voice=False, start_chime="none", end_chime="wood")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press(*"Just breathing")
        await pilot.press("ctrl+s")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, SaveAudioScreen)
        assert screen.script.title == "Just breathing"
        assert screen.query_one("#file", Input).value.endswith("breathing.mp3")  # offered
        screen.query_one("#file", Input).value = str(target)
        bar = screen.query_one("#progress", ProgressBar)
        assert not bar.display  # until there is something to show
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, LibraryScreen)  # done: back in the library
        assert bar.progress == 1.0  # the bar was moved along, to the end
    track, rate = soundfile.read(target)
    # Three soothing breaths (in 4, out 6) and the wood block after them.
    assert len(track) / rate == pytest.approx(30.45, abs=0.1)


async def test_a_name_already_taken_is_not_overwritten(build: Build, tmp_path: Path) -> None:
    target = tmp_path / "mine.wav"
    target.write_bytes(b"mine")
    app = build(voice=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press(*"Just breathing")
        await pilot.press("ctrl+s")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, SaveAudioScreen)
        screen.query_one("#file", Input).value = str(target)
        await pilot.press("enter")
        await settle(pilot)
        news = str(screen.query_one("#news", Static).render())
        assert "exists; choose another name" in news
        assert app.screen is screen  # still asking
    assert target.read_bytes() == b"mine"


async def test_the_command_palette_offers_save_as_audio(build: Build) -> None:
    app = build(voice=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press(*"Just breathing")
        await pilot.press("ctrl+p")
        await settle(pilot)
        await pilot.press(*"Save as audio", "enter")
        await settle(pilot)
        assert isinstance(app.screen, SaveAudioScreen)
        assert app.screen.script.title == "Just breathing"
