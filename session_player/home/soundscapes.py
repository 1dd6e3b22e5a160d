"""The soundscapes a person can choose: the bundled beds, and their own files in <data>/sounds/.

Which one plays under a session: ``--soundscape`` when given; else the person's setting, whose
"none" always wins and whose name is heard under every session; else (the setting "script",
the default) the script's own ``soundscape`` key, if it has one.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..core.bundled import bundled_beds
from ..core.script.keys import did_you_mean
from .where import data_dir

OWN_SUFFIXES = (".wav", ".flac", ".ogg")  # as audio.loops
FOLLOW_SCRIPT = "script"
"""The setting that leaves the choice to each script."""
OWN_LISTED_AT_MOST = 200


@dataclass(frozen=True)
class Soundscape:
    """One soundscape: its name, its file, and whether it ships with the app."""

    name: str
    path: Path
    bundled: bool


def user_sounds_dir() -> Path:
    """Where the person's own soundscapes live."""
    return data_dir() / "sounds"


def own_soundscapes(folder: Path | None = None) -> list[Soundscape]:
    """The person's own files (WAV, FLAC, OGG), by name; none when the folder isn't there."""
    folder = user_sounds_dir() if folder is None else folder
    try:
        found = sorted(
            p for p in folder.iterdir() if p.suffix.lower() in OWN_SUFFIXES and p.is_file()
        )
    except OSError:
        return []
    taken = set(bundled_beds())
    listed: list[Soundscape] = []
    for path in found[:OWN_LISTED_AT_MOST]:
        name = path.stem if path.stem not in taken else path.name
        taken.add(name)
        listed.append(Soundscape(name, path, bundled=False))
    return listed


def soundscapes(folder: Path | None = None) -> dict[str, Soundscape]:
    """Every soundscape by name: the bundled ones first, then the person's own."""
    found = {name: Soundscape(name, path, True) for name, path in bundled_beds().items()}
    for own in own_soundscapes(folder):
        found[own.name] = own
    return found


def chosen(option: str | None, setting: str, script: str | None) -> str | None:
    """The name to play (None: no soundscape), from ``--soundscape``, the setting and the
    script's key, as the module docstring says."""
    for choice in (option, None if setting == FOLLOW_SCRIPT else setting, script):
        if choice is not None:
            return None if choice == "none" else choice
    return None


def find(name: str, folder: Path | None = None) -> Soundscape | str:
    """The soundscape called ``name``, or a one-line reason it isn't there."""
    known = soundscapes(folder)
    if name in known:
        return known[name]
    names = sorted(known)
    return (
        f"no soundscape called {name!r}{did_you_mean(name, names)} "
        f"(there are: {', '.join(names) or 'none'}; your own go in {user_sounds_dir()})"
    )
