"""Errors are values with a location until the edge, where they are shown kindly."""

from __future__ import annotations

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

    def __str__(self) -> str:
        where = f"{self.path}: " if self.path else ""
        return f"{self.file}:{self.line}:{self.column}: {where}{self.message}"


def problem_count(errors: tuple[ScriptError, ...] | list[ScriptError]) -> int:
    """How many problems ``errors`` stand for, counting those a capped list leaves out."""
    if errors and errors[-1].more:
        return len(errors) - 1 + errors[-1].more
    return len(errors)


class ScriptInvalid(Exception):
    """Raised at an edge that wants an exception rather than a list of errors."""

    def __init__(self, errors: list[ScriptError]) -> None:
        self.errors = errors
        super().__init__("\n".join(str(e) for e in errors))
