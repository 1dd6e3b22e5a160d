"""Find the line a key path came from, so errors point into the file.

tomllib gives values but no positions, so this scans the text: the n-th ``[[step]]`` header,
then the key inside it. It is a best effort for ordinary layouts (one key a line, inline tables);
when it cannot tell, it points at the step's header or at line 1.

The text is read once, for all the errors together: each pattern runs over the whole text, and
the keys the errors name are indexed by line, so a file with thousands of errors is not scanned
thousands of times. Lines end at "\\n", as tomllib counts them.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from itertools import accumulate

_STEP_PART = re.compile(r"^step\[(\d+)\]\.?(.*)$")
_ANY_HEADER = re.compile(r"^[^\S\n]*\[", re.MULTILINE)
_STEP_HEADER = re.compile(r"[^\S\n]*\[\[?[^\S\n]*step[^\S\n]*\]")
_HEADER_KEY = re.compile(r'[^\S\n]*\[\[?[^\S\n]*(?:"([^"\n]*)"|([^\s"\].]+))[^\S\n]*[\].]')
_MULTILINE = re.compile(r'"""|\'\'\'')
_COMMENT_LINE = re.compile(r"^[^\S\n]*#", re.MULTILINE)
# A key where one may start (the text's start, or after a space, "{", "," or "."), followed on
# its line by "=" or "." (a dotted key): bare, or in double quotes. Its column is where it begins.
_BARE_KEY = re.compile(r'(?:(?<=[\s{,.])|\A)("?[^\s"=.\[{,]+)(?="?[^\S\n]*[=.])')
_QUOTED_KEY = re.compile(r'(?:(?<=[\s{,.])|\A)("([^"\n]*))(?="[^\S\n]*[=.])')
_BARE = re.compile(r'[^\s"=.\[{,]+')
_BARE_TAIL = re.compile(r'"?[^\S\n]*[=.]')
_QUOTED_TAIL = re.compile(r'"[^\S\n]*[=.]')
_FEW = 32  # up to this many names are looked for one by one (a fast search for each)


Places = list[tuple[int, int]]  # one name's (line index, column): the first on each line, in order


def _add(places: Places, line: int, column: int) -> None:
    """Note a place; found in the order of the text, the first on a line is the leftmost."""
    if not places or places[-1][0] != line:
        places.append((line, column))


def _first(places: Places, start: int, end: int) -> tuple[int, int] | None:
    """The first place on a line in [start, end), as (line, column) from 1."""
    at = bisect_left(places, (start,))
    if at < len(places) and places[at][0] < end:
        return places[at][0] + 1, places[at][1]
    return None


class Locator:
    """Maps key paths such as ``step[4].breathe.out`` to (line, column), both from 1."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._starts = [0, *accumulate(len(line) + 1 for line in text.split("\n"))]
        self._starts.pop()  # where each line begins
        if text.endswith("\n"):
            self._starts.pop()
        self.line_count = len(self._starts) if text else 0
        inside = self._inside_strings()
        self.step_lines: list[int] = []
        self._header_lines: list[int] = []  # every line that looks like a header, strings or not
        self._headers: dict[str, int] = {}  # a table's name: its first header line, from 1
        self.top_end = self.line_count
        for match in _ANY_HEADER.finditer(text):
            number = self._line_of(match.start())
            self._header_lines.append(number)
            start = self._starts[number]
            header = _HEADER_KEY.match(text, start)
            if header:
                name = header.group(1) if header.group(1) is not None else header.group(2)
                self._headers.setdefault(name, number + 1)
            if number in inside:
                continue  # inside a multi-line string, a "[[step]]" line is just text
            self.top_end = min(self.top_end, number)
            if _STEP_HEADER.match(text, start):
                self.step_lines.append(number)
        self._keys: dict[str, Places] = {}
        self._ends: dict[int, int] = {}  # where each step's keys end, once asked

    def _line_of(self, position: int) -> int:
        return bisect_right(self._starts, position) - 1

    def _inside_strings(self) -> set[int]:
        """The lines that begin inside a multi-line string (the line that closes it too)."""
        inside: set[int] = set()
        quote: str | None = None
        opened = 0
        for match in _MULTILINE.finditer(self.text):
            mark = match.group()
            if quote is None:
                quote, opened = mark, self._line_of(match.start())
            elif mark == quote:
                quote = None
                inside.update(range(opened + 1, self._line_of(match.start()) + 1))
        if quote is not None:
            inside.update(range(opened + 1, self.line_count))
        return inside

    def _index(self, names: set[str]) -> None:
        """Note every place of each of ``names`` that isn't on a comment line."""
        names -= self._keys.keys()
        if not names:
            return
        for name in names:
            self._keys[name] = []
        comments = {self._line_of(m.start()) for m in _COMMENT_LINE.finditer(self.text)}
        if len(names) <= _FEW:
            for name in names:
                self._search(name, comments)
            return
        text, starts, keys = self.text, self._starts, self._keys
        hits = [(m[1].lstrip('"'), m.start(1)) for m in _BARE_KEY.finditer(text)]
        if '"' in text:
            quoted = [(m[2], m.start(1)) for m in _QUOTED_KEY.finditer(text)]
            hits = sorted(hits + quoted, key=lambda hit: hit[1])  # one order for both kinds
        for name, at in hits:
            if name in names:
                number = bisect_right(starts, at) - 1
                places = keys[name]
                if number not in comments and (not places or places[-1][0] != number):
                    places.append((number, at - starts[number] + 1))

    def _search(self, name: str, comments: set[int]) -> None:
        """Note the places of one name, found by a plain search for it and checked around."""
        text, places = self.text, self._keys[name]
        bare = _BARE.fullmatch(name) is not None
        tail = _BARE_TAIL if bare else _QUOTED_TAIL
        for found in re.finditer(re.escape(name), text):
            at = found.start()
            if at and text[at - 1] == '"':  # "name" = ...: the key begins at its quote
                at -= 1
            elif not bare:
                continue
            if at and not (text[at - 1].isspace() or text[at - 1] in "{,."):
                continue
            if tail.match(text, found.end()) is None:
                continue
            number = self._line_of(at)
            if number not in comments:
                _add(places, number, at - self._starts[number] + 1)

    def _find(self, key: str, start: int, end: int) -> tuple[int, int] | None:
        if key not in self._keys:
            self._index({key})
        return _first(self._keys[key], start, end)

    def _step_end(self, index: int) -> int:
        """Where the index-th step's keys end: the next header of any kind."""
        end = self._ends.get(index)
        if end is None:
            start, steps = self.step_lines[index], self.step_lines
            end = steps[index + 1] if index + 1 < len(steps) else self.line_count
            at = bisect_right(self._header_lines, start)
            if at < len(self._header_lines):
                end = min(end, self._header_lines[at])
            self._ends[index] = end
        return end

    def locate(self, path: str) -> tuple[int, int]:
        """Return the best (line, column) for ``path``."""
        return self._place(*_parts(path))

    def _place(self, index: int | None, keys: list[str]) -> tuple[int, int]:
        if index is None:  # a top-level key: where it is set, or its table's header
            key = keys[0]
            found = self._find(key, 0, self.top_end) if key else None
            header = self._headers.get(key)
            if header and len(keys) > 1 and not found:  # a key inside a table, as in [kept]
                at = bisect_right(self._header_lines, header - 1)
                lines = self._header_lines
                found = self._find(
                    keys[1], header, lines[at] if at < len(lines) else self.line_count
                )
            return found or ((header, 1) if header else (1, 1))
        if not 0 <= index < len(self.step_lines):
            return 1, 1
        start, end = self.step_lines[index], self._step_end(index)
        line, column = start + 1, 1
        search_from = start
        for key in keys:
            found = self._find(key, search_from, end)
            if not found:
                break
            line, column = found
            search_from = line - 1
        return line, column

    def locate_all(self, paths: list[str]) -> list[tuple[int, int]]:
        """(line, column) for each of ``paths``, from one reading of the text for them all."""
        parsed = [_parts(path) for path in paths]
        self._index({key for _index, keys in parsed for key in keys} - {""})
        return [self._place(index, keys) for index, keys in parsed]


def _parts(path: str) -> tuple[int | None, list[str]]:
    """A path's step (from 0; None for a top-level key) and the key names to look for:
    ``step[3].breathe.out`` gives 2, [breathe, out]; ``title`` gives None, [title]."""
    match = _STEP_PART.match(path)
    if not match:  # ``kept.image_name`` gives None, [kept, image_name]
        return None, [k.split("[")[0] for k in path.split(".")[:2]]
    return int(match.group(1)) - 1, [k.split("[")[0] for k in match.group(2).split(".") if k]
