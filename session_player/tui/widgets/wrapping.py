"""The wrapping of a text area's lines, kept at the cost of what an edit changed.

Textual's ``WrappedDocument`` is what a ``TextArea`` asks where each line breaks. Two of its
costs grow with the text rather than with the edit, and the editor and the writing box both
meet them (``bench/bench_editor.py``, ``bench/bench_writing.py``):

- ``height`` adds up every line's rows each time it is asked, and the text area asks for it for
  every row it draws (80,000 numbers a keystroke for 40 rows of a 2,000-line script). Here the
  sum is kept until the wrapping changes.
- An edit wraps its whole line again: for a letter written as one paragraph of 20,000
  characters, most of a keystroke. The rows before the edit cannot change, but for the two
  just above it (a word shortened by a deletion may now fit on the row above, and a word
  longer than a row folds across rows). So a line of at least ``LONG`` characters is wrapped
  again from there only, and only as far as its breaks differ from before (``tail_breaks``);
  a change in its number of rows moves the rows below along, as Textual's own does.

- Moving the cursor asks for the line cut at its breaks (``get_sections``), which Textual
  makes by dividing a Rich ``Text`` of the whole line: 250 ``Text`` objects, twice a key. Here
  the line is sliced.

A test types, pastes and deletes across a long paragraph and compares every break with a
fresh wrap of the same text.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from itertools import pairwise

from textual.widgets import TextArea
from textual.widgets.text_area import Document, Location, WrappedDocument

LONG = 2_000  # characters: shorter lines are wrapped whole, as Textual does
ABOVE = 3  # rows above the edit's row that are wrapped again with it
STRIPPED = "\x07\x08\x0b\x0c\r"  # what Rich's Text leaves out of its text


def wrapped_from(line: str, start: int, width: int, tab_width: int) -> list[int]:
    """The breaks Textual would give ``line[start:]`` on its own, as columns of ``line``."""
    alone = WrappedDocument(Document(line[start:]), width, tab_width)
    return [start + offset for offset in alone.get_offsets(0)]


_WORD_AFTER_SPACE = re.compile(r"(?<=\s)\S")  # where Textual's wrapping starts a new chunk


def _between_words(line: str, at: int) -> bool:
    """Whether a break at ``at`` starts a word after a space (not a fold inside a word or its
    spaces, which carries the row's width on)."""
    return line[at - 1].isspace() and not line[at].isspace()


def tail_breaks(
    line: str, begin: int, old: list[int], unchanged: int, shift: int, width: int
) -> list[int]:
    """The breaks of ``line`` from ``begin`` (a break) on, after an edit that left the text from
    column ``unchanged`` to the end as it was, ``shift`` columns along (``old``: the breaks
    before). The line is wrapped a stretch at a time, each ending where a word starts (so its
    breaks are the whole line's), until a break between words falls where an old one did: from
    a break on, the breaks depend only on the text after it, so the rest are the old ones moved
    along. Typing in the middle of a long paragraph wraps a few rows, not the paragraph; now
    and then (a word moved down a row, and every row below staying a word behind) the rest of
    it (docs/performance.md)."""
    moved = {at + shift for at in old if at + shift >= unchanged}
    stretch = 8 * width
    while True:
        found = _WORD_AFTER_SPACE.search(line, min(begin + stretch, len(line)))
        end = found.start() if found else len(line)
        breaks = wrapped_from(line[:end], begin, width, 4)  # (a line with a tab isn't here)
        for n, at in enumerate(breaks):
            if at >= unchanged and at in moved and _between_words(line, at):
                return breaks[: n + 1] + [o + shift for o in old if o + shift > at]
        if end == len(line):
            return breaks
        stretch *= 4


class KeptWrap(WrappedDocument):
    """A wrapped document whose height is counted once per change, and whose long lines are
    wrapped again from just above an edit."""

    _height: int | None = None
    _wrapped: tuple[int, str] | None = None  # the last line edited, as it was wrapped

    def wrap(self, width: int, tab_width: int | None = None) -> None:
        """Wrap the whole text again (its height is counted afresh when next asked)."""
        self._height, self._wrapped = None, None
        super().wrap(width, tab_width)

    def wrap_range(self, start: Location, old_end: Location, new_end: Location) -> None:
        """Wrap the lines an edit touched: a long line from just above the edit."""
        one_line = start[0] == old_end[0] == new_end[0]
        if not (one_line and self._rewrap_tail(start, old_end, new_end)):
            self._height = None
            super().wrap_range(start, old_end, new_end)
        self._wrapped = (start[0], self.document.get_line(start[0])) if one_line else None

    def _rewrap_tail(self, start: Location, old_end: Location, new_end: Location) -> bool:
        """Wrap the line of a one-line edit again from a little above it, as far as its breaks
        differ (``tail_breaks``); False (nothing done) when the line is short or holds a tab,
        or when what was before and after the edit can't be seen unchanged (an undo of many
        edits names a range that holds them all)."""
        row, column = start
        line = self.document.get_line(row)
        if len(line) < LONG or "\t" in line or not self._width or self._wrapped is None:
            return False
        was_row, was = self._wrapped
        if not (
            was_row == row
            and line[:column] == was[:column]
            and line[new_end[1] :] == was[old_end[1] :]
        ):
            return False
        old = self.get_offsets(row)
        kept = old[: max(0, bisect_right(old, column) - ABOVE)]
        shift = new_end[1] - old_end[1]
        begin = kept[-1] if kept else 0
        self._set_breaks(row, kept + tail_breaks(line, begin, old, new_end[1], shift, self._width))
        return True

    def _set_breaks(self, row: int, breaks: list[int]) -> None:
        """Give line ``row`` these breaks, and move the rows below if it has more or fewer."""
        more = len(breaks) - len(self._wrap_offsets[row])
        self._wrap_offsets[row] = breaks  # the base's lists: breaks, rows to lines, lines to rows
        if more:
            top = self._line_index_to_offsets[row][0]
            self._offset_to_line_info[top : top + len(breaks) + 1 - more] = [
                (row, section) for section in range(len(breaks) + 1)
            ]
            self._line_index_to_offsets[row] = list(range(top, top + len(breaks) + 1))
            for below in range(row + 1, len(self._line_index_to_offsets)):
                self._line_index_to_offsets[below] = [
                    y + more for y in self._line_index_to_offsets[below]
                ]
            self._height = None

    def get_sections(self, line_index: int) -> list[str]:
        """Line ``line_index`` cut at its breaks: as Textual cuts it (through a Rich ``Text``
        of the whole line, for each cursor move), by slicing, unless the line holds a
        character Rich's ``Text`` would strip."""
        line = self.document[line_index]
        if any(character in line for character in STRIPPED):
            return super().get_sections(line_index)
        cuts = [0, *self.get_offsets(line_index), len(line)]
        return [line[start:end] for start, end in pairwise(cuts)]

    def row_at(self, y: int) -> tuple[int, int] | None:
        """The line drawn at row ``y`` of the wrapped text, and which of its rows it is; None
        past the end."""
        rows = self._offset_to_line_info  # the base's own map from rows to lines
        return rows[y] if 0 <= y < len(rows) else None

    @property
    def height(self) -> int:
        """The height of the wrapped text, in lines."""
        if self._height is None:
            self._height = super().height
        return self._height


class KeptWrapping(TextArea):
    """A text area whose wrapped text is a ``KeptWrap`` (set through the public
    ``wrapped_document``, which the text area assigns as it opens a document)."""

    @property
    def wrapped_document(self) -> WrappedDocument:
        """The wrapped view of the text."""
        return self._kept

    @wrapped_document.setter
    def wrapped_document(self, wrapped: WrappedDocument) -> None:
        if not isinstance(wrapped, KeptWrap):
            wrapped = KeptWrap(wrapped.document, tab_width=self.indent_width)
        self._kept = wrapped
