"""A timeline still unfolding: the session plays while the rest of its voice is being made.

The conductor starts a session as soon as what is heard first is rendered, and renders the rest
in the order it will be heard (``conductor/unfolding.py``). A step is laid out with the real
length of every line it says, and each step starts where the one before ends, so a step's layout
is final once every line up to it is rendered: the timing is then exactly that of a session
whose voice was made beforehand. The engine enters a step only when it is final. A step reached
before that (a very slow computer) waits at its start, time standing still (``VoiceAwaited``),
and begins once its voice is ready: no line is ever said late over the next, or early.
"""

from __future__ import annotations

from collections.abc import Sequence

from .practised import PractisedTime
from .timeline import PlannedStep, Timeline

LOOK_S = 0.25
"""Clock seconds between looks while a step waits for its voice."""


class Laying:
    """The engine's view of the layout: the newest timeline, how many of its steps are final,
    and the step waiting for its voice, if one is."""

    def __init__(self, timeline: Timeline, time: PractisedTime) -> None:
        self.time = time
        self.source = timeline.unfolding
        self.timeline = timeline
        self.ready = len(timeline.steps)
        self.steps: Sequence[PlannedStep] = timeline.steps
        """The final steps: what may be looked ahead into."""
        self.waiting: tuple[int, float, bool] | None = None
        """(step, practised moment, natural) of the step that waits for its voice."""
        self.refresh()

    def refresh(self) -> Timeline:
        """Take the newest layout there is (the engine's thread, between its own steps)."""
        if self.source is not None:
            self.timeline, self.ready = self.source.latest()
            steps = self.timeline.steps
            if self.ready >= len(steps):
                self.source = None  # every line is in: nothing more to ask
            self.steps = steps if self.source is None else steps[: self.ready]
        return self.timeline

    def final(self, index: int) -> bool:
        """Whether step ``index`` is laid out with its voice's real lengths."""
        return self.source is None or index < self.ready

    def waited(self) -> tuple[int, float, bool] | None:
        """The step waited at, once its voice is ready (else None)."""
        self.refresh()
        return self.waiting if self.waiting and self.final(self.waiting[0]) else None

    def entering(self) -> Timeline:
        """A step is entered: any wait for a voice is over (time runs on from where it
        stood), and the newest layout is taken."""
        self.time.release()
        return self.refresh()

    def wait(self, index: int, at: float, natural: bool) -> bool:
        """Entering step ``index`` at practised ``at``: True when it must wait for its voice
        (it is then the step waited at, and time stands still at ``at``)."""
        self.waiting = None if self.final(index) else (index, at, natural)
        if self.waiting is not None:
            self.time.hold(at)
        return self.waiting is not None
