"""The timer's big digits: drawn as Textual draws them, and a new second redraws the rows that
change, and only around them."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any, cast

import pytest
from textual.app import App, ComposeResult
from textual.geometry import Region
from textual.widget import Widget

from session_player.core.session.engine import Session
from session_player.tui.widgets.big_clock import BigClock

from .test_drawing import drawn


class BigClockApp(App[None]):
    """The big clock filling a box, as the player lays it out, in colour."""

    CSS = """
    BigClock {
        height: 1fr; width: 100%; text-align: center; content-align: center middle;
        color: #7fa3b8; background: #1c2226;
    }
    BigClock.-paused { color: #c9a66b; }
    """

    def compose(self) -> ComposeResult:
        yield BigClock()


def at(remaining: float) -> Session:
    """A session standing ``remaining`` seconds from its end (what the big clock reads)."""
    timeline = SimpleNamespace(open_ended=False)
    return cast(Session, SimpleNamespace(timeline=timeline, remaining=remaining, state="running"))


def redraws_asked(monkeypatch: pytest.MonkeyPatch, big: BigClock) -> list[tuple[Region, ...]]:
    """Every redraw asked of ``big`` from now on: the regions asked for (none: all of it)."""
    asked: list[tuple[Region, ...]] = []
    refresh = Widget.refresh

    def noted(widget: Widget, *regions: Region, **options: Any) -> Widget:
        if widget is big:
            asked.append(regions)
        return refresh(widget, *regions, **options)

    monkeypatch.setattr(Widget, "refresh", noted)
    return asked


def rows_of(big: BigClock) -> list[str]:
    width, height = big.size
    return [line.text for line in Widget.render_lines(big, Region(0, 0, width, height))]


@pytest.mark.parametrize("height", [9, 10, 13, 14, 21])
async def test_a_new_second_redraws_every_row_that_changes_and_little_else(
    monkeypatch: pytest.MonkeyPatch, height: int
) -> None:
    app = BigClockApp()
    async with app.run_test(size=(60, height)) as pilot:
        big = app.query_one(BigClock)
        big.show_session(at(1799))
        await pilot.pause()
        before = rows_of(big)
        asked = redraws_asked(monkeypatch, big)
        big.show_session(at(1798))  # 29:59 -> 29:58
        await pilot.pause()
        after = rows_of(big)
        changed = {y for y, (a, b) in enumerate(zip(before, after, strict=True)) if a != b}
        assert changed  # the digits did change
        redrawn = {y for regions in asked for region in regions for y in region.line_range}
        assert asked and all(asked)  # every redraw asked for was of some rows, not the box
        assert changed <= redrawn
        assert len(redrawn) <= 5 < height or height <= 5


async def test_a_new_width_of_the_time_redraws_it_all(monkeypatch: pytest.MonkeyPatch) -> None:
    app = BigClockApp()
    async with app.run_test(size=(60, 15)) as pilot:
        big = app.query_one(BigClock)
        big.show_session(at(600))  # 10:00
        await pilot.pause()
        asked = redraws_asked(monkeypatch, big)
        big.show_session(at(599))  # 9:59, narrower: laid out again, drawn whole
        await pilot.pause()
        assert () in asked


@pytest.mark.parametrize("no_color", [False, True])
@pytest.mark.parametrize(("size", "remaining"), [((30, 9), 1798), ((31, 10), 599), ((12, 4), 599)])
async def test_the_digits_are_the_cells_textual_draws(
    monkeypatch: pytest.MonkeyPatch, no_color: bool, size: tuple[int, int], remaining: float
) -> None:
    """Drawn from kept rows, the digits must be the very cells Textual's own drawing of its
    ``Digits`` gives: centred both ways, in colour or NO_COLOR's greys, paused or not, cut at a
    narrow box's edges."""
    if no_color:
        monkeypatch.setenv("NO_COLOR", "1")
    app = BigClockApp()
    async with app.run_test(size=size) as pilot:
        big = app.query_one(BigClock)
        for paused in (False, True):
            big.show_session(at(remaining))
            big.set_class(paused, "-paused")
            await pilot.pause()
            width, height = big.size
            for crop in (Region(0, 0, width, height), Region(2, 1, width - 4, height - 2)):
                assert drawn(big.render_lines(crop)) == drawn(Widget.render_lines(big, crop))
