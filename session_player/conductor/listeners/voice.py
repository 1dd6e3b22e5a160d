"""The voice: spoken lines, rendered ahead of the session, and lines with answers in them.

Lines with the person's answers in them ("{name}") are rendered in the background as soon as an
answer completes them, into a private folder that is removed when the run ends (they are not
kept in the speech cache); one that is shown before its voice is ready is spoken as soon as it
is, if it still ends before its step does and nothing else has been said since; otherwise it is
dropped, and the next cue keeps its time (never both at once).

One voice at a time (``Turns``): a step the person leaves fades what its voice was saying
before the next step speaks; a line waits for a breath word to end; breath words and counts
give way to lines.
"""

from __future__ import annotations

import tempfile
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import suppress
from pathlib import Path

from ...audio.api import PlayHandle
from ...audio.speech import Speech
from ...core.script.model import Script
from ...core.script.pronounce import respell
from ...core.script.text import fill, plain, reading_seconds, variables_in
from ...core.session import events as ev
from ...core.session.engine import Session
from .stage import Stage
from .turns import Turns


class Voice:
    """Speaks what the engine shows, in the person's (or the script's language's) voice."""

    def __init__(self, stage: Stage, speech: Speech | None) -> None:
        self.stage = stage
        self.speech = speech
        self.spoken: dict[str, Path] = {}  # text as spoken -> its rendered WAV
        self._language_voice: str | None = None
        self._pronounce: tuple[tuple[str, str], ...] = ()  # the script's own pronunciations
        self._templates: list[str] = []
        self._voicing: ThreadPoolExecutor | None = None
        self._answers: tempfile.TemporaryDirectory[str] | None = None
        self._lock = threading.Lock()  # guards spoken, _pending and _unvoiced across threads
        self._pending: set[str] = set()
        self._asides: set[str] = set()  # lines from outside the script (``speak_aside``)
        self._unvoiced: str | None = None  # the line on show whose voice wasn't ready for it
        self._then: dict[str, Callable[[], None]] = {}  # lines made when asked: what follows
        self.turns = Turns(stage.wall)
        self._lengths: dict[Path, float] = {}
        self._given: dict[str, str] = {}  # each line as shown -> as the voice is given it

    # -- before the session ---------------------------------------------------------------

    def lines_for(self, script: Script, said: Sequence[str]) -> dict[str, str]:
        """Get ready to voice ``script``, which says ``said`` (its own lines, the breath's
        words and counts, the app's check-ins, in the order they are heard): each line as
        shown -> as the voice is given it (the script's own pronunciations, ``[pronounce]``,
        applied), in that order. Lines with answers in them are rendered when answered."""
        texts = [t for t in dict.fromkeys(said) if t]
        self._templates = sorted(t for t in texts if _has_vars(t))
        self._language_voice = _voice_for(self.speech, self.stage, script.language)
        self._pronounce = script.pronounce
        with self._lock:
            self.spoken = {}
            self._then = {}
            self._given = {
                plain(t): respell(plain(t), self._pronounce) for t in texts if not _has_vars(t)
            }
        return dict(self._given)

    def arrived(self, rendered: dict[str, Path]) -> None:
        """Lines made (keyed as the voice was given them): each is said from now on."""
        with self._lock:
            for shown, text in self._given.items():
                if text in rendered:
                    self.spoken[shown] = rendered[text]
            waiting = [self._then.pop(t) for t in list(self._then) if t in self.spoken]
        for then in waiting:
            self.stage.later.call(0.0, then)

    def rendered(self, rendered: dict[str, Path]) -> None:
        """Every line that will be made is: say which could not be (they are shown)."""
        self.arrived(rendered)
        self._take_notes()  # e.g. a natural voice that stopped, and espeak-ng spoke instead
        with self._lock:
            missing = sum(shown not in self.spoken for shown in self._given)
        if missing:
            # One reason for them all (an unknown voice, a missing engine) is worth saying.
            reasons = set(getattr(self.speech, "last_failures", {}).values())
            why = f" ({reasons.pop()})" if len(reasons) == 1 else ""
            self.stage.note(f"{missing} line(s) could not be spoken{why}; they are shown.")

    def length(self) -> Callable[[str], float] | None:
        """A spoken line's real length once it is made (until then, the reading estimate),
        or None without a voice."""
        speech = self.speech
        if speech is None:
            return None
        lengths: dict[Path, float] = {}

        def length(text: str) -> float:
            path = self.spoken.get(plain(text))
            if path is None:
                return reading_seconds(plain(text))
            if path not in lengths:
                lengths[path] = speech.length_seconds(path)
            return lengths[path]

        return length

    # -- during the session ---------------------------------------------------------------

    def begin(self, session: Session) -> None:
        """Nothing to do before the first line."""

    def handle(self, event: ev.Event) -> None:
        """Say lines and touch words; start rendering what new answers complete."""
        if isinstance(event, ev.LineShown | ev.TouchCue) and event.text:
            if not isinstance(event, ev.LineShown) or event.speak:  # a read-back may be silent
                self.speak(event.text)
        elif isinstance(event, ev.StepStarted | ev.SessionEnded) or ev.left(event):
            self._unvoiced_no_more()  # a late voice belongs to the step it was shown in
            # The voice of a step left fades before the next speaks, and at once when the next
            # must wait for its voice (a busy computer); one that ran its time is heard out.
            natural = isinstance(event, ev.StepStarted) and event.natural
            if isinstance(event, ev.SessionEnded):
                self.turns.resumed()  # nothing is held after the end (see Conductor)
            self.turns.leave(fade=not natural)
        elif isinstance(event, ev.Answered):
            self._voice_answers()  # a skipped question fills in its default, so always
        elif isinstance(event, ev.Paused):
            self.turns.paused()
        elif isinstance(event, ev.Resumed):
            self.turns.resumed()

    def speak(self, text: str, *, breath: bool = False) -> float | None:
        """Say ``text`` (as events carry it) in its turn; a voice still rendering plays when it
        is ready. A breath word or count (``breath``) is never waited for. Returns the wall
        seconds until it will have been said, when it plays now."""
        with self._lock:
            path = self.spoken.get(text)
            if not breath:
                self._unvoiced = text if path is None else None
        return self._in_turn(path, line=not breath)

    def speak_aside(self, text: str) -> None:
        """Say a line from outside the script (the aftercare offer, after the session) in its
        turn: rendered first if need be, off the caller's thread, into the private folder (it
        may hold the person's own support line, so it is never kept as sound)."""
        if self.speech is None:
            return
        with self._lock:
            self._asides.add(text)  # said when ready, whatever step the session is in
        self.speak(text)  # said now when it is rendered already, else as soon as it is
        self._render_later(text)

    def made(self, text: str, then: Callable[[], None]) -> bool:
        """Whether ``text`` (as events carry it) is made, so ``speak`` says it. If not (a line
        not made ahead, as a check-in asked around a short sit), it is made now off the
        caller's thread, into the private folder (or, made ahead but not yet there, awaited),
        and ``then`` is called once it is (in session time: through a pause). Without a voice,
        nothing is made: True."""
        if self.speech is None:
            return True
        with self._lock:
            if text in self.spoken:
                return True
            self._then[text] = then
            coming = text in self._given  # made ahead, still on its way: ``arrived`` tells
        if not coming:
            self._render_later(text)
        return False

    def line_sounding(self, after: float = 0.0) -> bool:
        """True while a line (not a breath word) is being said, or is about to be, and will
        still be ``after`` seconds from now."""
        return self.turns.sounding(lines_only=True, after=after)

    def line_sounding_for(self) -> float:
        """Seconds until the lines being said (or about to be) have ended; 0 when none is."""
        return self.turns.lines_left()

    def seconds(self, text: str) -> float | None:
        """How long ``text`` takes to say, if it is rendered."""
        with self._lock:
            path = self.spoken.get(text)
        return None if path is None else self._length(path)

    def _in_turn(self, path: Path | None, *, line: bool) -> float | None:
        """Play ``path`` once the voice is free (see ``Turns``); seconds until it has ended."""
        if path is None:
            return None
        delay = self.turns.turn()
        handle = self.stage.play(path, self.stage.settings.voice_volume, delay)
        if handle is None:
            return None
        if line:
            self.stage.voice = handle
        self.turns.started(handle, self._length(path), delay, line=line)
        return delay + self._length(path)

    def _length(self, path: Path) -> float:
        if path not in self._lengths:
            try:
                self._lengths[path] = (
                    0.0 if self.speech is None else self.speech.length_seconds(path)
                )
            except Exception:  # a line whose length can't be read is not waited for
                self._lengths[path] = 0.0
        return self._lengths[path]

    def say(self, path: Path | None) -> PlayHandle | None:
        """Play one rendered line at the voice volume; its handle, if it plays."""
        handle = self.stage.play(path, self.stage.settings.voice_volume)
        if handle is not None:
            self.stage.voice = handle
        return handle

    def preview(self) -> PlayHandle | None:
        """Say a short sample in the chosen voice, at the chosen words a minute."""
        if self.speech is None:
            return None
        handle = self.say(self.speech.preview(self.voice_id, self.stage.settings.voice_rate))
        self._take_notes()
        return handle

    def settle(self) -> None:
        """Block until the lines answers have completed are rendered (a render waits for them;
        a played session never does)."""
        if self._voicing is not None:
            with suppress(RuntimeError):  # after close: nothing is rendering
                self._voicing.submit(lambda: None).result()

    def close(self) -> None:
        """Stop rendering; the person's words are not kept as sound."""
        if self._voicing is not None:
            self._voicing.shutdown(wait=False, cancel_futures=True)
        if self._answers is not None:
            self._answers.cleanup()

    @property
    def voice_id(self) -> str | None:
        """The voice that speaks: the person's choice, or one for the script's language."""
        return self.stage.settings.voice_id or self._language_voice

    # -- lines with answers in them -------------------------------------------------------

    def _voice_answers(self) -> None:
        """Start rendering every line the answers so far complete (off the caller's thread)."""
        session = self.stage.session
        if self.speech is None or session is None or session.ended or not self._templates:
            return  # once ended (a question left open by stopping), nothing more is voiced
        values = dict(session.variables)
        for template in self._templates:
            if not set(variables_in(template)) <= values.keys():
                continue
            self._render_later(fill(template, values))

    def _render_later(self, text: str) -> None:
        """Render ``text`` on the answers thread, unless it is rendered or on its way."""
        with self._lock:
            if text in self.spoken or text in self._pending:
                return
            self._pending.add(text)
        worker, folder = self._answers_worker()
        with suppress(RuntimeError):  # after close: nothing more to render
            worker.submit(self._render_answer, text, folder)

    def _answers_worker(self) -> tuple[ThreadPoolExecutor, Path]:
        """The answers thread and its private folder, made when first needed."""
        if self._voicing is None or self._answers is None:
            self._voicing = ThreadPoolExecutor(max_workers=1, thread_name_prefix="answers")
            self._answers = tempfile.TemporaryDirectory(
                prefix="session-player-", ignore_cleanup_errors=True
            )
        return self._voicing, Path(self._answers.name)

    def _render_answer(self, text: str, folder: Path) -> None:
        """In the answers thread: render one line; speak it now if it is already shown."""
        assert self.speech is not None
        try:
            path: Path | None = self.speech.render_to(
                respell(text, self._pronounce),
                self.voice_id,
                self.stage.settings.voice_rate,
                folder,
            )
        except Exception:  # that line is shown and not spoken; the session goes on
            path = None
            self.stage.note("A line with your words in it could not be spoken; it is shown.")
        self._take_notes()
        with self._lock:
            self._pending.discard(text)
            if path is None:
                return
            self.spoken[text] = path
            late = self._unvoiced == text  # shown already, without its voice
            then = self._then.pop(text, None)
        if then is not None:
            self.stage.later.call(0.0, then)
        if late:  # waits through a pause, and is dropped if the session ends first
            self.stage.later.call(0.0, self._play_late, text, path)

    def _take_notes(self) -> None:
        """Speech's own notices (a voice that stopped, one not installed), each shown once."""
        assert self.speech is not None
        for note in self.speech.notes():
            self.stage.note(note)

    def _play_late(self, text: str, path: Path) -> None:
        """A late voice, if its line is still on show without it (the person may have gone on,
        or come back to it, while the session was paused)."""
        with self._lock:
            late = self._unvoiced == text
            self._unvoiced = None if late else self._unvoiced
        if late and (text in self._asides or self._fits(path)):
            self._in_turn(path, line=True)

    def _fits(self, path: Path) -> bool:
        """Whether a late line ends before its step does (else it is dropped, and the next
        step's voice keeps its time)."""
        session = self.stage.session
        if session is None or session.current is None:
            return False
        left = (session.step_length - session.step_elapsed) / self.stage.speed
        return self._length(path) <= left

    def _unvoiced_no_more(self) -> None:
        with self._lock:
            self._unvoiced = None


def _voice_for(speech: Speech | None, stage: Stage, language: str) -> str | None:
    """The first installed voice for the script's ``language`` (settings' choice wins)."""
    if stage.settings.voice_id or speech is None:
        return None
    try:
        return speech.first_voice(language)
    except Exception:  # a voice list is a nicety; the default voice will do
        return None


def _has_vars(text: str) -> bool:
    try:
        return bool(variables_in(text))
    except ValueError:
        return False
