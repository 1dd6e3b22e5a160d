"""The heat map's grid, worked out without an app."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta

import pytest

from session_player.tui.widgets.heatmap import (
    CELL,
    LABEL_WIDTH,
    LEVELS,
    MONTHS,
    heatmap_text,
    level,
    month_labels,
    week_columns,
)

SUNDAY = date(2024, 6, 30)
WEDNESDAY = date(2024, 7, 3)
STYLES = [f"s{n}" for n in range(LEVELS)]


@pytest.mark.parametrize(
    ("minutes", "shade"),
    [(0, 0), (0.5, 1), (10, 1), (10.5, 2), (20, 2), (25, 3), (40, 3), (41, 4), (600, 4)],
)
def test_level(minutes: float, shade: int) -> None:
    assert level(minutes) == shade


def test_a_year_ending_on_a_sunday() -> None:
    columns = week_columns(SUNDAY)
    assert len(columns) == 53
    assert all(len(c) == 7 for c in columns)
    first, last = columns[0], columns[-1]
    assert first[:6] == (None,) * 6 and first[6] == SUNDAY - timedelta(days=364)
    assert last[0] == SUNDAY - timedelta(days=6) and last[6] == SUNDAY
    days = [d for c in columns for d in c if d is not None]
    assert len(days) == len(set(days)) == 365
    assert days == sorted(days)
    assert all(d.weekday() == row for c in columns for row, d in enumerate(c) if d is not None)


def test_days_after_today_are_blank() -> None:
    last = week_columns(WEDNESDAY)[-1]
    assert last[2] == WEDNESDAY
    assert last[3:] == (None,) * 4


def test_short_spans() -> None:
    assert week_columns(SUNDAY, days=1) == [(None,) * 6 + (SUNDAY,)]
    assert len(week_columns(SUNDAY, days=7)) == 1  # Monday to Sunday
    assert len(week_columns(SUNDAY, days=8)) == 2


def test_month_labels_sit_over_the_week_each_month_begins() -> None:
    columns = week_columns(SUNDAY)
    line = month_labels(columns)
    assert line.startswith("Jul")
    for name, first in [("Aug", date(2023, 8, 1)), ("Jan", date(2024, 1, 1))]:
        index = next(i for i, c in enumerate(columns) if first in c)
        assert line[index : index + 3] == name
    assert line.split() == [*MONTHS[6:], *MONTHS[:6]]
    assert len(line) <= len(columns)


def test_a_crowded_first_month_is_left_out() -> None:
    # The span starts on 29 July: August begins in the very next column, no room for "Jul".
    columns = week_columns(date(2024, 7, 27), days=365)
    assert columns[0][5] == date(2023, 7, 29)
    assert month_labels(columns).split()[0] == "Aug"


def test_text_shades_each_day_and_has_a_legend() -> None:
    minutes = {SUNDAY: 50.0, SUNDAY - timedelta(days=1): 5.0, SUNDAY - timedelta(days=9): 15.0}
    text = heatmap_text(minutes, SUNDAY, STYLES)
    lines = text.plain.split("\n")
    assert len(lines) == 10  # months, seven days, a blank line, the legend
    assert lines[1].startswith("Mon") and lines[7].startswith("Sun")
    assert all(len(line) == LABEL_WIDTH + 53 for line in lines[1:8])
    assert lines[9].strip() == "Less " + " ".join([CELL] * LEVELS) + " More"
    days = Counter(str(span.style) for span in text.spans if span.end - span.start == 1)
    assert days == {"s0": 362, "s1": 1, "s2": 1, "s4": 1}
    legend = [str(span.style) for span in text.spans if text.plain[span.start] == CELL][-LEVELS:]
    assert legend == STYLES

    def style_at(row: int, column: int) -> str:
        offset = sum(len(line) + 1 for line in lines[: row + 1]) + LABEL_WIDTH + column
        return next(str(s.style) for s in text.spans if s.start == offset)

    assert style_at(6, 52) == "s4"  # today, a Sunday: the last square of the last row
    assert style_at(5, 52) == "s1"  # yesterday
    assert style_at(4, 51) == "s2"  # the Friday before
