"""What you've told the app: kept answers are shown, changed and deleted from the settings.

The screen reads and writes in thread workers that a press only starts once its message is
handled, and a delete starts the read that redraws the list from its own thread: one ``settle``
(which waits on the workers that exist when it is called) may return before either has run.
So each step waits until what the person would see is there (``until``), settling each time.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.widgets import Button, Static, TextArea

from session_player.core.log.kept import KeptStore
from session_player.home import paths
from session_player.tui.app import SessionPlayerApp
from session_player.tui.screens.confirm_delete import ConfirmDeleteScreen
from session_player.tui.screens.kept import KeptScreen

from .conftest import SIZE, settle

Build = Callable[..., SessionPlayerApp]


async def until(pilot: Any, seen: Callable[[], bool], what: str) -> None:
    """Settle until ``seen()``: a bounded number of rounds, each waiting on the workers there
    are then and on the messages queued (never on the clock)."""
    for _ in range(200):
        await settle(pilot)
        if seen():
            return
    raise AssertionError(f"never seen: {what}")


async def open_kept(pilot: Any) -> KeptScreen:
    await settle(pilot)
    await pilot.press("f2")
    await until(pilot, lambda: bool(pilot.app.screen.query("#kept")), "the settings")
    button = pilot.app.screen.query_one("#kept", Button)
    button.scroll_visible(animate=False)
    await settle(pilot)
    button.press()
    await until(pilot, lambda: isinstance(pilot.app.screen, KeptScreen), "the kept answers")
    screen = pilot.app.screen
    assert isinstance(screen, KeptScreen)
    await until(pilot, lambda: bool(screen.query("#answers > *")), "the answers read")
    return screen


async def ask_to_delete(pilot: Any, screen: KeptScreen, n: int) -> None:
    screen.query_one(f"#delete-{n}", Button).press()
    await until(pilot, lambda: isinstance(pilot.app.screen, ConfirmDeleteScreen), "the question")


def texts(screen: KeptScreen) -> str:
    return " ".join(str(s.render()) for s in screen.query(Static))


async def test_nothing_kept_yet_says_so_and_makes_no_file(build: Build) -> None:
    async with build().run_test(size=SIZE) as pilot:
        screen = await open_kept(pilot)
        assert "Nothing kept yet" in texts(screen)
    assert not paths.kept_path().exists()


async def test_a_kept_answer_is_shown_changed_and_deleted(build: Build) -> None:
    store = KeptStore(paths.kept_path())
    store.keep("image_name", "Willow", script="compassionate-image", prompt="Its name?")
    store.keep("my_phrases", "May I rest.", script="finding-your-phrases", prompt="Phrases?")
    async with build().run_test(size=SIZE) as pilot:
        screen = await open_kept(pilot)
        shown = texts(screen)
        assert "Your compassionate image's name" in shown and "Its name?" in shown
        assert screen.query_one("#text-0", TextArea).text == "Willow"
        screen.query_one("#text-0", TextArea).text = "Old oak"
        screen.query_one("#save-0", Button).press()
        await until(pilot, lambda: "Saved." in texts(screen), "Saved.")
        assert store.values()["image_name"] == "Old oak"
        await ask_to_delete(pilot, screen, 1)  # my_phrases, after image_name
        await pilot.press("y")
        await until(pilot, lambda: "loving-kindness phrases" not in texts(screen), "it gone")
        assert store.values() == {"image_name": "Old oak"}
        assert pilot.app.screen is screen and "Your compassionate image's name" in texts(screen)


async def test_keeping_is_the_default_when_asked_about_deleting(build: Build) -> None:
    store = KeptStore(paths.kept_path())
    store.keep("image_name", "Willow", script="compassionate-image", prompt="Its name?")
    async with build().run_test(size=SIZE) as pilot:
        screen = await open_kept(pilot)
        await ask_to_delete(pilot, screen, 0)
        await pilot.press("enter")  # Keep has the focus
        await until(pilot, lambda: pilot.app.screen is screen, "the answers again")
        assert store.values() == {"image_name": "Willow"}
        assert "Your compassionate image's name" in texts(screen)
