"""The editor's text: Textual's ``TextArea``, made to cost a keystroke what the lines on screen
cost, not what the whole script costs (``bench/bench_editor.py``).

- Its wrapping: its height counted once per change, a long line wrapped again from the edit
  (``wrapping.py``).
- Its highlighting: Textual queries tree-sitter for the whole text and maps every line's
  highlights after every edit (about 20 ms a keystroke on that script). Here the language is
  registered with an empty query, so Textual keeps the syntax tree up to date as it always does
  (an incremental parse) but maps nothing, and ``get_line`` (Textual's documented way to style a
  line) asks the tree for the one line being drawn, with Textual's own TOML captures and the
  theme's own styles: the same colours, for the lines on screen only.
"""

from __future__ import annotations

from typing import Any

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.geometry import Offset
from textual.strip import Strip
from textual.widgets.text_area import SyntaxAwareDocument, TextAreaTheme

from .wrapping import KeptWrapping

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


def _characters(line: str) -> dict[int, int] | None:
    """Byte offset -> character index in ``line`` (tree-sitter counts bytes); None when the
    two are the same (ASCII)."""
    if line.isascii():
        return None
    found, at = {}, 0
    for index, character in enumerate(line):
        found[at] = index
        at += len(character.encode("utf-8"))
    found[at] = len(line)
    return found


class HighlightedLine(Text):
    """A line whose colours stay above a style laid over the whole line: Textual lays the cursor
    line's style over the line ``get_line`` returns (a foreground with it), and draws its own
    highlights after that; laid under them instead, the colours show on the cursor's line too."""

    def stylize(self, style: str | Style, start: int = 0, end: int | None = None) -> None:
        """Style a part of the line; the whole line's style goes under what it already has."""
        if start == 0 and end is None:
            self.stylize_before(style, start, end)
        else:
            super().stylize(style, start, end)


MARK = "●"


class ScriptArea(KeptWrapping):
    """A text area whose wrapping is kept (``KeptWrapping``), highlighted a line at a time."""

    def __init__(self, text: str = "", *, highlight: bool = True, **kwargs: Any) -> None:
        """``highlight``: TOML colours, when tree-sitter's grammar is installed."""
        super().__init__(text, **kwargs)
        self._problems: frozenset[int] = frozenset()
        self._query: Any = None
        language = toml_language() if highlight else None
        if language is not None:
            self.register_language("toml", language, "")  # Textual parses; we highlight
            self.language = "toml"
            document = self.document
            if isinstance(document, SyntaxAwareDocument):
                self._query = document.prepare_query(TOML_QUERY)

    @property
    def problem_lines(self) -> frozenset[int]:
        """The lines (from 0) marked in the gutter as having a problem."""
        return self._problems

    @problem_lines.setter
    def problem_lines(self, lines: frozenset[int]) -> None:
        if lines != self._problems:
            self._problems = lines
            self.refresh()

    def render_line(self, y: int) -> Strip:
        """The row ``y`` as Textual draws it, with a problem's mark beside its line's number."""
        strip = super().render_line(y)
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

    def _syntax_styles(self) -> dict[str, Style]:
        theme = TextAreaTheme.get_builtin_theme(self.theme) or TextAreaTheme.get_builtin_theme(
            "css"
        )
        return theme.syntax_styles if theme is not None else {}

    def get_line(self, line_index: int) -> Text:
        """The line ``line_index``, with the highlights of the syntax tree's nodes on it."""
        line = super().get_line(line_index)
        document = self.document
        if self._query is None or not isinstance(document, SyntaxAwareDocument):
            return line
        line = HighlightedLine(line.plain, end="", no_wrap=True)
        styles = self._syntax_styles()
        columns = _characters(line.plain)
        end = (line_index + 1, 0)
        captured = document.query_syntax_tree(self._query, (line_index, 0), end)
        for name, nodes in captured.items():
            style = styles.get(name)
            if style is None:
                continue
            for node in nodes:
                (top, left), (bottom, right) = node.start_point, node.end_point
                if not top <= line_index <= bottom or (top < bottom == line_index and not right):
                    continue  # not on this line, or a node above ending where this line starts
                start = left if top == line_index else 0
                stop = right if bottom == line_index else None
                if columns is not None:
                    start = columns.get(start, 0)
                    stop = columns.get(stop) if stop is not None else None
                line.stylize(style, start, stop)
        return line
