"""The script editor, as a person uses it: open a script from the library, see a mistake
appear and go, jump to it, fix it with its "did you mean", save, leave, and try a step."""

from __future__ import annotations

import os
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any, NamedTuple

import pytest
from textual.pilot import Pilot
from textual.widgets import OptionList, Static, TextArea

from session_player.core.clock import FakeClock
from session_player.core.library.scripts import Source
from session_player.home import paths
from session_player.home.settings import Settings
from session_player.tui.app import SessionPlayerApp, make_app
from session_player.tui.screens.editor import EditorScreen
from session_player.tui.screens.editor_ask import CopyScreen, LeaveScreen
from session_player.tui.screens.library import LibraryScreen
from session_player.tui.screens.player import PlayerScreen
from session_player.tui.widgets.completion import CompletionMenu
from session_player.tui.widgets.script_area import MARK

from .conftest import player_of, settle

MINE = """\
#:schema script.schema.json
title = "My own"
practice = "breathing"

[[step]]
say = "Arrive."

[[step]]
breathe = "4-4-4-4"
cycles = 2

[[step]]
say = "Goodbye."
"""


@pytest.fixture(autouse=True)
def at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Check at the next frame rather than after a pause in typing (no timer to wait on)."""
    monkeypatch.setattr(EditorScreen, "CHECK_DELAY", 0)


@pytest.fixture
def mine() -> Path:
    folder = paths.ensure(paths.user_scripts_dir())
    path = folder / "mine.toml"
    path.write_text(MINE, encoding="utf-8")
    return path


def quiet(folders: list[tuple[Path, Source]], clock: FakeClock) -> SessionPlayerApp:
    return make_app(settings=Settings(checkins=False), clock=clock, folders=folders)


class Opened(NamedTuple):
    """The app, its pilot, and the editor open on the person's own script."""

    app: SessionPlayerApp
    pilot: Pilot[Any]
    screen: EditorScreen


@pytest.fixture
async def opened(
    mine: Path, folders: list[tuple[Path, Source]], clock: FakeClock
) -> AsyncIterator[Opened]:
    """The editor opened from the library on ``mine`` at 120x40, its first check shown."""
    async with editing_mine(folders, clock) as opened:
        yield opened


@asynccontextmanager
async def editing_mine(
    folders: list[tuple[Path, Source]], clock: FakeClock, size: tuple[int, int] = (120, 40)
) -> AsyncIterator[Opened]:
    """A quiet app at ``size``, the editor opened from its library on ``mine``."""
    app = quiet(folders, clock)
    async with app.run_test(size=size) as pilot:
        yield Opened(app, pilot, await editing(pilot, "my own"))


async def editing(pilot: Pilot[Any], filter_text: str) -> EditorScreen:
    """From the library: filter to one script, F6, and wait for the first check."""
    await settle(pilot)
    await pilot.press(*filter_text)
    await pilot.press("f6")
    await settle(pilot)
    if isinstance(pilot.app.screen, CopyScreen):
        return pilot.app.screen  # type: ignore[return-value]
    screen = pilot.app.screen
    assert isinstance(screen, EditorScreen), pilot.app.screen_stack
    await settle(pilot)
    return screen


def problems(screen: EditorScreen) -> list[str]:
    found = screen.query_one("#problems", OptionList)
    return [str(found.get_option_at_index(i).prompt) for i in range(found.option_count)]


def marked(screen: EditorScreen) -> list[int]:
    """The lines (from 1) drawn with a problem's mark in the gutter."""
    area = screen.query_one("#source", TextArea)
    rows = ["".join(s.text for s in area.render_line(y)) for y in range(area.size.height)]
    return [int(row.split(MARK)[0]) for row in rows if MARK in row[: area.gutter_width]]


async def typed_at(
    pilot: Pilot[Any], screen: EditorScreen, where: tuple[int, int], keys: str
) -> None:
    screen.query_one("#source", TextArea).cursor_location = where
    await pilot.press(*["enter" if key == "\n" else key for key in keys])
    await settle(pilot)


async def test_a_mistake_appears_is_jumped_to_fixed_and_goes(opened: Opened) -> None:
    _app, pilot, screen = opened
    assert problems(screen) == [] and marked(screen) == []
    assert screen.query_one("#source", TextArea).language == "toml"  # the editor extra
    assert "ok · " in str(screen.query_one("#status", Static).render())
    await typed_at(pilot, screen, (2, 21), "x")  # practice = "breathingx"
    assert problems(screen) == [
        "3:1  practice: unknown practice 'breathingx'; did you mean `breathing`?"
    ]
    assert marked(screen) == [3]  # beside the line's number too
    assert "1 problem" in str(screen.query_one("#status", Static).render())
    source = screen.query_one("#source", TextArea)
    source.cursor_location = (10, 0)
    await pilot.press("tab", "enter")  # to the list, and Enter on the problem
    assert source.has_focus and source.cursor_location == (2, 0)
    await pilot.press("f2")  # the "did you mean"
    await settle(pilot)
    assert source.document.get_line(2) == 'practice = "breathing"'
    assert problems(screen) == [] and marked(screen) == []
    await pilot.press("ctrl+z")  # undo brings the mistake back
    await settle(pilot)
    assert len(problems(screen)) == 1


async def test_typing_quickly_checks_once_after_the_pause(
    opened: Opened, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    _app, pilot, screen = opened  # checked at once as it opened
    monkeypatch.setattr(EditorScreen, "CHECK_DELAY", 0.4)  # as the editor has it
    checks: list[str] = []
    check_now = screen.check_now

    def counted() -> None:
        checks.append(screen.text)
        check_now()

    monkeypatch.setattr(screen, "check_now", counted)
    await typed_at(pilot, screen, (2, 21), "xyz")  # three keys, no time between them
    screen.check_if_paused()  # (as its wake does) no pause yet: no check
    clock.advance(0.3)
    await typed_at(pilot, screen, (2, 24), "w")  # a fourth, 0.3 s later
    clock.advance(0.3)
    screen.check_if_paused()  # 0.3 s since the last key: still typing
    await settle(pilot)
    assert checks == [] and problems(screen) == []  # nothing checked mid-word
    clock.advance(0.2)
    screen.check_if_paused()  # half a second of quiet: the pause
    await settle(pilot)
    screen.check_if_paused()  # a late wake checks nothing again
    await settle(pilot)
    assert len(checks) == 1 and 'practice = "breathingxyzw"' in checks[0]
    assert problems(screen)[0].startswith("3:1  practice: unknown practice 'breathingxyzw'")


async def test_the_schedule_follows_the_cursor(opened: Opened) -> None:
    _app, pilot, screen = opened
    cues = screen.query_one("#schedule", OptionList)
    lines = [str(cues.get_option_at_index(i).prompt) for i in range(cues.option_count)]
    assert any("say: Arrive." in line for line in lines[:2])
    assert "say: Goodbye." in lines[-1]
    screen.query_one("#source", TextArea).cursor_location = (12, 3)  # in the last step
    await pilot.pause()
    assert cues.highlighted is not None
    assert "say: Goodbye." in lines[cues.highlighted]
    screen.query_one("#source", TextArea).cursor_location = (8, 0)  # in the breathing
    await pilot.pause()
    assert lines[cues.highlighted].split()[1:3] == ["breath", "in"]


async def test_save_writes_the_whole_file_and_leaving_unsaved_asks_first(
    opened: Opened, mine: Path
) -> None:
    app, pilot, screen = opened
    await typed_at(pilot, screen, (5, 14), " Take your time.")
    await pilot.press("escape")
    await pilot.pause()
    assert isinstance(app.screen, LeaveScreen)
    await pilot.press("escape")  # stay
    await pilot.pause()
    assert app.screen is screen and "unsaved" in str(screen.query_one("#status").render())
    await pilot.press("ctrl+s")
    await pilot.pause()
    assert mine.read_text("utf-8") == MINE.replace("Arrive.", "Arrive. Take your time.")
    assert "unsaved" not in str(screen.query_one("#status").render())
    await pilot.press("escape")  # saved: nothing to ask
    await settle(pilot)
    assert isinstance(app.screen, LibraryScreen)


async def test_leaving_without_saving_keeps_the_file_as_it_was(opened: Opened, mine: Path) -> None:
    app, pilot, screen = opened
    await typed_at(pilot, screen, (5, 0), "# a note\n")
    await pilot.press("escape", "d")
    await settle(pilot)
    assert isinstance(app.screen, LibraryScreen)
    assert mine.read_text("utf-8") == MINE


async def test_f5_plays_from_the_step_under_the_cursor_and_comes_back(opened: Opened) -> None:
    app, pilot, screen = opened
    source = screen.query_one("#source", TextArea)
    await typed_at(pilot, screen, (13, 0), "#")  # an edit before the try, to undo after it
    source.cursor_location = (12, 0)  # the third step
    await pilot.press("f8")  # 2x
    assert "plays at 2x" in str(screen.query_one("#status").render())
    await pilot.press("f5")
    player = await player_of(pilot)
    assert player.speed == 2.0
    assert [s.text for s in player.script.steps] == ["Goodbye."]
    await pilot.press("q", "y")  # stop, and yes
    await settle(pilot)
    await pilot.press("enter")  # the end screen's way back
    await settle(pilot)
    assert app.screen is screen
    assert source.cursor_location == (12, 0)
    assert not any(isinstance(s, PlayerScreen) for s in app.screen_stack)
    await pilot.press("ctrl+z")  # undo and redo reach back across the try
    assert source.document.get_line(13) == ""
    await pilot.press("ctrl+y")
    assert source.document.get_line(13) == "#"


async def test_a_bundled_script_is_copied_before_it_is_edited(
    folders: list[tuple[Path, Source]], clock: FakeClock
) -> None:
    app = quiet(folders, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await editing(pilot, "just breathing")
        assert isinstance(app.screen, CopyScreen)
        await pilot.press("enter")  # Make my own copy
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, EditorScreen)
        copy = paths.user_scripts_dir() / "breathing.toml"
        assert screen.path == copy and copy.is_file()
        assert copy.read_text("utf-8").startswith("#:schema script.schema.json\n")
        assert (paths.user_scripts_dir() / "script.schema.json").is_file()


async def test_completion_finishes_a_key_and_a_preset(opened: Opened) -> None:
    _app, pilot, screen = opened
    source = screen.query_one("#source", TextArea)
    await typed_at(pilot, screen, (13, 0), "\n[[step]]\nbrea")
    await pilot.press("ctrl+space")
    await pilot.press(*' = "co')
    await pilot.press("ctrl+space")
    assert source.document.get_line(15) == 'breathe = "coherent'


async def test_completion_with_several_choices_is_a_menu_under_the_cursor(
    opened: Opened,
) -> None:
    app, pilot, screen = opened
    source = screen.query_one("#source", TextArea)
    menu = screen.query_one(CompletionMenu)
    await typed_at(pilot, screen, (13, 0), '\n[[step]]\ntouch = "')
    await pilot.press("ctrl+space")
    await pilot.pause()
    assert menu.display and menu.has_focus and menu.option_count == 8  # every placement
    assert menu.region.y == source.cursor_screen_offset.y + 1  # just under the cursor
    await pilot.press(*"hea")  # typing goes on in the text; the menu narrows
    await pilot.pause()
    assert source.document.get_line(15) == 'touch = "hea'
    assert [menu.get_option_at_index(i).id for i in range(menu.option_count)] == ["heart-and-belly"]
    await pilot.press("backspace", "backspace", "backspace", "down", "tab")  # the second
    await pilot.pause()
    assert source.document.get_line(15) == 'touch = "both-hands-on-heart'
    assert not menu.display and source.has_focus
    await pilot.press('"', "enter", *'say = "{')  # nothing kept, nothing asked: nothing to offer
    await pilot.press("ctrl+space")
    await pilot.pause()
    assert not menu.display and source.has_focus
    await typed_at(pilot, screen, (16, 8), '\n[[step]]\ntouch = "s')
    await pilot.press("ctrl+@")  # Ctrl+Space as most terminals send it (a NUL)
    await pilot.pause()
    assert menu.display and menu.option_count == 2  # self-hug, stroking-arms
    await pilot.press("escape")  # closed; the text keeps what was typed
    await pilot.pause()
    assert not menu.display and source.has_focus
    assert source.document.get_line(18) == 'touch = "s'
    assert isinstance(app.screen, EditorScreen)  # Escape closed the menu, not the editor


async def test_edit_path_opens_the_editor_over_the_library(
    mine: Path, folders: list[tuple[Path, Source]], clock: FakeClock
) -> None:
    app = quiet(folders, clock)
    app.edit_path = mine  # as `session-player edit mine` sets it
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, EditorScreen) and app.screen.path == mine
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, LibraryScreen)


async def test_e_on_the_list_edits_and_e_in_the_filter_types(
    mine: Path, folders: list[tuple[Path, Source]], clock: FakeClock
) -> None:
    app = quiet(folders, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press(*"my own")
        assert app.screen.query_one("#filter").value == "my own"  # type: ignore[attr-defined]
        await pilot.press("tab", "e")  # on the list, e edits
        await settle(pilot)
        assert isinstance(app.screen, EditorScreen) and app.screen.path == mine


async def test_without_tree_sitter_the_editor_is_plain_text_and_still_checks(
    mine: Path,
    folders: list[tuple[Path, Source]],
    clock: FakeClock,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "tree_sitter_toml", None)  # as if not installed
    async with editing_mine(folders, clock) as (_app, pilot, screen):
        assert screen.query_one("#source", TextArea).language is None
        await typed_at(pilot, screen, (2, 21), "x")
        assert len(problems(screen)) == 1


async def test_the_counted_height_follows_every_edit(
    mine: Path, folders: list[tuple[Path, Source]], clock: FakeClock
) -> None:
    from textual.widgets.text_area import WrappedDocument

    async with editing_mine(folders, clock, (60, 20)) as (_app, pilot, screen):
        area = screen.query_one("#source", TextArea)
        width = area.wrap_width

        def counted_afresh() -> int:
            fresh = WrappedDocument(area.document, tab_width=area.indent_width)
            fresh.wrap(width)
            return fresh.height

        assert area.wrapped_document.height == counted_afresh()
        await typed_at(pilot, screen, (5, 14), " And stay a while, as long as you like, here." * 2)
        assert area.wrapped_document.height == counted_afresh() > 14  # the long line wraps
        await typed_at(pilot, screen, (0, 0), "\n\n\n")
        assert area.wrapped_document.height == counted_afresh()
        await pilot.press("ctrl+z", "ctrl+z")
        await settle(pilot)
        assert area.wrapped_document.height == counted_afresh()


async def test_a_try_at_real_speed_asks_no_check_in_and_ends_saying_it_was_not_logged(
    mine: Path, folders: list[tuple[Path, Source]], clock: FakeClock
) -> None:
    from session_player.tui.screens.end import EndScreen

    # Check-ins on: a try asks none of them, before or after.
    app = make_app(settings=Settings(checkins=True), clock=clock, folders=folders)
    async with app.run_test(size=(120, 40)) as pilot:
        await editing(pilot, "my own")
        await pilot.press("f5")  # at 1x
        player = await player_of(pilot)
        assert player.speed == 1.0
        await pilot.press("q")
        asked = str(app.screen.query_one("#message", Static).render())
        assert "nothing of it goes into your log" in asked and "still counts" not in asked
        await pilot.press("y")
        await settle(pilot)
        assert isinstance(app.screen, EndScreen)
        assert app.screen.query("#preview")  # "Preview: not kept in your log."
        # The way back is named for where it goes: the editor, never "Library".
        shown = {b.binding.description for b in app.screen.active_bindings.values()}
        assert "Back to the editor" in shown and "Library" not in shown
        await pilot.press("l")
        await settle(pilot)
        assert isinstance(app.screen, EditorScreen)


async def test_the_check_runs_in_a_process_that_ends_with_the_screen_and_the_app(
    mine: Path, folders: list[tuple[Path, Source]], clock: FakeClock
) -> None:
    async with editing_mine(folders, clock) as (app, pilot, screen):
        first = screen._checker._process
        assert first is not None and first.poll() is None and first.pid != os.getpid()
        await pilot.press("escape")  # back to the library: its checker goes with it
        await settle(pilot)
        assert isinstance(app.screen, LibraryScreen) and first.poll() is not None
        await pilot.press("f6")  # opened again: a new one
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, EditorScreen) and problems(screen) == []
        second = screen._checker._process
        assert second is not None and second.poll() is None
    assert second.poll() is not None  # the app has ended: so has the process, never left behind


@pytest.mark.parametrize("key", ["ctrl+c", "ctrl+q"])
async def test_quitting_with_changes_not_saved_asks_first(
    opened: Opened, mine: Path, key: str
) -> None:
    app, pilot, screen = opened
    await typed_at(pilot, screen, (5, 14), " Take your time.")
    await pilot.press(key)
    await settle(pilot)
    assert isinstance(app.screen, LeaveScreen) and app.is_running
    await pilot.press("escape")  # stay: the text is as it was left
    await settle(pilot)
    assert app.screen is screen and screen.dirty
    await pilot.press(key, "s")  # save, then quit
    await settle(pilot)
    assert mine.read_text("utf-8") == MINE.replace("Arrive.", "Arrive. Take your time.")
    assert not app.is_running
