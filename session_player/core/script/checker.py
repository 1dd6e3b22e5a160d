"""Checks one parsed script, collecting every problem with its key path.

The loader (``loader.py``) reads and parses the file; this module turns the parsed TOML into a
``Script`` or a list of errors. The checks of single values are ``values.py``'s, and each step's
are its kind's (``steps.py`` and ``kinds/``). Every check reports and carries on, so a person
sees all their mistakes at once.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from .keys import TOP_KEYS, Unknown, did_you_mean
from .model import Script, Step
from .practices import PRACTICES
from .presets import BREATH_SOUNDS, SOUNDSCAPES
from .pronounce import check_pronounce
from .steps import check_step
from .text import IDENTIFIER
from .values import ValueChecker, value_kind

MAX_STEPS = 2000
_LANGUAGE = re.compile(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*\Z")


class Checker(ValueChecker):
    """Checks a parsed script. ``report(path, message)`` receives each problem."""

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
            self.error("practice", f"must be text in quotes, not {value_kind(practice)}")
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
        soundscape = self._soundscape(data["soundscape"]) if "soundscape" in data else None
        check_ins = data.get("check_ins", True)
        if not isinstance(check_ins, bool):
            self.error("check_ins", "must be true or false (false: no check-in before or after)")
        if "kept" in data:
            self._kept(data["kept"])
        pronounce = check_pronounce(self, data["pronounce"]) if "pronounce" in data else ()
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
            soundscape=soundscape,
            check_ins=check_ins,
            variables=tuple(sorted(self.known)),
            kept=tuple(self.kept.items()),
            pronounce=pronounce,
        )

    def _soundscape(self, raw: Any) -> str | None:
        """``soundscape``: a bundled bed under the whole session, or "none"."""
        name = self.text(raw, "soundscape", variables=False)
        if name is None or name in (*SOUNDSCAPES, "none"):
            return name
        choices = [*SOUNDSCAPES, "none"]
        self.error(
            "soundscape",
            f"unknown soundscape {name!r}{did_you_mean(name, choices)} "
            f"(choose one of: {', '.join(choices)})",
        )
        return None

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
