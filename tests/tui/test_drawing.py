"""The pacer and the session clock hand Textual the rows they keep (``widgets/lines.py``):
the very cells Textual's own drawing would give, in colour and under NO_COLOR, cropped or
whole; a pacer given padding is left to Textual's own path. The widgets around them hand back
their last rows while nothing they draw has changed: the cells Textual would draw now."""

from __future__ import annotations

import pytest
from rich.style import Style
from textual.app import App, ComposeResult
from textual.geometry import Region
from textual.strip import Strip
from textual.widget import Widget

from session_player.tui.widgets.backdrop import Column
from session_player.tui.widgets.clock import ClockFace
from session_player.tui.widgets.footer import KeyFooter
from session_player.tui.widgets.guidance import Guidance, Title

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


def cells(lines: list[Strip]) -> list[list[tuple[str, Style | None]]]:
    """What each cell shows, however the rows are divided into segments."""
    return [[(char, style) for text, style in row for char in text] for row in drawn(lines)]


class WordsApp(App[None]):
    """The guidance and the clock in a column, as the player lays them out, with a class on
    the screen that changes the column's background (as a theme or a state would)."""

    CSS = """
    Column { background: #1c2226; padding: 1 2 0 2; }
    Screen.-dim Column { background: #3a2020; }
    Guidance { height: 1fr; text-align: center; content-align: center middle; padding: 1 2; }
    ClockFace { dock: bottom; height: 1; width: 100%; text-align: center; }
    """

    def compose(self) -> ComposeResult:
        with Column():
            yield Title("A calm title", id="title")
            yield Guidance(id="guidance")
            yield ClockFace(id="clock")
        yield KeyFooter()


async def test_kept_rows_are_what_textual_draws_after_every_change() -> None:
    """The rows the guidance, the title, the footer and the containers hand back while the clock
    redraws below them are the very cells Textual would draw now, after a new line, a class that
    changes the background, another theme, a new size."""
    app = WordsApp()
    async with app.run_test(size=(60, 16)) as pilot:
        guidance, clock = app.query_one(Guidance), app.query_one(ClockFace)

        async def same_as_textuals() -> None:
            for second in range(3):  # the clock's redraws ask the others for their rows again
                clock.show(60.0 + second, 540.0, estimated=False, paused=False)
                await pilot.pause()
            for widget in (guidance, app.query_one(Title), app.query_one(Column),
                           app.query_one(KeyFooter), app.screen):  # fmt: skip
                crop = Region(0, 0, *widget.outer_size)
                assert cells(widget.render_lines(crop)) == cells(Widget.render_lines(widget, crop))

        guidance.show_line("Breathe in, and let the breath be easy.")
        await same_as_textuals()
        guidance.show_note("A quiet note")
        await same_as_textuals()
        assert "A quiet note" in app.export_screenshot().replace("&#160;", " ")
        app.screen.set_class(True, "-dim")
        await same_as_textuals()
        app.theme = "textual-light"
        await same_as_textuals()
        await pilot.resize_terminal(44, 12)
        await same_as_textuals()
        assert "A quiet note" in app.export_screenshot().replace("&#160;", " ")


class BreathApp(ColouredPacerApp):
    """The pacer above the session clock, each redraw asking the other for its rows again."""

    CSS = (
        ColouredPacerApp.CSS
        + TimerApp.CSS
        + "Pacer { height: 14; background: transparent; }"
        + "Screen.-dim Column { background: #3a2020; }"
    )

    def compose(self) -> ComposeResult:
        with Column():
            yield self.pacer
            yield ClockFace(id="clock")


async def test_the_pacer_and_the_clock_kept_are_what_textual_draws_after_every_change() -> None:
    """Between their own changes the pacer and the clock hand back their last rows (each is
    asked again at the other's redraw): the very cells Textual would draw now, after the shape
    grows, the time turns, a pause, a new background behind them, another theme, a new size."""
    app = BreathApp()
    async with app.run_test(size=(50, 18)) as pilot:
        pacer, clock = app.pacer, app.query_one(ClockFace)
        pacer.begin_phase("in", 4.0, 0.0, (1, 5), top_up=False)

        async def same_as_textuals() -> None:
            await pilot.pause()
            for widget in (pacer, clock, pacer, clock):  # drawn, then handed back
                crop = Region(0, 0, *widget.size)
                assert cells(widget.render_lines(crop)) == cells(Widget.render_lines(widget, crop))

        for second in (1.5, 2.0, 2.5, 3.0):
            app.now = second
            pacer.tick()
            await same_as_textuals()
            clock.show(second, 60.0 - second, estimated=False, paused=False)
            await same_as_textuals()
        clock.show(3.0, 57.0, estimated=False, paused=True)
        clock.set_class(True, "-paused")
        await same_as_textuals()
        app.screen.set_class(True, "-dim")  # the background behind both changes
        await same_as_textuals()
        app.theme = "textual-light"
        await same_as_textuals()
        await pilot.resize_terminal(40, 16)
        await same_as_textuals()
