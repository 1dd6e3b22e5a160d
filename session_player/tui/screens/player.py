"""The player: runs a session against its clock and shows what is due.

Timing comes from the engine's deadlines, never from counting ticks: after every batch of events
the next poll is set for ``session.next_due()`` or the next whole second practised, whichever is
sooner (the engine needs a look at least once a second to tell a suspended laptop from a quiet
stretch, and the elapsed and remaining time change on the second). Each poll redraws the time and
lets the conductor keep the log fresh, so one wake a second serves all three (while paused, the
polls go on once a second for the log alone). Every batch goes to the widgets and the conductor.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType

from ...conductor.deferred import unwrapped
from ...conductor.protocol import Conducting
from ...core.clock import Clock, is_preview
from ...core.script.model import Script
from ...core.script.text import shown
from ...core.session.checkins import LABEL, RULE, Moment
from ...home.settings import Settings, wants_check_ins
from ..alarm import Alarm
from ..help_key import HELP_KEY
from ..messages import Notices, SessionOver
from ..resting import RestingCursor
from ..sitting import LOOK_AT_LEAST_EVERY, Sitting, SittingState
from ..widgets.backdrop import Backdrop, Centred, Column, Row
from ..widgets.clock import ClockFace
from ..widgets.footer import KeyFooter
from ..widgets.guidance import Guidance, Title
from ..widgets.outline import Outline
from ..widgets.pacer import Pacer
from ..widgets.prompt import PromptArea
from . import SESSION_SHEETS
from .player_asks import PlayerAsks
from .preparing import PreparingScreen
from .showing import end_screen, keys_may_change, post_new_notices, ratings_in, show_events

if TYPE_CHECKING:
    from ...core.log import CheckIn  # the log loads after the first frame, with the conductor
    from ...core.session.engine import Session  # the engine, once the session is prepared
    from ...core.session.events import EndReason, Event, SessionEnded
    from ...core.session.timeline import Timeline
    from ..widgets.big_clock import BigClock

OUTLINE_FROM = 80  # columns: a narrower screen gives the outline's room to the session


def _is_timer(script: Script) -> bool:
    """Whether ``script`` is the timer's own, not a file's (a file has a source): its module
    loads only then, so a script's player needn't load the timer's (issue 26)."""
    if script.source is not None:
        return False
    from ...core.library.timer import TIMER_NAME

    return script.name == TIMER_NAME


class PlayerScreen(RestingCursor, PlayerAsks, Backdrop):
    """One session, from preparing and the first check-in to the end screen."""

    CSS_PATH = SESSION_SHEETS  # the end screen's too: it shows without a parse of its own
    PURPOSE = (
        "A session as it plays: the guidance, the breathing pacer and the time. You can stop at "
        "any moment, and g gives a grounding pause. While you type, keys go to the text: Esc "
        "gives them back to the session."
    )
    AUTO_FOCUS = ""  # the keys belong to the screen until a prompt asks for typing
    tried = False  # a try from the editor: at any speed, its end says it was not logged
    BINDINGS: ClassVar[list[BindingType]] = [
        # Grounding and stopping come first: a narrow footer cuts from the right, and these
        # two must always show.
        Binding("g", "grounding", "Grounding"),
        Binding("q", "stop", "Stop"),
        Binding("space", "toggle_pause", "Pause/resume"),
        Binding("n,right", "next", "Next"),
        Binding("p,left", "back", "Back"),
        Binding("plus", "extend", "+1 min", key_display="+"),
        Binding("ctrl+q", "app.quit", "Quit", priority=True),  # shown, also while typing
        # While typing, g types a "g": grounding is still a key away, and shown.
        Binding("ctrl+g", "grounding_typing", "Grounding", priority=True),
        HELP_KEY,
    ]

    def __init__(
        self,
        script: Script,
        *,
        settings: Settings,
        clock: Clock,
        speed: float,
        conductor: Conducting,
        start_delay: float | None = None,
        at_once: bool = False,
    ) -> None:
        """``start_delay`` replaces the settings' countdown; ``at_once`` plays with none and
        with no check-in before (a hard moment, grounding after a hard session)."""
        super().__init__()
        self.script = script
        self.sections = [step.section for step in script.steps if step.section]
        self.settings, self.speed = settings, speed
        delay = 0.0 if at_once else (settings.start_delay if start_delay is None else start_delay)
        self.at_once = at_once
        self.sitting = Sitting(clock, conductor, start_delay=delay, speed=speed)
        self._notices_shown = 0
        self.before: int | None = None
        self.ratings: list[CheckIn] = []  # the script's own check-ins, for the end screen
        self.asked: frozenset[Moment] = frozenset()  # the app's check-ins this session asks
        self._poll_alarm = Alarm(self, self.poll)
        self._handed_over = False  # the end screen owns the conductor once it shows
        # Kept at hand: the polls (once a second for a whole session) use them every time.
        self._pacer = Pacer(reduced_motion=settings.reduced_motion, speed=speed, id="pacer")
        self._prompt = PromptArea(id="prompt")
        self._clock_face = ClockFace(id="clock")
        self._big: BigClock | None = None
        if _is_timer(script) and not settings.reduced_motion:
            from ..widgets.big_clock import BigClock  # the timer's alone: not loaded for a file

            self._big = BigClock(id="big-clock")

    @property
    def session(self) -> Session | None:
        """The session, once the conductor has prepared it."""
        return self.sitting.session

    @property
    def state(self) -> SittingState:
        """Where the sitting is: preparing, checking, countdown, playing, ended..."""
        return self.sitting.state

    @property
    def conductor(self) -> Conducting:
        """The conductor this session plays through (once made, when it was made later)."""
        return unwrapped(self.sitting.conductor)

    def compose(self) -> ComposeResult:
        """Outline on the left; title, guidance, pacer, prompt and time in the middle."""
        # Only a background of their own (and the screen's): redraws skip their lines.
        with Row(id="layout"):
            yield Outline(self.sections, id="outline")
            with Column(id="main"):
                yield Title(shown(self.script.title), id="title", markup=False)
                yield Guidance(id="guidance")
                # A box of fixed size, centred: a size change redraws only the shape's cells.
                with Centred(id="pacer-box"):
                    yield self._pacer
                yield self._prompt
                if self._big is not None:
                    yield self._big
                yield self._clock_face
        yield KeyFooter()

    def on_resize(self) -> None:
        """Below 80 columns the outline steps aside: the guidance and the writing box need
        the room more than the list of sections does."""
        wide = self.size.width >= OUTLINE_FROM
        self.query_one(Outline).display = wide and bool(self.sections)
        if self._big is not None:  # a small screen keeps the small line alone
            from ..widgets.big_clock import BIG_FROM

            self._big.display = self.size.width >= BIG_FROM[0] and self.size.height >= BIG_FROM[1]

    def on_mount(self) -> None:
        """Let the conductor prepare (the polls that follow redraw the time as it changes)."""
        self.on_resize()
        self.query_one(Guidance).show_note("Getting ready…")
        self.app.push_screen(PreparingScreen(self.conductor, self.script), self._prepared)

    def _prepared(self, timeline: Timeline | None) -> None:
        if timeline is None:  # the person went back while it was preparing
            self.app.call_later(self.app.run_action, "app.library")
            return
        self.post_message(Notices(list(self.conductor.notices)))  # preparing may add some
        # As chosen for its kind and length, a script's own standing in; a hard moment's
        # practice (at_once) asks only after, however short: the care answers what is said then.
        from ...core.session.asked import app_check_ins  # with the step kinds, after the frame

        wanted = wants_check_ins(self.settings, timeline, short=self.at_once or None)
        self.asked = app_check_ins(timeline.script, wanted) - (
            {"before"} if self.at_once else set()
        )
        self.sitting.prepared(timeline, check_in="before" in self.asked)
        self.query_one(Pacer).now = lambda: self.session.practised if self.session else 0.0
        if "before" in self.asked:
            from .checkin import CheckInScreen  # the check-in screens load when first asked

            self.app.push_screen(CheckInScreen("before"), self._checked_before)
            self.sitting.conductor.asking("before")
        else:
            self.dispatch(self.sitting.count_down())

    def _checked_before(self, value: int | None) -> None:
        self.before = value
        self.sitting.conductor.check_in("before", LABEL, value)
        self.dispatch(self.sitting.count_down())

    def poll(self) -> None:
        """Handle whatever has become due (the timers call this; tests with a fake clock too)."""
        self.dispatch(self.sitting.poll())
        if self.sitting.playing and self._pacer.phase:
            # A change of the pacer's size due on this second is drawn in this wake, and its
            # own wake moves on to its next change: one wake and one frame, not two.
            self._pacer.tick_if_due()

    def _schedule(self) -> None:
        """Set the next poll: when something is due, and at least once a clock second."""
        self._poll_alarm.cancel()
        wait = self.sitting.wait()
        if wait is None and self.sitting.playing:
            wait = LOOK_AT_LEAST_EVERY  # paused: nothing falls due, but the log hears each second
        if wait is not None:
            self._poll_alarm.set(max(0.001, wait) / self.speed)

    def show_time(self) -> None:
        """Refresh elapsed and remaining time, the countdown, and a prompt's time box."""
        session = self.session
        if self.state == "countdown":
            note = f"Beginning in {self.sitting.countdown}…\n\nLet yourself settle."
            self.query_one(Guidance).show_note(note)
        if session is None or self.state not in ("playing", "ended"):
            return
        self._clock_face.show_session(session)
        if self._big is not None:
            self._big.show_session(session)
        prompt = self._prompt
        if prompt.display and session.prompt is not None:
            prompt.show_time(session.step_length - session.step_elapsed)
        if self.state == "playing":
            self.conductor.tick(session)  # the log keeps the practised time fresh
        self._notices_shown = post_new_notices(self, self.conductor.notices, self._notices_shown)

    def dispatch(self, events: list[Event]) -> None:
        """Show a batch of events, pass it to the conductor, and set the next poll."""
        if events and self.session is not None:
            show_events(self, self.session, events)
            if keys_may_change(events):  # the footer rebuilds only if what they do has changed
                self.refresh_bindings()
        self.ratings += ratings_in(events, self.session)
        ended = self.sitting.handle(events)
        self.show_time()
        if ended is not None:
            self._finish(ended)
        self._schedule()

    def on_prompt_area_finished(self, message: PromptArea.Finished) -> None:
        """Enter or Ctrl+S: the answer goes to the session, which moves on."""
        if self.session is None or self.session.prompt is None:
            return
        try:
            self.dispatch(self.session.answer(message.text))
        except ValueError:
            self.notify(f"{RULE.capitalize()}, or leave it empty to skip.", timeout=3)

    def on_prompt_area_drafted(self, message: PromptArea.Drafted) -> None:
        """Keep every change, so nothing written is lost when time runs out or they stop."""
        if self.session is not None:
            self.session.draft(message.text)

    def _finish(self, ended: SessionEnded) -> None:
        self.post_message(SessionOver(ended))
        if "after" in self.asked and ended.reason != "interrupted":
            from .checkin import CheckInScreen

            self.app.push_screen(CheckInScreen("after"), lambda after: self._to_end(ended, after))
            self.sitting.conductor.asking("after")
        else:
            self._to_end(ended, None)

    def _to_end(self, ended: SessionEnded, after: int | None) -> None:
        if "after" in self.asked:
            self.sitting.conductor.check_in("after", LABEL, after)
        self._handed_over = True
        self.app.switch_screen(end_screen(self, ended, after, preview=self.not_logged))

    @property
    def not_logged(self) -> bool:
        """Whether this is a try from the editor or a preview at a quicker speed: not logged."""
        return is_preview(self.speed) or self.tried

    def end_now(self, reason: EndReason) -> SessionEnded | None:
        """End at once without asking (the app is quitting); returns the end, if this ended it."""
        ended = self.sitting.end_now(reason)
        if not self._handed_over:
            self.sitting.close()
        return ended

    def on_unmount(self) -> None:
        """Leaving without an end screen (quitting) still ends the session cleanly."""
        self._poll_alarm.cancel()
        self.end_now("stopped")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Dim what doesn't apply now: controls before the start, + where time is open."""
        typing = self._prompt.takes_typing(self.focused)
        if action == "extend" and typing:
            return False  # "+" types into the field (Textual can't tell it is printable)
        if action == "grounding_typing":
            return typing and self.sitting.can("grounding")
        return self.sitting.can(action)

    def action_grounding_typing(self) -> None:
        """Ctrl+G while typing: the grounding pause, as g gives it otherwise."""
        self.action_grounding()

    def action_toggle_pause(self) -> None:
        """Stand time still, or let it run again."""
        if self.session is not None and self.sitting.playing:
            self.dispatch(self.session.toggle_pause())

    def action_next(self) -> None:
        """On to the next step."""
        if self.session is not None and self.sitting.playing:
            self.dispatch(self.session.next_step())

    def action_back(self) -> None:
        """Back to the previous step (or the start of this one)."""
        if self.session is not None and self.sitting.playing:
            self.dispatch(self.session.previous_step())

    def action_extend(self) -> None:
        """One more minute for this step."""
        if self.session is not None and self.sitting.playing:
            self.dispatch(self.session.extend(60.0))

    @property
    def typing(self) -> bool:
        """Whether a question or a writing box is open (keys go to the field)."""
        return self._prompt.display and self.session is not None and self.session.prompt is not None
