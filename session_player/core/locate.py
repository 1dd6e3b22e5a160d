"""Find the line a key path came from, so errors point into the file.

tomllib gives values but no positions, so this scans the text: the n-th ``[[step]]`` header,
then the key inside it. It is a best effort for ordinary layouts (one key a line, inline tables);
when it cannot tell, it points at the step's header or at line 1.
"""

from __future__ import annotations

import re

_STEP_HEADER = re.compile(r"^\s*\[\[?\s*step\s*\]")
_ANY_HEADER = re.compile(r"^\s*\[")
_MULTILINE = re.compile(r'"""|\'\'\'')
_STEP_PART = re.compile(r"^step\[(\d+)\]\.?(.*)$")


class Locator:
    """Maps key paths such as ``step[4].breathe.out`` to (line, column), both from 1."""

    def __init__(self, text: str) -> None:
        self.lines = text.splitlines()
        self.step_lines: list[int] = []
        first_header = len(self.lines)
        quote: str | None = None  # inside a multi-line string, a "[[step]]" line is just text
        for number, line in enumerate(self.lines):
            was_inside = quote is not None
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

    def _find(self, key: str, start: int, end: int) -> tuple[int, int] | None:
        pattern = re.compile(rf"(?:^|[\s{{,.])(\"?{re.escape(key)}\"?)\s*[=.]")
        for number in range(start, end):
            text = self.lines[number]
            if text.lstrip().startswith("#"):
                continue
            match = pattern.search(text)
            if match:
                return number + 1, match.start(1) + 1
        return None

    def _header(self, key: str) -> tuple[int, int] | None:
        header = re.compile(rf"^\s*\[\[?\s*\"?{re.escape(key)}\"?\s*[\].]")
        for number, text in enumerate(self.lines):
            if header.match(text):
                return number + 1, 1
        return None

    def locate(self, path: str) -> tuple[int, int]:
        """Return the best (line, column) for ``path``."""
        match = _STEP_PART.match(path)
        if not match:
            key = path.split(".")[0].split("[")[0]
            found = self._find(key, 0, self.top_end) if key else None
            return found or self._header(key) or (1, 1)
        index = int(match.group(1)) - 1
        if not 0 <= index < len(self.step_lines):
            return 1, 1
        start = self.step_lines[index]
        end = self.step_lines[index + 1] if index + 1 < len(self.step_lines) else len(self.lines)
        for later in range(start + 1, end):
            if _ANY_HEADER.match(self.lines[later]):
                end = later
                break
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
