"""Fixtures for the TUI tests: a private home, a fake clock, small scripts, a recording conductor.

Every app is built with ``make_app`` exactly as the CLI builds it. Time moves only when a test
moves the ``FakeClock``; ``advance`` then lets the player look, one clock second at a time (as its
timers would), so the engine never mistakes a test's jump for a suspended laptop.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.app import App, ComposeResult
from textual.pilot import Pilot

from session_player.core.clock import FakeClock
from session_player.core.library.scripts import Source
from session_player.core.library.timer import TimerChoice
from session_player.core.script.model import Script
from session_player.core.session.engine import Session
from session_player.core.session.events import Event
from session_player.core.session.timeline import Timeline, compile_timeline
from session_player.home import paths
from session_player.home.settings import Settings
from session_player.tui.app import SessionPlayerApp, make_app
from session_player.tui.screens.player import PlayerScreen
from session_player.tui.screens.settings import SettingsScreen
from session_player.tui.sitting import SittingState
from session_player.tui.widgets.pacer import Pacer

SIZE = (100, 30)

SHORT = """\
title = "A short test"
practice = "breathing"
summary = "Hello, a few breaths, some writing and a question."
pause = "1s"

[[step]]
section = "Arriving"
say = "Hello [bold]x[/bold], welcome."
pause = "2s"

[[step]]
section = "Breathing"
breathe = "box"
cycles = 2

[[step]]
section = "Writing"
write = "Write a few kind words."
for = "30s"
into = "letter"

[[step]]
ask = "What would you like to call your image?"
into = "image"

[[step]]
section = "Closing"
say = "Goodbye, {image}."
"""

BREATHING = """\
title = "Just breathing"
practice = "breathing"
summary = "Breaths only."

[[step]]
section = "Breathing"
breathe = "soothing"
cycles = 3
"""

BROKEN = """\
title = "Broken"
practice = "breathing"

[[step]]
breathe = "soothing"
"""


class RecordingConductor:
    """A conductor that records every call, for checking what the player hands over."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.notices = ["Sound is off: no audio device here."]
        self.events: list[Event] = []
        self.calls: list[tuple[str, Any]] = []
        self.progress: list[tuple[int, int]] = []

    def prepare(self, script: Script, progress: Callable[[int, int], None]) -> Timeline:
        for done in range(3):
            progress(done + 1, 3)
            self.progress.append((done + 1, 3))
        self.calls.append(("prepare", script.title))
        return compile_timeline(script)

    def begin(self, session: Session) -> None:
        self.calls.append(("begin", session.timeline.script.title))

    def handle(self, events: list[Event]) -> None:
        self.events.extend(events)

    def asking(self, moment: str) -> None:
        self.calls.append(("asking", moment))

    def check_in(self, moment: str, label: str, value: int | None) -> None:
        self.calls.append(("check_in", (moment, label, value)))

    def grounding(self) -> None:
        self.calls.append(("grounding", None))

    def grounded(self, resume: bool) -> None:
        self.calls.append(("grounded", resume))

    def say(self, text: str) -> None:
        self.calls.append(("say", text))

    def tick(self, session: Session) -> None:
        self.calls.append(("tick", session.practised))

    def preview_voice(self, playing: Callable[[], None] | None = None) -> None:
        self.calls.append(("preview", self.settings.voice_rate))
        if playing is not None:
            playing()

    def preview_chime(self, name: str) -> None:
        self.calls.append(("chime", (name, self.settings.chime_volume)))

    def preview_soundscape(self, name: str) -> str | None:
        self.calls.append(("soundscape", (name, self.settings.soundscape_volume)))
        return None

    def close(self) -> None:
        self.calls.append(("close", None))

    def of(self, kind: type[Event]) -> list[Any]:
        """The recorded events of one kind."""
        return [e for e in self.events if isinstance(e, kind)]


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point every data folder at this test's own folder; start with colour allowed."""
    monkeypatch.setenv("SESSION_PLAYER_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("NO_COLOR", raising=False)
    return tmp_path / "home"


@pytest.fixture
def clock() -> FakeClock:
    """Time that moves only when a test says so."""
    return FakeClock()


@pytest.fixture
def scripts(tmp_path: Path) -> Path:
    """A folder of small test scripts (standing in for the bundled ones)."""
    folder = tmp_path / "scripts"
    folder.mkdir()
    (folder / "short.toml").write_text(SHORT, encoding="utf-8")
    (folder / "breathing.toml").write_text(BREATHING, encoding="utf-8")
    return folder


@pytest.fixture
def folders(scripts: Path) -> list[tuple[Path, Source]]:
    """The test scripts as "bundled", and the person's own (empty) folder."""
    return [(scripts, "bundled"), (paths.user_scripts_dir(), "yours")]


@pytest.fixture
def conductors() -> list[RecordingConductor]:
    """Every conductor the app made, in order."""
    return []


@pytest.fixture
def build(
    clock: FakeClock,
    folders: list[tuple[Path, Source]],
    conductors: list[RecordingConductor],
) -> Callable[..., SessionPlayerApp]:
    """``build(script="short", **settings)``: the app as the CLI makes it, with test parts
    (``at_once``: as ``sos`` makes it; ``timer``, ``timer_preset``: as ``timer`` does)."""

    def factory(settings: Settings) -> RecordingConductor:
        conductor = RecordingConductor(settings)
        conductors.append(conductor)
        return conductor

    def make(
        script: str | None = None,
        *,
        at_once: bool = False,
        timer: TimerChoice | None = None,
        timer_preset: str | None = None,
        **choices: Any,
    ) -> SessionPlayerApp:
        choices.setdefault("checkins", False)
        # The test scripts last seconds; asked for, check-ins come around them too.
        choices.setdefault("timer_checkins", choices["checkins"])
        choices.setdefault("short_checkins", choices["checkins"])
        path = folders[0][0] / f"{script}.toml" if script else None
        return make_app(
            settings=Settings(**choices),
            script_path=path,
            clock=clock,
            conductor_factory=factory,
            folders=folders,
            at_once=at_once,
            timer=timer,
            timer_preset=timer_preset,
        )

    return make


async def settle(pilot: Pilot[Any]) -> None:
    """Let workers finish and messages be handled."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()


async def open_settings(pilot: Pilot[Any]) -> SettingsScreen:
    """The settings screen, opened from the library with F2."""
    await settle(pilot)
    await pilot.press("f2")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, SettingsScreen)
    return screen


async def player_of(pilot: Pilot[Any], state: SittingState = "playing") -> PlayerScreen:
    """The player screen, once it has reached ``state``."""
    for _ in range(100):
        await settle(pilot)
        screen = pilot.app.screen_stack[-1]
        players = [s for s in pilot.app.screen_stack if isinstance(s, PlayerScreen)]
        if players and players[-1].state == state:
            return players[-1]
        if state == "ended" and not players and screen is not None:
            break
    raise AssertionError(f"the player never reached {state!r}: {pilot.app.screen_stack}")


async def advance(pilot: Pilot[Any], clock: FakeClock, seconds: float) -> None:
    """Move time on, letting the player poll and redraw each clock second, as its timers do."""
    remaining = seconds
    while remaining > 1e-9:
        step = min(1.0, remaining)
        clock.advance(step)
        remaining -= step
        for screen in pilot.app.screen_stack:
            if isinstance(screen, PlayerScreen):
                screen.poll()  # as the poll timer would
                screen.show_time()  # as the 1 Hz display timer would
                for pacer in screen.query(Pacer):
                    pacer.tick()  # as the pacer's own timer would
    await pilot.pause()


class PacerApp(App[None]):
    """A pacer on its own, with a hand-moved clock."""

    def __init__(self, *, reduced_motion: bool = False, speed: float = 1.0) -> None:
        super().__init__()
        self.now = 0.0
        self.pacer = Pacer(reduced_motion=reduced_motion, speed=speed)
        self.pacer.now = lambda: self.now

    def compose(self) -> ComposeResult:
        yield self.pacer
