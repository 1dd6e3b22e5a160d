"""The export formats, one entry each: what ``session-player export --format`` offers.

Each format's writer lives in its own module (``export.py``: our JSON and CSV; ``health.py``:
records for Apple HealthKit and Android Health Connect); this is the one list the command line
reads its choices, their help and the default from (docs/recipes.md: adding an export format).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TextIO

from ..records import SessionDetail
from .export import write_csv, write_json
from .health import write_health

Writer = Callable[[Iterable[SessionDetail], TextIO, datetime, list[dict[str, Any]]], int]
"""Write the sessions to the stream, exported at the time given, with the kept answers (for a
format that carries them); return how many sessions were written."""


@dataclass(frozen=True)
class ExportFormat:
    """One export format: its name on the command line, what it is for, and its writer."""

    name: str
    summary: str
    """What it is for, as ``export --help`` says it."""
    write: Writer
    carries_kept: bool = False
    """Whether it holds the kept answers too (they are read only for a format that does)."""


EXPORTS: dict[str, ExportFormat] = {
    f.name: f
    for f in (
        ExportFormat(
            "csv", "one row per session, for spreadsheets", lambda d, o, _t, _k: write_csv(d, o)
        ),
        ExportFormat(
            "json",
            "our own format, re-importable",
            lambda d, o, t, k: write_json(d, o, exported_at=t, kept=k),
            carries_kept=True,
        ),
        ExportFormat(
            "health",
            "records shaped for Apple HealthKit and Android Health Connect",
            lambda d, o, t, _k: write_health(d, o, exported_at=t),
        ),
    )
}
"""Every export format by its name, in the order ``export --help`` lists them."""
DEFAULT_EXPORT = "json"
