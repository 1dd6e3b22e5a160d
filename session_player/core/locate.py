"""Find the line a key path came from, so errors point into the file.

tomllib gives values but no positions, so this scans the text: the n-th ``[[step]]`` header,
then the key inside it. It is a best effort for ordinary layouts (one key a line, inline tables);
when it cannot tell, it points at the step's header or at line 1.

The text is read once, into an index of where each key name appears; every error is then
located from the index, so a file with thousands of errors is not scanned thousands of times.
"""

from __future__ import annotations

import re
from bisect import bisect_left

_STEP_HEADER = re.compile(r"^\s*\[\[?\s*step\s*\]")
_ANY_HEADER = re.compile(r"^\s*\[")
_MULTILINE = re.compile(r'"""|\'\'\'')
_STEP_PART = re.compile(r"^step\[(\d+)\]\.?(.*)$")
# A key where one may start (the line's start, or after a space, "{", "," or "."), followed by
# "=" or "." (a dotted key): bare, or in double quotes. The column is where the key begins.
_BARE_KEY = re.compile(r'(?:(?<=[\s{,.])|^)("?[^\s"=.\[{,]+)(?="?\s*[=.])')
_QUOTED_KEY = re.compile(r'(?:(?<=[\s{,.])|^)("([^"\n]*))(?="\s*[=.])')
_HEADER_KEY = re.compile(r'^\s*\[\[?\s*(?:"([^"\n]*)"|([^\s"\].]+))\s*[\].]')


class _Places:
    """Where one key name appears: line indexes (ascending) and columns, one per line."""

    __slots__ = ("columns", "lines")

    def __init__(self) -> None:
        self.lines: list[int] = []
        self.columns: list[int] = []

    def first(self, start: int, end: int) -> tuple[int, int] | None:
        """The first place on a line in [start, end), as (line, column) from 1."""
        at = bisect_left(self.lines, start)
        if at < len(self.lines) and self.lines[at] < end:
            return self.lines[at] + 1, self.columns[at]
        return None


class Locator:
    """Maps key paths such as ``step[4].breathe.out`` to (line, column), both from 1."""

    def __init__(self, text: str) -> None:
        self.lines = text.splitlines()
        self.step_lines: list[int] = []
        headers: list[int] = []  # every line that looks like a header, strings or not
        self._keys: dict[str, _Places] = {}
        self._headers: dict[str, int] = {}
        first_header = len(self.lines)
        quote: str | None = None  # inside a multi-line string, a "[[step]]" line is just text
        for number, line in enumerate(self.lines):
            self._index(number, line)
            if _ANY_HEADER.match(line):
                headers.append(number)
            was_inside = quote is not None
            if '"""' in line or "'''" in line:
                for mark in _MULTILINE.findall(line):
                    if quote is None:
                        quote = mark
                    elif mark == quote:
                        quote = None
            if was_inside:
                continue
            if _ANY_HEADER.match(line) and first_header == len(self.lines):
                first_header = number
            if _STEP_HEADER.match(line):
                self.step_lines.append(number)
        self.top_end = first_header
        self._header_lines = headers
        self._step_ends = [self._step_end(i, headers) for i in range(len(self.step_lines))]

    def _index(self, number: int, line: str) -> None:
        """Note every key name on ``line`` (its first place there) and the header it opens."""
        if line.lstrip().startswith("#"):
            return
        seen: dict[str, int] = {}
        for match in _BARE_KEY.finditer(line):
            name = match.group(1).lstrip('"')
            seen.setdefault(name, match.start(1) + 1)
        if '"' in line:
            for match in _QUOTED_KEY.finditer(line):
                column = match.start(1) + 1
                if seen.get(match.group(2), column + 1) > column:
                    seen[match.group(2)] = column
        for name, column in seen.items():
            places = self._keys.get(name)
            if places is None:
                places = self._keys[name] = _Places()
            places.lines.append(number)
            places.columns.append(column)
        header = _HEADER_KEY.match(line)
        if header:
            name = header.group(1) if header.group(1) is not None else header.group(2)
            self._headers.setdefault(name, number + 1)

    def _step_end(self, index: int, headers: list[int]) -> int:
        """Where the index-th step's keys end: the next header of any kind."""
        start = self.step_lines[index]
        end = self.step_lines[index + 1] if index + 1 < len(self.step_lines) else len(self.lines)
        at = bisect_left(headers, start + 1)
        return min(end, headers[at]) if at < len(headers) else end

    def _find(self, key: str, start: int, end: int) -> tuple[int, int] | None:
        places = self._keys.get(key)
        return places.first(start, end) if places is not None else None

    def locate(self, path: str) -> tuple[int, int]:
        """Return the best (line, column) for ``path``."""
        match = _STEP_PART.match(path)
        if not match:
            parts = path.split(".")
            key = parts[0].split("[")[0]
            found = self._find(key, 0, self.top_end) if key else None
            header = self._headers.get(key)
            if header and len(parts) > 1 and not found:  # a key inside a table such as [kept]
                at = bisect_left(self._header_lines, header)
                end = self._header_lines[at] if at < len(self._header_lines) else len(self.lines)
                found = self._find(parts[1].split("[")[0], header, end)
            return found or ((header, 1) if header else (1, 1))
        index = int(match.group(1)) - 1
        if not 0 <= index < len(self.step_lines):
            return 1, 1
        start, end = self.step_lines[index], self._step_ends[index]
        keys = [k.split("[")[0] for k in match.group(2).split(".") if k]
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
        """(line, column) for each of ``paths``, from the one reading of the text."""
        return [self.locate(path) for path in paths]
