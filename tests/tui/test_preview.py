"""The voice preview: it says it is getting ready and playing, and speaks at the speed typed."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable

import pytest
from textual.widgets import Button, Input

from session_player.core.clock import FakeClock
from session_player.home.settings import Settings
from session_player.tui.app import make_app
from session_player.tui.app_keys import PLAYING, PREPARING
from session_player.tui.screens.settings import PREVIEW

from .conftest import SIZE, RecordingConductor, open_settings, settle


class HeldPreview(RecordingConductor):
    """A preview that goes on playing until the test lets it end."""

    rendering = threading.Event()
    playing = threading.Event()
    release = threading.Event()
    finish = threading.Event()

    def preview_voice(self, playing: Callable[[], None] | None = None) -> None:
        self.calls.append(("preview", self.settings.voice_rate))
        self.rendering.set()
        assert self.release.wait(10)  # the voice is still being rendered
        assert playing is not None
        playing()
        self.playing.set()
        assert self.finish.wait(10)  # the sample is being heard


async def test_the_preview_shows_it_is_playing_at_the_speed_typed(clock: FakeClock) -> None:
    made: list[HeldPreview] = []

    def factory(settings: Settings) -> HeldPreview:
        made.append(HeldPreview(settings))
        return made[-1]

    app = make_app(clock=clock, conductor_factory=factory)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_settings(pilot)
        screen.query_one("#setting-voice_rate", Input).value = "120"  # typed, not confirmed
        button = screen.query_one("#preview", Button)
        button.press()
        assert await asyncio.to_thread(HeldPreview.rendering.wait, 10)
        await pilot.pause()
        assert str(button.label) == PREPARING and button.disabled
        HeldPreview.release.set()
        assert await asyncio.to_thread(HeldPreview.playing.wait, 10)
        await pilot.pause()
        assert str(button.label) == PLAYING and button.disabled
        HeldPreview.finish.set()
        await app.workers.wait_for_complete()
        await settle(pilot)
        assert str(button.label) == PREVIEW and not button.disabled
    assert made[-1].calls[0] == ("preview", 120)
    assert app.settings.voice_rate == 120  # and it is remembered


@pytest.mark.parametrize("size", [(60, 20), (80, 24)], ids=["60x20", "80x24"])
async def test_no_state_of_the_preview_button_is_cut(
    clock: FakeClock, size: tuple[int, int]
) -> None:
    app = make_app(clock=clock, conductor_factory=RecordingConductor)
    async with app.run_test(size=size) as pilot:
        screen = await open_settings(pilot)
        button = screen.query_one("#preview", Button)
        for state in (PREPARING, PLAYING, None):
            screen.show_preview(state)
            await settle(pilot)
            assert button.content_region.width >= len(str(button.label)), state
            assert button.region.right <= size[0]
