"""Care in the TUI: the crisis sentence on the grounding pause with the person's own line, that
line kept from the settings, the grounding practice offered at the end of a session that left
someone worse (and only then), and a hard moment a key away in the library and the palette."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Button, Input, Static

from session_player.core.care import (
    CRISIS_SENTENCE,
    GROUNDING_PRACTICE,
    HARD_MOMENT,
    aftercare_words,
)
from session_player.core.clock import FakeClock
from session_player.core.library.scripts import Source
from session_player.home import paths
from session_player.home.settings import load_settings
from session_player.tui.app import SessionPlayerApp
from session_player.tui.screens.end import TO_BEGIN, EndScreen
from session_player.tui.screens.grounding import GroundingScreen
from session_player.tui.screens.library import LibraryScreen
from session_player.tui.widgets.footer import shown_keys

from .conftest import SIZE, RecordingConductor, advance, player_of, settle
from .test_check_in_rule import OWN
from .test_settings_screen import open_settings
from .test_snapshots import quiet_app

Build = Callable[..., SessionPlayerApp]


async def grounding_words(app: SessionPlayerApp) -> str:
    screen = app.screen
    assert isinstance(screen, GroundingScreen)
    return str(screen.query_one("#grounding", Static).render())


async def test_the_grounding_pause_names_the_crisis_sentence(build: Build) -> None:
    async with build("short").run_test(size=SIZE) as pilot:
        await player_of(pilot)
        await pilot.press("g")
        words = await grounding_words(pilot.app)
        assert " ".join(CRISIS_SENTENCE.split()) in " ".join(words.split())
        assert "Your own support line" not in words


async def test_the_persons_own_line_is_shown_after_the_sentence(build: Build) -> None:
    async with build("short", crisis_line="Samaritans 116 123").run_test(size=SIZE) as pilot:
        await player_of(pilot)
        await pilot.press("g")
        words = " ".join((await grounding_words(pilot.app)).split())
        assert words.index("crisis line now.") < words.index(
            "Your own support line: Samaritans 116 123."
        )


async def test_the_own_line_is_typed_in_the_settings_and_kept(build: Build) -> None:
    async with build().run_test(size=SIZE) as pilot:
        screen = await open_settings(pilot)
        field = screen.query_one("#setting-crisis_line", Input)
        field.focus()
        await pilot.press(*"My friend Ana 0123", "enter")
        await settle(pilot)
        assert pilot.app.settings.crisis_line == "My friend Ana 0123"  # type: ignore[attr-defined]
        await pilot.press(*("x" * 190), "enter")  # longer than a line is kept
        await settle(pilot)
        assert field.has_class("-invalid")
        problem = str(screen.query_one("#problem-crisis_line", Static).render())
        assert "at most 200 characters" in problem and "was not kept" in problem
        assert pilot.app.settings.crisis_line == "My friend Ana 0123"  # type: ignore[attr-defined]
    assert load_settings(paths.config_path())[0].crisis_line == "My friend Ana 0123"


# -- aftercare: the end gently offers grounding when a session leaves someone worse ----------

SIT = 'title = "Sit"\npractice = "silent"\n[[step]]\nsilence = "10s"\n'

BUNDLED = Path(__file__).resolve().parents[2] / "scripts"


@pytest.fixture
def care_scripts(scripts: Path) -> Path:
    """The rated test scripts, and the bundled grounding and hard-moment practices."""
    (scripts / "own.toml").write_text(OWN, encoding="utf-8")
    (scripts / "sit.toml").write_text(SIT, encoding="utf-8")
    for name in (GROUNDING_PRACTICE, HARD_MOMENT):
        shutil.copy(BUNDLED / f"{name}.toml", scripts)
    return scripts


async def rate_own(pilot: Pilot[Any], clock: FakeClock, before: str, after: str) -> EndScreen:
    """Play the rated script through, answering its own check-ins."""
    await player_of(pilot)
    await advance(pilot, clock, 5.0)
    await pilot.press(*before, "enter")
    await advance(pilot, clock, 30.0)
    await pilot.press(*after, "enter")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, EndScreen)
    return screen


def footer_labels(screen: Screen[Any]) -> list[str]:
    return [label for _key, _display, label, _enabled, _tip in shown_keys(screen)]


@pytest.mark.parametrize(("before", "after"), [("2", "5"), ("3", "9")])
async def test_distress_risen_by_three_or_more_brings_a_gentle_offer_and_names_support(
    build: Build,
    clock: FakeClock,
    care_scripts: Path,
    conductors: list[RecordingConductor],
    before: str,
    after: str,
) -> None:
    async with build("own", crisis_line="Ana, 0123").run_test(size=SIZE) as pilot:
        end = await rate_own(pilot, clock, before, after)
        shown = [str(end.query_one(part, Static).render()) for part in ("#care", "#support")]
        words = " ".join(" ".join(shown).split())
        assert "two-minute grounding practice" in words
        assert (
            " ".join(CRISIS_SENTENCE.split()) in words
            and "Your own support line: Ana, 0123." in words
        )
        assert "Grounding practice" in footer_labels(end)
        assert end.query_one("#ground", Button).display
        said = [text for kind, text in conductors[0].calls if kind == "say"]
        assert said == [f"{aftercare_words('Ana, 0123')} {TO_BEGIN}"]  # the voice offers it too


@pytest.mark.parametrize(("before", "after"), [("3", "5"), ("7", "2"), ("4", "4")])
async def test_a_small_change_or_feeling_better_brings_no_offer(
    build: Build,
    clock: FakeClock,
    care_scripts: Path,
    conductors: list[RecordingConductor],
    before: str,
    after: str,
) -> None:
    async with build("own").run_test(size=SIZE) as pilot:
        end = await rate_own(pilot, clock, before, after)
        assert not end.query("#care") and not end.query("#ground")
        assert "Grounding practice" not in footer_labels(end)
        await pilot.press("g")  # the key does nothing when nothing is offered
        await settle(pilot)
        assert pilot.app.screen is end
        assert [call for call in conductors[0].calls if call[0] == "say"] == []


async def test_safe_and_settled_fallen_by_three_brings_the_offer(
    build: Build, clock: FakeClock, care_scripts: Path
) -> None:
    async with build("sit", checkins=True).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("8", "enter")  # the app's own question, before
        await advance(pilot, clock, 30.0)
        await settle(pilot)
        await pilot.press("4", "enter")  # and after
        await settle(pilot)
        end = pilot.app.screen
        assert isinstance(end, EndScreen) and end.query("#care")


async def test_g_starts_the_grounding_practice_at_once_with_nothing_asked_first(
    build: Build,
    clock: FakeClock,
    care_scripts: Path,
    conductors: list[RecordingConductor],
) -> None:
    async with build("own", checkins=True).run_test(size=SIZE) as pilot:
        end = await rate_own(pilot, clock, "2", "8")
        await pilot.press("enter")  # Enter still means the library, never the practice
        await settle(pilot)
        assert isinstance(pilot.app.screen, LibraryScreen)
    async with build("own", checkins=True).run_test(size=SIZE) as pilot:
        end = await rate_own(pilot, clock, "2", "8")
        await pilot.press("g")
        player = await player_of(pilot)  # playing straight away: no check-in, no countdown
        assert player.script.title == "Grounding, two minutes"
        assert ("close", None) in conductors[1].calls  # the first session's sounds let go
        assert [c for c in conductors[2].calls if c[0] == "asking"] == []
        assert isinstance(pilot.app.screen_stack[1], LibraryScreen)  # and the library beneath
        assert end not in pilot.app.screen_stack


async def test_the_grounding_button_starts_it_too(
    build: Build, clock: FakeClock, care_scripts: Path
) -> None:
    async with build("own").run_test(size=SIZE) as pilot:
        await rate_own(pilot, clock, "1", "9")
        await pilot.click("#ground")
        player = await player_of(pilot)
        assert player.script.title == "Grounding, two minutes"


# -- a hard moment: one key in the library, and the palette ---------------------------------


async def test_f4_in_the_library_plays_a_hard_moment_at_once(
    build: Build, care_scripts: Path, conductors: list[RecordingConductor]
) -> None:
    async with build(checkins=True, start_delay=10).run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "Hard moment" in footer_labels(pilot.app.screen)
        await pilot.press("f4")
        player = await player_of(pilot)  # no check-in before, no countdown
        assert player.script.title == "A hard moment, now"
        assert [c for c in conductors[0].calls if c[0] == "asking"] == []


async def test_sos_opens_the_player_at_once_with_nothing_asked_first(
    build: Build, care_scripts: Path, conductors: list[RecordingConductor]
) -> None:
    app = build(HARD_MOMENT, at_once=True, checkins=True, start_delay=30)
    async with app.run_test(size=SIZE) as pilot:
        player = await player_of(pilot)  # playing: no check-in, no half-minute countdown
        assert player.script.title == "A hard moment, now"
        assert [c for c in conductors[0].calls if c[0] == "asking"] == []


async def test_the_palette_plays_a_hard_moment_at_once(build: Build, care_scripts: Path) -> None:
    async with build(checkins=True).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p", *"hard moment")
        await settle(pilot)
        await pilot.press("enter")  # the top entry: at once, before "Play A hard moment, now"
        player = await player_of(pilot)  # playing, with no check-in asked first
        assert player.script.title == "A hard moment, now"


async def test_a_missing_hard_moment_says_where_support_is(build: Build, scripts: Path) -> None:
    async with build().run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f4")
        await settle(pilot)
        assert isinstance(pilot.app.screen, LibraryScreen)
        told = [n.message for n in pilot.app._notifications]
        assert any("can't be found" in m and "crisis line" in m for m in told)


@pytest.mark.parametrize("size", [(60, 20), (80, 24)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_offer_fits_a_small_terminal(
    snap_compare: Any,
    folders: list[tuple[Path, Source]],
    clock: FakeClock,
    care_scripts: Path,
    size: tuple[int, int],
) -> None:
    async def worse(pilot: Pilot[Any]) -> None:
        await rate_own(pilot, clock, "2", "7")

    app = quiet_app(folders, clock, "own", crisis_line="Samaritans 116 123")
    assert snap_compare(app, terminal_size=size, run_before=worse)
