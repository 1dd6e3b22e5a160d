"""One row of a wrapped paragraph, drawn from that row's characters alone.

A letter may be one paragraph of 20,000 characters: about 250 rows at the writing box's width.
Textual's text area draws each row from the whole paragraph: it styles the paragraph, divides it
into all its rows (a ``Text`` each) and counts the tabs of every row above the one it draws, for
each of the box's rows on every key (``bench/bench_writing.py``: a key cost twice the CPU at
20,000 characters that it cost in an empty box). ``draw_row`` draws the row from its own slice of
the paragraph, with the same styles Textual gives it (the cursor's line, the selection, the
cursor, a matched bracket), so a row costs the same however long its paragraph is. A test draws
it beside Textual's own text area through typing, deleting, pasting, selecting and undo.

Rows with what Textual draws differently (a tab, a control character Rich strips) and text
areas with line numbers, syntax highlighting or a suggestion are left to Textual
(``drawable``).
"""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual.strip import Strip
from textual.widgets import TextArea

from .wrapping import STRIPPED

OTHERWISE_DRAWN = "\t" + STRIPPED  # tabs, and what Rich's Text strips from its text


def plain(line: str) -> bool:
    """Whether ``line`` holds none of ``OTHERWISE_DRAWN`` (each looked for at C speed)."""
    return not any(character in line for character in OTHERWISE_DRAWN)


class Plain:
    """Whether a line can be drawn a row at a time; the last line asked, kept (the rows of a
    frame ask about the same line, and a line is the same ``str`` until it is edited)."""

    def __init__(self) -> None:
        self._line: str | None = None
        self._plain = False

    def __call__(self, line: str) -> bool:
        """Whether ``line`` can be drawn a row at a time (``plain``)."""
        if line is not self._line:
            self._line, self._plain = line, plain(line)
        return self._plain


def drawable(area: TextArea) -> bool:
    """Whether ``area`` draws nothing ``draw_row`` leaves out."""
    return (
        area.soft_wrap
        and not area.show_line_numbers
        and area.language is None
        and not area.suggestion
    )


def _stylize(text: Text, style: Style | None, start: int, end: int, first: int) -> None:
    """Style columns ``start``-``end`` of the paragraph where they fall in this row (which
    begins at column ``first``)."""
    start, end = max(start - first, 0), min(end - first, len(text))
    if style is not None and start < end:
        text.stylize(style, start, end)


def draw_row(area: TextArea, line_index: int, first: int, last: int | None) -> Strip:
    """The row of line ``line_index`` from column ``first`` to ``last`` (None: to the line's
    end, where a space is added for the cursor), as Textual's ``TextArea`` draws it."""
    # What Textual's own drawing reads, and no public name gives: the text area's resolved
    # styles and whether the cursor shows in this blink. A Textual that changed them would fail
    # the test that draws this beside Textual's own text area.
    theme, draw_cursor = area._theme, area._draw_cursor
    line = area.document.get_line(line_index)
    length = len(line)
    text = Text(line[first:last] if last is not None else line[first:] + " ", end="")
    selection = area.selection
    (start, end), (cursor_row, cursor_column) = selection, selection.end
    (top_row, top_column), (bottom_row, bottom_column) = sorted(selection)
    has_cursor = not (area.read_only and not area.show_cursor)
    highlight = area.highlight_cursor_line and has_cursor
    cursor_line_style = theme.cursor_line_style if (theme and highlight) else None
    if has_cursor and cursor_line_style and cursor_row == line_index:
        _stylize(text, cursor_line_style, 0, length + 1, first)
    if start != end and top_row <= line_index <= bottom_row and theme:
        low = top_column if line_index == top_row else 0
        high = bottom_column if line_index == bottom_row else length
        _stylize(text, theme.selection_style, low, high, first)
    bracket = area.matching_bracket_location
    brackets = has_cursor and area.match_cursor_bracket and bracket is not None and start == end
    if cursor_row == line_index:
        if brackets and theme:
            _stylize(text, theme.bracket_matching_style, cursor_column, cursor_column + 1, first)
        if draw_cursor and theme:
            _stylize(text, theme.cursor_style, cursor_column, cursor_column + 1, first)
    if brackets and bracket is not None and theme and bracket[0] == line_index:
        _stylize(text, theme.bracket_matching_style, bracket[1], bracket[1] + 1, first)
    if cursor_row == line_index and area.highlight_cursor_line:
        line_style = cursor_line_style
    else:
        line_style = theme.base_style if theme else None
    base_style = theme.base_style if theme and theme.base_style is not None else area.rich_style
    width = area.scrollable_content_region.size.width - area.gutter_width
    strip = Strip(text.render(area.app.console), cell_length=text.cell_len)
    return strip.extend_cell_length(width, line_style).apply_style(base_style)
