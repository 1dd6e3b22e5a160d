"""The voice made in the order it is heard, while the session plays.

``Conductor.prepare`` hands ``Unfolding`` every line in the order the person will hear it (the
app's check-in first, then each step's lines, the breath's words before the first breathing
step's, the closing check-in last). Lines already in the cache are ready at once; the rest are
rendered in a thread, in that order. ``prepare`` returns as soon as what is heard first is
ready (``wait``): the check-in's question, or the first step's lines. The
session then plays an unfolding timeline: ``latest`` lays it out again with every real length
there is so far and says how many steps from the first are final, and the engine enters a step
only once it is (``core/session/unfolding.py``), so the timing is that of a voice made
beforehand. A render to a file, and a speech that can't say what is in its cache, make
everything first (``run_here``), as before.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path

from ..audio.speech import Speech
from ..core.script.model import Script
from ..core.script.text import plain
from ..core.session.cues import Cue
from ..core.session.timeline import Timeline

Found = dict[str, Path]


class _Stopped(Exception):
    """Raised through the renderer from its progress callback: the play is over."""


class Unfolding:
    """Renders every line of ``given`` (as shown -> as the voice is given it, in heard
    order); each step says ``steps[i]`` (as shown), and the app's check-in asks ``before``
    first. ``arrived`` is told of each line made; ``finished`` once, at the end, with all."""

    def __init__(
        self,
        speech: Speech,
        voice: str | None,
        rate: int,
        given: dict[str, str],
        steps: Sequence[Sequence[str]],
        before: Sequence[str],
        *,
        arrived: Callable[[Found], None],
        finished: Callable[[Found], None],
    ) -> None:
        self.speech, self.voice, self.rate = speech, voice, rate
        self.texts = list(dict.fromkeys(given.values()))
        self.needs = needs_of(steps, given)
        self.asked = needs_of([before], given)[0]  # heard before the session starts
        self._arrived, self._finished = arrived, finished
        self._lay_out: Callable[[], Timeline] | None = None  # given to ``ready``
        self._changed = threading.Condition()
        self._made: set[str] = set()
        self._ready = 0  # steps from the first whose lines are all made
        self._generation = 0  # lines made so far, as far as the layout is concerned
        self._laid: tuple[int, Timeline] | None = None
        self._scan = 0  # ``texts[_scan:]`` are still to be looked for in the cache
        self.done = False
        self._stop = False

    def ready(
        self,
        lay_out: Callable[[], Timeline],
        progress: Callable[[int, int], None],
        *,
        early: bool,
    ) -> Timeline:
        """Block until what is heard first is made (``early``; else every line), and return
        the timeline to play, laid out by ``lay_out`` with the real lengths there are: final
        when every line was ready, else unfolding (``Timeline.unfolding``)."""
        self._lay_out = lay_out
        if not early or not callable(getattr(self.speech, "cached", None)):
            self.run_here(progress)  # a speech that can't say what it holds makes all first
            return lay_out()  # the play's one compile
        self.start()
        self.wait(self.asked or first_heard(self.needs), progress)
        if self.done:
            return lay_out()  # every line was ready: the play's one compile
        laid, _ready = self.latest()
        return replace(laid, unfolding=self)

    # -- rendering ----------------------------------------------------------------------

    def run_here(self, progress: Callable[[int, int], None]) -> None:
        """Render everything now (blocking), as before a session whose voice is made first."""
        found = self.speech.render_missing(self.texts, self.voice, self.rate, progress)
        self._finish(found)

    def start(self) -> None:
        """Take what the cache holds, and render the rest in a thread, in order."""
        self._look()
        if len(self._made) == len(set(self.texts)):
            self._finish({})
            return
        threading.Thread(target=self._run, name="voice-ahead", daemon=True).start()

    def _run(self) -> None:
        found: Found = {}
        try:
            missing = [t for t in self.texts if t not in self._made]
            found = self.speech.render_missing(missing, self.voice, self.rate, self._progress)
        except Exception:  # stopped, or the engine failed: what was made is still said
            found = {}
        finally:
            self._finish(found)

    def _progress(self, done: int, total: int) -> None:
        if self._stop:
            raise _Stopped
        self._look()

    def _look(self) -> None:
        """The lines now in the cache, in heard order from the first not yet found (with two
        workers a later line may come first; it is found with the one before it)."""
        cached = getattr(self.speech, "cached", None)
        found: Found = {}
        while cached is not None and self._scan < len(self.texts):
            text = self.texts[self._scan]
            path = found.get(text) or cached(text, self.voice, self.rate)
            if path is None:
                break
            found[text] = path
            self._scan += 1
        self._add(found)

    def _add(self, found: Found) -> None:
        """Lines made: the voice first, so a layout that counts them has their lengths."""
        new = {t: p for t, p in found.items() if t not in self._made}
        if not new:
            return
        self._arrived(new)
        with self._changed:
            self._made.update(new)
            self._generation += 1
            while self._ready < len(self.needs) and self.needs[self._ready] <= self._made:
                self._ready += 1
            self._changed.notify_all()

    def _finish(self, found: Found) -> None:
        self._add(found)
        if not self._stop:  # after the play, nothing more is said of it or made for it
            self._finished(found)
        with self._changed:
            self.done = True
            self._generation += 1  # lines that failed are final at their estimate
            self._changed.notify_all()

    # -- waiting and playing ------------------------------------------------------------

    def wait(self, first: set[str], progress: Callable[[int, int], None]) -> None:
        """Block until the lines in ``first`` are made (or every line is), telling
        ``progress`` how many are; an exception from it stops the rendering and goes on up."""
        total = len(first)
        while True:
            with self._changed:
                made = len(first & self._made)
                if self.done or made == total:
                    break
                self._changed.wait(0.5)
            try:
                progress(made, total)
            except BaseException:
                self.stop()
                raise
        progress(total, total)

    def latest(self) -> tuple[Timeline, int]:
        """The newest layout, and how many steps from the first are final in it."""
        with self._changed:
            generation = self._generation
            ready = len(self.needs) if self.done else self._ready
        if self._laid is None or self._laid[0] != generation:
            assert self._lay_out is not None, "latest comes after ready"
            self._laid = (generation, self._lay_out())
        return self._laid[1], ready

    def stop(self) -> None:
        """Render no more (the play is over); the thread ends after the line it is on."""
        self._stop = True


def needs_of(steps: Sequence[Sequence[str]], given: dict[str, str]) -> list[set[str]]:
    """Each step's lines as the voice is given them (lines with answers in them aside);
    ``given`` maps each line as shown to that."""
    return [{given[k] for k in map(plain, lines) if k in given} for lines in steps]


def first_heard(needs: Sequence[set[str]]) -> set[str]:
    """The lines of the first step that says something (the steps before it say nothing).

    The session starts once they are made: a later step is entered only once its own lines
    are (``core/session/unfolding.py``), and a line takes hibari about a third of a second of
    one core, so the next step's are made long before the first step's line and pause have
    been heard; on a machine too slow for that, the step waits at its start
    (``VoiceAwaited``), never late over the next."""
    return next((lines for lines in needs if lines), set())


def heard_by_step(
    script: Script, ahead: Sequence[Sequence[Cue]], words: list[str]
) -> list[list[str]]:
    """What each step says (as shown), in the order heard: its cues ``ahead`` laid out alone,
    and the breath's ``words`` before the first breathing step's lines."""
    steps = [[cue.said or cue.text for cue in cues if cue.speak] for cues in ahead]
    if words:
        first = next(i for i, step in enumerate(script.steps) if step.kind == "breathe")
        steps[first] = [*words, *steps[first]]
    return steps
