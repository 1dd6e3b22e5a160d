"""The keys a script may use, and friendly suggestions for the ones it should not."""

from __future__ import annotations

import difflib

from .model import ACTIONS, StepKind

TOP_KEYS = (
    "title", "practice", "summary", "language", "author", "format", "pause",
    "start_chime", "end_chime", "breath_sounds", "kept", "step",
)  # fmt: skip
# The keys each action may carry besides ``section``.
ACTION_KEYS: dict[StepKind, tuple[str, ...]] = {
    "say": ("pause",),
    "breathe": ("for", "cycles", "say", "lines"),
    "phrases": ("repeat", "pause", "round_pause", "kept"),
    "touch": ("say", "for"),
    "silence": ("bell_every", "bell"),
    "chime": (),
    "ask": ("into", "default", "for", "keep"),
    "write": ("for", "into", "keep", "append"),
    "check_in": ("into", "low", "high"),
    "read_back": ("for", "speak"),
}
STEP_KEYS = ("section", *ACTIONS, *sorted({k for ks in ACTION_KEYS.values() for k in ks}))
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
