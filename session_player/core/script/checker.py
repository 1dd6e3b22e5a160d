"""Checks one parsed script, collecting every problem with its key path.

The loader (``loader.py``) reads and parses the file; this module turns the parsed TOML into a
``Script`` or a list of errors. Every check reports and carries on, so a person sees all their
mistakes at once.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from ..files import kind_of
from .durations import DurationError, parse_duration
from .keys import BREATH_KEYS, TOP_KEYS, Unknown, did_you_mean
from .model import Script, Sound, Step
from .practices import PRACTICES
from .presets import BREATH_SOUNDS, BREATHING_PRESETS, BreathPattern
from .steps import check_step
from .text import IDENTIFIER, TemplateError, variables_in

MAX_STEPS = 2000
MAX_PHASE_SECONDS = 60.0
MIN_BREATH_SECONDS = 0.5
MAX_DURATION = 24 * 3600.0
_LANGUAGE = re.compile(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*\Z")

Message = str | Unknown  # made into text once it is sure to be shown
Report = Callable[[str, Message], None]


class Checker:
    """Checks a parsed script. ``report(path, message)`` receives each problem."""

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

    # -- values ---------------------------------------------------------------------------

    def text(self, value: Any, path: str, *, variables: bool = True) -> str | None:
        """A non-empty string whose variables are all asked before this point."""
        if not isinstance(value, str):
            self.error(path, f"must be text in quotes, not {_kind(value)}")
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

    def sound(self, value: Any, path: str) -> Sound | None:
        """A bundled chime name, or a WAV file inside the script's folder."""
        name = self.text(value, path, variables=False)
        if name is None:
            return None
        if name in self.sounds:
            self.looked_at.add(self.sounds[name])
            return Sound(name, self.sounds[name])
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
        return Sound(name, target)

    def _beside(self, name: str) -> bool:
        """Whether the script's folder holds something called ``name``."""
        try:
            return self.folder is not None and (self.folder / name).exists()
        except (OSError, ValueError):
            return False

    def chime_choice(self, value: Any, path: str) -> Sound | str | None:
        """A start or end chime: a sound, or "none"."""
        if value == "none":
            return "none"
        return self.sound(value, path)

    def breath(self, value: Any, path: str) -> tuple[BreathPattern, str] | None:
        """A preset name or a table of phase seconds."""
        if isinstance(value, str):
            preset = BREATHING_PRESETS.get(value)
            if preset is None:
                names = tuple(BREATHING_PRESETS)
                self.error(
                    path,
                    f"unknown breathing preset {value!r}{did_you_mean(value, names)} "
                    f"(presets: {', '.join(names)}; or a table such as "
                    "{ in = 4, out = 6 })",
                )
                return None
            return preset, value
        if not isinstance(value, dict):
            self.error(path, f"must be a preset name or a table of seconds, not {_kind(value)}")
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
        pattern = BreathPattern(
            inhale=phases["in"],
            hold=phases.get("hold", 0.0),
            exhale=phases["out"],
            rest=phases.get("rest", 0.0),
            top_up=phases.get("top_up", 0.0),
        )
        return pattern, "custom"

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

    # -- the script -----------------------------------------------------------------------

    def script(self, data: dict[str, Any], name: str, source: Path | None) -> Script | None:
        """Check the whole document; a Script when nothing failed."""
        for key in data:
            if key not in TOP_KEYS:
                self.error(key, Unknown("key", key, TOP_KEYS))
        title = self._required_text(data, "title")
        practice = data.get("practice")
        if practice is None:
            self.error("practice", f"is missing; choose one of: {', '.join(PRACTICES)}")
        elif not isinstance(practice, str):
            self.error("practice", f"must be text in quotes, not {_kind(practice)}")
        elif practice not in PRACTICES:
            hint = did_you_mean(practice, PRACTICES) or f" (choose one of: {', '.join(PRACTICES)})"
            self.error("practice", f"unknown practice {practice!r}{hint}")
        summary = (
            self.text(data["summary"], "summary", variables=False) if "summary" in data else ""
        )
        author = self.text(data["author"], "author", variables=False) if "author" in data else ""
        language = data.get("language", "en")
        if not isinstance(language, str) or not _LANGUAGE.match(language):
            self.error("language", 'must be a language tag such as "en" or "en-GB"')
        if "format" in data and (data["format"] != 1 or isinstance(data["format"], bool)):
            self.error("format", "only format 1 exists; remove the key or write format = 1")
        pause = self.duration(data["pause"], "pause") if "pause" in data else 3.0
        start = (
            self.chime_choice(data["start_chime"], "start_chime")
            if "start_chime" in data
            else "default"
        )
        end = (
            self.chime_choice(data["end_chime"], "end_chime") if "end_chime" in data else "default"
        )
        breath_sounds = data.get("breath_sounds")
        if breath_sounds is not None and breath_sounds not in BREATH_SOUNDS:
            names = ", ".join(f'"{b}"' for b in BREATH_SOUNDS)
            self.error("breath_sounds", f"must be one of {names}")
        if "kept" in data:
            self._kept(data["kept"])
        steps = self._steps(data.get("step"), pause or 3.0)
        if self.failed or steps is None:
            return None
        assert isinstance(title, str) and isinstance(practice, str) and pause is not None
        assert start is not None and end is not None
        return Script(
            name=name,
            title=title,
            practice=practice,
            steps=steps,
            source=source,
            summary=summary or "",
            language=language,
            pause=pause,
            author=author or "",
            start_chime=start,  # type: ignore[arg-type]
            end_chime=end,  # type: ignore[arg-type]
            breath_sounds=breath_sounds,
            variables=tuple(sorted(self.known)),
            kept=tuple(self.kept.items()),
        )

    def _kept(self, raw: Any) -> None:
        """``[kept]``: each kept answer the text uses, with what to say when there is none yet.
        Its names can be used as ``{name}`` from the first step on."""
        if not isinstance(raw, dict):
            self.error(
                "kept",
                "must be a table of kept answers and what to say without one, such as "
                '[kept] image_name = "your compassionate image"',
            )
            return
        for name, fallback in raw.items():
            where = f"kept.{name}"
            if not IDENTIFIER.match(name):
                self.error(
                    where,
                    "must be the name of a kept answer: letters, digits and _, starting with "
                    "a letter",
                )
                continue
            self.known.add(name)  # declared, even if its fallback needs fixing
            if isinstance(fallback, str) and not fallback.strip():
                self.error(where, "must say what to use when nothing is kept yet, not be empty")
                continue
            text = self.text(fallback, where, variables=False)
            if text is None:
                continue
            self.kept[name] = text

    def _required_text(self, data: dict[str, Any], key: str) -> str | None:
        if key not in data:
            self.error(key, "is missing")
            return None
        return self.text(data[key], key, variables=False)

    def _steps(self, raw: Any, pause: float) -> tuple[Step, ...] | None:
        if raw is None:
            self.error("step", "a script needs at least one [[step]]")
            return None
        if not isinstance(raw, list) or not all(isinstance(t, dict) for t in raw):
            self.error("step", "must be a list of [[step]] tables")
            return None
        if not raw:
            self.error("step", "a script needs at least one [[step]]")
            return None
        if len(raw) > MAX_STEPS:
            self.error("step", f"has {len(raw)} steps; the limit is {MAX_STEPS}")
            return None
        checked = [check_step(self, table, number, pause) for number, table in enumerate(raw, 1)]
        if any(s is None for s in checked):
            return None
        return tuple(s for s in checked if s is not None)


def _kind(value: Any) -> str:
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
