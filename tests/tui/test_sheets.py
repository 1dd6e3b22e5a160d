"""A session's screens are styled from the stylesheets already read: none of them makes Textual
parse every stylesheet again on the way, least of all the end screen, which shows the moment
the last second is up."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from textual.css.stylesheet import Stylesheet
from textual.widgets import Static

from session_player.core.clock import FakeClock
from session_player.tui.app import SessionPlayerApp
from session_player.tui.screens.end import EndScreen
from session_player.tui.screens.library import LibraryScreen

from .conftest import SIZE, advance, player_of, settle

Build = Callable[..., SessionPlayerApp]


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """One entry each time the app's stylesheet is parsed again."""
    seen: list[str] = []
    reparse = Stylesheet.reparse

    def counted(self: Stylesheet) -> None:
        seen.append("reparse")
        reparse(self)

    monkeypatch.setattr(Stylesheet, "reparse", counted)
    return seen


async def to_the_end(pilot: Any, clock: FakeClock) -> EndScreen:
    await player_of(pilot)
    await advance(pilot, clock, 120)
    await settle(pilot)
    end = pilot.app.screen
    assert isinstance(end, EndScreen)
    return end


def styled(end: EndScreen) -> None:
    # end.tcss's rules hold: a column 70 wide, its lines centred.
    assert end.query_one("#end").outer_size.width == 70
    assert end.query_one("#practised", Static).styles.text_align == "center"


async def test_a_session_straight_from_the_command_needs_no_second_parse(
    build: Build, clock: FakeClock, parses: list[str]
) -> None:
    async with build("breathing").run_test(size=SIZE) as pilot:
        styled(await to_the_end(pilot, clock))
    assert parses == []


async def test_from_the_library_only_the_players_opening_reads_the_sessions_rules(
    build: Build, clock: FakeClock, parses: list[str]
) -> None:
    async with build().run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert parses == []
        await pilot.press("enter")  # the first session listed
        end = await to_the_end(pilot, clock)
        assert parses == ["reparse"]  # as the player opened; the end screen had its rules
        styled(end)


async def test_the_library_after_a_session_straight_from_the_command_reads_its_rules(
    build: Build, clock: FakeClock, parses: list[str]
) -> None:
    """A session shown first reads the session's rules with the app's and not the library's
    (the first frame doesn't show it); they are read when the library opens."""
    async with build("breathing").run_test(size=SIZE) as pilot:
        await to_the_end(pilot, clock)
        assert parses == []
        await pilot.press("l")
        await settle(pilot)
        library = pilot.app.screen
        assert isinstance(library, LibraryScreen)
        # library.tcss's rules hold: the list in a rounded border, the title bold.
        assert library.query_one("#sessions").styles.border_top[0] == "round"
        assert library.query_one("#title", Static).styles.text_style.bold
    assert parses == ["reparse"]
