"""A text area's rows drawn again only when what they show has changed.

Textual's ``TextArea`` draws every row on screen again after each keystroke: an edit clears
its cache of drawn rows, a moved cursor (with soft wrapping) makes a new key for every row,
and the new selection repaints the whole area. On the editor's 2,000-line script that was most
of a keystroke's time (``bench/bench_editor.py``), though a letter typed changes one or two
rows. Here:

- a row of a line drawn as its text alone (not the cursor's, nor in the selection, nor holding
  the bracket the cursor's matches) is kept with what it was drawn from: the line's text, its
  breaks, its number, and what the widget adds (``row_extra``: the editor's highlights and
  problem marks); while those and what every row depends on (``_drawing``: size, scroll,
  theme, focus, the gutter) are the same, it is not drawn again;
- the repaint that follows a change of the selection (every edit and cursor move makes one) is
  narrowed to the rows whose drawing differs from what was last drawn there: the cursor's
  rows, the rows it left, the edited rows, and any row whose line, place or highlights moved.
  Anything else (a resize, a new theme, focus, a scroll) repaints as Textual always does.

A test draws the editor's text area beside Textual's own through edits, moves, selections,
undo and scrolling, and compares every row (``tests/tui/test_script_area.py``).
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any, Self

from textual.geometry import Region
from textual.strip import Strip

from .wrapping import KeptWrapping

ALWAYS = object()  # what a row is drawn from when Textual draws it every time (never equal)


def _runs(rows: list[int]) -> list[tuple[int, int]]:
    """Rows in order as runs of neighbours: (first, how many)."""
    runs: list[tuple[int, int]] = []
    for y in rows:
        if runs and sum(runs[-1]) == y:
            runs[-1] = (runs[-1][0], runs[-1][1] + 1)
        else:
            runs.append((y, 1))
    return runs


class KeptRows(KeptWrapping):
    """A text area whose plain rows are kept between frames; see the module's docstring."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        """As ``TextArea``."""
        self._kept_rows: dict[tuple[int, int], tuple[Hashable, Strip]] = {}  # (line, row) ->
        self._kept_with: Hashable = None  # what every kept row was drawn with (``_drawing``)
        self._shown: dict[int, Hashable] = {}  # y -> what the row there was drawn from
        self._shown_at: Hashable = None  # the scroll and drawing of the rows in _shown
        self._selection_moved = False  # the next whole repaint follows a new selection
        self._frame: Hashable = None  # ``_drawing`` for the frame being drawn
        super().__init__(*args, **kwargs)

    def row_extra(self, line_index: int) -> Hashable:
        """What else a line's rows are drawn from, beyond its text and place (for subclasses
        that add to the drawing: highlights, marks)."""
        return None

    def draw_row(self, y: int) -> Strip:
        """The row ``y`` drawn afresh (Textual's own drawing, for subclasses to add to)."""
        return super().render_line(y)

    def _drawing(self) -> Hashable:
        """What every row depends on, whatever its line."""
        return (
            self.size,
            self.scrollable_content_region.width,
            self.virtual_size.width,
            self.scroll_offset.x,
            self.theme,
            self.app.theme,
            self.rich_style,
            self.has_focus,
            self.disabled,
            frozenset(self.classes),
            self.soft_wrap,
            self.show_line_numbers,
            self.line_number_start,
            self.gutter_width,
            self.indent_width,
            self.read_only,
            self.show_cursor,
        )

    def _drawn_from(self, y: int) -> tuple[tuple[int, int] | None, Hashable]:
        """The row at ``y`` (its line and which of its rows), and what it is drawn from:
        ``ALWAYS`` for the rows Textual draws each time."""
        row = self._kept.row_at(y + self.scroll_offset.y)
        if row is None:
            return None, "below the text"
        line_index = row[0]
        start, end = self.selection
        bracket = self.matching_bracket_location
        if (
            end[0] == line_index
            or (start != end and min(start, end)[0] <= line_index <= max(start, end)[0])
            or (bracket is not None and bracket[0] == line_index)
            or (self.placeholder and self.document.line_count == 1 and not self.document[0])
        ):
            return row, ALWAYS
        text = self.document.get_line(line_index)
        breaks = tuple(self.wrapped_document.get_offsets(line_index))
        return row, (line_index, row[1], text, breaks, self.row_extra(line_index))

    def render_lines(self, crop: Region) -> list[Strip]:
        """The rows in ``crop``; what every row depends on is found once for them all."""
        self._frame = self._drawing()
        try:
            return super().render_lines(crop)
        finally:
            self._frame = None

    def render_line(self, y: int) -> Strip:
        """The row ``y``: as last drawn when what it is drawn from is the same, else afresh."""
        row, source = self._drawn_from(y)
        drawing = self._frame or self._drawing()
        shown_at = (self.scroll_offset.y, drawing)
        if shown_at != self._shown_at:
            self._shown, self._shown_at = {}, shown_at
        self._shown[y] = source
        if row is None or source is ALWAYS:
            return self.draw_row(y)
        if drawing != self._kept_with or len(self._kept_rows) > 4 * self.size.height + 64:
            self._kept_rows, self._kept_with = {}, drawing
        kept = self._kept_rows.get(row)
        if kept is not None and kept[0] == source:
            return kept[1]
        strip = self.draw_row(y)
        self._kept_rows[row] = (source, strip)
        return strip

    def watch_selection(self) -> None:
        """A new selection (an edit, a move): the repaint Textual asks for next is narrowed."""
        self._selection_moved = True

    def refresh(
        self,
        *regions: Region,
        repaint: bool = True,
        layout: bool = False,
        recompose: bool = False,
    ) -> Self:
        """Refresh as Textual does, but for the whole repaint after a new selection: only the
        rows whose drawing changed (all of them, when what every row depends on changed)."""
        plain = not (regions or layout or recompose) and repaint
        if plain and self._selection_moved and self.is_mounted:
            self._selection_moved = False
            changed = self._changed_rows()
            if changed is not None:
                width = max(self.virtual_size.width, self.size.width)
                for top, height in _runs(changed):
                    super().refresh(Region(0, top, width, height))
                return self
        elif plain:
            self._selection_moved = False
        return super().refresh(*regions, repaint=repaint, layout=layout, recompose=recompose)

    def _changed_rows(self) -> list[int] | None:
        """The rows on screen drawn from something other than what they were last drawn
        from; None when every row must be drawn again."""
        if (self.scroll_offset.y, self._drawing()) != self._shown_at:
            return None
        changed = []
        for y in range(self.scrollable_content_region.height):
            _row, source = self._drawn_from(y)
            if source is ALWAYS or self._shown.get(y) != source:
                changed.append(y)
        return changed
