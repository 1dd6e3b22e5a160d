"""Finds session scripts: the bundled library and the person's own folder."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from ..errors import ScriptError

if TYPE_CHECKING:  # the loader and the checker load when a script is first checked
    from ..script.model import Script

Source = Literal["bundled", "yours"]


@dataclass(frozen=True)
class ScriptFile:
    """One script file in the library: checked, with its planned length, or with its errors.

    No timeline is laid out here: a play lays out its own, as heard (``conductor.heard``)."""

    name: str
    path: Path
    source: Source
    script: Script | None
    errors: tuple[ScriptError, ...] = ()
    looked_at: tuple[Path, ...] = ()  # every sound file its check named or looked for
    plan: tuple[float, bool] = field(default=(0.0, False), compare=False)
    """The planned length at reading pace, and whether it includes estimates (the check works
    it out for its limit, laying out no cue)."""

    @property
    def ok(self) -> bool:
        """True when the script passed the checker."""
        return self.script is not None


def load_script_file(path: Path, source: Source) -> ScriptFile:
    """Load one script file as a library entry; errors are kept, never raised."""
    from ..script.loader import load_script

    looked_at: set[Path] = set()
    plan: list[tuple[float, bool]] = []
    result = load_script(path, looked_at=looked_at, plan=plan)
    files = tuple(sorted(looked_at))
    if isinstance(result, list):
        return ScriptFile(path.stem, path, source, None, tuple(result), looked_at=files)
    return ScriptFile(path.stem, path, source, result, (), files, plan[0])


def discover(folders: Iterable[tuple[Path, Source]]) -> list[ScriptFile]:
    """Every ``*.toml`` in the given folders, sorted by source then name."""
    entries: list[ScriptFile] = []
    for folder, source in folders:
        if folder.is_dir():
            entries.extend(load_script_file(p, source) for p in sorted(folder.glob("*.toml")))
    return entries


def find(name: str, folders: Iterable[tuple[Path, Source]]) -> Path | None:
    """A script by path, or by name (file stem); the person's own scripts win over bundled."""
    candidate = Path(name).expanduser()
    if candidate.suffix == ".toml" or candidate.exists():
        return candidate
    found = find_named(name, folders)
    return None if found is None else found[0]


def find_named(name: str, folders: Iterable[tuple[Path, Source]]) -> tuple[Path, Source] | None:
    """A script by name (file stem) in the library's folders, and where it was found; the
    person's own scripts win over bundled ones."""
    ordered = sorted(folders, key=lambda pair: pair[1] != "yours")
    for folder, source in ordered:
        path = folder / f"{name}.toml"
        if path.is_file():
            return path, source
    return None
