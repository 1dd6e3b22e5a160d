"""The session engine: runs a compiled timeline against a clock, with the person's controls.

What is due is computed from deadlines, never by counting ticks. Time is kept as *practised
seconds*: clock time since the start, less every pause. A step that ends on its own hands over at
its planned end, not at the moment the engine happened to look, so no error accumulates however
long the session. Front ends call ``poll`` often (at least once a second; ``next_due`` says when
something is next due) and act on the events it returns. A gap of more than ``jump_limit`` seconds
between polls (a suspended laptop) pauses the session instead of racing through what was missed.
"""

from __future__ import annotations

import math
from bisect import insort
from collections.abc import Callable, Sequence
from typing import Literal

from ..clock import Clock, monotonic
from ..script.text import fill
from .ahead import Ahead, Here
from .asking import Asking
from .checkins import parse_rating
from .cued import cue_event
from .cues import Cue, at_of
from .events import (
    EndReason,
    Event,
    Extended,
    Paused,
    Prompted,
    Resumed,
    SectionStarted,
    SessionEnded,
    SessionStarted,
    StepStarted,
    VoiceAwaited,
)
from .practised import PractisedTime
from .timeline import (
    PlannedStep,
    Timeline,
    brought_by,
    extended_by,
    extended_cues,
    grown_by,
    uncounted,
)
from .unfolding import LOOK_S, Laying

State = Literal["ready", "running", "paused", "ended"]


def step_back(steps: Sequence[PlannedStep], index: int) -> int:
    """The step "back" goes to from ``index``: the one before, over steps that take no time;
    at the first, ``index`` itself (it restarts)."""
    back = index - 1
    while back >= 0 and steps[back].length == 0:
        back -= 1
    return back if back >= 0 else index


class Session:
    """One playing of a timeline. Every control returns the events it caused."""

    def __init__(self, timeline: Timeline, clock: Clock = monotonic, *, jump_limit: float = 5.0):
        self.clock = clock
        self._time = PractisedTime(clock, jump_limit)
        self._laying = Laying(timeline, self._time)  # a step is entered once its voice is made
        self.timeline = self._laying.timeline
        self.state: State = "ready"
        # Kept answers a script uses read as their fallbacks until the front end fills them in.
        self.variables: dict[str, str] = dict(timeline.script.kept)
        self._asking = Asking(self.variables)
        self.parts = self._asking.parts  # each answer as written, part by step
        self.pauses = self.skips = 0
        self.ended: SessionEnded | None = None
        self._index, self._step_start, self._extra = 0, 0.0, 0.0
        self.added = 0.0  # every extension so far: the plan grows by what the person adds
        self._cues: list[Cue] = []
        self._next_cue = 0
        self._section = -1
        self._ahead = Ahead()  # breath phases told ahead of their boundaries

    # -- reading the state ----------------------------------------------------------------

    @property
    def practised(self) -> float:
        """Seconds practised so far, pauses excluded."""
        if self.ended is not None:
            return self.ended.practised
        if self.state == "ready":
            return 0.0
        return self._time.now()

    @property
    def jump_limit(self) -> float:
        """Seconds between polls past which the computer is taken to have slept."""
        return self._time.jump_limit

    @property
    def prompt(self) -> Prompted | None:
        """The prompt waiting for an answer, if any."""
        return self._asking.prompt

    @property
    def index(self) -> int:
        """The current step's index (from 0)."""
        return self._index

    @property
    def current(self) -> PlannedStep | None:
        """The current planned step, or None once ended."""
        if self.state == "ended" or self._index >= len(self.timeline.steps):
            return None
        return self.timeline.steps[self._index]

    @property
    def section(self) -> int:
        """Index of the current section in ``timeline.sections`` (-1 before the first)."""
        return self._section

    @property
    def step_elapsed(self) -> float:
        """Seconds into the current step."""
        return max(0.0, self.practised - self._step_start) if self.current else 0.0

    @property
    def step_length(self) -> float:
        """The current step's length, extensions included (infinite while it waits)."""
        planned = self.current
        if planned is None:
            return 0.0
        if planned.waits and planned.step.duration is None:
            return math.inf
        return planned.length + self._extra

    @property
    def remaining(self) -> float:
        """Planned seconds left: the rest of this step (estimated if it waits) and all later."""
        planned = self.current
        if planned is None:
            return 0.0
        here = planned.length + self._extra - self.step_elapsed
        return max(0.0, here) + self.timeline.length - planned.end

    def next_due(self) -> float | None:
        """Clock time at which something is next due, or None when nothing runs on its own."""
        if self.state != "running" or self._laying.waiting is not None:
            return self.clock() + LOOK_S if self.state == "running" else None  # for the voice
        here = self._here()
        soonest = here.soonest(self._asking.remind, self._ahead.next_moment(here))
        return None if math.isinf(soonest) else self._time.clock_time(here.start, soonest)

    # -- controls -------------------------------------------------------------------------

    def start(self) -> list[Event]:
        """Begin at the first step."""
        if self.state != "ready":
            return []
        self._time.start()
        self.state = "running"
        timeline = self.timeline
        events: list[Event] = [
            SessionStarted(0.0, timeline.script.title, timeline.length, timeline.open_ended)
        ]
        events += self._enter(0, 0.0)
        events += self._advance(0.0)
        return events

    def poll(self) -> list[Event]:
        """Everything that has become due since the last poll."""
        if self.state != "running":
            return []
        at = self._time.look()
        if at is None:  # the computer slept (or the process was stopped): paused as of then
            self.state = "paused"
            return [Paused(self._time.now(), "clock-jump")]
        return self._advance(at)

    def pause(self) -> list[Event]:
        """Stand time still."""
        if self.state != "running":
            return []
        events = self.poll()
        if self.state != "running":
            return events
        at = self._time.pause()
        self.state = "paused"
        self.pauses += 1
        return [*events, Paused(at, "you")]

    def resume(self) -> list[Event]:
        """Let time run again from where it stood."""
        if self.state != "paused":
            return []
        at = self._time.resume()
        self.state = "running"
        return [Resumed(at), *self._advance(at)]

    def toggle_pause(self) -> list[Event]:
        """Pause when running, resume when paused."""
        return self.resume() if self.state == "paused" else self.pause()

    def next_step(self) -> list[Event]:
        """Skip to the next step now (the last step's next ends the session). An open prompt
        skipped keeps nothing of what was typed into it: finishing (``answer``), the time box
        running out, going back and stopping keep it."""
        return self._jump(lambda: self._index + 1, skipping=True)

    def previous_step(self) -> list[Event]:
        """Go back to the previous step (over steps that take no time); at the first, restart."""
        return self._jump(lambda: step_back(self.timeline.steps, self._index), skipping=False)

    def _jump(self, target: Callable[[], int], *, skipping: bool) -> list[Event]:
        """Move to step ``target()`` now; skipping drops what was typed, going back keeps it."""
        if self.state not in ("running", "paused"):
            return []
        events = self.poll()
        if self.ended is not None:
            return events
        at = self.practised
        if skipping:
            self.skips += 1
            self._asking.draft = ""  # a skipped box keeps nothing
        else:
            self._section = -2  # going back announces the section again, even the same one
        events += self._asking.close(at, self.timeline.steps)
        events += self._ahead.withdraw(at)
        events += self._enter(target(), at, natural=False)
        return events + self._advance_if_running(at)

    def extend(self, seconds: float = 60.0) -> list[Event]:
        """Give the current step more time (breaths and bells continue through it)."""
        planned = self.current
        if planned is None or self.state not in ("running", "paused"):
            return []
        if planned.waits and planned.step.duration is None:
            return []  # it already waits as long as it needs
        seconds = extended_by(planned.step, seconds)  # a breathing step: whole breaths
        self._extra += seconds
        self.added += seconds
        cues = extended_cues(planned, planned.length + self._extra)
        if cues is not None:  # breaths and bells go on through the time added
            self._cues = cues if self.timeline.counted else uncounted(cues)
        at = self.practised
        return [Extended(at, seconds), *self._ahead.recheck(at, self._here())]

    def draft(self, text: str) -> None:
        """What the person has typed so far; kept if the time box ends or they stop. Typing
        is not quiet: the prompt is said again only after a quiet minute. A keystroke shows
        the computer awake, so a flood of them is never taken for a sleep."""
        self._time.awake()
        self._asking.typed(text, self.practised)

    def answer(self, text: str) -> list[Event]:
        """Answer the current prompt and go on. An empty answer skips it.

        For a check-in, ``text`` must be a rating (``checkins.parse_rating``; ValueError
        otherwise, saying ``checkins.RULE``).
        """
        if self.prompt is None or self.state not in ("running", "paused"):
            return []
        if self.prompt.kind == "check_in" and text.strip():
            value = parse_rating(text)  # raises before anything changes
            text = str(value)
        self._asking.draft = text
        at = self.practised
        events = self._asking.close(at, self.timeline.steps)
        events += self._ahead.withdraw(at)
        events += self._enter(self._index + 1, at, natural=False)
        return events + self._advance_if_running(at)

    def stop(self, reason: EndReason = "stopped") -> list[Event]:
        """End now. Anything being written is kept (an ``Answered`` event carries it).

        Stopping in an open-ended step is its natural end: the session is ``completed``."""
        if self.state in ("ready", "ended"):
            return []
        planned = self.current
        if reason == "stopped" and planned is not None and planned.open_ended:
            reason = "completed"
        at = self.practised
        events = self._asking.close(at, self.timeline.steps)
        return events + self._ahead.withdraw(at) + self._end(reason, at)

    # -- the machinery --------------------------------------------------------------------

    def _here(self) -> Here:
        start, length = self._step_start, self.step_length
        return Here(self._laying.steps, self._index, start, length, self._cues, self._next_cue)

    def _advance_if_running(self, at: float) -> list[Event]:
        return self._advance(at) if self.state == "running" else []

    def _enter(self, index: int, at: float, *, natural: bool = True) -> list[Event]:
        """Make step ``index`` current, starting at practised time ``at`` (``natural``: the
        step before ran its time, not left by the person)."""
        self._asking.clear()
        self.timeline = self._laying.entering()  # the newest layout; no wait for a voice
        if index >= len(self.timeline.steps):
            return self._end("completed", at)
        self._index, self._step_start = index, at
        planned = self.timeline.steps[index]
        self._cues = list(planned.cues)
        said = self.timeline.said_seconds
        self._extra = grown_by(planned, lambda line: said(fill(line, self.variables)))
        self._next_cue = 0
        if self._laying.wait(index, at, natural):  # its voice is still being made: wait
            return [VoiceAwaited(at, index, natural)]
        events: list[Event] = []
        if planned.section != self._section and planned.section >= 0:
            section = self.timeline.sections[planned.section]
            total = len(self.timeline.sections)
            events.append(SectionStarted(at, section.name, planned.section + 1, total))
        self._section = planned.section
        length = planned.length + self._extra
        events.append(StepStarted(at, index, planned.step.kind, length, natural))
        return events

    def _advance(self, now: float) -> list[Event]:
        """Emit what is due at practised time ``now``, moving through steps by their deadlines."""
        events: list[Event] = []
        while self.state == "running":
            if self._laying.waiting is not None:  # a step waits for its voice
                if (ready := self._laying.waited()) is None:
                    break
                events += self._enter(ready[0], ready[1], natural=ready[2])
            elapsed = now - self._step_start
            while self._next_cue < len(self._cues) and self._cues[self._next_cue].at <= elapsed:
                cue = self._cues[self._next_cue]
                events += self._ahead.due_by(self._step_start + cue.at, self._here())
                events.append(self._cue_event(cue))
                self._next_cue += 1
                for later in brought_by(self.timeline.steps[self._index].step, cue):
                    insort(self._cues, later, lo=self._next_cue, key=at_of)  # chosen bells too
            events += self._asking.reminder(now)
            length = self.step_length
            events += self._ahead.due_by(min(now, self._step_start + length), self._here())
            if elapsed < length:
                break
            end = self._step_start + length  # the planned end, however late we look
            events += self._asking.close(end, self.timeline.steps)
            events += self._enter(self._index + 1, end)
        return events

    def _cue_event(self, cue: Cue) -> Event:
        at = self._step_start + cue.at
        text = fill(cue.text, self.variables) if cue.text else ""
        step = self.timeline.steps[self._index].step
        event = cue_event(cue, at, text, step, self.step_length)
        if event is not None:
            if cue.kind == "breath":
                self._ahead.reached(at, cue.phase)
            return event
        return self._asking.open(cue, at, text, step, self._index)

    def _end(self, reason: EndReason, at: float) -> list[Event]:
        self.state = "ended"
        self._asking.clear()
        self.ended = SessionEnded(at, reason, at, self.timeline.length + self.added, self.skips)
        return [self.ended]
