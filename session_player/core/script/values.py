"""Checks single values of a script (text, durations, counts, sounds, breaths), collecting every
problem with its key path.

``ValueChecker`` is what a step kind's check (``kinds/``) works with; ``checker.Checker`` builds
on it to check the whole document. Every check reports and carries on, so a person sees all
their mistakes at once.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from ..files import kind_of
from .durations import DurationError, parse_duration
from .keys import BREATH_KEYS, Unknown, did_you_mean
from .model import SoundFile
from .presets import BREATHING_PRESETS, BreathPattern
from .text import TemplateError, variables_in

MAX_PHASE_SECONDS = 60.0
MIN_BREATH_SECONDS = 0.5
MAX_DURATION = 24 * 3600.0

Message = str | Unknown  # made into text once it is sure to be shown
Report = Callable[[str, Message], None]


class ValueChecker:
    """Checks the values of a parsed script. ``report(path, message)`` receives each problem."""

    def __init__(
        self,
        report: Report,
        *,
        folder: Path | None,
        sounds: Mapping[str, Path],
    ) -> None:
        self.report = report
        self.folder = folder
        self.sounds = sounds
        self.known: set[str] = set()
        self.kept: dict[str, str] = {}  # kept answers the script uses, and their fallbacks
        self.failed = False
        self.looked_at: set[Path] = set()  # every sound file named or looked for

    def error(self, path: str, message: Message) -> None:
        """Record one problem."""
        self.failed = True
        self.report(path, message)

    def text(self, value: Any, path: str, *, variables: bool = True) -> str | None:
        """A non-empty string whose variables are all asked before this point."""
        if not isinstance(value, str):
            self.error(path, f"must be text in quotes, not {value_kind(value)}")
            return None
        if not value.strip():
            self.error(path, "must not be empty")
            return None
        if variables:
            try:
                names = variables_in(value)
            except TemplateError as problem:
                self.error(path, str(problem))
                return None
            for name in names:
                if name not in self.known:
                    self.error(
                        path,
                        f"{{{name}}} is used before it is asked; an `ask` step with "
                        f'into = "{name}" must come earlier (write {{{{ and }}}} for literal '
                        "braces)",
                    )
        return value

    def duration(self, value: Any, path: str) -> float | None:
        """A positive duration in seconds."""
        try:
            seconds = parse_duration(value)
        except DurationError as problem:
            self.error(path, str(problem))
            return None
        if seconds > MAX_DURATION:
            self.error(path, "must be at most 24 hours")
            return None
        return seconds

    def count(self, value: Any, path: str, low: int, high: int) -> int | None:
        """A whole number within [low, high]."""
        if isinstance(value, bool) or not isinstance(value, int):
            self.error(path, f"must be a whole number from {low} to {high}")
            return None
        if not low <= value <= high:
            self.error(path, f"must be from {low} to {high}, not {value}")
            return None
        return value

    def sound(self, value: Any, path: str) -> SoundFile | None:
        """A bundled chime name, or a WAV file inside the script's folder."""
        name = self.text(value, path, variables=False)
        if name is None:
            return None
        if name in self.sounds:
            self.looked_at.add(self.sounds[name])
            return SoundFile(name, self.sounds[name])
        looks_like_path = "/" in name or "\\" in name or name.lower().endswith(".wav")
        if not looks_like_path:
            names = sorted(self.sounds)
            if self._beside(f"{name}.wav"):
                hint = f'; for the file beside the script write "{name}.wav"'
            else:
                hint = did_you_mean(name, names)
            self.error(
                path,
                f"unknown sound {name!r}{hint} "
                f"(bundled: {', '.join(names) or 'none'}; or a WAV file beside the script)",
            )
            return None
        if Path(name).is_absolute() or name.startswith(("~", "\\")) or re.match(r"^\w:", name):
            self.error(
                path, f"{name!r} is an absolute path; give a path inside the script's folder"
            )
            return None
        if self.folder is None:
            self.error(path, "a sound file needs the script to be saved in a folder")
            return None
        try:
            base = self.folder.resolve()
            target = (base / name).resolve()
            self.looked_at.add(target)
            outside = not target.is_relative_to(base)
            found = not outside and target.is_file()
            mode = None if outside or found or not target.exists() else target.stat().st_mode
        except (OSError, ValueError, RuntimeError):  # NUL bytes, over-long names, link loops
            self.error(path, f"{name!r} cannot be used as a sound file name")
            return None
        if outside:
            self.error(path, f"{name!r} leaves the script's folder; keep sounds beside the script")
            return None
        if mode is not None:
            self.error(path, f"{name} is {kind_of(mode)}, not a sound file; use a WAV file")
            return None
        if not found:
            self.error(path, f"sound file not found: {name} (looked for it beside the script)")
            return None
        if target.suffix.lower() != ".wav":
            self.error(path, f"{name!r} is not a WAV file")
            return None
        return SoundFile(name, target)

    def _beside(self, name: str) -> bool:
        """Whether the script's folder holds something called ``name``."""
        try:
            return self.folder is not None and (self.folder / name).exists()
        except (OSError, ValueError):
            return False

    def chime_choice(self, value: Any, path: str) -> SoundFile | str | None:
        """A start or end chime: a sound, or "none"."""
        if value == "none":
            return "none"
        return self.sound(value, path)

    def breath(self, value: Any, path: str) -> BreathPattern | None:
        """A preset name or a table of phase seconds."""
        if isinstance(value, str):
            preset = BREATHING_PRESETS.get(value)
            if preset is None:
                names = tuple(BREATHING_PRESETS)
                self.error(
                    path,
                    f"unknown breathing preset {value!r}{did_you_mean(value, names)} "
                    f"(presets: {', '.join(names)}; or seconds in-hold-out-rest such as "
                    '"5-5-5-5"; or a table such as { in = 4, out = 6 })',
                )
                return None
            return preset
        if not isinstance(value, dict):
            self.error(
                path, f"must be a preset name or a table of seconds, not {value_kind(value)}"
            )
            return None
        phases: dict[str, float] = {}
        for key, raw in value.items():
            where = f"{path}.{key}"
            if key not in BREATH_KEYS:
                self.error(where, Unknown("breath phase", key, BREATH_KEYS))
                continue
            seconds = self._phase(raw, where, required=key in ("in", "out"))
            if seconds is not None:
                phases[key] = seconds
        for key in ("in", "out"):
            if key not in value:
                self.error(f"{path}.{key}", "is missing; a breath needs `in` and `out` seconds")
        if len(phases) != len(value) or "in" not in phases or "out" not in phases:
            return None
        return BreathPattern(
            inhale=phases["in"],
            hold=phases.get("hold", 0.0),
            exhale=phases["out"],
            rest=phases.get("rest", 0.0),
            top_up=phases.get("top_up", 0.0),
        )

    def _phase(self, raw: Any, path: str, *, required: bool) -> float | None:
        if isinstance(raw, int | float) and not isinstance(raw, bool) and raw < 0:
            self.error(path, "must not be negative")
            return None
        if isinstance(raw, int | float) and not isinstance(raw, bool) and raw == 0:
            if required:
                self.error(path, "must be longer than zero")
                return None
            return 0.0
        seconds = self.duration(raw, path)
        if seconds is not None and not MIN_BREATH_SECONDS <= seconds <= MAX_PHASE_SECONDS:
            self.error(
                path, f"must be from {MIN_BREATH_SECONDS:g} to {MAX_PHASE_SECONDS:g} seconds"
            )
            return None
        return seconds


def value_kind(value: Any) -> str:
    """What ``value`` is, in words ("text", "a list"), for a message that refuses it."""
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number" if math.isfinite(value) else "an infinite number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a table"
    return type(value).__name__
