"""The TUI's last gate: a control character Textual would draw is shown, never sent."""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from textual.color import Color
from textual.widgets import Static

from session_player.home.settings import Settings
from session_player.tui.app import make_app
from session_player.tui.shown import ShownFilter

HOSTILE = "a\x1b]0;PWNED\x1b[2J\u009b31mb"


def test_the_filter_shows_control_characters_and_keeps_styles() -> None:
    bold = Style(bold=True)
    segments = [Segment("plain "), Segment(HOSTILE, bold)]
    out = ShownFilter().apply(segments, Color(0, 0, 0))
    assert out == [Segment("plain "), Segment(r"a\x1b]0;PWNED\x1b[2J\x9b31mb", bold)]
    assert ShownFilter().apply(segments[:1], Color(0, 0, 0)) == segments[:1]


async def test_text_a_widget_was_given_raw_is_drawn_shown() -> None:
    app = make_app(settings=Settings(checkins=False, sound=False), folders=[])
    async with app.run_test(size=(60, 10)) as pilot:
        static = Static(HOSTILE, markup=False)
        await app.screen.mount(static)
        await pilot.pause()
        drawn = "".join(s.text for strip in static.render_lines(static.region.reset_offset)
                        for s in strip)  # fmt: skip
        assert "\x1b" not in drawn and "\u009b" not in drawn
        assert r"\x1b]0;PWNED" in drawn
