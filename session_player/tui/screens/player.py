"""The player: runs a session against its clock and shows what is due.

Timing comes from the engine's deadlines, never from counting ticks: after every batch of events
the next poll is set for ``session.next_due()``, at most one clock second ahead (the engine needs a
look at least that often to tell a suspended laptop from a quiet stretch). A separate 1 Hz timer
refreshes the elapsed and remaining time. Every batch goes to the widgets and to the conductor.
"""

from __future__ import annotations

from typing import ClassVar, Literal

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Static

from ...core.clock import Clock
from ...core.engine import Session
from ...core.events import EndReason, Event, SessionEnded
from ...core.library import Entry
from ...core.timeline import Timeline
from ...settings import Settings
from ..conducting import Conductor
from ..messages import Notices, SessionOver
from ..widgets.guidance import Guidance
from ..widgets.outline import Outline
from ..widgets.pacer import Pacer
from ..widgets.prompt import PromptArea
from ..widgets.timer import SessionTimer
from .checkin import LABEL, CheckInScreen
from .confirm_stop import ConfirmStopScreen
from .end import EndScreen
from .grounding import Choice, GroundingScreen
from .preparing import PreparingScreen
from .showing import show_events

Stage = Literal["preparing", "checking", "countdown", "playing", "ended"]
CONTROLS = ("toggle_pause", "next", "back", "extend")


class PlayerScreen(Screen[None]):
    """One session, from preparing and the first check-in to the end screen."""

    CSS_PATH = "player.tcss"
    AUTO_FOCUS = ""  # the keys belong to the screen until a prompt asks for typing
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "toggle_pause", "Pause/resume"),
        Binding("n,right", "next", "Next"),
        Binding("p,left", "back", "Back"),
        Binding("plus", "extend", "+1 min", key_display="+"),
        Binding("g", "grounding", "Grounding"),
        Binding("q", "stop", "Stop"),
    ]

    def __init__(
        self, entry: Entry, *, settings: Settings, clock: Clock, speed: float, conductor: Conductor
    ) -> None:
        super().__init__()
        assert entry.timeline is not None, "only checked scripts are played"
        self.entry, self.timeline = entry, entry.timeline
        self.settings, self.clock, self.speed = settings, clock, speed
        self.conductor = conductor
        self.session: Session | None = None
        self.stage: Stage = "preparing"
        self.before: int | None = None
        self._countdown_until = 0.0
        self._poll_timer: Timer | None = None
        self._handed_over = False

    def compose(self) -> ComposeResult:
        """Outline on the left; title, guidance, pacer, prompt and time in the middle."""
        with Horizontal(id="layout"):
            yield Outline([s.name for s in self.timeline.sections], id="outline")
            with Vertical(id="main"):
                yield Static(self.timeline.script.title, id="title", markup=False)
                yield Guidance(id="guidance")
                yield Pacer(
                    reduced_motion=self.settings.reduced_motion, speed=self.speed, id="pacer"
                )
                yield PromptArea(id="prompt")
                yield SessionTimer(id="timer")
        yield Footer()

    def on_mount(self) -> None:
        """Hide what has nothing to show yet, and let the conductor prepare."""
        self.query_one(Outline).display = bool(self.timeline.sections)
        self.query_one(Pacer).display = False
        self.query_one(PromptArea).display = False
        self.query_one(Guidance).show_note("Getting ready…")
        self.app.push_screen(PreparingScreen(self.conductor, self.timeline), self._prepared)
        self.set_interval(1.0, self.show_time)

    # -- from preparing to playing ---------------------------------------------------------

    def _prepared(self, timeline: Timeline | None) -> None:
        if timeline is None:  # the person went back while it was preparing
            self.app.call_later(self.app.run_action, "app.library")
            return
        self.post_message(Notices(list(self.conductor.notices)))  # preparing may add some
        self.session = Session(timeline, self.clock)
        self.query_one(Pacer).now = lambda: self.session.practised if self.session else 0.0
        if self.settings.checkins:
            self.stage = "checking"
            self.app.push_screen(CheckInScreen("before"), self._checked_before)
        else:
            self._count_down()

    def _checked_before(self, value: int | None) -> None:
        self.before = value
        self.conductor.check_in("before", LABEL, value)
        self._count_down()

    def _count_down(self) -> None:
        if self.settings.start_delay <= 0:
            self._begin()
            return
        self.stage = "countdown"
        self._countdown_until = self.clock() + self.settings.start_delay
        self.poll()

    def _begin(self) -> None:
        assert self.session is not None
        self.stage = "playing"
        self.conductor.begin(self.session)
        self.dispatch(self.session.start())

    # -- time ------------------------------------------------------------------------------

    def poll(self) -> None:
        """Handle whatever has become due (the timers call this; tests with a fake clock too)."""
        if self.stage == "countdown":
            left = self._countdown_until - self.clock()
            if left <= 0:
                self._begin()
                return
            seconds = int(left) + (left > int(left))
            self.query_one(Guidance).show_note(f"Beginning in {seconds}…\n\nLet yourself settle.")
            self._schedule(min(1.0, left - (seconds - 1)))
        elif self.stage == "playing" and self.session is not None:
            self.dispatch(self.session.poll())

    def _schedule(self, wait: float | None = None) -> None:
        """Set the next poll: when something is due, and at least once a clock second."""
        if self._poll_timer is not None:
            self._poll_timer.stop()
            self._poll_timer = None
        session = self.session
        if wait is None:
            if self.stage != "playing" or session is None or session.state != "running":
                return  # paused or ended: nothing is due until a key is pressed
            due = session.next_due()
            wait = 1.0 if due is None else min(1.0, due - self.clock())
        real = max(0.001, wait) / self.speed
        self._poll_timer = self.set_timer(real, self.poll)

    def show_time(self) -> None:
        """Refresh elapsed and remaining time, and the time left in a prompt's box."""
        session = self.session
        if session is None or self.stage not in ("playing", "ended"):
            return
        estimated = self.timeline.estimated
        paused = session.state == "paused"
        timer = self.query_one(SessionTimer)
        timer.show(session.practised, session.remaining, estimated=estimated, paused=paused)
        timer.set_class(paused, "-paused")
        prompt = self.query_one(PromptArea)
        if prompt.display and session.prompt is not None:
            prompt.show_time(session.step_length - session.step_elapsed)

    # -- events ----------------------------------------------------------------------------

    def dispatch(self, events: list[Event]) -> None:
        """Show a batch of events, pass it to the conductor, and set the next poll."""
        if not events:
            self._schedule()
            return
        assert self.session is not None
        ended = show_events(self, self.session, events)
        self.conductor.handle(events)
        self.show_time()
        self.refresh_bindings()
        if ended is not None:
            self._finish(ended)
        else:
            self._schedule()

    def on_prompt_area_finished(self, message: PromptArea.Finished) -> None:
        """Enter or Ctrl+S: the answer goes to the session, which moves on."""
        if self.session is None or self.session.prompt is None:
            return
        try:
            self.dispatch(self.session.answer(message.text))
        except ValueError:
            self.notify("A whole number from 0 to 10, or leave it empty to skip.", timeout=3)

    def on_prompt_area_drafted(self, message: PromptArea.Drafted) -> None:
        """Keep every change, so nothing written is lost when time runs out or they stop."""
        if self.session is not None:
            self.session.draft(message.text)

    # -- the end ---------------------------------------------------------------------------

    def _finish(self, ended: SessionEnded) -> None:
        self.stage = "ended"
        self._schedule()
        self.post_message(SessionOver(ended))
        if self.settings.checkins and ended.reason != "interrupted":
            self.app.push_screen(CheckInScreen("after"), lambda after: self._to_end(ended, after))
        else:
            self._to_end(ended, None)

    def _to_end(self, ended: SessionEnded, after: int | None) -> None:
        if self.settings.checkins:
            self.conductor.check_in("after", LABEL, after)
        self._handed_over = True
        end = EndScreen(ended, before=self.before, after=after, conductor=self.conductor)
        self.app.switch_screen(end)

    def end_now(self, reason: EndReason) -> SessionEnded | None:
        """End at once without asking (the app is quitting); the conductor is told and closed.

        Returns the end when this ended a session in progress.
        """
        session = self.session
        ended = None
        if session is not None and session.state in ("running", "paused"):
            self.conductor.handle(session.stop(reason))
            ended = session.ended
        self.stage = "ended"
        if not self._handed_over:
            self._handed_over = True
            self.conductor.close()
        return ended

    def on_unmount(self) -> None:
        """Leaving without an end screen (quitting) still ends the session cleanly."""
        self.end_now("stopped")

    # -- keys ------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Dim what doesn't apply now: controls before the start, + where time is open."""
        session = self.session
        playing = self.stage == "playing" and session is not None
        if action in CONTROLS and not playing:
            return None
        if action == "extend" and session is not None:
            planned = session.current
            if planned is None or planned.length == 0:
                return None
            if planned.waits and planned.step.duration is None:
                return None  # an open question waits as long as it needs already
        if action in ("stop", "grounding") and self.stage not in ("countdown", "playing"):
            return None
        return True

    def action_toggle_pause(self) -> None:
        """Stand time still, or let it run again."""
        if self.session is not None:
            self.dispatch(self.session.toggle_pause())

    def action_next(self) -> None:
        """On to the next step."""
        if self.session is not None:
            self.dispatch(self.session.next_step())

    def action_back(self) -> None:
        """Back to the previous step (or the start of this one)."""
        if self.session is not None:
            self.dispatch(self.session.previous_step())

    def action_extend(self) -> None:
        """One more minute for this step."""
        if self.session is not None:
            self.dispatch(self.session.extend(60.0))

    def action_stop(self) -> None:
        """Ask first; stopping is fine, and the question says so."""
        resume = self._hold()
        self.app.push_screen(ConfirmStopScreen(), lambda stop: self._stop_chosen(stop, resume))

    def action_grounding(self) -> None:
        """A grounding pause: the session waits until the person chooses."""
        resume = self._hold()
        self.app.push_screen(GroundingScreen(), lambda choice: self._grounded(choice, resume))

    def _hold(self) -> bool:
        """Pause while a question is open; True if this paused it (so it resumes after)."""
        if self.stage == "countdown":
            self._schedule(wait=None)
            return False
        if self.session is not None and self.session.state == "running":
            self.dispatch(self.session.pause())
            return True
        return False

    def _stop_chosen(self, stop: bool | None, resume: bool) -> None:
        if stop:
            self._stop()
        elif self.stage == "countdown":
            self._count_down()
        elif resume and self.session is not None:
            self.dispatch(self.session.resume())

    def _grounded(self, choice: Choice | None, resume: bool) -> None:
        self._stop_chosen(choice == "end", resume)

    def _stop(self) -> None:
        if self.stage == "countdown" or self.session is None or self.session.state == "ready":
            self.end_now("stopped")
            self.app.call_later(self.app.run_action, "app.library")
            return
        self.dispatch(self.session.stop("stopped"))
