"""The library screen: grouping, filtering, playing, the person's own and broken scripts, keys."""

from __future__ import annotations

import re
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path

import pytest
from textual.app import ScreenStackError
from textual.css.query import NoMatches
from textual.message import Message
from textual.widgets import Input, OptionList, Static

from session_player.core.bundled import SCHEMA_NAME, schema_path
from session_player.core.library.card import Card
from session_player.core.library.scripts import discover
from session_player.home import paths
from session_player.home.paths import library_folders
from session_player.tui.app import SessionPlayerApp, make_app
from session_player.tui.screens.library import LibraryScreen
from session_player.tui.screens.listing import details, short_length
from session_player.tui.screens.player import PlayerScreen
from session_player.tui.screens.settings import SettingsScreen

from .conftest import BREATHING, BROKEN, SIZE, player_of, settle

Build = Callable[..., SessionPlayerApp]


def shown(app: SessionPlayerApp) -> list[str]:
    """The lines of the session list, as plain text."""
    sessions = app.screen.query_one("#sessions", OptionList)
    return [str(sessions.get_option_at_index(i).prompt) for i in range(sessions.option_count)]


def yours(name: str, body: str) -> Path:
    folder = paths.ensure(paths.user_scripts_dir())
    path = folder / f"{name}.toml"
    path.write_text(body, encoding="utf-8")
    return path


async def test_every_bundled_script_is_listed_under_its_practice() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        lines = shown(app)
        entries = discover(library_folders())
        assert all(e.ok for e in entries if e.source == "bundled")
        for entry in entries:
            assert entry.script is not None
            assert any(line.endswith(f"  {entry.script.title}") for line in lines)
        assert "BREATHING" in lines
        assert "LOVING-KINDNESS" in lines


async def test_lines_show_title_and_planned_length(build: Build) -> None:
    async with build().run_test(size=SIZE) as pilot:
        await settle(pilot)
        lines = shown(pilot.app)
        assert lines[:2] == ["TIMER", "     ⏲  Timer · 20m"]  # the timer's line comes first
        assert lines[2] == "BREATHING"
        assert "   30s  Just breathing" in lines
        # The short script waits on an answer, so its length is an estimate.
        assert any(re.fullmatch(r"\s+~\d+[ms]  A short test", line) for line in lines)


def test_lengths_to_the_minute_in_the_list_and_to_the_second_in_the_details() -> None:
    def card(seconds: float, estimated: bool = False) -> Card:
        return Card("x", Path("x.toml"), "bundled", "X", "breathing", "", seconds, estimated)

    assert [short_length(card(s)) for s in (30, 89, 623, 3900)] == ["30s", "1m", "10m", "1h 5m"]
    assert short_length(card(819, estimated=True)) == "~14m"
    assert "about 13m 39s" in str(details(card(819, estimated=True)))


async def test_at_80_columns_each_session_keeps_to_one_line() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        sessions = app.screen.query_one("#sessions", OptionList)
        assert sessions.virtual_size.height == sessions.option_count  # nothing wraps
        long = next(line for line in shown(app) if "conversation with your" in line)
        assert re.match(r"~?\d+[hms]\s", long.strip())  # the length is never the part cut off
        asked = next(line for line in shown(app) if "Building your compassionate" in line)
        assert asked.strip().startswith("~")  # a question's wait makes the length an estimate


async def test_typing_filters_and_escape_clears(build: Build) -> None:
    async with build().run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press(*"just")
        assert pilot.app.screen.query_one("#filter", Input).value == "just"
        lines = shown(pilot.app)
        assert any("Just breathing" in line for line in lines)
        assert not any("A short test" in line for line in lines)
        await pilot.press("escape")
        assert pilot.app.screen.query_one("#filter", Input).value == ""
        assert any("A short test" in line for line in shown(pilot.app))


async def test_nothing_matching_says_so(build: Build) -> None:
    async with build().run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press(*"zzz")
        assert shown(pilot.app) == []
        await pilot.press("enter")  # nothing to play; nothing breaks
        assert isinstance(pilot.app.screen, LibraryScreen)


async def test_enter_plays_the_highlighted_session(build: Build) -> None:
    async with build().run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        player = await player_of(pilot)
        assert player.script.title == "Just breathing"


async def test_arrows_move_the_cursor_while_typing_stays_in_the_filter(build: Build) -> None:
    async with build().run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("down")
        await pilot.press("up", "down")
        await pilot.press("enter")
        player = await player_of(pilot)
        assert player.script.title == "A short test"


async def test_your_own_scripts_sit_beside_the_bundled_ones_with_a_marker(build: Build) -> None:
    yours("mine", BREATHING.replace("Just breathing", "My breathing"))
    async with build().run_test(size=SIZE) as pilot:
        await settle(pilot)
        lines = shown(pilot.app)
        assert any(line.endswith("  ✎ My breathing") for line in lines)
        assert any(line.endswith("  Just breathing") for line in lines)  # bundled: no mark


async def test_a_broken_script_is_listed_with_its_first_error(build: Build) -> None:
    yours("broken", BROKEN)
    notes: list[str] = []
    async with build().run_test(size=SIZE) as pilot:
        await settle(pilot)
        lines = shown(pilot.app)
        broken = [line for line in lines if re.search(r"⚠  broken  line \d+: ", line)]
        assert len(broken) == 1
        assert "for" in broken[0] or "cycles" in broken[0]  # the checker's first message
        assert "NEEDS ATTENTION" in lines
        # Playing it explains instead of crashing.
        await pilot.press(*"broken")
        pilot.app.notify = lambda message, **kw: notes.append(message)  # type: ignore[method-assign]
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(pilot.app.screen, LibraryScreen)
        assert notes and "broken.toml" in notes[0]


async def test_reload_finds_a_script_written_meanwhile(build: Build) -> None:
    async with build().run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert not any("Written later" in line for line in shown(pilot.app))
        yours("later", BREATHING.replace("Just breathing", "Written later"))
        await pilot.press("ctrl+r")
        assert any("Written later" in line for line in shown(pilot.app))


async def test_f2_opens_settings_and_escape_comes_back(build: Build) -> None:
    async with build().run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f2")
        assert isinstance(pilot.app.screen, SettingsScreen)
        await pilot.press("escape")
        assert isinstance(pilot.app.screen, LibraryScreen)


async def test_the_filters_cursor_rests_while_a_session_or_settings_cover_it(build: Build) -> None:
    """Nobody sees the library's cursor under another screen: it stops blinking there (no
    wakes twice a second for a whole session) and blinks again once the library is back."""
    async with build().run_test(size=SIZE) as pilot:
        await settle(pilot)
        field = pilot.app.screen.query_one("#filter", Input)
        assert field.has_focus and field.cursor_blink
        await pilot.press("f2")
        await settle(pilot)
        assert not field.cursor_blink
        await pilot.press("escape")
        await settle(pilot)
        assert field.has_focus and field.cursor_blink
        await pilot.press("enter")
        await player_of(pilot)
        assert not field.cursor_blink


async def test_the_palette_plays_any_script(build: Build) -> None:
    async with build().run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.press(*"Play A short")
        await settle(pilot)
        await pilot.press("enter")
        player = await player_of(pilot)
        assert player.script.title == "A short test"


async def test_the_palette_opens_settings(build: Build) -> None:
    async with build().run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.press(*"Settings")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(pilot.app.screen, SettingsScreen)


async def test_the_palette_offers_only_playable_scripts(build: Build) -> None:
    yours("broken", BROKEN)
    async with build().run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, LibraryScreen)
        from session_player.tui.commands import LibraryCommands

        provider = LibraryCommands(screen)
        texts = [hit.text async for hit in provider.discover()]
        assert "Play A short test" in texts
        assert "Play Just breathing" in texts
        assert "Settings" in texts
        assert not any("roken" in (t or "") for t in texts)


async def test_ctrl_q_quits_from_the_library(build: Build) -> None:
    app = build()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert not app.is_running


async def test_q_types_into_the_filter_rather_than_quitting(build: Build) -> None:
    app = build()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("q")
        assert app.is_running
        assert app.screen.query_one("#filter", Input).value == "q"


async def test_a_script_path_that_fails_check_opens_the_library_kindly(
    build: Build, folders: list[tuple[Path, str]]
) -> None:
    (folders[0][0] / "bad.toml").write_text(BROKEN, encoding="utf-8")
    app = build("bad")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, LibraryScreen)
        assert not any(isinstance(s, PlayerScreen) for s in app.screen_stack)


async def test_a_script_edited_after_it_was_listed_plays_as_it_is_now(build: Build) -> None:
    path = yours("mine", BREATHING.replace("Just breathing", "Mine as listed"))
    async with build().run_test(size=SIZE) as pilot:
        await settle(pilot)
        path.write_text(BREATHING.replace("Just breathing", "Mine as edited"), encoding="utf-8")
        await pilot.press(*"mine", "enter")
        player = await player_of(pilot)
        assert player.script.title == "Mine as edited"


async def test_a_script_broken_after_it_was_listed_explains_instead_of_playing(
    build: Build,
) -> None:
    path = yours("mine", BREATHING.replace("Just breathing", "Mine as listed"))
    notes: list[str] = []
    async with build().run_test(size=SIZE) as pilot:
        await settle(pilot)
        path.write_text(BROKEN, encoding="utf-8")
        pilot.app.notify = lambda message, **kw: notes.append(message)  # type: ignore[method-assign]
        await pilot.press(*"mine", "enter")
        await settle(pilot)
        assert isinstance(pilot.app.screen, LibraryScreen)
        assert notes and "mine.toml" in notes[0]


def details_text(app: SessionPlayerApp) -> str:
    return str(app.screen.query_one("#details", Static).render())


async def test_the_details_panel_is_never_blank_while_the_library_opens(build: Build) -> None:
    # The list and the first session's details are composed with the screen, so no frame
    # shows an empty panel waiting for the cursor's first message.
    app = build()
    seen: list[str] = []

    def look(_message: Message) -> None:
        with suppress(NoMatches, ScreenStackError):
            seen.append(details_text(app))

    async with app.run_test(size=SIZE, message_hook=look) as pilot:
        await settle(pilot)
        assert "Breaths only." in details_text(pilot.app)
    assert seen and "" not in seen


async def test_the_details_follow_the_cursor_and_the_filter(build: Build) -> None:
    async with build().run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert details_text(pilot.app).startswith("Just breathing\nBreathing · 30s")
        assert "Breaths only." in details_text(pilot.app)
        await pilot.press("down")
        assert details_text(pilot.app).startswith("A short test")
        await pilot.press(*"zzz")
        assert details_text(pilot.app) == "Nothing matches; Esc clears the filter."
        await pilot.press("escape")
        await settle(pilot)
        assert details_text(pilot.app).startswith("Just breathing")
        await pilot.press(*"short")
        assert details_text(pilot.app).startswith("A short test")


async def test_the_library_keeps_the_schema_beside_your_scripts(build: Build) -> None:
    mine = yours("mine", BREATHING)
    stale = mine.parent / SCHEMA_NAME
    stale.write_text("{}", encoding="utf-8")  # an older app's copy
    async with build().run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.app.workers.wait_for_complete()
        assert stale.read_bytes() == schema_path().read_bytes()


async def test_a_long_list_is_shown_a_part_at_a_time_and_a_filter_replaces_it(
    build: Build, monkeypatch: pytest.MonkeyPatch
) -> None:
    from session_player.tui.screens import library
    from session_player.tui.screens.library import FIRST_ROWS

    monkeypatch.setattr(library, "FILL_DELAY", 0)  # parts follow frames, not a pause in typing

    count = FIRST_ROWS * 3

    def name(n: int) -> str:  # letters in the file's name, so only the title holds digits
        return "many-" + "".join(chr(ord("a") + n // 26**k % 26) for k in (2, 1, 0))

    for n in range(count):
        yours(name(n), BREATHING.replace("Just breathing", f"Many {n:03d}"))
    async with build().run_test(size=SIZE) as pilot:
        sessions = pilot.app.screen.query_one("#sessions", OptionList)
        assert 0 < sessions.option_count < count  # the first part is drawn before the rest
        await pilot.press(*"many 01")  # typed while the rest is still to come
        for _ in range(5):  # time for any part of the old list to (wrongly) arrive
            await settle(pilot)
        assert [line.strip() for line in shown(pilot.app)] == [
            "BREATHING",
            *(f"30s  ✎ Many {n:03d}" for n in range(count) if "01" in f"{n:03d}"),
        ]
        await pilot.press("backspace", "2")  # widening the filter, then narrowing it again
        await settle(pilot)
        assert [line.strip() for line in shown(pilot.app)] == [
            "BREATHING",
            *(f"30s  ✎ Many {n:03d}" for n in range(count) if "02" in f"{n:03d}"),
        ]
        await pilot.press("escape")
        for _ in range(50):  # until every part has been added
            await settle(pilot)
            if sum("✎ Many" in line for line in shown(pilot.app)) >= count:
                break
        for _ in range(3):  # and nothing more comes
            await settle(pilot)
        lines = shown(pilot.app)
        assert sum("✎ Many" in line for line in lines) == count  # every one, once
        assert len(set(lines)) == len(lines) - lines.count("BREATHING") + 1


async def test_after_an_upgrade_the_kept_cards_show_at_once_then_as_checked_now(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A new version checks every script again: the library doesn't wait for that, it shows
    # the cards the last version kept and renews the list once the check is done.
    import json
    import threading

    from session_player.core.library import catalog
    from session_player.tui import watch

    body = BREATHING.replace('title = "Just breathing"', 'title = "Mine"')
    yours("mine", body)
    cache = paths.library_cache_path()
    catalog.cards(library_folders(), cache)
    kept = json.loads(cache.read_text())
    record = next(r for key, r in kept["cards"].items() if key.endswith("mine.toml"))
    record["card"]["title"] = "As the last version read it"
    cache.write_text(json.dumps(kept))
    monkeypatch.setattr(catalog, "checker_stamp", lambda: "a later version")
    monkeypatch.setattr(catalog, "AT_ONCE", 2)
    checking = threading.Event()

    def check_when_told(*args: object) -> list[Card]:
        assert checking.wait(10)
        return catalog.cards(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(watch, "cards", check_when_told)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        before = shown(app)
        checking.set()
        await settle(pilot)
        after = shown(app)
    assert any("As the last version read it" in line for line in before)
    assert not any("As the last version read it" in line for line in after)
    assert any(re.search(r"\bMine\b", line) for line in after)
    assert len(before) == len(after)
