"""The pacer (size follows the breath, redraws only on change), reduced motion, NO_COLOR, and
the session clock's words; how both are drawn is in test_drawing.py."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.filter import Monochrome, NoColor
from textual.widgets import Switch

from session_player.core.clock import FakeClock
from session_player.core.library.scripts import Source
from session_player.home.settings import Settings
from session_player.tui.app import SessionPlayerApp, make_app
from session_player.tui.widgets.clock import clock_text, fit
from session_player.tui.widgets.guidance import Guidance
from session_player.tui.widgets.outline import Outline
from session_player.tui.widgets.pacer import GRID, LARGEST, LATE, SMALLEST, Pacer, shape_lines

from .conftest import SIZE, PacerApp, advance, player_of, settle

Build = Callable[..., SessionPlayerApp]


async def test_the_shape_grows_on_the_in_breath_and_shrinks_on_the_out_breath() -> None:
    app = PacerApp()
    async with app.run_test(size=(40, 14)):
        pacer = app.pacer
        pacer.begin_phase("in", 4.0, 0.0, (1, 3), top_up=False)
        sizes = []
        for step in range(41):
            app.now = step / 10
            pacer.tick()
            sizes.append(pacer.radius)
        assert sizes[0] == SMALLEST and sizes[-1] == LARGEST
        assert sizes == sorted(sizes)
        pacer.begin_phase("hold", 4.0, 4.0, (1, 3), top_up=False)
        app.now = 6.0
        pacer.tick()
        assert pacer.radius == LARGEST
        pacer.begin_phase("out", 4.0, 8.0, (1, 3), top_up=False)
        shrinking = []
        for step in range(41):
            app.now = 8.0 + step / 10
            pacer.tick()
            shrinking.append(pacer.radius)
        assert shrinking == sorted(shrinking, reverse=True)
        assert shrinking[-1] == SMALLEST
        assert pacer.label == "Breathe out"


async def test_a_top_up_leaves_room_to_sip_a_little_more() -> None:
    app = PacerApp()
    async with app.run_test(size=(40, 14)):
        pacer = app.pacer
        pacer.begin_phase("in", 2.0, 0.0, (1, 3), top_up=True)
        app.now = 2.0
        pacer.tick()
        after_in = pacer.radius
        pacer.begin_phase("top-up", 1.0, 2.0, (1, 3), top_up=True)
        app.now = 3.0
        pacer.tick()
        assert after_in < pacer.radius == LARGEST


async def test_it_redraws_only_when_the_drawn_size_changes() -> None:
    app = PacerApp()
    async with app.run_test(size=(40, 14)):
        pacer = app.pacer
        redraws = 0
        original = pacer.refresh

        def counting(*args: object, **kwargs: object) -> Pacer:
            nonlocal redraws
            redraws += 1
            return original(*args, **kwargs)  # type: ignore[arg-type]

        pacer.refresh = counting  # type: ignore[method-assign]
        pacer.begin_phase("in", 4.0, 0.0, (1, 3), top_up=False)
        for step in range(401):  # a hundred looks a second, far more than the timer makes
            app.now = step / 100
            pacer.tick()
        levels = round((LARGEST - SMALLEST) / 0.5)
        assert redraws <= levels + 1  # one per size, and one for the new phase


def waits_of(pacer: Pacer) -> list[float]:
    """Every delay the pacer sets its wake for, from now on (the wake still happens)."""
    waits: list[float] = []
    original = pacer.alarm.set

    def spying(delay: float) -> None:
        waits.append(delay)
        original(delay)

    pacer.alarm.set = spying  # type: ignore[method-assign]
    return waits


def on_grid(seconds: float) -> bool:
    """True for a whole number of half seconds (give or take rounding)."""
    return abs(seconds / GRID - round(seconds / GRID)) < 1e-6


async def test_it_wakes_on_the_first_half_second_after_the_drawn_size_changes() -> None:
    app = PacerApp()
    async with app.run_test(size=(40, 14)):
        pacer = app.pacer
        waits = waits_of(pacer)
        pacer.begin_phase("in", 4.0, 0.0, (1, 3), top_up=False)
        due = waits[-1] - LATE
        assert due > 0 and on_grid(due)  # on the half seconds practised
        app.now = due - GRID
        pacer.tick()
        assert pacer.radius == SMALLEST  # by the half second before, nothing had changed...
        app.now = due
        pacer.tick()
        assert pacer.radius > SMALLEST  # ...and by this one it has


@pytest.mark.parametrize(("phase", "seconds"), [("in", 3.0), ("out", 4.0), ("in", 4.5)])
async def test_every_change_of_size_falls_on_a_half_second(phase: str, seconds: float) -> None:
    """Every other half second is also a whole one, when the clock redraws anyway: a change
    of size there shares the clock's frame instead of costing a frame of its own."""
    app = PacerApp()
    async with app.run_test(size=(40, 14)):
        pacer = app.pacer
        if phase == "out":
            pacer.begin_phase("in", 1.0, -1.0, (1, 3), top_up=False)
            app.now = 0.0
            pacer.tick()
        waits = waits_of(pacer)
        wakes: list[float] = []  # practised times
        pacer.begin_phase(phase, seconds, 0.0, (1, 3), top_up=False)
        sizes = [pacer.radius]
        while len(waits) > len(wakes) and len(sizes) < 50:
            wakes.append(app.now + waits[-1] - LATE)
            if wakes[-1] >= seconds:
                break
            app.now = wakes[-1] + LATE
            pacer.tick()
            sizes.append(pacer.radius)
        assert all(on_grid(wake) for wake in wakes)
        assert len(set(sizes)) >= 5  # still a shape that grows or shrinks, not a jump
        assert sizes == sorted(sizes, reverse=phase == "out")
        assert sizes[-1] == (LARGEST if phase == "in" else SMALLEST)


async def test_a_short_phase_hands_on_the_size_it_reached_though_it_was_never_drawn() -> None:
    """The next phase's cue can come before the pacer's own wake for the last size (both fall
    on the phase's end): the next phase starts from where the breath got to all the same."""
    app = PacerApp()
    async with app.run_test(size=(40, 14)):
        pacer = app.pacer
        pacer.begin_phase("in", 2.5, 0.0, (1, 3), top_up=False)
        app.now = 2.5  # no tick in between: the player's poll handles the cue first
        pacer.begin_phase("hold", 1.0, 2.5, (1, 3), top_up=False)
        assert pacer.radius == LARGEST
        app.now = 3.5
        pacer.begin_phase("out", 1.5, 3.5, (1, 3), top_up=False)
        app.now = 5.0
        pacer.begin_phase("rest", 1.0, 5.0, (1, 3), top_up=False)
        assert pacer.radius == SMALLEST


async def test_after_a_step_without_breathing_the_next_breath_starts_small() -> None:
    app = PacerApp()
    async with app.run_test(size=(40, 14)):
        pacer = app.pacer
        pacer.begin_phase("in", 4.0, 0.0, (1, 3), top_up=False)
        app.now = 3.0
        pacer.tick()
        assert pacer.radius > SMALLEST
        pacer.stop()  # skipped on to a step that isn't breathing
        app.now = 20.0
        pacer.tick()  # the player's polls go on meanwhile
        assert not pacer.alarm.pending
        pacer.begin_phase("in", 4.0, 20.0, (1, 3), top_up=False)
        assert pacer.radius == SMALLEST


@pytest.mark.parametrize(("seconds", "speed"), [(4.0, 1.0), (0.5, 1.0), (4.0, 20.0)])
async def test_the_timer_never_runs_faster_than_ten_a_second(seconds: float, speed: float) -> None:
    app = PacerApp(speed=speed)
    async with app.run_test(size=(40, 14)):
        pacer = app.pacer
        waits = waits_of(pacer)
        pacer.begin_phase("in", seconds, 0.0, (1, 3), top_up=False)
        assert len(waits) == 1  # one wake, at the next change of size
        for step in range(1, 40):  # however often it looks, it never wakes sooner than 0.1 s
            app.now = seconds * step / 40
            pacer.tick()
        assert min(waits) >= 0.1
        app.now = seconds
        pacer.tick()
        before_hold = len(waits)
        pacer.begin_phase("hold", seconds, seconds, (1, 3), top_up=False)  # no change: no timer
        assert len(waits) == before_hold


def test_the_shape_is_round_and_has_a_fixed_height() -> None:
    for radius in (SMALLEST, 2.0, LARGEST):
        lines = shape_lines(radius)
        assert len(lines) == 9
        widths = [len(line) for line in lines if line]
        assert widths == widths[::-1]  # symmetric
        assert max(widths) == widths[len(widths) // 2]


async def test_reduced_motion_shows_a_calm_count_and_no_shape(
    build: Build, clock: FakeClock
) -> None:
    app = build("breathing", reduced_motion=True)
    async with app.run_test(size=SIZE) as pilot:
        player = await player_of(pilot)
        pacer = player.query_one(Pacer)
        text = str(pacer.render())
        assert "Breathe in" in text and "1" in text
        assert "█" not in text
        await advance(pilot, clock, 2.5)
        assert str(pacer.render()).splitlines()[:2] == ["Breathe in", "3"]
        await advance(pilot, clock, 1.0)
        assert str(pacer.render()).startswith("Hold gently")
        assert app.animation_level == "none"


async def test_the_pacer_names_the_phase_and_the_breath(build: Build, clock: FakeClock) -> None:
    async with build("breathing").run_test(size=SIZE) as pilot:
        player = await player_of(pilot)
        pacer = player.query_one(Pacer)
        assert player.query_one("#pacer-box").display
        assert not player.query_one(Guidance).display
        text = str(pacer.render())
        assert "█" in text and "Breathe in" in text and "breath 1 of 3" in text
        await advance(pilot, clock, 10.0)
        assert "breath 2 of 3" in str(pacer.render())


async def test_the_outline_marks_where_the_session_is(build: Build) -> None:
    async with build("short").run_test(size=SIZE) as pilot:
        player = await player_of(pilot)
        outline = player.query_one(Outline)
        await pilot.press("n")
        lines = str(outline.render()).splitlines()
        assert lines[:2] == ["✓ Arriving", "● Breathing"]
        assert lines[2] == "○ Writing"


def test_clock_text() -> None:
    assert clock_text(62, 300, estimated=False, paused=False) == "1:02 practised · 5:00 to go"
    assert clock_text(0, 90, estimated=True, paused=True) == (
        "0:00 practised · about 1:30 to go  ·  paused"
    )


# Window chrome and the default text colour of the SVG export, not the app's own colours.
SVG_CHROME = {"28c840", "febc2e", "ff5f57", "c5c8c6"}


async def test_no_color_is_respected(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.no_color
        assert any(isinstance(f, Monochrome | NoColor) for f in app.get_line_filters())
        colours = set(re.findall(r"#([0-9a-fA-F]{6})\b", app.export_screenshot())) - SVG_CHROME
        assert colours
        assert all(c[0:2] == c[2:4] == c[4:6] for c in colours), colours  # greys only


async def test_colour_is_used_without_no_color() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert not app.no_color
        colours = set(re.findall(r"#([0-9a-fA-F]{6})\b", app.export_screenshot())) - SVG_CHROME
        assert any(not c[0:2] == c[2:4] == c[4:6] for c in colours)


@pytest.mark.parametrize(
    ("width", "shown"),
    [
        (60, "1:02 practised · about 8:58 to go  ·  paused"),
        (40, "1:02 practised · about 8:58 to go"),
        (30, "1:02 practised"),
        (10, "1:02"),
    ],
)
def test_a_narrow_clock_keeps_whole_parts(width: int, shown: str) -> None:
    assert fit(clock_text(62.0, 538.0, estimated=True, paused=True), width) == shown


SPOKEN = """\
title = "Breathing with words"
practice = "breathing"

[[step]]
breathe = "box"
cycles = 6
say = "Let the holds be soft rather than tight, and let the breath find its own way."
"""


@pytest.mark.parametrize(("size", "shape"), [((60, 20), False), ((100, 30), True)])
async def test_a_line_over_the_pacer_leaves_its_words_and_the_shape_gives_way_first(
    build: Build,
    clock: FakeClock,
    folders: list[tuple[Path, Source]],
    size: tuple[int, int],
    shape: bool,
) -> None:
    (folders[0][0] / "spoken.toml").write_text(SPOKEN)
    async with build("spoken").run_test(size=size) as pilot:
        player = await player_of(pilot)
        await advance(pilot, clock, 2.0)
        await settle(pilot)
        assert player.query_one(Guidance).display  # the line, above the pacer
        pacer = player.query_one(Pacer)
        seen = pacer.region.intersection(player.query_one("#pacer-box").region)
        rows = [
            pacer.render_line(y - pacer.region.y).text.strip() for y in range(seen.y, seen.bottom)
        ]
        assert "Breathe in" in rows and "breath 1 of 6" in rows
        assert any("█" in row for row in rows) == shape


async def test_under_no_color_each_switch_says_on_or_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(settings=Settings(streaks=False))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f2")
        await settle(pilot)
        streaks = app.screen.query_one("#setting-streaks", Switch)
        checkins = app.screen.query_one("#setting-checkins", Switch)
        assert (str(streaks.render()), str(checkins.render())) == ("off", "on")
        streaks.focus()
        await pilot.press("space")
        await settle(pilot)
        assert str(streaks.render()) == "on"
