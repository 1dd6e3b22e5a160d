"""The editor's text area draws a script as Textual's own TOML text area does (the same colours
on every line, the cursor's included, after edits that change what the lines below mean),
while asking tree-sitter only for the lines it draws."""

from __future__ import annotations

from typing import Any

from textual.app import App, ComposeResult
from textual.widgets import TextArea

from session_player.tui.widgets.script_area import ScriptArea

TEXT = """\
#:schema script.schema.json
title = "Tea, café and rest"
practice = "breathing"

[[step]]
say = "Arrive."   # a comment
pause = "2s"

[[step]]
breathe = { in = 4, out = 6 }
cycles = 2
"""


class Both(App[None]):
    """Textual's TOML text area and ours, side by side, holding the same text."""

    def compose(self) -> ComposeResult:
        yield TextArea(TEXT, language="toml", id="theirs", soft_wrap=True, show_line_numbers=True)
        yield ScriptArea(TEXT, id="ours", soft_wrap=True, show_line_numbers=True)

    def on_mount(self) -> None:
        for area in self.query(TextArea):
            area.cursor_blink = False  # drawn steadily: a blink would differ from frame to frame


Drawn = list[list[tuple[str, Any]]]


async def drawn(pilot: Any, area: TextArea) -> Drawn:
    """Every row as drawn with the focus (so with its cursor): its pieces and their styles."""
    area.focus()
    await pilot.pause()
    return [
        [(segment.text, segment.style) for segment in area.render_line(y)]
        for y in range(area.size.height)
    ]


async def same(pilot: Any, theirs: TextArea, ours: TextArea) -> Drawn:
    """Ours as drawn, having checked it is drawn as theirs is."""
    mine = await drawn(pilot, ours)
    assert mine == await drawn(pilot, theirs)
    return mine


async def test_the_colours_are_textuals_own_through_edits() -> None:
    app = Both()
    async with app.run_test(size=(80, 40)) as pilot:
        theirs, ours = app.query_one("#theirs", TextArea), app.query_one("#ours", ScriptArea)
        assert ours.language == "toml"
        for area in (theirs, ours):
            area.cursor_location = (5, 7)  # in "Arrive.": the cursor's line has its colours
        await same(pilot, theirs, ours)
        for area in (theirs, ours):
            area.insert('"""\n')  # a multi-line string opened: the lines below become text
        await same(pilot, theirs, ours)
        for area in (theirs, ours):
            area.undo()
        rows = await same(pilot, theirs, ours)
        assert len({style for row in rows for _text, style in row}) > 6  # coloured
