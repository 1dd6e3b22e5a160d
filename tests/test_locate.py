"""Errors point into the file: every key path is located from one reading of the text."""

from __future__ import annotations

import json
from pathlib import Path

from session_player.core.locate import Locator

# What the locator answered, before it read the text only once (commit aac82de), for every key
# path of every bad corpus file and bundled script of the day, and a few made-up paths.
GOLDEN = Path(__file__).resolve().parent / "data" / "locate_golden.json"


def test_one_reading_finds_what_a_scan_per_error_found() -> None:
    cases = json.loads(GOLDEN.read_text(encoding="utf-8"))
    assert len(cases) > 100
    for case in cases:
        locator = Locator(case["text"])
        paths = list(case["found"])
        found = dict(zip(paths, locator.locate_all(paths), strict=True))
        expected = {path: tuple(place) for path, place in case["found"].items()}
        assert found == expected, case["name"]
