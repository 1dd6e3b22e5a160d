"""Kept answers around a session: filled into the script before it plays, kept when given.

Before a session, ``apply`` fills the kept answers a script uses (or their fallbacks) into its
text and phrases; during it, the answer of a step marked ``keep`` is kept, off the caller's
thread. Nothing is kept in a preview (``--speed``), nor when the person has chosen not to keep
written text. A kept-answers file that can't be read or written means the fallbacks are used and
a one-line notice says so; the session never waits or fails for it.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from ...core.log.errors import LogUnavailable
from ...core.log.kept import KeptStore
from ...core.script.kept import uses_kept, with_kept
from ...core.script.model import Script
from ...core.session import events as ev
from ...core.session.engine import Session
from ...core.session.timeline import Timeline
from .stage import Stage


class Keeper:
    """Reads and keeps the answers a script shares with later sessions."""

    def __init__(self, stage: Stage, store: KeptStore | None, *, keep: bool = True) -> None:
        self.stage = stage
        self.store = store
        self.keep = keep and store is not None
        self._timeline: Timeline | None = None
        self._writer: ThreadPoolExecutor | None = None

    def fill(self, script: Script) -> Script:
        """The script to play: kept answers (or their fallbacks) filled in (blocking). A script
        that uses none is returned as it is, and so is every step they leave unchanged."""
        if not uses_kept(script):
            return script
        values: dict[str, str] = {}
        if self.store is not None:
            try:
                values = self.store.values()
            except LogUnavailable as problem:
                self.stage.note(f"Your kept answers could not be read ({problem.reason}).")
        return with_kept(script, values)

    def begin(self, session: Session) -> None:
        """Note which steps keep their answers."""
        self._timeline = session.timeline

    def handle(self, event: ev.Event) -> None:
        """Keep the answer of a step marked ``keep`` (never blocks)."""
        if not isinstance(event, ev.Answered) or not self.keep or self._timeline is None:
            return
        if (
            event.skipped
            or not event.text.strip()
            or not 0 <= event.step < len(self._timeline.steps)
        ):
            return
        step = self._timeline.steps[event.step].step
        if step.keep is None:
            return
        text = event.text.strip()
        session = self.stage.session
        if step.append and step.into and session is not None:
            # A letter written in parts is kept whole: every part so far, in order.
            parts = session.parts.get(step.into, {})
            text = "\n\n".join(parts[k] for k in sorted(parts)).strip() or text
        if self._writer is None:
            self._writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="kept")
        self._writer.submit(self._keep, step.keep, text, event.prompt, self._timeline)

    def _keep(self, name: str, text: str, prompt: str, timeline: Timeline) -> None:
        assert self.store is not None
        try:
            self.store.keep(name, text, script=timeline.script.name, prompt=prompt)
        except LogUnavailable as problem:
            self.stage.note(f"Your answer could not be kept for later ({problem.reason}).")

    def close(self) -> None:
        """Wait for answers still being kept."""
        if self._writer is not None:
            self._writer.shutdown(wait=True)
            self._writer = None
