"""A calendar heat map of minutes practised per day: weeks as columns, Monday to Sunday as rows.

The grid is worked out by pure functions (``week_columns``, ``level``, ``month_labels``,
``heatmap_text``) so it can be tested without an app; the widget only picks the colours from
its stylesheet and renders the text.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual.widget import Widget

CELL = "■"
STEPS = ("·", "░", "▒", "▓", "█")
"""A shape for each shade, for where colours can't tell them apart: 256 and 16 colours (an
empty day was 237, a day of a few minutes 238) and NO_COLOR."""
LEVELS = 5
THRESHOLDS: tuple[float, ...] = (0.0, 10.0, 20.0, 40.0)
"""Minutes above which a day takes shade 1, 2, 3 and 4 (shade 0: no practice)."""

DAY_LABELS: tuple[str, ...] = ("Mon", "", "Wed", "", "Fri", "", "Sun")
MONTHS: tuple[str, ...] = (
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "May",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Oct",
    "Nov",
    "Dec",
)
LABEL_WIDTH = 4
COMPACT_DAYS = 12 * 7  # a compact calendar: the last twelve weeks

WeekColumn = tuple[date | None, ...]
"""One week, Monday to Sunday; None for a day outside the span shown."""


def needs_steps(color_system: str | None, *, no_color: bool) -> bool:
    """Whether the shades need shapes of their own: anything short of true colour."""
    return no_color or color_system != "truecolor"


def level(minutes: float) -> int:
    """The shade (0 to 4) for a day with ``minutes`` of practice."""
    return sum(1 for limit in THRESHOLDS if minutes > limit)


def week_columns(today: date, days: int = 365) -> list[WeekColumn]:
    """The weeks holding the ``days`` ending ``today``, oldest first, each Monday to Sunday.

    Days before the span or after ``today`` are None, so the first and last columns may be
    partly empty, as on a wall calendar.
    """
    since = today - timedelta(days=days - 1)
    monday = since - timedelta(days=since.weekday())
    columns: list[WeekColumn] = []
    while monday <= today:
        week = (monday + timedelta(days=i) for i in range(7))
        columns.append(tuple(d if since <= d <= today else None for d in week))
        monday += timedelta(weeks=1)
    return columns


def month_labels(columns: Sequence[WeekColumn]) -> str:
    """A line of month names, each over the column in which that month begins.

    A name that would run into the next is left out (the first, partial month usually).
    """
    line = [" "] * len(columns)
    starts: list[tuple[int, str]] = []
    for index, column in enumerate(columns):
        present = [day for day in column if day is not None]
        first = next((day for day in present if day.day == 1), None)
        if first is None and index == 0 and present:
            first = present[0]
        if first is not None:
            starts.append((index, MONTHS[first.month - 1]))
    for n, (index, name) in enumerate(starts):
        end = starts[n + 1][0] if n + 1 < len(starts) else len(columns)
        if index + len(name) < end or (n + 1 == len(starts) and index + len(name) <= end):
            line[index : index + len(name)] = name
    return "".join(line).rstrip()


def heatmap_text(
    minutes: Mapping[date, float],
    today: date,
    styles: Sequence[Style | str],
    days: int = 365,
    legend: bool = True,
    steps: bool = False,
) -> Text:
    """The heat map as text: month names, seven rows of days, and a legend (unless not
    ``legend``: a compact calendar's rows go to the sessions).

    ``styles`` holds one style per shade (``LEVELS`` of them), lightest first; with ``steps``
    each shade has its own shape too (``STEPS``).
    """
    cells = STEPS if steps else (CELL,) * LEVELS
    columns = week_columns(today, days)
    text = Text(no_wrap=True, end="")
    text.append(" " * LABEL_WIDTH + month_labels(columns) + "\n", style="dim")
    for row, label in enumerate(DAY_LABELS):
        text.append(label.ljust(LABEL_WIDTH), style="dim")
        for column in columns:
            day = column[row]
            if day is None:
                text.append(" ")
            else:
                shade = level(minutes.get(day, 0.0))
                text.append(cells[shade], style=styles[shade])
        text.append("\n")
    if not legend:
        text.rstrip()
        return text
    text.append("\n" + " " * LABEL_WIDTH + "Less ", style="dim")
    for cell, style in zip(cells, styles, strict=True):
        text.append(cell + " ", style=style)
    text.append("More", style="dim")
    return text


class HeatMap(Widget):
    """Minutes per day over the last ``days`` (a year by default), shaded like a garden bed.

    Set the data with ``show``; the shades come from the ``heatmap--level-N`` component classes.
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {f"heatmap--level-{n}" for n in range(LEVELS)}

    DEFAULT_CSS = """
    HeatMap {
        width: auto;
        height: auto;
        & > .heatmap--level-0 { color: $foreground 15%; }
        & > .heatmap--level-1 { color: $success 35%; }
        & > .heatmap--level-2 { color: $success 60%; }
        & > .heatmap--level-3 { color: $success 80%; }
        & > .heatmap--level-4 { color: $success; }
    }
    """

    def __init__(
        self,
        minutes: Mapping[date, float] | None = None,
        today: date | None = None,
        *,
        days: int = 365,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.minutes: Mapping[date, float] = dict(minutes or {})
        self.today = today or date.today()
        self.days = days
        self.legend = True

    def show(self, minutes: Mapping[date, float], today: date) -> None:
        """Show new data: minutes per local day, up to ``today``."""
        self.minutes = dict(minutes)
        self.today = today
        self.refresh(layout=True)

    def render(self) -> Text:
        """The grid, coloured from the stylesheet (translucent shades blended over the
        background, since a terminal colour has no transparency)."""
        _, background = self.background_colors
        styles = [
            Style(color=(background + self.get_component_styles(name).color).rich_color)
            for name in (f"heatmap--level-{n}" for n in range(LEVELS))
        ]
        steps = needs_steps(self.app.console.color_system, no_color=self.app.no_color)
        return heatmap_text(self.minutes, self.today, styles, self.days, self.legend, steps)

    def span(self, days: int) -> None:
        """Show the last ``days`` (84: a compact calendar of twelve weeks, with no legend)."""
        self.days, self.legend = days, days > COMPACT_DAYS
        self.refresh(layout=True)
