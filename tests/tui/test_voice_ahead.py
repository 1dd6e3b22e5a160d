"""The voice is loaded while the library is shown (``make_app(voice_ahead=...)``, which the
command line sets: ``audio/standby.py``), so a first play's first word comes sooner: once the
library's first frame is out, and again each time the library is back in front (the person's
voice may have changed in Settings, and a session's worker has exited)."""

from __future__ import annotations

import queue
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
    asked: queue.Queue[Settings] = queue.Queue()
    app = make_app(settings=Settings(), folders=folders, voice_ahead=asked.put)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.first_frame_out
        assert asked.get(timeout=10).voice_id == ""
        await pilot.press("f2")
        await settle(pilot)
        assert asked.empty()  # under Settings: nothing is loaded
        app.post_message(SettingsChanged(replace(app.settings, voice_id="hibari:heart")))
        await pilot.press("escape")
        await settle(pilot)
        assert asked.get(timeout=10).voice_id == "hibari:heart"
