"""The breathing pacer: a shape that grows on the in-breath and shrinks on the out-breath.

Its size comes from the session's practised time, not from counting frames, so it stands still
while the session is paused and never drifts from the breath cues. A timer runs only while the
shape is changing, and the widget redraws only when the drawn size changes: at most ten redraws a
second. With reduced motion it shows the phase and a calm count of seconds instead.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import ClassVar

from rich.text import Text
from textual.timer import Timer
from textual.widget import Widget

from ...core.presets import PHASE_LABELS

SMALLEST, LARGEST = 0.5, 4.0  # radius in rows
STEP = 0.5  # the drawn radius moves in half rows: eight sizes in all
ROWS = 9  # fixed height of the shape, so the layout never jumps
TOP_UP_SHARE = 0.8  # the in-breath before a top-up fills this much of the shape


def ease(fraction: float) -> float:
    """A gentle sine ease in and out: slow at the turns of the breath."""
    fraction = min(1.0, max(0.0, fraction))
    return (1 - math.cos(math.pi * fraction)) / 2


def shape_lines(radius: float) -> list[str]:
    """The rows of a filled circle of ``radius`` rows (cells are about twice as tall as wide).

    ``radius² + radius`` rather than ``radius²`` rounds the top and bottom rows off, instead of
    leaving a single spike there.
    """
    half = ROWS // 2
    lines = []
    for row in range(-half, half + 1):
        span = radius * radius + radius - row * row
        lines.append("█" * (2 * round(2 * math.sqrt(span)) + 1) if span >= 0 else "")
    return lines


class Pacer(Widget):
    """Shows the breath phase as a growing and shrinking shape (or as text with reduced motion)."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"pacer--shape", "pacer--label", "pacer--count"}

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
        self._drawn: tuple[object, ...] = ()
        self._timer: Timer | None = None
        self.set_class(reduced_motion, "-reduced")

    def begin_phase(
        self, phase: str, seconds: float, at: float, breath: tuple[int, int], *, top_up: bool
    ) -> None:
        """Start drawing ``phase`` (due at practised time ``at``, lasting ``seconds``)."""
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
        self._stop_timer()
        moving = self.reduced_motion or self._from != self._to
        if moving:
            # Sample twice per size change so a change is drawn at most half a step late.
            changes = math.ceil(seconds) if self.reduced_motion else (LARGEST - SMALLEST) / STEP
            interval = min(0.5, seconds / (2 * changes)) / self.speed
            self._timer = self.set_interval(max(0.1, interval), self.tick)
        self.tick()

    def freeze(self, frozen: bool) -> None:
        """Stop (or restart) the timer while the session is paused."""
        if self._timer is None:
            return
        if frozen:
            self._timer.pause()
        else:
            self._timer.resume()

    def stop(self) -> None:
        """No breath to pace (the step is not a breathing step)."""
        self._stop_timer()
        self.phase = ""
        self._fraction = 0.0

    def _stop_timer(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None

    def _progress(self) -> float:
        return (self.now() - self._at) / self._seconds

    def tick(self) -> None:
        """Work out the size now, and redraw only if it changed (the timer calls this)."""
        progress = self._progress()
        self._fraction = self._from + (self._to - self._from) * ease(progress)
        if progress >= 1.0:
            self._stop_timer()
        drawn = self._state()
        if drawn != self._drawn:
            self._drawn = drawn
            self.refresh()

    def _state(self) -> tuple[object, ...]:
        """What is drawn; a redraw happens only when this changes."""
        if self.reduced_motion:
            return (self.phase, self.breath, self.count)
        return (self.phase, self.breath, self.radius)

    @property
    def radius(self) -> float:
        """The drawn radius in rows, in half-row steps."""
        exact = SMALLEST + (LARGEST - SMALLEST) * self._fraction
        return round(exact / STEP) * STEP

    @property
    def count(self) -> int:
        """Whole seconds into the phase, counting from 1 (for reduced motion)."""
        limit = max(1, math.ceil(self._seconds - 1e-6))
        return min(limit, int(max(0.0, self.now() - self._at)) + 1)

    @property
    def label(self) -> str:
        """The phase in words."""
        return PHASE_LABELS.get(self.phase, self.phase.capitalize())

    def render(self) -> Text:
        """The shape (or the count), the phase named, and which breath this is."""
        label_style = self.get_component_rich_style("pacer--label")
        count_style = self.get_component_rich_style("pacer--count")
        number, total = self.breath
        under = f"breath {number} of {total}" if total else ""
        text = Text(no_wrap=True)
        if not self.reduced_motion:
            shape_style = self.get_component_rich_style("pacer--shape")
            text.append("\n".join(shape_lines(self.radius)) + "\n\n", shape_style)
        text.append(self.label + "\n", label_style)
        if self.reduced_motion and self.phase:
            text.append(f"{self.count}\n", label_style)
        text.append(under, count_style)
        return text
