"""The editor's text: Textual's ``TextArea``, made to cost a keystroke what the lines on screen
cost, not what the whole script costs (``bench/bench_editor.py``).

- Its wrapping: its height counted once per change, a long line wrapped again from the edit
  (``wrapping.py``).
- Its rows: drawn again only when what they show has changed (``kept_rows.py``).
- Its highlighting: Textual queries tree-sitter for the whole text and maps every line's
  highlights after every edit: 36 ms a keystroke on that script, and even with an empty query
  it walks the whole tree (13 ms). Here Textual is given no query to run, so it keeps the
  syntax tree up to date as it always does (an incremental parse) and maps nothing; the lines
  on screen are asked for together, with Textual's own TOML captures, and each line's are put
  where Textual looks for them as it draws the line (``get_line``): the same colours, laid on
  in the same order, for the lines on screen only.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.geometry import Offset, Region
from textual.strip import Strip
from textual.widgets.text_area import SyntaxAwareDocument

from .kept_rows import KeptRows

# Textual's own highlight query for TOML (textual/tree-sitter/highlights/toml.scm), so the
# colours are those Textual would give.
TOML_QUERY = """
(bare_key) @toml.type
(quoted_key) @string
(pair (bare_key)) @property
(boolean) @boolean
(comment) @comment
(string) @string
(integer) @number
(float) @float
(offset_date_time) @toml.datetime
(local_date_time) @toml.datetime
(local_date) @toml.datetime
(local_time) @toml.datetime
"." @punctuation.delimiter
"," @punctuation.delimiter
"=" @operator
"[" @punctuation.bracket
"]" @punctuation.bracket
"[[" @punctuation.bracket
"]]" @punctuation.bracket
"{" @punctuation.bracket
"}" @punctuation.bracket
(ERROR) @toml.error
"""


def toml_language() -> Any | None:
    """tree-sitter's TOML, when its grammar is installed (the ``editor`` extra)."""
    try:
        import tree_sitter_toml
        from tree_sitter import Language
    except ImportError:
        return None
    return Language(tree_sitter_toml.language())


Highlight = tuple[int, int | None, str]  # on a line: from, to (bytes; None: its end), name


def line_highlights(
    captured: dict[str, list[Any]], first: int, last: int
) -> dict[int, tuple[Highlight, ...]]:
    """The highlights of lines ``first`` to ``last`` in tree-sitter's ``captured`` nodes, as
    Textual maps them (by name, a node over several lines in parts, in the same order)."""
    found: dict[int, list[Highlight]] = {}
    for name, nodes in captured.items():
        for node in nodes:
            (top, left), (bottom, right) = node.start_point, node.end_point
            for row in range(max(top, first), min(bottom, last) + 1):
                start = left if row == top else 0
                stop = right if row == bottom else None
                found.setdefault(row, []).append((start, stop, name))
    return {row: tuple(spans) for row, spans in found.items()}


MARK = "●"


class ScriptArea(KeptRows):
    """A text area whose wrapping and unchanged rows are kept (``KeptRows``), highlighted for
    the lines on screen only, with a mark beside the number of each line with a problem."""

    def __init__(self, text: str = "", *, highlight: bool = True, **kwargs: Any) -> None:
        """``highlight``: TOML colours, when tree-sitter's grammar is installed."""
        super().__init__(text, **kwargs)
        self._problems: frozenset[int] = frozenset()
        self._query: Any = None
        self._on_screen: dict[int, tuple[Highlight, ...]] = {}  # while rows are drawn
        language = toml_language() if highlight else None
        if language is not None:
            self.register_language("toml", language, "")  # Textual parses; we highlight
            self.language = "toml"
            document = self.document
            if isinstance(document, SyntaxAwareDocument):
                self._query = document.prepare_query(TOML_QUERY)

    @property
    def _highlight_query(self) -> None:
        """No query for Textual to run: it would walk the whole syntax tree after every edit,
        even with an empty query; the lines drawn are highlighted as they are drawn."""
        return None

    @_highlight_query.setter
    def _highlight_query(self, _query: object) -> None:
        pass  # Textual prepares one whenever it opens a document

    @property
    def problem_lines(self) -> frozenset[int]:
        """The lines (from 0) marked in the gutter as having a problem."""
        return self._problems

    @problem_lines.setter
    def problem_lines(self, lines: frozenset[int]) -> None:
        if lines != self._problems:
            self._problems = lines
            self.refresh()

    def render_lines(self, crop: Region) -> list[Strip]:
        """The rows in ``crop``, the highlights of every line on screen asked for at once."""
        self._on_screen = self._highlights_on_screen()
        try:
            return super().render_lines(crop)
        finally:
            self._on_screen = {}  # the text may change before the next frame

    def _changed_rows(self) -> list[int] | None:
        self._on_screen = self._highlights_on_screen()
        try:
            return super()._changed_rows()
        finally:
            self._on_screen = {}

    def _highlights_on_screen(self) -> dict[int, tuple[Highlight, ...]]:
        document = self.document
        if self._query is None or not isinstance(document, SyntaxAwareDocument):
            return {}
        wrapped, top = self._kept, self.scroll_offset.y
        first = wrapped.row_at(top)
        if first is None:
            return {}
        last = wrapped.row_at(min(top + self.size.height, wrapped.height) - 1) or first
        end = (last[0] + 1, 0)
        captured = document.query_syntax_tree(self._query, (first[0], 0), end)
        found = line_highlights(captured, first[0], last[0])
        return {row: found.get(row, ()) for row in range(first[0], last[0] + 1)}

    def highlights(self, line_index: int) -> tuple[Highlight, ...]:
        """The highlights of line ``line_index``: its syntax nodes, as bytes of the line."""
        found = self._on_screen.get(line_index)
        if found is not None:
            return found
        document = self.document
        if self._query is None or not isinstance(document, SyntaxAwareDocument):
            return ()
        end = (line_index + 1, 0)
        captured = document.query_syntax_tree(self._query, (line_index, 0), end)
        return line_highlights(captured, line_index, line_index).get(line_index, ())

    def row_extra(self, line_index: int) -> Hashable:
        """A line's highlights and whether it is marked as having a problem."""
        return self.highlights(line_index), line_index in self._problems

    def draw_row(self, y: int) -> Strip:
        """The row ``y`` as Textual draws it, with a problem's mark beside its line's number."""
        strip = super().draw_row(y)
        if not (self._problems and self.show_line_numbers):
            return strip
        wrapped, row_y = self.wrapped_document, y + self.scroll_offset.y
        try:
            row, _column = wrapped.offset_to_location(Offset(0, row_y))
        except ValueError:
            return strip  # below the text
        if row not in self._problems or wrapped.location_to_offset((row, 0)).y != row_y:
            return strip  # no problem here, or a wrapped line's later row (no number either)
        at = self.gutter_width - 2  # the first of the two cells between number and text
        under = next(iter(strip.crop(at, at + 1)), None)
        colour = Style(color=self.app.current_theme.error or "red", bold=True)
        style = under.style + colour if under is not None and under.style else colour
        mark = Strip([Segment(MARK, style)], 1)
        return Strip.join([strip.crop(0, at), mark, strip.crop(at + 1, strip.cell_length)])

    def get_line(self, line_index: int) -> Text:
        """The line ``line_index``; its highlights go where Textual looks for them as it draws
        the line, so they are laid on as Textual's own are (over the cursor's line and the
        selection, under the cursor and a matched bracket)."""
        if self._query is not None:
            self._highlights[line_index] = list(self.highlights(line_index))
        return super().get_line(line_index)
