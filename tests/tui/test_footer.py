"""The footer shows the keys that work now, and isn't rebuilt when they haven't changed."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from textual.app import App
from textual.binding import Binding
from textual.keys import format_key
from textual.widget import Widget
from textual.widgets._footer import FooterKey

from session_player.core.clock import FakeClock
from session_player.tui.app import SessionPlayerApp
from session_player.tui.widgets.footer import KeyFooter

from .conftest import SIZE, advance, player_of, settle
from .test_player import to_step

Build = Callable[..., SessionPlayerApp]


def shown_keys(app: SessionPlayerApp) -> list[Widget]:
    """The footer's key widgets (each has the ``key`` it stands for)."""
    return list(app.screen.query_one(KeyFooter).query("FooterKey"))


def keys_of(app: SessionPlayerApp) -> set[str]:
    return {str(getattr(widget, "key", "")) for widget in shown_keys(app)}


async def test_moving_the_focus_keeps_the_same_footer(build: Build) -> None:
    async with build().run_test(size=SIZE) as pilot:
        await settle(pilot)
        before = shown_keys(pilot.app)
        assert [getattr(key, "key", "") for key in before][:3] == ["f4", "f2", "f3"]
        await pilot.press("tab")  # the focus moves from the filter to the list
        await settle(pilot)
        assert pilot.app.focused is not None and pilot.app.focused.id == "sessions"
        assert shown_keys(pilot.app) == before  # the very same widgets: nothing rebuilt


async def test_the_first_frame_has_the_footers_keys(
    build: Build, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Textual's footer composes nothing until the screen's first bindings update and then
    composes again, so the library's first frame showed an empty footer and the next one its
    keys; ours is composed with its keys, and the update that follows rebuilds nothing."""
    rebuilt: list[KeyFooter] = []
    recompose = KeyFooter.recompose

    async def counted(footer: KeyFooter) -> None:
        rebuilt.append(footer)
        await recompose(footer)

    monkeypatch.setattr(KeyFooter, "recompose", counted)
    async with build().run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert [getattr(key, "key", "") for key in shown_keys(pilot.app)][:3] == ["f4", "f2", "f3"]
        assert rebuilt == []


async def test_the_footers_keys_are_styled_once(
    build: Build, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Textual's keys start compact and its footer makes them not compact once they are
    mounted: a class added and removed, the stylesheet applied to each key twice more before
    the first frame. Ours start as they will be; the command palette's stays compact."""
    restyled: list[FooterKey] = []
    update = FooterKey.update_node_styles

    def counted(key: FooterKey, animate: bool = True) -> None:
        restyled.append(key)
        update(key, animate)

    monkeypatch.setattr(FooterKey, "update_node_styles", counted)
    async with build().run_test(size=SIZE) as pilot:
        await settle(pilot)
        keys = shown_keys(pilot.app)
        assert restyled == []
        palette = [key for key in keys if key.has_class("-command-palette")]
        assert palette and all(key.has_class("-compact") for key in palette)
        assert not any(key.has_class("-compact") for key in keys if key not in palette)


async def test_the_footer_follows_what_the_keys_can_do(build: Build) -> None:
    async with build("short").run_test(size=SIZE) as pilot:
        player = await player_of(pilot)
        assert "space" in keys_of(pilot.app)
        await to_step(pilot, player, 2)  # a writing step: the keys that type are not offered
        await settle(pilot)
        assert not {"space", "n", "p", "q"} & keys_of(pilot.app)
        await pilot.press("escape")
        await settle(pilot)
        assert "space" in keys_of(pilot.app)


async def test_breaths_leave_the_keys_alone_and_the_next_step_brings_them(
    build: Build, clock: FakeClock
) -> None:
    """Each phase and count of a breath is its own wake; the keys are asked again only when
    what they do may change (here: the writing step after the breaths)."""
    async with build("short").run_test(size=SIZE) as pilot:
        player = await player_of(pilot)
        await to_step(pilot, player, 1)  # box breathing, 16 s a breath
        await settle(pilot)
        asked: list[object] = []
        player.bindings_updated_signal.subscribe(player, asked.append, immediate=True)
        await advance(pilot, clock, 20.0)  # five phases, twenty counts
        assert asked == []
        assert "space" in keys_of(pilot.app)
        await advance(pilot, clock, 14.0)  # the breaths end: the writing step takes the keys
        await settle(pilot)
        assert asked and not {"space", "n", "p", "q"} & keys_of(pilot.app)


async def test_keys_are_shown_as_textual_shows_them_without_its_name_tables(
    build: Build,
) -> None:
    """Textual shows a key by looking its name up in ``unicodedata``'s tables, which a session
    then holds (0.7 MiB, issue 26). The library's and the player's keys read as Textual's own
    display has them, and that look (``format_key``) is never asked for them."""
    asked = format_key.cache_info()
    shown: list[Binding] = []
    async with build().run_test(size=SIZE) as pilot:
        await settle(pilot)
        shown += [b for _, b, _, _ in pilot.app.screen.active_bindings.values() if b.show]
    async with build("short").run_test(size=SIZE) as pilot:
        await player_of(pilot)
        await settle(pilot)
        shown += [b for _, b, _, _ in pilot.app.screen.active_bindings.values() if b.show]
        assert {"space", "q", "f4", "plus", "ctrl+q"} <= {b.key for b in shown}
        assert format_key.cache_info()[:2] == asked[:2]  # hits, misses
        app = pilot.app
        assert [app.get_key_display(b) for b in shown] == [
            App.get_key_display(app, b) for b in shown
        ]
