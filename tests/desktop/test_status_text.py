"""The status line's formats written by hand (so that a cold ``status`` loads neither json nor
datetime) say exactly what the library's own would: the JSON a status bar reads is
``json.dumps``'s to the character, a day's number is ``date.toordinal``'s, and the status file
gives back every title as it was written."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest

from session_player.desktop.status_text import (
    HEADER,
    day_number,
    iso_day,
    json_text,
    parse_status,
    status_text,
)

# Every character of the first planes' edges, the ASCII ones json escapes, a few beyond the
# first plane (written as two escapes), and what a title may hold.
CHARACTERS = "".join(map(chr, [*range(0x00, 0x300), *range(0xD7F0, 0xD800), *range(0xE000, 0xE010),
                               *range(0xFFF0, 0x10000), 0x10000, 0x1F600, 0x10FFFF]))  # fmt: skip
TITLES = ["Loving #1", 'A "quoted" title', "back\\slash", "\\n not a line end", "two\nlines",
          "cr\r\nlf", "tab\there", "Ruhe \u00e9t\u00e9 \U0001f338", "a=b.c", '"', "",
          "\\"]  # fmt: skip


@pytest.mark.parametrize("text", [CHARACTERS, *TITLES, CHARACTERS[::-1]])
def test_text_is_written_as_json_writes_it(text: str) -> None:
    assert json_text(text) == json.dumps(text)
    assert json_text({"text": text, "tooltip": text, "class": "idle"}) == json.dumps(
        {"text": text, "tooltip": text, "class": "idle"}
    )


@pytest.mark.parametrize(
    "value",
    [0, 470, -3, 10**30, 0.0, -0.0, 20.1, 35.0, 1e16, 1.5e-7, 1 / 3, float("inf"),
     float("-inf"), float("nan"), None, True, False],
)  # fmt: skip
def test_numbers_truths_and_none_are_written_as_json_writes_them(value: object) -> None:
    document = {"state": "playing", "left_seconds": value}
    assert json_text(document) == json.dumps(document)


def test_anything_else_is_refused_plainly() -> None:
    with pytest.raises(TypeError, match="list is not written"):
        json_text([1])


def test_a_days_number_is_the_ordinal_date_gives() -> None:
    day = date(1999, 12, 1)
    while day < date(2001, 3, 31):  # a century's leap year, and each month's ends
        assert day_number(day.year, day.month, day.day) == day.toordinal()
        assert iso_day(day.isoformat()) == day.toordinal()
        day += timedelta(days=1)
    for far in (date(1, 1, 1), date(1900, 2, 28), date(1900, 3, 1), date(2100, 3, 1),
                date(2400, 2, 29), date(9999, 12, 31)):  # fmt: skip
        assert iso_day(far.isoformat()) == far.toordinal()


@pytest.mark.parametrize(
    "text",
    ["2026-02-29", "1900-02-29", "2026-13-01", "2026-00-10", "2026-04-31", "0000-01-01",
     "2026-1-01", "2026/12/07", "20261207", "２０２６-12-07", "2026-12-07 ", None, 20261207],
)  # fmt: skip
def test_a_day_that_is_not_one_has_no_number(text: object) -> None:
    assert iso_day(text) is None


@pytest.mark.parametrize("title", TITLES)
def test_the_status_file_gives_back_what_was_written(title: str) -> None:
    session = {"pid": 123, "title": title, "planned": 600.0, "open_ended": False,
               "practised": 99.5, "paused": True, "written": 1_000_000.25}  # fmt: skip
    day = {"date": "2026-12-07", "minutes": 20.1, "streak": 4, "streaks": True}
    text = status_text({"session": session, "day": day})
    assert text.startswith(HEADER + "\n") and text.count("\n") == 1 + len(session) + len(day)
    assert parse_status(text) == {"session": session, "day": day}
    assert parse_status(status_text({"session": None, "day": day})) == {"day": day}


@pytest.mark.parametrize(
    "text",
    ["", "{}", '{"session": {"pid": 1}}', "session.pid=1\n", "session-player status 1\n"],
)
def test_a_file_without_the_header_is_empty(text: str) -> None:
    assert parse_status(text) == {}


def test_lines_that_cant_be_read_are_left_out() -> None:
    text = f'{HEADER}\nsession.pid=12x\nno equals\nnodot=1\nsession.title="ok"\nday.minutes=1e3\n'
    assert parse_status(text) == {"session": {"title": "ok"}, "day": {"minutes": 1000.0}}
