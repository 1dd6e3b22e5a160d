"""A starting script for each practice: a few steps that show the step kinds it usually uses.

``session-player new NAME --practice P`` writes one of these; every starter passes the checker
(tests/test_cli_scripts.py plays each through the loader), so a person edits a working script.
The starters themselves are data, written as a script is, in ``starters.toml`` beside this
module: a table per practice (its summary and steps), and the opening and closing steps they
all share.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

from ..bounded import read_toml

_FILE = Path(__file__).with_name("starters.toml")
_LIMIT = 64 * 1024  # the file is about 6 KB


@functools.cache
def _starters() -> dict[str, Any]:
    return read_toml(_FILE, _LIMIT)


def starter(title: str, practice: str) -> dict[str, Any]:
    """A small, valid script for ``practice`` (one of ``PRACTICES``), to start from."""
    starters = _starters()
    body = starters[practice]
    return {
        "title": title,
        "practice": practice,
        "summary": body["summary"],
        "pause": "4s",
        "step": [starters["opening"], *body["step"], starters["closing"]],
    }
