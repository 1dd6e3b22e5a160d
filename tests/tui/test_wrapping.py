"""A long paragraph is wrapped again only from just above an edit, and each of its rows is drawn
from its own characters: what is drawn is what Textual's own text area draws, after typing,
deleting and pasting anywhere in it, with a selection, a matched bracket, and without the focus."""

from __future__ import annotations

from typing import Any

import pytest
from textual.app import App, ComposeResult
from textual.widgets import TextArea
from textual.widgets.text_area import Selection, WrappedDocument

from session_player.tui.widgets.rows import drawable
from session_player.tui.widgets.wrapping import LONG, KeptWrap
from session_player.tui.widgets.writing_field import WritingField

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


async def drawn(pilot: Any, area: TextArea, focus: bool = True) -> list[list[tuple[str, Any]]]:
    if focus:
        area.focus()
    else:
        area.screen.set_focus(None)
    await pilot.pause()
    return [
        [(segment.text, segment.style) for segment in area.render_line(y)]
        for y in range(area.size.height)
    ]


async def test_a_long_paragraph_is_drawn_as_textual_draws_it_through_edits() -> None:
    app = Both()
    async with app.run_test(size=(60, 30)) as pilot:
        theirs, ours = app.query_one("#theirs", TextArea), app.query_one("#ours", WritingField)
        assert isinstance(ours.wrapped_document, KeptWrap) and drawable(ours)  # rows of its own
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


async def test_a_selection_a_bracket_and_no_focus_are_drawn_as_textual_draws_them() -> None:
    app = Both()
    async with app.run_test(size=(60, 30)) as pilot:
        theirs, ours = app.query_one("#theirs", TextArea), app.query_one("#ours", WritingField)
        for area in (theirs, ours):
            area.replace("(held) and\nthen ", (0, 2000), (0, 2000))
        chosen = [
            Selection((0, 1990), (0, 2030)),  # across rows of one paragraph
            Selection((1, 40), (0, 1700)),  # across two paragraphs, made upwards
            Selection((0, 2000), (0, 2000)),  # the cursor on an opening bracket
            Selection((0, 2005), (0, 2005)),  # and after its closing one
            Selection((1, 20), (1, 20)),  # in the second paragraph
        ]
        for selection in chosen:
            for area in (theirs, ours):
                area.selection = selection
                area.scroll_cursor_visible()
            assert await drawn(pilot, ours) == await drawn(pilot, theirs)
            assert await drawn(pilot, ours, focus=False) == await drawn(pilot, theirs, False)


def test_every_break_is_a_fresh_wraps_after_many_edits_anywhere(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import random

    from textual.geometry import Offset
    from textual.widgets.text_area import Document

    whole: list[object] = []  # the edits wrapped as Textual wraps them: the whole line
    textuals = WrappedDocument.wrap_range
    monkeypatch.setattr(
        WrappedDocument, "wrap_range", lambda *args: whole.append(args) or textuals(*args)
    )
    chosen = random.Random(27)
    document = Document(f"{LETTER}\nA short line.\n{LETTER[:500]}")  # rows below move too
    kept = KeptWrap(document, width=37)
    for _ in range(250):
        line = document.get_line(0)
        at = chosen.choice([len(line), chosen.randrange(len(line) + 1), chosen.randrange(200)])
        what = chosen.choice(["a", " ", "word ", "", "", "y" * 50, "\n", "   ", "z" * 80 + "   "])
        end = min(len(line), at + (chosen.randrange(1, 4) if what == "" else 0))
        if what == "\n":
            what, at, end = " ", at, at
        result = document.replace_range((0, at), (0, end), what)
        kept.wrap_range((0, at), (0, end), result.end_location)
        alone = KeptWrap(document, width=37)  # wrapped afresh
        assert kept.get_offsets(0) == alone.get_offsets(0)
        assert kept.get_sections(0) == WrappedDocument.get_sections(alone, 0)  # sliced
        assert kept.height == alone.height
        rows = range(alone.height)
        assert [kept.row_at(y) for y in rows] == [alone.row_at(y) for y in rows]
        places = [(0, at), (1, 3), (2, 450)]
        assert [kept.location_to_offset(p) for p in places] == [
            alone.location_to_offset(p) for p in places
        ]
        last = Offset(3, alone.height - 1)
        assert kept.offset_to_location(last) == alone.offset_to_location(last)
    assert len(whole) == 1  # the first edit: the line as it was wrapped is kept from then on
