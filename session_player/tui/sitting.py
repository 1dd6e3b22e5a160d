"""One sitting: a session's life around the engine, from preparing through the countdown and
holds to the end.

No Textual here. The player screen asks a ``Sitting`` what to do and shows what it returns; the
sitting keeps its state, the quiet countdown before the start, and the conductor informed of
the session's events (the screen tells it of check-ins and the grounding pause itself).
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Literal

from ..conductor.protocol import Conducting
from ..core.clock import Clock

if TYPE_CHECKING:  # the engine and its events load once the session is prepared
    from ..core.session.engine import Session
    from ..core.session.events import EndReason, Event, SessionEnded
    from ..core.session.timeline import Timeline

# "held": the countdown waits while the grounding pause or the stop question is open.
SittingState = Literal["preparing", "checking", "countdown", "held", "playing", "ended"]
LOOK_AT_LEAST_EVERY = 1.0  # clock seconds; the engine tells a sleeping laptop by longer gaps


class Sitting:
    """One session from preparing to its end, driven by a clock and the person's choices."""

    def __init__(
        self, clock: Clock, conductor: Conducting, *, start_delay: float = 0.0, speed: float = 1.0
    ) -> None:
        self.clock = clock
        self.speed = speed
        self.conductor = conductor
        self.start_delay = start_delay
        self.session: Session | None = None
        self.state: SittingState = "preparing"
        self._countdown_until = 0.0
        self._closed = False

    @property
    def playing(self) -> bool:
        """True while the session runs or is paused (not before the start, not after the end)."""
        return self.state == "playing" and self.session is not None

    def prepared(self, timeline: Timeline, *, check_in: bool) -> None:
        """The conductor has the timeline ready; next comes a check-in or the countdown."""
        # The clock runs ``speed`` times faster, so a sleeping laptop is a longer gap in it.
        from ..core.session.engine import Session

        self.session = Session(timeline, self.clock, jump_limit=5.0 * self.speed)
        self.state = "checking" if check_in else "preparing"

    def count_down(self) -> list[Event]:
        """Begin the quiet countdown (or start at once when there is no delay)."""
        if self.start_delay <= 0:
            return self._begin()
        self.state = "countdown"
        self._countdown_until = self.clock() + self.start_delay
        return []

    @property
    def countdown(self) -> int:
        """Whole seconds left before the start, rounded up."""
        return max(0, math.ceil(self._countdown_until - self.clock() - 1e-9))

    def _begin(self) -> list[Event]:
        assert self.session is not None
        self.state = "playing"
        self.conductor.begin(self.session)
        return self.session.start()

    def poll(self) -> list[Event]:
        """Whatever has become due: the start after the countdown, or the session's events."""
        if self.state == "countdown" and self.clock() >= self._countdown_until:
            return self._begin()
        if self.playing and self.session is not None:
            return self.session.poll()
        return []

    def wait(self) -> float | None:
        """Clock seconds until the next look, or None when nothing runs on its own."""
        if self.state == "countdown":
            left = self._countdown_until - self.clock()
            return min(LOOK_AT_LEAST_EVERY, left - (self.countdown - 1)) if left > 0 else 0.0
        session = self.session
        if not self.playing or session is None or session.state != "running":
            return None  # paused or ended: nothing is due until a key is pressed
        # The shown time changes at each whole second practised: look then, so the clock is
        # redrawn on the second, in the same wake as anything else that falls due.
        practised = session.practised
        wait = min(LOOK_AT_LEAST_EVERY, math.floor(practised) + 1 - practised)
        due = session.next_due()
        return wait if due is None else min(wait, due - self.clock())

    def hold(self) -> tuple[list[Event], bool]:
        """Pause while a question is open. Returns the events and whether to resume after."""
        if self.state == "countdown":
            self.state = "held"
            return [], False
        if self.session is not None and self.playing and self.session.state == "running":
            return self.session.pause(), True
        return [], False

    def release(self, resume: bool) -> list[Event]:
        """The question closed without stopping: go on as before it opened."""
        if self.state == "held":
            return self.count_down()
        if resume and self.session is not None:
            return self.session.resume()
        return []

    def stop(self) -> list[Event] | None:
        """Stop as the person chose; None when the session had not started (nothing to end)."""
        session = self.session
        if not self.playing or session is None:
            self.end_now("stopped")
            return None
        return session.stop("stopped")

    def handle(self, events: list[Event]) -> SessionEnded | None:
        """Pass a batch to the conductor; returns the end when the batch holds it."""
        if not events:
            return None
        self.conductor.handle(events)
        from ..core.session.events import SessionEnded

        ended = next((e for e in events if isinstance(e, SessionEnded)), None)
        if ended is not None:
            self.state = "ended"
        return ended

    def end_now(self, reason: EndReason) -> SessionEnded | None:
        """End without asking (quitting, or stopped before the start). Returns the end, if any."""
        session = self.session
        ended = None
        if session is not None and session.state in ("running", "paused"):
            self.conductor.handle(session.stop(reason))
            ended = session.ended
        self.state = "ended"
        return ended

    def close(self) -> None:
        """Release the conductor, once."""
        if not self._closed:
            self._closed = True
            self.conductor.close()

    def can(self, action: str) -> bool | None:
        """Whether a control applies now: True, or None to show it dimmed."""
        session = self.session
        if action in ("toggle_pause", "next", "back", "extend") and not self.playing:
            return None
        if action == "extend" and session is not None:
            planned = session.current
            if planned is None or planned.length == 0:
                return None
            if planned.waits and planned.step.duration is None:
                return None  # an open question already waits as long as it needs
        if action in ("stop", "grounding") and self.state not in ("countdown", "playing"):
            return None
        return True
