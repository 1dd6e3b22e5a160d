"""The pacer and the session clock hand Textual the rows they keep (``widgets/lines.py``):
the very cells Textual's own drawing would give, in colour and under NO_COLOR, cropped or
whole; a pacer given padding is left to Textual's own path."""

from __future__ import annotations

import pytest
from rich.style import Style
from textual.app import App, ComposeResult
from textual.geometry import Region
from textual.strip import Strip
from textual.widget import Widget

from session_player.tui.widgets.clock import ClockFace

from .conftest import PacerApp


class ColouredPacerApp(PacerApp):
    """The pacer in colour, on a coloured background, as the player shows it."""

    CSS = """
    Pacer { background: #1c2226; color: #d8dde0; }
    Pacer > .pacer--shape { color: #7fa3b8; }
    Pacer > .pacer--label { text-style: bold; }
    Pacer > .pacer--count { color: #8a6d3b; }
    """


@pytest.mark.parametrize("no_color", [False, True])
@pytest.mark.parametrize("radius_at", [0.0, 1.5, 3.0])
async def test_the_pacer_draws_what_textuals_own_path_draws(
    monkeypatch: pytest.MonkeyPatch, no_color: bool, radius_at: float
) -> None:
    """The pacer hands Textual its kept rows directly; they must be the very cells Textual's
    general drawing would give (colours, NO_COLOR's greys, the background around the shape)."""
    if no_color:
        monkeypatch.setenv("NO_COLOR", "1")
    app = ColouredPacerApp()
    async with app.run_test(size=(40, 14)) as pilot:
        pacer = app.pacer
        pacer.begin_phase("in", 3.0, 0.0, (2, 5), top_up=False)
        app.now = radius_at
        pacer.tick()
        await pilot.pause()
        width, height = pacer.size
        for crop in (Region(0, 0, width, height), Region(3, 2, width - 6, 4)):
            ours = pacer.render_lines(crop)
            textuals = Widget.render_lines(pacer, crop)
            assert [list(line) for line in ours] == [list(line) for line in textuals]


def drawn(lines: list[Strip]) -> list[list[tuple[str, Style | None]]]:
    """What each cell shows: text and style, without the mouse's offsets Textual adds."""
    return [
        [(s.text, s.style.clear_meta_and_links() if s.style else None) for s in line]
        for line in lines
    ]


class TimerApp(App[None]):
    """The session clock alone, styled as the player styles it."""

    CSS = """
    ClockFace { width: 100%; text-align: center; color: #8a9aa3; background: #1c2226; }
    ClockFace.-paused { color: #c9a66b; }
    """

    def compose(self) -> ComposeResult:
        yield ClockFace(id="clock")


@pytest.mark.parametrize("no_color", [False, True])
@pytest.mark.parametrize("paused", [False, True])
async def test_the_clock_draws_what_textuals_own_path_draws(
    monkeypatch: pytest.MonkeyPatch, no_color: bool, paused: bool
) -> None:
    if no_color:
        monkeypatch.setenv("NO_COLOR", "1")
    app = TimerApp()
    async with app.run_test(size=(60, 3)) as pilot:
        timer = app.query_one(ClockFace)
        timer.show(62.0, 538.0, estimated=True, paused=paused)
        timer.set_class(paused, "-paused")
        await pilot.pause()
        width = timer.size.width
        for crop in (Region(0, 0, width, 1), Region(7, 0, 20, 1)):
            ours = timer.render_lines(crop)
            textuals = Widget.render_lines(timer, crop)
            assert drawn(ours) == drawn(textuals)
        assert "1:02 practised · about 8:58 to go" in app.export_screenshot().replace("&#160;", " ")


async def test_a_pacer_given_padding_is_drawn_by_textual_itself() -> None:
    class PaddedPacerApp(ColouredPacerApp):
        CSS = ColouredPacerApp.CSS + "Pacer { padding: 1 2; tint: #ff000020; }"

    app = PaddedPacerApp()
    async with app.run_test(size=(40, 14)) as pilot:
        pacer = app.pacer
        pacer.begin_phase("in", 3.0, 0.0, (2, 5), top_up=False)
        app.now = 1.5
        pacer.tick()
        await pilot.pause()
        crop = Region(0, 0, *pacer.size)
        assert drawn(pacer.render_lines(crop)) == drawn(Widget.render_lines(pacer, crop))
