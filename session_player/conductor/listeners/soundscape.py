"""The soundscape under a session: chosen, faded in over the opening, under the voice, out with
the end bell.

Which one plays is ``home.soundscapes.chosen``'s rule (``--soundscape``, the setting, the
script's key). The bed (``audio.bed``) fades in over the opening, gives way to every line the
voice says (``Turns`` tells it when each is heard), fades out when the session pauses and in
when it goes on, stays at ``GROUND_DB`` below itself through the grounding pause (it soothes),
and fades out over ``END_FADE_S`` from the end bell's strike. A soundscape that can't play is a
one-line notice; the session goes on without it.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol

from ...audio.api import DEFAULT_FADE_MS, PlayHandle
from ...core.script.text import plain
from ...core.session import events as ev
from .ducking import SPOKEN
from .stage import Stage

if TYPE_CHECKING:
    from ...audio.bed import Bed
    from ...core.script.model import Script
    from ...core.session.engine import Session

OPENING_FADE_S = 6.0
"""The fade in when the session opens without chimes (with them: over the opening)."""
END_FADE_S = 6.0
"""The fade out from the end bell's strike (about as long as the bell is heard)."""
STOP_FADE_S = 2.0
"""The fade out when a session is stopped before its end."""
GROUND_DB = 10.0
"""How far below its level the bed stays while the grounding pause is open."""
SAME_LINE_S = 1.0
"""A line heard at most this long after a line was planned is that line (a turn waited)."""


class Playing(Protocol):
    """What the listener asks of a bed (``audio.bed.Bed``; a render's ``NotedBed``)."""

    @property
    def playing(self) -> bool:
        """True until it has faded out."""
        ...

    def start(self, fade_in_s: float, *, writer: bool = True) -> bool:
        """Start, fading in; False when it can't."""
        ...

    def to(self, level: float, seconds: float) -> None:
        """Move the level."""
        ...

    def duck(self, key: int, start: float, end: float) -> None:
        """Give way to a line."""
        ...

    def undo(self, key: int) -> None:
        """Ease back from a line that no longer comes."""
        ...

    def fade_out(self, seconds: float, at: float | None = None) -> None:
        """Fade out and stop."""
        ...

    def stop(self) -> None:
        """Fade quickly and stop."""
        ...


BedMaker = Callable[[Any, str, int], "Playing | str | None"]
"""(output, name, volume) -> a bed ready to start, a reason it can't play, or None (no sound)."""


def open_bed(output: Any, name: str, volume: int) -> Bed | str | None:
    """The real bed for ``name`` on ``output`` (a ``SoundOutput``), or why not."""
    if output is None or not hasattr(output, "play_buffer") or volume <= 0:
        return None
    from ...audio.bed import Bed
    from ...audio.loops import LoopError, open_loop
    from ...home.soundscapes import Soundscape, find

    found = find(name)
    if not isinstance(found, Soundscape):
        return found
    try:
        loop = open_loop(found.path, bundled=found.bundled)
    except LoopError as problem:
        return str(problem)
    try:
        return Bed(output, loop, volume)
    except OSError as problem:
        loop.close()
        return f"no memory for the soundscape ({problem.strerror or problem})"


class Soundscape:
    """The bed under each session."""

    def __init__(self, stage: Stage, option: str | None = None, maker: BedMaker = open_bed):
        self.stage = stage
        self.option = option  # --soundscape, when given
        self.maker = maker
        self.bed: Playing | None = None
        self._grounding = False
        self._ending: Playing | None = None  # fading out after the end
        self._ready: tuple[str, Playing | str | None] | None = None  # opened by ``ready``
        self.seconds: Callable[[str], float | None] = lambda _text: None
        """How long the voice says a line (None: it doesn't): the dispatcher sets the voice's."""
        self._coming: dict[float, tuple[int, str, float]] = {}  # due -> (key, text, wall start)
        self._keys = itertools.count(-1, -1)  # a planned line's key (a handle's id is positive)

    def name_for(self, session: Session) -> str | None:
        """The soundscape this session plays under, if any."""
        from ...home.soundscapes import chosen

        script = session.timeline.script.soundscape
        return chosen(self.option, self.stage.settings.soundscape, script)

    def ready(self, script: Script) -> None:
        """Open the bed ``script`` plays under ahead of its start (``Conductor.prepare``, in a
        worker: reading a file of one's own, or loading soundfile for it, takes a moment)."""
        from ...home.soundscapes import chosen

        self._discard()
        name = chosen(self.option, self.stage.settings.soundscape, script.soundscape)
        if name is not None and self.stage.output is not None:
            self._ready = (name, self._open(name))

    def _open(self, name: str) -> Playing | str | None:
        return self.maker(self.stage.output, name, self.stage.settings.soundscape_volume)

    def _discard(self) -> None:
        """Let go of a bed made ready that no session started."""
        ready, self._ready = self._ready, None
        if ready is not None and ready[1] is not None and not isinstance(ready[1], str):
            ready[1].stop()

    def begin(self, session: Session) -> None:
        """Start the bed (opened now if ``ready`` wasn't told), fading in over the opening."""
        self._let_go(0.06)
        self._grounding = False
        name = self.name_for(session)
        if name is None or self.stage.output is None:
            self._discard()
            return
        if self._ready is not None and self._ready[0] == name:
            bed, self._ready = self._ready[1], None
        else:
            self._discard()
            bed = self._open(name)
        if isinstance(bed, str):
            self.stage.note(f"The soundscape is not heard: {bed}.")
            return
        if bed is None:
            return
        steps = session.timeline.steps
        opening = steps[0].lead if steps else 0.0
        fade = (opening if opening > 0 else OPENING_FADE_S) / self.stage.speed
        if bed.start(fade):
            self.bed = bed
        else:
            self.stage.note("The soundscape is not heard: the sound device refused it.")

    def handle(self, event: ev.Event) -> None:
        """The lines coming, pause, resume and the end."""
        bed = self.bed
        if bed is None:
            return
        if isinstance(event, ev.StepStarted | ev.Extended):
            if not (isinstance(event, ev.StepStarted) and event.natural):
                self._withdraw()  # a jump, or a step's new end: what was planned may not come
            self._plan(bed)
        elif isinstance(event, ev.VoiceAwaited):
            self._withdraw()  # the step gone to waits for its voice: its lines come later
        elif isinstance(event, ev.Paused):
            self._withdraw()
            bed.to(0.0, DEFAULT_FADE_MS / 1000)
        elif isinstance(event, ev.Resumed):
            self._grounding = False
            bed.to(1.0, DEFAULT_FADE_MS / 1000)
            self._plan(bed)
        elif isinstance(event, ev.SessionEnded):
            self._withdraw()
            rings = self.stage.end_rings_at
            if event.reason == "completed" and rings is not None:
                bed.fade_out(END_FADE_S, at=rings)
            else:
                bed.fade_out(STOP_FADE_S)
            self.bed, self._ending = None, bed

    def ground(self) -> None:
        """The grounding pause opens: the bed stays, lower."""
        if self.bed is not None:
            self._grounding = True
            self.bed.to(10 ** (-GROUND_DB / 20), 1.0)

    def spoken(self, handle: PlayHandle, start: float, end: float) -> None:
        """A line is heard from ``start`` to ``end`` (wall clock): the bed gives way. A line
        planned for about then (``_plan``) is this one: its duck hands over to the line's own,
        from the planned start if earlier, so the bed stays down without a step."""
        bed = self.bed
        if bed is None:
            return
        mine = [d for d, (_k, _t, at) in self._coming.items() if at <= start + SAME_LINE_S / 2]
        planned = [self._coming.pop(d) for d in mine]
        close = [at for _k, _t, at in planned if at >= start - SAME_LINE_S]
        bed.duck(id(handle), min([start, *close]), end)
        for key, _text, _at in planned:
            bed.undo(key)

    def _withdraw(self) -> None:
        """The lines planned may not come when planned (a jump, a new end, a pause, the end):
        the bed eases back from them (a resume plans them again)."""
        for key, _text, _at in self._coming.values():
            if self.bed is not None:
                self.bed.undo(key)
        self._coming.clear()

    def _plan(self, bed: Playing) -> None:
        """Tell the bed ahead of each line still to come in this step and the next (their
        moments are on the timeline): its duck then eases down before the voice begins, not
        as the line is already heard (the device takes a change only a moment ahead)."""
        session = self.stage.session
        if session is None or session.current is None:
            return
        now, speed = self.stage.wall(), self.stage.speed
        practised = session.practised
        begun = practised - session.step_elapsed
        steps = session.timeline.steps[session.index : session.index + 2]
        for n, step in enumerate(steps):
            if n and math.isinf(session.step_length):
                break  # the next step begins when the person answers
            start = begun + (session.step_length if n else 0.0)
            for cue in step.cues:
                due = round(start + cue.at, 3)
                text = plain(cue.said or cue.text)
                if not (cue.speak and cue.kind in SPOKEN) or due <= practised:
                    continue
                seconds = self.seconds(text) if due not in self._coming else None
                if seconds is not None:
                    key, at = next(self._keys), now + (due - practised) / speed
                    self._coming[due] = (key, text, at)
                    bed.duck(key, at, at + seconds)

    def _let_go(self, seconds: float) -> None:
        if self.bed is not None:
            self.bed.fade_out(seconds)
            self.bed = None

    def close(self) -> None:
        """The app run ends: the bed fades quickly and stops."""
        self._discard()
        for bed in (self.bed, self._ending):
            if bed is not None and bed.playing:
                bed.stop()
        self.bed = self._ending = None
