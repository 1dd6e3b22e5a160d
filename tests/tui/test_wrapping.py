"""A long paragraph is wrapped again only from just above an edit, and shares one division into
rows between the rows of a frame: what is drawn is what Textual's own text area draws, after
typing, deleting and pasting anywhere in it."""

from __future__ import annotations

from typing import Any

from textual.app import App, ComposeResult
from textual.widgets import TextArea
from textual.widgets.text_area import WrappedDocument

from session_player.tui.widgets.answer_fields import WritingField
from session_player.tui.widgets.wrapping import LONG, KeptWrap

WORDS = "Dear me, this is hard and I am here with it. "
LETTER = (WORDS * (LONG // len(WORDS) + 20))[: LONG + 700]


class Both(App[None]):
    """Textual's text area and the writing box, side by side, holding the same letter."""

    def compose(self) -> ComposeResult:
        yield TextArea(LETTER, id="theirs", soft_wrap=True)
        yield WritingField(LETTER, id="ours", soft_wrap=True)

    def on_mount(self) -> None:
        for area in self.query(TextArea):
            area.cursor_blink = False  # drawn steadily: a blink would differ from frame to frame


def breaks(area: TextArea) -> list[list[int]]:
    """Every line's breaks, from the area's wrapping as kept."""
    wrapped = area.wrapped_document
    return [wrapped.get_offsets(row) for row in range(area.document.line_count)]


def fresh(area: TextArea) -> list[list[int]]:
    """Every line's breaks, from a wrapping made afresh."""
    wrapped = WrappedDocument(area.document, tab_width=area.indent_width)
    wrapped.wrap(area.wrap_width)
    return [wrapped.get_offsets(row) for row in range(area.document.line_count)]


async def drawn(pilot: Any, area: TextArea) -> list[list[tuple[str, Any]]]:
    area.focus()
    await pilot.pause()
    return [
        [(segment.text, segment.style) for segment in area.render_line(y)]
        for y in range(area.size.height)
    ]


async def test_a_long_paragraph_is_drawn_as_textual_draws_it_through_edits() -> None:
    app = Both()
    async with app.run_test(size=(60, 30)) as pilot:
        theirs, ours = app.query_one("#theirs", TextArea), app.query_one("#ours", WritingField)
        assert isinstance(ours.wrapped_document, KeptWrap)
        edits: list[tuple[str, tuple[int, int], tuple[int, int]]] = [
            ("and more ", (0, len(LETTER)), (0, len(LETTER))),  # typed at the end
            ("", (0, 1200), (0, 1203)),  # three letters deleted in the middle
            ("x" * 90, (0, 2000), (0, 2000)),  # a word longer than a row
            (" ", (0, 2045), (0, 2045)),  # ... split
            ("", (0, 2100), (0, 2101)),  # a space deleted: two words joined across rows
            ("Second thoughts.\n", (0, 40), (0, 40)),  # a new line
        ]
        for text, start, end in edits:
            for area in (theirs, ours):
                area.replace(text, start, end)
                area.cursor_location = (0, min(2050, len(area.document.get_line(0))))
            assert ours.text == theirs.text
            assert breaks(ours) == fresh(ours)
            assert await drawn(pilot, ours) == await drawn(pilot, theirs)
            assert ours.wrapped_document.height == theirs.wrapped_document.height
        for area in (theirs, ours):
            area.undo()
            area.undo()
        assert breaks(ours) == fresh(ours)
        assert await drawn(pilot, ours) == await drawn(pilot, theirs)


def test_every_break_is_a_fresh_wraps_after_many_edits_anywhere() -> None:
    import random

    from textual.widgets.text_area import Document

    chosen = random.Random(27)
    document = Document(LETTER)
    kept = KeptWrap(document, width=37)
    kept_short = 0
    for _ in range(400):
        line = document.get_line(0)
        at = chosen.choice([len(line), chosen.randrange(len(line) + 1)])
        what = chosen.choice(["a", " ", "word ", "", "", "y" * 50, "\n"])
        end = min(len(line), at + (chosen.randrange(1, 4) if what == "" else 0))
        if what == "\n":
            what, at, end = " ", at, at
        result = document.replace_range((0, at), (0, end), what)
        before = list(kept.get_offsets(0))
        kept.wrap_range((0, at), (0, end), result.end_location)
        kept_short += len(before) == len(kept.get_offsets(0))
        alone = WrappedDocument(document, width=37)
        assert kept.get_offsets(0) == alone.get_offsets(0)
        assert kept.height == alone.height
    assert kept_short > 300  # most edits kept the number of rows: wrapped from the edit only
