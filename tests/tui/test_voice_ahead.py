"""The voice is loaded while the library is shown (``make_app(voice_ahead=...)``, which the
command line sets: ``audio/standby.py``), so a first play's first word comes sooner: once the
library's first frame is out, and again each time the library is back in front (the person's
voice may have changed in Settings, and a session's worker has exited)."""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from session_player.core.library.scripts import Source
from session_player.home.settings import Settings
from session_player.tui.app import make_app
from session_player.tui.messages import SettingsChanged

from .conftest import SIZE, settle


async def test_the_voice_is_loaded_whenever_the_library_is_in_front(
    folders: list[tuple[Path, Source]],
) -> None:
    asked: queue.Queue[tuple[Settings, Path | None]] = queue.Queue()
    app = make_app(
        settings=Settings(), folders=folders, voice_ahead=lambda *wanted: asked.put(wanted[:2])
    )
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.first_frame_out
        settings, first = asked.get(timeout=10)
        assert settings.voice_id == "" and first is not None  # the highlighted session's
        await pilot.press("down")
        await settle(pilot)
        _settings, second = asked.get(timeout=10)
        assert second is not None and second != first  # the next one, as it is highlighted
        await pilot.press("f2")
        await settle(pilot)
        assert asked.empty()  # under Settings: nothing is loaded
        app.post_message(SettingsChanged(replace(app.settings, voice_id="hibari:heart")))
        await pilot.press("escape")
        await settle(pilot)
        settings, again = asked.get(timeout=10)
        assert settings.voice_id == "hibari:heart" and again == second


def test_a_request_served_is_told_once_a_newer_one_waits(tmp_path: Path) -> None:
    """The line being made for the session highlighted first is given up once another is
    highlighted: the voice's worker goes on to the one the person is looking at."""
    from session_player.tui.voice_ahead import VoiceAhead

    serving, release = threading.Event(), threading.Event()
    told: queue.Queue[tuple[Path | None, bool]] = queue.Queue()

    def ahead(settings: Settings, path: Path | None, stale: Callable[[], bool]) -> None:
        if path == tmp_path / "first.toml":
            serving.set()
            release.wait(10)
        told.put((path, stale()))

    voice = VoiceAhead(ahead)
    voice.want(Settings(), tmp_path / "first.toml")
    assert serving.wait(10)
    voice.want(Settings(), tmp_path / "second.toml")  # another session highlighted
    release.set()
    assert told.get(timeout=10) == (tmp_path / "first.toml", True)
    assert told.get(timeout=10) == (tmp_path / "second.toml", False)
