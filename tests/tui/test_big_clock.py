"""The timer's big digits: a new second redraws the rows that change, and only around them."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any, cast

import pytest
from textual.app import App, ComposeResult
from textual.geometry import Region
from textual.widget import Widget

from session_player.core.session.engine import Session
from session_player.tui.widgets.big_clock import BigClock


class BigClockApp(App[None]):
    """The big clock filling a box, as the player lays it out."""

    CSS = """
    BigClock { height: 1fr; width: 100%; text-align: center; content-align: center middle; }
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
