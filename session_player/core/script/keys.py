"""The keys a script may use at its top and in a breath, and friendly suggestions for the ones it
should not (a step's keys are its kind's: ``kinds/``)."""

from __future__ import annotations

import difflib

TOP_KEYS = (
    "title", "practice", "summary", "language", "author", "format", "pause",
    "start_chime", "end_chime", "breath_sounds", "soundscape", "check_ins", "kept",
    "pronounce", "step",
)  # fmt: skip
BREATH_KEYS = ("in", "hold", "out", "rest", "top_up")


def did_you_mean(word: str, choices: tuple[str, ...] | list[str]) -> str:
    """A "; did you mean `x`?" suffix, or nothing when no choice is close."""
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return f"; did you mean `{close[0]}`?" if close else ""


class Unknown:
    """The message for an unknown name, with a suggestion worked out only when it is shown.

    A file with thousands of unknown keys shows only the first few problems; looking for a
    close match for every one of them would be most of the time it takes to check.
    """

    __slots__ = ("choices", "what", "word")

    def __init__(self, what: str, word: str, choices: tuple[str, ...]) -> None:
        self.what, self.word, self.choices = what, word, choices

    def __str__(self) -> str:
        if not self.word.strip():
            return (
                f'a {self.what} with an empty name ("{self.word}" = …) means nothing here; '
                f"remove it, or use one of: {', '.join(self.choices)}"
            )
        return f"unknown {self.what}{did_you_mean(self.word, self.choices)}"
