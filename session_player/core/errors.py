"""Errors are values with a location until the edge, where they are shown kindly."""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class ScriptError:
    """One problem found in a session script.

    ``path`` is the key path inside the script (``step[4].breathe.out``); steps count from 1,
    like the ``[[step]]`` tables a person sees in the file.
    """

    file: str
    line: int
    column: int
    path: str
    message: str
    more: int = 0  # on the last of a capped list: how many problems are not shown

    def __post_init__(self) -> None:
        # A message echoes what the file says (a key, a variable, a value); a name half a
        # million letters long is shown by its start and its length, not in full.
        object.__setattr__(self, "path", capped(self.path))
        object.__setattr__(self, "message", capped(self.message))

    def __str__(self) -> str:
        where = f"{self.path}: " if self.path else ""
        return f"{self.file}:{self.line}:{self.column}: {where}{self.message}"


ECHO_LIMIT = 80  # the longest run of text without a space an error repeats in full
_LONG_RUN = re.compile(rf"[^\s{{}}\"'`()\[\]]{{{ECHO_LIMIT + 1},}}")  # quotes and brackets stay


def capped(text: str) -> str:
    """``text`` with every run longer than ``ECHO_LIMIT`` characters cut to its start and its
    length (``aaaa…(500,000 characters)``)."""
    if len(text) <= ECHO_LIMIT:
        return text
    return _LONG_RUN.sub(lambda m: f"{m.group()[:40]}…({len(m.group()):,} characters)", text)


def problem_count(errors: tuple[ScriptError, ...] | list[ScriptError]) -> int:
    """How many problems ``errors`` stand for, counting those a capped list leaves out."""
    if errors and errors[-1].more:
        return len(errors) - 1 + errors[-1].more
    return len(errors)
