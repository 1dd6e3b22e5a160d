"""How the player shows each session event: which widget shows it, and how.

Kept apart from the player screen so the screen holds only timing, keys and the sitting.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from textual.screen import Screen

from ..messages import Notices
from ..widgets.guidance import Guidance
from ..widgets.outline import Outline
from ..widgets.pacer import Pacer
from ..widgets.prompt import PromptArea

if TYPE_CHECKING:  # the engine and its events load once the session is prepared
    from ...core.log import CheckIn
    from ...core.session.engine import Session
    from ...core.session.events import Event, SessionEnded

PROMPTS = ("ask", "write", "check_in")


def keys_may_change(events: list[Event]) -> bool:
    """Whether ``events`` may change what the keys do (and so the footer). A breathing step
    tells a phase or a count every second or two; asking every control again for those (and
    the footer comparing what it shows) was a third of such a wake's work. Events that time a
    breath and nothing else leave the keys as they were."""
    from ...core.session.events import BreathComing, BreathCount, BreathPhase, BreathWithdrawn

    timing = (BreathPhase, BreathComing, BreathWithdrawn, BreathCount)
    return not all(isinstance(event, timing) for event in events)


SLEPT = "Paused: the computer seems to have slept. Press space when you're ready to go on."


def show_step(screen: Screen[Any], kind: str) -> None:
    """Lay out the middle of the screen for a step of ``kind``."""
    if kind == "chime":
        return  # a chime takes no time: what was showing stays
    guidance = screen.query_one(Guidance)
    pacer = screen.query_one(Pacer)
    prompt = screen.query_one(PromptArea)
    guidance.display = kind not in ("breathe", *PROMPTS)
    guidance.clear()
    if kind != "breathe":
        pacer.stop()
    screen.query_one("#pacer-box").display = kind == "breathe"
    if kind not in PROMPTS and prompt.display:
        prompt.close()
        screen.set_focus(None)


def show_events(screen: Screen[Any], session: Session, events: list[Event]) -> SessionEnded | None:
    """Show ``events`` on ``screen``; returns the end, if the session ended."""
    from ...core.session.events import (
        VOICE_AWAITED,
        Answered,
        BreathPhase,
        Extended,
        LineShown,
        Paused,
        Prompted,
        QuietStarted,
        Resumed,
        SectionStarted,
        SessionEnded,
        StepStarted,
        TouchCue,
        VoiceAwaited,
    )

    # Looked up as an event needs them: most batches are a breath's count, which shows nothing.
    def guidance() -> Guidance:
        return screen.query_one(Guidance)

    def pacer() -> Pacer:
        return screen.query_one(Pacer)

    ended = None
    for event in events:
        if isinstance(event, SectionStarted):
            screen.query_one(Outline).show_section(event.number - 1)
        elif isinstance(event, StepStarted):
            show_step(screen, event.kind)
        elif isinstance(event, LineShown):
            guidance().display = True  # over a running pacer too: the pacer stays on screen
            if event.written:
                guidance().show_written(event.text)
            else:
                guidance().show_line(event.text, event.round, event.rounds)
        elif isinstance(event, BreathPhase):
            planned = session.current
            breath = planned.step.breath if planned else None
            top_up = breath is not None and breath.top_up > 0
            breaths = (event.breath, event.breaths)
            pacer().begin_phase(event.phase, event.seconds, event.at, breaths, top_up=top_up)
        elif isinstance(event, TouchCue):
            guidance().show_touch(event.label, event.description, event.text)
        elif isinstance(event, QuietStarted):
            guidance().show_note("Resting in quiet.")
        elif isinstance(event, VoiceAwaited):
            guidance().show_note(VOICE_AWAITED)
        elif isinstance(event, Prompted):
            screen.query_one(PromptArea).open(event)
        elif isinstance(event, Answered):
            screen.query_one(PromptArea).close()
            screen.set_focus(None)
        elif isinstance(event, Paused):
            pacer().freeze(True)
            if event.reason == "clock-jump":
                screen.notify(SLEPT, timeout=10)
        elif isinstance(event, Resumed):
            pacer().freeze(False)
        elif isinstance(event, Extended):
            screen.notify("A minute more for this step.", timeout=2)
        elif isinstance(event, SessionEnded):
            ended = event
    return ended


def ratings_in(events: list[Event], session: Session | None) -> list[CheckIn]:
    """The script's own check-ins answered in ``events`` of ``session``, for the end screen."""
    from ...core.session.events import Answered

    found = []
    for event in events:
        if isinstance(event, Answered) and session is not None:
            from ...core.log.ratings import step_rating  # the log loads after the first frame

            rating = step_rating(event, session.timeline.steps[event.step].step)
            found += [rating] if rating is not None else []
    return found


def post_new_notices(screen: Screen[Any], notices: Sequence[str], shown: int) -> int:
    """Tell the app of the conductor's notices not shown yet (e.g. the log can't be written
    right now); returns how many have been shown."""
    if len(notices) > shown:
        screen.post_message(Notices(list(notices)))
    return len(notices)


def end_screen(
    player: Any, ended: SessionEnded, after: int | None, *, preview: bool
) -> Screen[Any]:
    """The end screen for ``player``'s session (``after``: the closing rating). Loaded only
    when a session ends: it brings the log's ratings."""
    from .end import EndScreen

    return EndScreen(
        ended,
        before=player.before,
        after=after,
        ratings=player.ratings,
        conductor=player.conductor,
        preview=preview,
        own_line=player.settings.crisis_line,
    )
