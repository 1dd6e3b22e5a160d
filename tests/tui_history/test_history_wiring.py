"""The library opens the history with F3 and from the command palette."""

from __future__ import annotations

from session_player.tui.app import make_app
from session_player.tui.screens.history import HistoryScreen


async def test_f3_opens_history_and_escape_comes_back() -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("f3")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
        await app.workers.wait_for_complete()
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, HistoryScreen)


async def test_the_palette_offers_history() -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        for key in "history":
            await pilot.press(key)
        await app.workers.wait_for_complete()  # the palette's search is a worker: its hits
        await pilot.pause()  # shown, whatever the machine's load
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
        await app.workers.wait_for_complete()
