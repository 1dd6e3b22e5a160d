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
  again from there only, and while it keeps its number of rows only its breaks are replaced;
  a change in the number of rows (once a row's worth of typing) wraps the line whole.

A test types, pastes and deletes across a long paragraph and compares every break with a
fresh wrap of the same text.
"""

from __future__ import annotations

from bisect import bisect_right

from textual.widgets import TextArea
from textual.widgets.text_area import Document, Location, WrappedDocument

LONG = 2_000  # characters: shorter lines are wrapped whole, as Textual does
ABOVE = 3  # rows above the edit's row that are wrapped again with it


def wrapped_from(line: str, start: int, width: int, tab_width: int) -> list[int]:
    """The breaks Textual would give ``line[start:]`` on its own, as columns of ``line``."""
    alone = WrappedDocument(Document(line[start:]), width, tab_width)
    return [start + offset for offset in alone.get_offsets(0)]


class KeptWrap(WrappedDocument):
    """A wrapped document whose height is counted once per change, and whose long lines are
    wrapped again from just above an edit."""

    _height: int | None = None

    def wrap(self, width: int, tab_width: int | None = None) -> None:
        """Wrap the whole text again (its height is counted afresh when next asked)."""
        self._height = None
        super().wrap(width, tab_width)

    def wrap_range(self, start: Location, old_end: Location, new_end: Location) -> None:
        """Wrap the lines an edit touched: a long line from just above the edit."""
        if not (start[0] == old_end[0] == new_end[0] and self._rewrap_tail(*start)):
            self._height = None
            super().wrap_range(start, old_end, new_end)

    def _rewrap_tail(self, row: int, column: int) -> bool:
        """Wrap line ``row`` again from a little above ``column``; False (nothing done) when
        the line is short, holds a tab, or its number of rows changed."""
        line = self.document.get_line(row)
        if len(line) < LONG or "\t" in line or not self._width:
            return False
        old = self.get_offsets(row)
        kept = old[: max(0, bisect_right(old, column) - ABOVE)]
        new = kept + wrapped_from(line, kept[-1] if kept else 0, self._width, self._tab_width)
        if len(new) != len(old):
            return False
        self._wrap_offsets[row] = new  # the one list the breaks of a line are kept in
        return True

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
