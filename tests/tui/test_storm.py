"""Keys arriving all at once, as a terminal delivers them, never take the app down (issue 27).

Seen: in the library, Enter (play), Ctrl+P, Enter, Enter at once ended in ``ScreenStackError``
from the palette; a storm of every key left the app gone on ten screens. Here keys are handed
to the app's driver in one burst, with no pause between them for the app to catch up (Pilot's
``press`` waits after each key, which hides the race). Whatever the burst holds, the app is
either still up or has left through the person's own quit (Ctrl+Q, Ctrl+C or q), and no
exception ends it: ``run_test`` raises any that did.
"""

from __future__ import annotations

import string
import unicodedata
from collections.abc import Awaitable, Callable, Iterable
from typing import Any

import pytest
from textual import events
from textual.keys import REPLACED_KEYS, _character_to_key, _get_unicode_name_from_key
from textual.pilot import Pilot

from session_player.core.clock import FakeClock
from session_player.core.session import events as ev
from session_player.tui.app import SessionPlayerApp
from session_player.tui.screens.checkin import CheckInScreen
from session_player.tui.screens.end import EndScreen
from session_player.tui.screens.help import HelpScreen
from session_player.tui.screens.history import HistoryScreen
from session_player.tui.screens.journal import JournalScreen
from session_player.tui.screens.kept import KeptScreen
from session_player.tui.screens.library import LibraryScreen
from session_player.tui.screens.player import PlayerScreen
from session_player.tui.screens.settings import SettingsScreen
from session_player.tui.screens.timer import TimerScreen

from .conftest import SIZE, RecordingConductor, advance, player_of, settle
from .test_kept_screen import open_kept

Build = Callable[..., SessionPlayerApp]
QUITS = ("q", "ctrl+q", "ctrl+c")


def burst(app: SessionPlayerApp, keys: Iterable[str]) -> None:
    """Post ``keys`` to the app in one go, as a driver posts keys a terminal read at once (the
    key names are made as Pilot makes them, with Textual's own helpers)."""
    for key in keys:
        name = _character_to_key(key) if len(key) == 1 and not key.isalnum() else key
        try:
            char: str | None = unicodedata.lookup(
                _get_unicode_name_from_key(REPLACED_KEYS.get(name, name))
            )
        except KeyError:
            char = name if len(name) == 1 else None
        event = events.Key(name, char)
        event.set_sender(app)
        app.post_message(event)


def storm() -> list[str]:
    """Every key pressed quickly: printable ASCII three times, F1-F12, the arrows, Ctrl and Alt
    letters, and the palette opened and chosen from twice over (the quits are left out: the
    test presses them last)."""
    printable = [c for c in string.printable if c.isprintable() and c != "q"] * 3
    keys = [*printable, *(f"f{n}" for n in range(1, 13)), "up", "down", "left", "right"]
    keys += ["enter", "tab", "escape", "enter", "ctrl+p", "enter", "enter", "down", "enter"]
    keys += [f"ctrl+{c}" for c in string.ascii_lowercase if f"ctrl+{c}" not in QUITS]
    keys += [f"alt+{c}" for c in string.ascii_lowercase]
    return keys


class Quits:
    """Whether the app left through the person's own quit (Ctrl+Q, Ctrl+C or q)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.count = 0
        for name in ("action_quit", "action_interrupt"):
            original = getattr(SessionPlayerApp, name)

            def counted(app: SessionPlayerApp, _original: Any = original) -> Any:
                self.count += 1
                return _original(app)

            monkeypatch.setattr(SessionPlayerApp, name, counted)


Opener = Callable[[Pilot[Any], FakeClock], Awaitable[None]]


async def _library(pilot: Pilot[Any], clock: FakeClock) -> None:
    await settle(pilot)


async def _player(pilot: Pilot[Any], clock: FakeClock) -> None:
    await player_of(pilot)


async def _writing(pilot: Pilot[Any], clock: FakeClock) -> None:
    player = await player_of(pilot)
    while player.session is not None and player.session.index < 2:
        await pilot.press("n")
    assert player.typing


async def _end(pilot: Pilot[Any], clock: FakeClock) -> None:
    await player_of(pilot)
    await advance(pilot, clock, 120)
    await settle(pilot)


async def _press(pilot: Pilot[Any], *keys: str) -> None:
    await settle(pilot)
    await pilot.press(*keys)
    await settle(pilot)


async def _kept(pilot: Pilot[Any], clock: FakeClock) -> None:
    await open_kept(pilot)


async def _journal(pilot: Pilot[Any], clock: FakeClock) -> None:
    await settle(pilot)
    pilot.app.action_journal()  # type: ignore[attr-defined]
    await settle(pilot)


async def _checking(pilot: Pilot[Any], clock: FakeClock) -> None:
    await player_of(pilot, "checking")


async def _history(pilot: Pilot[Any], clock: FakeClock) -> None:
    await _press(pilot, "f3")


async def _settings(pilot: Pilot[Any], clock: FakeClock) -> None:
    await _press(pilot, "f2")


async def _help(pilot: Pilot[Any], clock: FakeClock) -> None:
    await _press(pilot, "f1")


async def _timer(pilot: Pilot[Any], clock: FakeClock) -> None:
    await _press(pilot, "up", "enter")


# Each screen: the script to build with (None: the library), its choices, how to reach it,
# and the screen that must be showing before the storm.
SCREENS: dict[str, tuple[str | None, dict[str, Any], Opener, type]] = {
    "library": (None, {}, _library, LibraryScreen),
    "player": ("breathing", {}, _player, PlayerScreen),
    "write": ("short", {}, _writing, PlayerScreen),
    "check-in": ("breathing", {"checkins": True}, _checking, CheckInScreen),
    "end": ("breathing", {}, _end, EndScreen),
    "history": (None, {}, _history, HistoryScreen),
    "journal": (None, {}, _journal, JournalScreen),
    "timer": (None, {}, _timer, TimerScreen),
    "help": (None, {}, _help, HelpScreen),
    "kept": (None, {}, _kept, KeptScreen),
    "settings": (None, {}, _settings, SettingsScreen),
}


@pytest.mark.parametrize("where", sorted(SCREENS))
async def test_a_storm_of_keys_leaves_the_app_up_or_quit_by_the_person(
    where: str,
    build: Build,
    clock: FakeClock,
    conductors: list[RecordingConductor],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    script, choices, reach, expected = SCREENS[where]
    quits = Quits(monkeypatch)
    app = build(script, **choices)
    async with app.run_test(size=SIZE) as pilot:
        await reach(pilot, clock)
        assert isinstance(app.screen, expected)
        burst(app, storm())
        await settle(pilot)
        burst(app, storm())  # whatever screen the first storm left
        await settle(pilot)
        assert app.is_running and quits.count == 0
        burst(app, ["ctrl+q", "ctrl+q", "q"])  # mid-writing the first only asks
        await settle(pilot)
    assert not app.is_running and quits.count >= 1
    # Every session begun ended as the person's own stop (or its natural end), logged so.
    for conductor in conductors:
        if any(name == "begin" for name, _ in conductor.calls):
            reasons = [e.reason for e in conductor.of(ev.SessionEnded)]
            assert reasons and set(reasons) <= {"stopped", "completed"}, reasons


async def test_play_then_the_palette_and_two_enters_at_once(build: Build) -> None:
    app = build()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        burst(app, ["enter", "ctrl+p", "enter", "enter"])
        await settle(pilot)
        assert app.is_running
        # The palette may still be gathering its entries when the Enters reach it, so it
        # may still be open, or have played; never two sessions, never the library gone.
        assert isinstance(app.screen_stack[0], LibraryScreen)
        players = [s for s in app.screen_stack if isinstance(s, PlayerScreen)]
        assert len(players) <= 1
