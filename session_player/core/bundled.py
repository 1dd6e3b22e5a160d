"""Where the package's own files are: the scripts, courses, chimes and cues it ships with, and
the script format's schema.

Found beside the package (a wheel keeps them in ``_data/``; a source checkout or an editable
install, one folder up). The person's own folders are not here: ``home.paths`` finds those,
and hands core what it needs.
"""

from __future__ import annotations

from pathlib import Path

APP = "session-player"
"""The app's name, as its folders are named."""

_PACKAGE = Path(__file__).resolve().parent.parent


def _bundled(kind: str) -> Path:
    installed = _PACKAGE / "_data" / kind  # inside a wheel
    if installed.is_dir():
        return installed
    return _PACKAGE.parent / kind  # a source checkout or an editable install


def bundled_scripts_dir() -> Path:
    """The folder of session scripts that ship with the app."""
    return _bundled("scripts")


def bundled_courses_dir() -> Path:
    """The folder of courses that ship with the app."""
    return _bundled("courses")


def bundled_audio_dir() -> Path:
    """The folder of chime sounds that ship with the app."""
    return _bundled("audio")


SCHEMA_NAME = "script.schema.json"
"""The schema's file name beside the scripts, which name it as ``#:schema script.schema.json``."""
SCHEMA_COMMENT = f"#:schema {SCHEMA_NAME}"
"""The first line of every script: editors (Taplo) find the schema beside the script, so the
line still works in an installed copy, in a copy of a bundled script, and in a shared one."""


def schema_path() -> Path:
    """The JSON Schema of the script format, beside the bundled scripts (in the source,
    ``scripts/script.schema.json`` links to ``docs/script.schema.json``)."""
    return bundled_scripts_dir() / SCHEMA_NAME


def cue_sound(name: str) -> Path | None:
    """A bundled cue for the ear (``in``, ``out``, ``hold``, ``rest``, ``top-up``, ``waiting``),
    if it is there."""
    path = bundled_audio_dir() / "cues" / f"{name}.wav"
    return path if path.is_file() else None


def bundled_beds() -> dict[str, Path]:
    """Bundled soundscape names (file stems) and their WAV files."""
    folder = bundled_audio_dir() / "beds"
    if not folder.is_dir():
        return {}
    return {p.stem: p for p in sorted(folder.glob("*.wav"))}


def bundled_sounds() -> dict[str, Path]:
    """Bundled chime names (file stems) and their WAV files."""
    folder = bundled_audio_dir()
    if not folder.is_dir():
        return {}
    return {p.stem: p for p in sorted(folder.glob("*.wav"))}
