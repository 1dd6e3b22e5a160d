"""Prompts by ear: ``ask``, ``write`` and ``check_in`` prompts are said as they appear (a
check-in with its scale), a soft cue tells the ear the session waits, and after a quiet minute
the prompt is said once more. The engine times all of it (``Prompted``, ``Waiting``,
``Reminded``); the person's ``waiting_cues`` setting turns the cue and the reminder off.

The app's own before and after check-ins are said too, with their scale, as their screen (or
plain mode's line) appears: the one after waits for the end chime's strike, so it never sounds
over the bell (after a stop, it waits for a chime still ringing to fade), and an answer given
before it is heard silences it. Like a script's prompt, each
is followed a second after it has been said by the soft cue that the session waits."""

from __future__ import annotations

from ...audio.api import DEFAULT_FADE_MS
from ...core.bundled import cue_sound
from ...core.script.kinds import open_ended
from ...core.script.kinds._prompt import WAIT_GAP
from ...core.script.model import Script
from ...core.session import events as ev
from ...core.session.asked import app_check_ins
from ...core.session.checkins import QUESTIONS, SCALE, Moment
from ...core.session.engine import Session
from ...core.session.timeline import STRIKE, planned_length
from ...home.settings import check_ins_around
from ..later import Later
from .stage import Stage
from .voice import Voice


def check_in_said(moment: Moment) -> str:
    """What the voice says for the app's check-in: its question and its scale, as shown."""
    return f"{QUESTIONS[moment]} {SCALE}"


class Prompts:
    """Says prompts through the voice, and rings the waiting cue at the chime volume."""

    def __init__(self, stage: Stage, voice: Voice) -> None:
        self.stage = stage
        self.voice = voice
        self._asking = Later(stage.wall, stage.timers)  # the check-in said after the bell
        self._aside = Later(stage.wall, stage.timers)  # a line from outside the script, too
        self._asked: Moment | None = None

    def check_in_lines(self, script: Script) -> list[str]:
        """What the voice must render ahead for the app's check-ins around a session of
        ``script``: those the person wants around its kind and planned length at reading pace
        (``check_ins_around``: none around a short sit unless chosen) that the script does not
        ask itself. One asked all the same (the hard-moment practice asks after however short)
        is made when it is asked."""
        wanted = check_ins_around(
            self.stage.settings,
            script,
            planned_length(script),
            open_ended=any(open_ended(step) for step in script.steps),
        )
        moments = app_check_ins(script, wanted)
        return [check_in_said(m) for m in ("before", "after") if m in moments]

    def ask(self, moment: Moment) -> None:
        """The app's check-in appears: say it (the one after once the end chime has struck)."""
        self._asking.cancel()
        self._asked = moment
        wait = self._after_bell() if moment == "after" else 0.0
        if wait > 0:
            self._asking.call(wait, self._say, moment)
        else:
            self._say(moment)

    def aside(self, text: str) -> None:
        """Say a line from outside the script (the aftercare offer), once the end chime has
        struck if it is still to ring."""
        wait = self._after_bell()
        if wait > 0:
            self._aside.call(wait, self.voice.speak_aside, text)
        else:
            self.voice.speak_aside(text)

    def _after_bell(self) -> float:
        """Seconds until the end chime has struck, or a chime a stop faded is silent (0 when
        it has, or none rings). A chime plays in real time at any ``--speed``, so its strike
        is waited for in real seconds: a preview's question is never said over it."""
        rings_at, faded = self.stage.end_rings_at, self.stage.chimes_silent_at
        quiet = [] if rings_at is None else [rings_at + STRIKE]
        quiet += [] if faded is None else [faded]
        return max(quiet) - self.stage.wall() if quiet else 0.0

    def answered(self, moment: Moment) -> None:
        """The check-in was answered or skipped: what is still to be said of it is not."""
        if moment != self._asked:
            return
        self._asked = None
        self._asking.cancel()
        voice = self.stage.voice
        if voice is not None and voice.is_playing():
            voice.fade_out(DEFAULT_FADE_MS)

    def _say(self, moment: Moment) -> None:
        if self._asked != moment:
            return
        text = check_in_said(moment)
        if not self.voice.made(text, then=lambda: self._say(moment)):
            return  # not made ahead: said (then its cue) as soon as it is made
        said = self.voice.speak(text)
        if said is not None and self.stage.settings.waiting_cues:  # as a script's prompt
            self._asking.call(said + WAIT_GAP, self._waiting, moment)

    def _waiting(self, moment: Moment) -> None:
        if self._asked == moment:
            self._cue()

    def _cue(self) -> None:
        """The soft cue that the session waits, once the voice is quiet: never over the prompt
        (said late, after a line it waited for, or at speed, where the engine's clock runs on
        while the prompt is said in real time)."""
        delay = self.voice.line_sounding_for()
        self.stage.play(cue_sound("waiting"), self.stage.settings.chime_volume, delay)

    def begin(self, session: Session) -> None:
        """Load the waiting cue now, not on its cue."""
        cue = cue_sound("waiting")
        if cue is not None and self.stage.settings.waiting_cues:
            self.stage.prepare(cue, self.stage.settings.chime_volume)

    def handle(self, event: ev.Event) -> None:
        """Say a prompt; the waiting cue; the prompt again after a quiet minute."""
        waiting_cues = self.stage.settings.waiting_cues
        if isinstance(event, ev.Prompted) and event.said:
            self.voice.speak(event.said)
        elif isinstance(event, ev.Waiting) and waiting_cues:
            self._cue()
        elif isinstance(event, ev.Reminded) and waiting_cues and event.said:
            self.voice.speak(event.said)

    def close(self) -> None:
        """Nothing still to be said."""
        self._asking.cancel()
        self._aside.cancel()
