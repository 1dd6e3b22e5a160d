"""The library keeps up with the scripts folder: new, edited, fixed and removed scripts show
without Ctrl+R, and nothing is looked at while a session plays. Errors keep their location
whole."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from textual.widgets import OptionList, Static

from session_player.home import paths
from session_player.tui.app import SessionPlayerApp
from session_player.tui.screens.library import LibraryScreen, located
from session_player.tui.watch import LOOK_EVERY, folder_signature

from .conftest import BREATHING, BROKEN, SIZE, player_of, settle

Build = Callable[..., SessionPlayerApp]


def yours(name: str, body: str) -> Path:
    path = paths.ensure(paths.user_scripts_dir()) / f"{name}.toml"
    path.write_text(body, encoding="utf-8")
    return path


def shown(app: SessionPlayerApp) -> list[str]:
    sessions = app.screen.query_one("#sessions", OptionList)
    return [str(sessions.get_option_at_index(i).prompt) for i in range(sessions.option_count)]


async def look(pilot: Pilot[Any]) -> LibraryScreen:
    """One look, as the library's timer makes every few seconds."""
    screen = pilot.app.screen
    assert isinstance(screen, LibraryScreen)
    screen.folder_watch.look()
    await settle(pilot)
    return screen


async def test_a_new_or_edited_script_shows_without_reloading(build: Build) -> None:
    async with build().run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = await look(pilot)
        assert screen.folder_watch.timer._interval == LOOK_EVERY
        path = yours("later", BREATHING.replace("Just breathing", "Written later"))
        await look(pilot)
        assert any("Written later" in line for line in shown(pilot.app))
        await pilot.press(*"later")
        path.write_text(BREATHING.replace("Just breathing", "Edited later!"), encoding="utf-8")
        await look(pilot)
        assert any("Edited later!" in line for line in shown(pilot.app))
        details = str(screen.query_one("#details", Static).render())
        assert "Edited later!" in details  # the details follow too
        path.unlink()
        await look(pilot)
        assert not any("Edited later" in line for line in shown(pilot.app))


async def test_a_script_fixed_after_it_broke_plays_at_once(build: Build) -> None:
    path = yours("mine", BROKEN)
    async with build().run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert any("⚠" in line and "mine" in line for line in shown(pilot.app))
        path.write_text(BREATHING.replace("Just breathing", "Mine, fixed"), encoding="utf-8")
        await pilot.press(*"mine", "enter")  # before any look: it is checked again
        player = await player_of(pilot)
        assert player.script.title == "Mine, fixed"


async def test_nothing_is_looked_at_while_a_session_plays(build: Build) -> None:
    async with build().run_test(size=SIZE) as pilot:
        await settle(pilot)
        library = pilot.app.screen
        assert isinstance(library, LibraryScreen) and library.folder_watch.running
        await pilot.press(*"short", "enter")
        await player_of(pilot)
        assert not library.folder_watch.running
        yours("meanwhile", BREATHING.replace("Just breathing", "Meanwhile"))
        await pilot.press("q", "enter")
        await settle(pilot)
        await pilot.press("l")
        await settle(pilot)
        assert pilot.app.screen is library and library.folder_watch.running
        await pilot.press("escape")  # clear the filter ("short")
        await settle(pilot)
        assert any("Meanwhile" in line for line in shown(pilot.app))  # looked on return


def test_a_look_sees_names_times_and_sizes(tmp_path: Path) -> None:
    (tmp_path / "a.toml").write_text("x", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("x", encoding="utf-8")
    before = folder_signature([(tmp_path, "yours"), (tmp_path / "missing", "yours")])
    assert [name for name, _, _ in before[0][1]] == ["a.toml"] and before[1][1] == ()
    (tmp_path / "a.toml").write_text("xy", encoding="utf-8")
    assert folder_signature([(tmp_path, "yours"), (tmp_path / "missing", "yours")]) != before


async def test_an_error_keeps_its_location_on_one_line(build: Build) -> None:
    yours("evening", BROKEN)
    notes: list[str] = []
    async with build().run_test(size=(60, 20)) as pilot:
        await settle(pilot)
        pilot.app.notify = lambda message, **kw: notes.append(message)  # type: ignore[method-assign]
        await pilot.press(*"evening", "enter")
        await settle(pilot)
    assert notes
    for line in notes[0].splitlines():
        place = line.split(" ", 1)[0]
        assert place.startswith("evening.toml:") and place.count(":") == 2, line
        assert "/" not in place


def test_located_names_the_file_not_its_folders(tmp_path: Path) -> None:
    from session_player.core.errors import ScriptError

    error = ScriptError(str(tmp_path / "deep" / "evening.toml"), 22, 1, "step[3].say", "empty")
    assert located([error]) == "evening.toml:22:1 step[3].say: empty"
