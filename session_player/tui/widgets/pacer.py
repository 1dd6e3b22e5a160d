"""The breathing pacer: a shape that grows on the in-breath and shrinks on the out-breath.

Its size comes from the session's practised time, not from counting frames, so it stands still
while the session is paused and never drifts from the breath cues. The pacer works out when the
drawn size will next change and wakes only then, on the next half second practised: every other
half second is a whole one, when the clock is redrawn anyway, so those changes share its frame.
At most two wakes a second (never more than ten), and none while the shape rests. With reduced
motion it shows the phase and a calm count of seconds instead, waking once a second.

Rows are kept as strips, one per row's text and width, and handed to Textual as they are (the
pacer has no border or padding to draw), so a redraw costs a few cached strips rather than
laying the text out again.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from functools import lru_cache
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual.geometry import Region
from textual.strip import Strip

from ...core.script.presets import PHASE_LABELS
from ..alarm import Alarm
from .lines import KeptRows, centred, kept_lines

SMALLEST, LARGEST = 0.5, 4.0  # radius in rows
STEP = 0.5  # the drawn radius moves in half rows: eight sizes in all
ROWS = 9  # fixed height of the shape, so the layout never jumps
TOP_UP_SHARE = 0.8  # the in-breath before a top-up fills this much of the shape
FASTEST = 0.1  # seconds between redraws at the least: at most ten a second
GRID = 0.5  # sizes change on the half seconds practised: every other one shares the clock's frame
LATE = 0.001  # wake this long after a change is due, so it has happened when we look
KEPT = 64  # rows kept drawn, at most (a breath's shapes and words are a few dozen)

ShapeRow = tuple[str, str]  # the text of a row and the component class that styles it


def ease(fraction: float) -> float:
    """A gentle sine ease in and out: slow at the turns of the breath."""
    fraction = min(1.0, max(0.0, fraction))
    return (1 - math.cos(math.pi * fraction)) / 2


def unease(eased: float) -> float:
    """The inverse of ``ease``: how far into the phase the eased share is reached."""
    eased = min(1.0, max(0.0, eased))
    return math.acos(1 - 2 * eased) / math.pi


@lru_cache(maxsize=16)  # eight sizes; a tuple, so no caller can change the kept rows
def shape_lines(radius: float) -> tuple[str, ...]:
    """The rows of a filled circle of ``radius`` rows (cells are about twice as tall as wide).

    ``radius² + radius`` rather than ``radius²`` rounds the top and bottom rows off, instead of
    leaving a single spike there.
    """
    half = ROWS // 2
    lines = []
    for row in range(-half, half + 1):
        span = radius * radius + radius - row * row
        lines.append("█" * (2 * round(2 * math.sqrt(span)) + 1) if span >= 0 else "")
    return tuple(lines)


def drawn_radius(fraction: float) -> float:
    """The radius drawn for ``fraction`` of the shape's range, in half-row steps."""
    exact = SMALLEST + (LARGEST - SMALLEST) * fraction
    return round(exact / STEP) * STEP


class Pacer(KeptRows):
    """Shows the breath phase as a growing and shrinking shape (or as text with reduced motion)."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"pacer--shape", "pacer--label", "pacer--count"}
    ALLOW_SELECT = False  # a picture of the breath, not text to copy

    def __init__(self, *, reduced_motion: bool = False, speed: float = 1.0, id: str | None = None):
        super().__init__(id=id)
        self.reduced_motion = reduced_motion
        self.speed = speed
        self.now: Callable[[], float] = lambda: 0.0
        self.phase = ""
        self.breath = (0, 0)
        self._at = 0.0
        self._seconds = 1.0
        self._from = 0.0
        self._to = 0.0
        self._fraction = 0.0  # of the shape's range, 0 smallest .. 1 largest
        self._rows: list[ShapeRow] = []
        self._strips: dict[tuple[ShapeRow, int], Strip] = {}
        self.alarm = Alarm(self, self.tick)
        self._due: float | None = None  # practised time of the next change drawn, if any
        self._frozen = False
        self.set_class(reduced_motion, "-reduced")

    def begin_phase(
        self, phase: str, seconds: float, at: float, breath: tuple[int, int], *, top_up: bool
    ) -> None:
        """Start drawing ``phase`` (due at practised time ``at``, lasting ``seconds``)."""
        if self.phase:  # start from where the last phase ended, drawn in time or not
            self._fraction = self._from + (self._to - self._from) * ease(self._progress(at))
        self.phase, self.breath = phase, breath
        self._at, self._seconds = at, max(seconds, 0.001)
        self._from = self._fraction
        if phase == "in":
            self._to = TOP_UP_SHARE if top_up else 1.0
        elif phase == "top-up":
            self._to = 1.0
        elif phase == "out":
            self._to = 0.0
        else:  # hold and rest keep the shape where the breath left it
            self._to = self._fraction
        self.tick()

    def freeze(self, frozen: bool) -> None:
        """Stand still while the session is paused; look again when it goes on."""
        self._frozen = frozen
        if frozen:
            self.alarm.cancel()
            self._due = None
        else:
            self.tick()

    def stop(self) -> None:
        """No breath to pace (the step is not a breathing step)."""
        self.alarm.cancel()
        self.phase = ""
        self._fraction = self._from = self._to = 0.0
        self._draw()

    def on_unmount(self) -> None:
        """No wakes after the pacer has gone."""
        self.alarm.cancel()

    def _progress(self, now: float) -> float:
        return (now - self._at) / self._seconds

    def tick(self) -> None:
        """Work out the size now, redraw if it changed, and wake again at the next change."""
        if not self.phase:
            return  # nothing to pace (and nothing to wake for)
        now = self.now()
        self._fraction = self._from + (self._to - self._from) * ease(self._progress(now))
        self._draw()
        due = self._due = None if self._frozen else self._next_change(now)
        if due is None:
            self.alarm.cancel()
        else:
            self.alarm.set(max(FASTEST, (due - now) / self.speed + LATE))

    def tick_if_due(self) -> None:
        """Tick now if the next change is due by now (the player's poll, on the same second:
        one wake and one frame for both); otherwise its own wake stays set."""
        if self._due is not None and self.now() >= self._due:
            self.tick()

    def _draw(self) -> None:
        """Redraw the rows that changed, if what is drawn changed at all."""
        rows, before = self._current_rows(), self._rows
        if rows == before:
            return
        self._rows = rows
        width = self.size.width
        if not width:  # not laid out yet: the first layout draws every row
            self.refresh()
            return
        padded = before + [("", "")] * (len(rows) - len(before))
        changed = [y for y, row in enumerate(rows) if row != padded[y]]
        changed += range(len(rows), len(before))  # rows no longer drawn
        if changed:
            top, bottom = min(changed), max(changed)
            self.refresh(Region(0, top, width, bottom - top + 1))

    def _next_change(self, now: float) -> float | None:
        """The practised time at which what is drawn next changes, or None if it won't."""
        if now >= self._at + self._seconds:
            return None
        if self.reduced_motion:
            return self._at + self.count if self.phase else None  # the count's next second
        if self._from == self._to:
            return None  # hold and rest: the shape rests
        # The radius is rounded to half rows, so it changes when the exact radius crosses the
        # halfway mark towards the next size; the ease is inverted to find when that is.
        toward = STEP if self._to > self._from else -STEP
        mark = drawn_radius(self._fraction) + toward / 2
        share = ((mark - SMALLEST) / (LARGEST - SMALLEST) - self._from) / (self._to - self._from)
        if share > 1:
            return None  # this breath stops short of the next size (before a top-up)
        exact = self._at + unease(share) * self._seconds
        due = math.ceil(exact / GRID - 1e-9) * GRID
        # A change due exactly now that rounding hasn't shown yet waits for the next half second
        # (rather than a wake of its own off the half seconds).
        return due + GRID if due <= now + 1e-9 else due

    @property
    def radius(self) -> float:
        """The drawn radius in rows, in half-row steps."""
        return drawn_radius(self._fraction)

    @property
    def count(self) -> int:
        """Whole seconds into the phase, counting from 1 (for reduced motion)."""
        limit = max(1, math.ceil(self._seconds - 1e-6))
        return min(limit, int(max(0.0, self.now() - self._at)) + 1)

    @property
    def label(self) -> str:
        """The phase in words."""
        return PHASE_LABELS.get(self.phase, self.phase.capitalize())

    def _current_rows(self) -> list[ShapeRow]:
        """Each row's text and style: the shape (or the count), the phase, and which breath."""
        words: list[ShapeRow] = [(self.label, "pacer--label")]
        if self.reduced_motion and self.phase:
            words.append((str(self.count), "pacer--label"))
        number, total = self.breath
        words.append((f"breath {number} of {total}" if total else "", "pacer--count"))
        # The words always show: where a line said over the pacer leaves too little room (60x20),
        # the shape gives way first.
        full = ROWS + 1 + len(words)
        room = self.size.height or full  # not laid out yet: as if there were room
        if self.reduced_motion or room < full:
            return words[:room]
        shape = [(line, "pacer--shape") for line in shape_lines(self.radius)]
        return [*shape, ("", "pacer--shape"), *words]

    def on_resize(self) -> None:
        """A new height may leave room for the shape, or not: the rows are drawn again."""
        self._rows = self._current_rows()
        self.refresh()

    def render(self) -> Text:
        """The shape (or the count), the phase named, and which breath this is, as text."""
        text = Text(no_wrap=True)
        rows = self._current_rows()
        for index, (line, component) in enumerate(rows):
            end = "\n" if index < len(rows) - 1 else ""
            text.append(line + end, self.get_component_rich_style(component))
        return text

    def fresh_lines(self, crop: Region) -> list[Strip]:
        """The rows of ``crop`` straight from the kept strips (see ``lines``); until the pacer
        changes, ``KeptRows`` hands these back to the clock's redraws below it."""
        width = self.size.width
        return kept_lines(self, crop, lambda y: self._row_strip_at(y, width))

    def render_line(self, y: int) -> Strip:
        """One row, centred, from the strips kept for each row's text and width."""
        return self._row_strip_at(y, self.size.width)

    def _row_strip_at(self, y: int, width: int) -> Strip:
        if not self._rows:
            self._rows = self._current_rows()
        row = self._rows[y] if y < len(self._rows) else ("", "")
        strip = self._strips.get((row, width))
        if strip is None:
            if len(self._strips) > KEPT:  # "breath N of M" is new each breath: don't hoard them
                self._strips.clear()
            strip = self._strips[(row, width)] = self._row_strip(row, width)
        return strip

    def _row_strip(self, row: ShapeRow, width: int) -> Strip:
        line, component = row
        base = self.visual_style.rich_style
        blank = Style(bgcolor=base.bgcolor)  # the space around a row has no colour of its own
        if not component:  # below the last row
            return Strip.blank(width, blank)
        return centred(line, width, base + self.get_component_rich_style(component), blank)

    def notify_style_update(self) -> None:
        """The theme or the stylesheet changed: the kept strips have the old colours."""
        self._strips.clear()
        super().notify_style_update()
