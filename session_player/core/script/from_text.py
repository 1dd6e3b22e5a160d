"""A guided meditation written as plain text, read into a script's tables (``import-text``).

Paragraphs become spoken lines; pause marks (``[pause 10s]``, ``[10s]``, ``[PAUSE:10]``,
``<break time="10s"/>``) the pause after the line before them, or a silence where no line comes
before; ``# Title`` the title, ``## Section`` the section of the steps after it; ``[bell]`` a
chime, ``[breathe box 2m]`` a breathing step, ``[ask: ...]`` and ``[write: ...]`` prompts.
Anything else in brackets, and a mark that cannot be read, is reported with its line: nothing
is dropped silently. The caller writes the tables out (``cli/import_text.py``) and checks them.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from .durations import DurationError, parse_duration
from .keys import did_you_mean
from .pattern import PatternError, looks_like_pattern, parse_pattern
from .presets import BREATHING_PRESETS

_MARK = re.compile(r"\[[^\[\]\n]*\]|<break\b[^>\n]*/?>", re.IGNORECASE)
_PAUSE = re.compile(
    r"\A\[\s*(?:pause\s*[: ]\s*([^\]]*?)|([0-9][0-9.a-z ]*?))\s*\]\Z", re.IGNORECASE
)
_BREAK = re.compile(r"""\A<break\s+time\s*=\s*["']([^"']*)["']\s*/?>\Z""", re.IGNORECASE)
_PROMPT = re.compile(r"\A\[\s*(ask|write)\s*:\s*(.*?)\s*\]\Z", re.IGNORECASE | re.DOTALL)
_BELL = re.compile(r"\A\[\s*(?:bell|chime)(?:\s+([a-z0-9_-]+))?\s*\]\Z", re.IGNORECASE)
_BREATHE = re.compile(r"\A\[\s*breathe\s+(\S+)(?:\s+(.*?))?\s*\]\Z", re.IGNORECASE)
_BREATHS = re.compile(r"\A(\d+)\s*(?:breaths?|x|times)\Z", re.IGNORECASE)
_HEADING = re.compile(r"\A(#{1,2})\s+(.*?)\s*#*\s*\Z")
MARKS = (
    "[pause 10s]",
    "[10s]",
    "[PAUSE:10]",
    '<break time="10s"/>',
    "[bell]",
    "[breathe box 2m]",
    "[ask: ...]",
    "[write: ...]",
)
"""The marks the import reads, as its messages list them."""


@dataclass
class Imported:
    """What a text became: the script's tables, and each line that could not be mapped."""

    title: str | None = None
    steps: list[dict[str, Any]] = field(default_factory=list)
    unmapped: list[tuple[int, str]] = field(default_factory=list)  # (line from 1, why)
    chimes: tuple[str, ...] = ("bell",)
    _section: str | None = None
    _asked: int = 0

    def toml(self, fallback_title: str, first_line: str) -> str:
        """The script as TOML, one ``[[step]]`` table each, after ``first_line`` (the schema's
        comment) and a comment for each line that was left out."""
        head = [first_line, f"title = {_quoted(self.title or fallback_title)}"]
        head.append('practice = "custom"')
        if self.unmapped:
            head[1:1] = [f"# Not imported, line {n}: {why}" for n, why in self.unmapped]
        body = [
            "\n[[step]]\n" + "".join(f"{key} = {_quoted(v)}\n" for key, v in step.items())
            for step in self.steps
        ]
        return "\n".join(head) + "\n" + "".join(body)

    def add(self, step: dict[str, Any]) -> None:
        """A step, in the section a ``## Section`` line opened."""
        if self._section is not None:
            step = {"section": self._section, **step}
            self._section = None
        self.steps.append(step)


def import_text(text: str, chimes: tuple[str, ...] = ("bell",)) -> Imported:
    """Read a plain-text guided meditation; see the module's docstring. ``chimes`` are the
    names a ``[bell NAME]`` may give."""
    found = Imported(chimes=chimes)
    paragraph: list[tuple[int, str]] = []
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        heading = _HEADING.match(line)
        if line and not heading:
            paragraph.append((number, line))
            continue
        _paragraph(found, paragraph)
        paragraph = []
        if heading:
            _heading(found, number, len(heading.group(1)), heading.group(2))
    _paragraph(found, paragraph)
    if not found.steps and not found.unmapped:
        found.unmapped.append((1, "there is no text to say; write the guidance as paragraphs"))
    return found


def _heading(found: Imported, number: int, level: int, text: str) -> None:
    if not text:
        found.unmapped.append((number, "a heading with no words"))
    elif level == 2:
        found._section = text
    elif found.title is None:
        found.title = text
    else:
        found.unmapped.append((number, f"a second title ({text!r}); use ## for a section"))


def _paragraph(found: Imported, lines: list[tuple[int, str]]) -> None:
    """One paragraph: its words said as one line, split where a mark stands between them."""
    words: list[str] = []
    for number, line in lines:
        at = 0
        for mark in _MARK.finditer(line):
            words.append(line[at : mark.start()])
            at = mark.end()
            _said(found, words)
            words = []
            _mark(found, number, mark.group())
        words.append(line[at:])
    _said(found, words)


def _said(found: Imported, words: list[str]) -> None:
    text = " ".join(" ".join(w.split()) for w in words if w.strip())
    if text:
        found.add({"say": text})


def _mark(found: Imported, number: int, mark: str) -> None:
    """One mark, into a step (or the pause of the line before it), or a line's report."""
    pause = _PAUSE.match(mark) or _BREAK.match(mark)
    if pause:
        _pause(found, number, mark, next(g for g in pause.groups() if g is not None))
        return
    prompt = _PROMPT.match(mark)
    if prompt:
        kind, words = prompt.group(1).lower(), " ".join(prompt.group(2).split())
        if not words:
            found.unmapped.append((number, f"{mark}: say what to {kind}, such as [{kind}: ...]"))
        elif kind == "ask":
            found._asked += 1
            found.add({"ask": words, "into": f"answer{found._asked}"})
        else:
            found.add({"write": words})
        return
    bell = _BELL.match(mark)
    if bell:
        chime = (bell.group(1) or "bell").lower()
        if chime in found.chimes:
            found.add({"chime": chime})
        else:
            hint = did_you_mean(chime, found.chimes)
            found.unmapped.append(
                (number, f"{mark}: no chime {chime!r}{hint} (chimes: {', '.join(found.chimes)})")
            )
        return
    breathe = _BREATHE.match(mark)
    if breathe:
        _breathe(found, number, mark, breathe.group(1), breathe.group(2))
        return
    found.unmapped.append(
        (number, f"{mark} is not a mark the import knows ({', '.join(MARKS)}); left out")
    )


def _pause(found: Imported, number: int, mark: str, length: str) -> None:
    try:
        seconds = parse_duration(length.replace(" ", ""))
    except DurationError as problem:
        found.unmapped.append((number, f"{mark}: {problem}"))
        return
    shown = _written(seconds)
    before = found.steps[-1] if found.steps else None
    if before is not None and "say" in before and len(before) == 1 + ("section" in before):
        before["pause"] = shown
    elif before is not None and "silence" in before:
        total = parse_duration(before["silence"]) + seconds
        before["silence"] = _written(total)
    else:
        found.add({"silence": shown})


def _breathe(found: Imported, number: int, mark: str, pattern: str, length: str | None) -> None:
    """``[breathe box 2m]``, ``[breathe 4-7-8 6 breaths]``, ``[breathe 5(4-6)+10(box)]``."""
    step: dict[str, Any] = {"breathe": pattern}
    counted = False
    if pattern not in BREATHING_PRESETS:
        if not looks_like_pattern(pattern):
            names = tuple(BREATHING_PRESETS)
            hint = did_you_mean(pattern, names)
            found.unmapped.append(
                (number, f"{mark}: {pattern!r} is not a preset{hint} ({', '.join(names)})")
            )
            return
        try:
            counted = parse_pattern(pattern)[0][0] is not None
        except PatternError as problem:
            found.unmapped.append((number, f"{mark}: {problem}"))
            return
    if counted and length:
        found.unmapped.append((number, f"{mark}: the pattern counts its breaths; drop {length!r}"))
        return
    if not counted:
        breaths = _BREATHS.match(length or "")
        if breaths:
            step["cycles"] = int(breaths.group(1))
        else:
            try:
                step["for"] = _written(parse_duration((length or "").replace(" ", "")))
            except DurationError:
                found.unmapped.append(
                    (number, f"{mark}: say for how long, such as [breathe {pattern} 2m]")
                )
                return
    found.add(step)


def _quoted(value: object) -> str:
    """A TOML value: a whole number as it is, text as a basic string (JSON's escapes are
    TOML's)."""
    return str(value) if isinstance(value, int) else json.dumps(value, ensure_ascii=False)


def _written(seconds: float) -> str:
    """A duration as a script writes it: "10s", "2m", "1m30s", "2.5s"."""
    minutes, rest = divmod(seconds, 60)
    if rest != int(rest) or not minutes:
        return f"{seconds:g}s" if not minutes else f"{int(minutes)}m{rest:g}s"
    return f"{int(minutes)}m" + (f"{int(rest)}s" if rest else "")
