"""The conductor: one dispatcher that hands session events to its listeners, for both front ends.

Each concern is a small listener in ``conductor.listeners``: the chimes (``Chimes``), the voice
(``Voice``), the log (``Logbook``) and kept answers (``Keeper``); they share one ``Stage``
(settings, the sound output, the notices). Nothing here blocks the caller: log writes go to one
background thread, sounds are handed to the audio output (which plays them asynchronously).
Speech is rendered in ``prepare``, which front ends call from a worker with a progress bar:
what is heard first before it returns, the rest while the session plays (``unfolding``).
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable
from itertools import chain
from pathlib import Path

from ..audio.api import Output
from ..audio.speech import Speech
from ..core.bundled import bundled_sounds
from ..core.clock import is_preview
from ..core.log.kept import KeptStore
from ..core.log.recorder import SessionRecorder
from ..core.script.kinds import said_aloud
from ..core.script.model import Script
from ..core.session import events as ev
from ..core.session.checkins import Moment
from ..core.session.engine import Session
from ..core.session.timeline import Timeline
from ..desktop.neighbour import Neighbour
from ..home import paths
from ..home.settings import Settings
from .heard import as_heard, steps_ahead
from .later import TimerFactory, thread_timer
from .listeners.breath import Breath, breath_mode
from .listeners.chimes import Chimes
from .listeners.desktop import Desktop, day_from_log
from .listeners.grounding import Grounding
from .listeners.keeper import Keeper
from .listeners.logbook import PROGRESS_EVERY, UNSAVED, Logbook
from .listeners.prompts import Prompts, check_in_said
from .listeners.soundscape import Soundscape, open_bed
from .listeners.stage import Listener, Stage
from .listeners.voice import Voice
from .unfolding import Unfolding, heard_by_step

PREVIEW_LONGEST_S = 30.0  # a sample is one short line; never wait longer than this

__all__ = ["PROGRESS_EVERY", "UNSAVED", "Conductor"]

CHIME_PREVIEW_LONGEST = 30.0  # seconds: a "Try" in Settings waits no longer for its chime
SOUNDSCAPE_PREVIEW_S = 8.0  # seconds of a soundscape Settings' "Try" plays


class Conductor:
    """Sound, voice and the log for one app run (one or more sessions in turn)."""

    def __init__(
        self,
        settings: Settings,
        *,
        recorder: SessionRecorder | None = None,
        output: Output | None = None,
        speech: Speech | None = None,
        wall: Callable[[], float] = time.monotonic,
        speed: float = 1.0,
        kept: KeptStore | None = None,
        timers: TimerFactory = thread_timer,
        soundscape: str | None = None,
    ) -> None:
        self.settings = settings
        self.speed = speed
        # A preview (any speed but real time) is not practice: nothing of it reaches the log.
        self.preview = is_preview(speed)
        recorder = None if self.preview else recorder
        self.stage = Stage(settings, output, wall, timers)
        self.stage.speed = speed
        self.notices = self.stage.notices
        self.recorder, self.output, self.speech = recorder, output, speech
        self.voice = Voice(self.stage, speech)
        self.chimes = Chimes(self.stage, self.voice)
        self.logbook = Logbook(self.stage, recorder)
        self.prompts = Prompts(self.stage, self.voice)
        self.breath = Breath(self.stage, self.voice)
        self.grounding_pause = Grounding(self.stage, self.voice)
        self.soundscape = Soundscape(self.stage, soundscape)
        self.voice.turns.on_line = self.soundscape.spoken
        self.soundscape.seconds = self.voice.seconds
        self.grounds = False
        """Whether the front end has a grounding pause to say (the TUI; plain mode has none):
        only then are its words rendered, in the background once the session's lines are."""
        # Kept answers are kept only in practice, and only if the person keeps written text.
        keep = settings.keep_text and not self.preview
        self.keeper = Keeper(self.stage, kept, keep=keep)
        # Sounds first: what is due on a boundary is heard on it; the log's writes can wait.
        self.listeners: list[Listener] = [
            self.breath, self.chimes, self.voice, self.prompts, self.grounding_pause,
            self.soundscape, self.logbook, self.keeper,
        ]  # fmt: skip
        self.desktop: Desktop | None = None
        self.unfolding: Unfolding | None = None

    @classmethod
    def create(
        cls,
        settings: Settings,
        *,
        sound: bool = True,
        voice: bool = True,
        speed: float = 1.0,
        log: bool = True,
        soundscape: str | None = None,
    ) -> Conductor:
        """The real conductor: the log, and sound and voice where the machine has them.
        Without ``log`` (a try from the editor), nothing reaches the log or the kept answers
        at any speed. ``soundscape`` is ``--soundscape``'s choice, over the settings'."""
        notices: list[str] = []
        # The recorder makes the folder itself, and turns a folder it can't make into a notice.
        # A preview opens no log at all.
        recorder = (
            SessionRecorder(paths.log_place(), keep_text=settings.keep_text)
            if log and not is_preview(speed)
            else None
        )
        output = speech = None
        if sound and settings.sound:
            from ..audio.player import open_output

            output, notice = open_output()
            if notice:
                notices.append(notice)
        if voice and settings.voice and output is not None:
            from ..audio.speech import open_speech

            speech, notice = open_speech(paths.cache_dir() / "speech")
            if notice:
                notices.append(notice)
            if not speech.available:
                speech = None
        kept = KeptStore(paths.kept_path()) if log else None
        conductor = cls(
            settings,
            recorder=recorder,
            output=output,
            speech=speech,
            speed=speed,
            kept=kept,
            soundscape=soundscape,
        )
        conductor.attach(
            Neighbour(
                settings,
                paths.state_dir(),
                note=conductor.stage.note,
                sound=output is not None,
                day=lambda: day_from_log(paths.database_path(), settings.streaks),
            )
        )
        conductor.notices.extend(notices)
        return conductor

    def attach(self, neighbour: Neighbour) -> None:
        """Tell the desktop of each session (notifications held, the machine awake, the end
        notification, hooks, the status line): the real conductor's, a test's when it asks."""
        self.desktop = Desktop(self.stage, neighbour)
        self.listeners.append(self.desktop)

    @property
    def unsaved(self) -> bool:
        """True after ``close`` when the log could not take everything."""
        return self.logbook.unsaved

    @property
    def unsaved_notice(self) -> str | None:
        """After ``close``, if the log could not take everything: why, and where it was kept."""
        return self.logbook.unsaved_notice

    @property
    def unsaved_document(self) -> str | None:
        """After ``close``, the sessions no folder would take, as text to print (or None)."""
        return self.logbook.unsaved_document

    # -- before the session ---------------------------------------------------------------

    def prepare(
        self, script: Script, progress: Callable[[int, int], None], *, early: bool = True
    ) -> Timeline:
        """Render the spoken lines of the checked ``script`` that are missing from the cache,
        in the order they are heard, and return its timeline laid out with their real
        lengths, the opening chimes and the ending's quiet. Blocks until what is heard first
        is ready (the check-in's question, or the first step's lines) and renders the rest
        while the session plays (its timeline unfolds: ``unfolding``); without ``early`` (a
        render to a file), until every line is. Lines with answers in them are rendered when
        the answers are given; their lengths stay estimates. Kept answers from earlier
        sessions are filled in first; with the "speak read-backs" setting, every read-back is
        said as well as shown."""
        script, given, steps, before = self.said(script)
        self.soundscape.ready(script)
        length, rings = self.voice.length(), self.output is not None
        # A breath's seconds are cues only where they are said: nothing else shows or plays
        # them, and each was a wake of its own wherever a step began off the whole second.
        counted = breath_mode(script, self.settings) == "counts"

        def lay_out() -> Timeline:  # the script as heard, with the voice's real lengths
            return as_heard(script, self.settings, length, rings=rings, counted=counted)

        if self.unfolding is not None:
            self.unfolding.stop()  # an earlier play's voice is no longer needed
        if self.voice.speech is None:
            self._voiced({})
            return lay_out()
        voice, rate = self.voice.voice_id, self.settings.voice_rate
        self.unfolding = Unfolding(self.voice.speech, voice, rate, given, steps, before,
                                   arrived=self.voice.arrived, finished=self._voiced)  # fmt: skip
        return self.unfolding.ready(lay_out, progress, early=early)

    def said(self, script: Script) -> tuple[Script, dict[str, str], list[list[str]], list[str]]:
        """``script`` as it plays, each line it says (as shown -> as the voice is given it),
        each step's lines, and the app's question before it, in the order they are heard."""
        script = self.keeper.fill(script)
        if self.settings.speak_read_backs:
            script = said_aloud(script)
        ahead = steps_ahead(script)
        words = self.breath.words(script, [cue for cues in ahead for cue in cues])
        check_ins = self.prompts.check_in_lines(script)
        before = [line for line in check_ins if line == check_in_said("before")]
        steps = heard_by_step(script, ahead, words)
        given = self.voice.lines_for(script, [*before, *chain(*steps), *check_ins])
        return script, given, steps, before

    def _voiced(self, rendered: dict[str, Path]) -> None:
        """Every line that will be made is: say what could not be, and only then make the
        grounding pause's words (the session's lines go first)."""
        if self.voice.speech is not None:
            self.voice.rendered(rendered)
        if self.grounds:
            self.grounding_pause.render()

    # -- during the session ---------------------------------------------------------------

    def begin(self, session: Session) -> None:
        """A session starts: every listener gets ready for it (the log opens its record)."""
        self.stage.session = session
        for listener in self.listeners:
            listener.begin(session)

    def handle(self, events: list[ev.Event]) -> None:
        """Hand a batch of events to every listener (never blocks)."""
        stage = self.stage
        for event in events:
            if isinstance(event, ev.Paused):
                stage.later.pause()
                if stage.output is not None:
                    stage.output.pause()  # sounds fade, never cut
            elif isinstance(event, ev.Resumed):
                stage.later.resume()
                if stage.output is not None:
                    stage.output.resume()
            elif isinstance(event, ev.SessionEnded):
                stage.later.cancel()  # nothing still to come rings after the end
            for listener in self.listeners:
                listener.handle(event)
            if isinstance(event, ev.SessionEnded):
                self._unhold()

    def _unhold(self) -> None:
        """An end reached while paused (stopped from the stop question or the grounding pause)
        holds nothing more: what was paused has faded for good, and what comes after the end
        (the closing check-in, the end chime) is heard at once, not on a resume that never
        comes."""
        stage = self.stage
        stage.later.resume()
        if stage.output is not None and getattr(stage.output, "paused", False):
            stage.output.resume()

    def tick(self, session: Session) -> None:
        """Called about once a second: keep the log's practised time fresh."""
        self.stage.session = session
        self.logbook.tick()
        if self.desktop is not None:
            self.desktop.tick()

    def asking(self, moment: Moment) -> None:
        """The app's before or after check-in appears: the voice says it and its scale."""
        self.prompts.ask(moment)

    def grounding(self) -> None:
        """The grounding pause opens (the session paused first): the voice says it, and the
        soundscape stays, lower."""
        self.grounding_pause.ground()
        self.soundscape.ground()

    def grounded(self, resume: bool) -> None:
        """The grounding pause closes, after the session resumed (``resume``) or ended: its
        words fade, and "Resuming." is said softly."""
        self.grounding_pause.grounded(resume)

    def check_in(self, moment: Moment, label: str, value: int | None) -> None:
        """A before or after rating (None: skipped, nothing is kept)."""
        self.prompts.answered(moment)
        self.logbook.check_in(moment, label, value)

    def say(self, text: str) -> None:
        """Say a line from outside the session's script (the aftercare offer as the end of a
        session shows it), after the end chime's strike; never blocks."""
        self.prompts.aside(text)

    def preview_voice(self, playing: Callable[[], None] | None = None) -> None:
        """Say a short sample in the chosen voice and wait until it has been heard; ``playing``
        is called as it starts."""
        handle = self.voice.preview()
        if handle is not None:
            if playing is not None:
                playing()
            handle.wait(timeout=PREVIEW_LONGEST_S)

    def preview_chime(self, name: str) -> None:
        """Ring bundled chime ``name`` once at the chime volume, and wait for it to fade
        (Settings' "Try"). Nothing rings where there is no sound."""
        sound = bundled_sounds().get(name)
        if self.output is None or sound is None or not self.output.available:
            return
        self.output.play(sound, self.settings.chime_volume).wait(CHIME_PREVIEW_LONGEST)

    def preview_soundscape(self, name: str) -> str | None:
        """Play soundscape ``name`` for ``SOUNDSCAPE_PREVIEW_S`` at its volume, fading in and
        out (Settings' "Try"); returns why it can't be heard, or None."""
        if self.output is None or not self.output.available:
            return None
        bed = open_bed(self.output, name, self.settings.soundscape_volume)
        if bed is None or isinstance(bed, str):
            return bed
        if bed.start(1.0):
            bed.fade_out(1.5, at=self.stage.wall() + SOUNDSCAPE_PREVIEW_S - 1.5)
            bed.wait(SOUNDSCAPE_PREVIEW_S + 2.0)
        return None

    def ring_out(self) -> None:
        """Blocking: let the end chime ring to its end before ``close`` (plain mode, where the
        process ends next); a quit meanwhile fades it over two seconds."""
        self.chimes.ring_out()

    def close(self) -> None:
        """Finish: a session still open is recorded as stopped; wait for the log."""
        if self.unfolding is not None:
            self.unfolding.stop()
        session = self.stage.session
        if session is not None and session.ended is None:
            self.handle(session.stop("stopped"))
        for listener in self.listeners:
            listener.close()
        if self.output is not None:
            with contextlib.suppress(Exception):
                self.output.close()
