"""Errors point into the file: every key path is located from one reading of the text."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from session_player.core.script import locate
from session_player.core.script.locate import Locator

# What the locator answered, before it read the text only once (commit aac82de), for every key
# path of every bad corpus file and bundled script of the day, and a few made-up paths; since
# 6bd2986 a key inside a top-level table (``meta.version``) points at its own line, not the
# table's header: those six answers were brought up to date then.
GOLDEN = Path(__file__).resolve().parent / "data" / "locate_golden.json"


@pytest.mark.parametrize("few", [0, 1_000_000], ids=["one-pass-for-all", "a-search-per-key"])
def test_one_reading_finds_what_a_scan_per_error_found(
    few: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(locate, "_FEW", few)  # many keys are indexed in one pass, few searched
    cases = json.loads(GOLDEN.read_text(encoding="utf-8"))
    assert len(cases) > 100
    for case in cases:
        paths = list(case["found"])
        found = dict(zip(paths, Locator(case["text"]).locate_all(paths), strict=True))
        expected = {path: tuple(place) for path, place in case["found"].items()}
        assert found == expected, case["name"]
        one_by_one = Locator(case["text"])
        assert {path: one_by_one.locate(path) for path in paths} == expected, case["name"]


def test_lines_are_counted_as_tomllib_counts_them() -> None:
    # A line separator other than "\n" inside a string does not end a line for TOML.
    text = 'title = "a\u2028b\x0cc"\n\n[[step]]\nsay = "x"\nsya = 1\n'
    assert Locator(text).locate_all(["step[1].sya", "title"]) == [(5, 1), (1, 1)]
