"""What you've told the app: kept answers are shown, changed and deleted from the settings."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.widgets import Button, Static, TextArea

from session_player.core.log.kept import KeptStore
from session_player.home import paths
from session_player.tui.app import SessionPlayerApp
from session_player.tui.screens.kept import KeptScreen

from .conftest import SIZE, settle

Build = Callable[..., SessionPlayerApp]


async def open_kept(pilot: Any) -> KeptScreen:
    await settle(pilot)
    await pilot.press("f2")
    await settle(pilot)
    button = pilot.app.screen.query_one("#kept", Button)
    button.scroll_visible(animate=False)
    await settle(pilot)
    button.press()
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, KeptScreen)
    return screen


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
        await settle(pilot)
        assert store.values()["image_name"] == "Old oak"
        assert "Saved." in texts(screen)
        screen.query_one("#delete-1", Button).press()  # my_phrases, after image_name
        await settle(pilot)
        await pilot.press("y")  # the question before deleting
        await settle(pilot)
        assert store.values() == {"image_name": "Old oak"}
        assert pilot.app.screen is screen and "loving-kindness phrases" not in texts(screen)


async def test_keeping_is_the_default_when_asked_about_deleting(build: Build) -> None:
    store = KeptStore(paths.kept_path())
    store.keep("image_name", "Willow", script="compassionate-image", prompt="Its name?")
    async with build().run_test(size=SIZE) as pilot:
        screen = await open_kept(pilot)
        screen.query_one("#delete-0", Button).press()
        await settle(pilot)
        await pilot.press("enter")  # Keep has the focus
        await settle(pilot)
        assert store.values() == {"image_name": "Willow"}
