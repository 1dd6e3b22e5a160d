"""Kept answers around a session: filled into the script before it plays, kept when given.

The conductor owns one ``Keeper``. Before a session, ``apply`` fills the kept answers a script
uses (or their fallbacks) into its text and phrases; during it, ``answered`` keeps the answer of
a step marked ``keep``. Nothing is kept in a preview (``--speed``), nor when the person has
chosen not to keep written text. A kept-answers file that can't be read or written means the
fallbacks are used and a one-line notice says so; the session never waits or fails for it.
"""

from __future__ import annotations

from . import paths
from .core import events as ev
from .core.kept import uses_kept, with_kept
from .core.log.errors import LogUnavailable
from .core.log.kept import KeptStore
from .core.timeline import Timeline, compile_timeline


class Keeper:
    """Reads and keeps the answers a script shares with later sessions."""

    def __init__(self, store: KeptStore | None, *, keep: bool = True) -> None:
        self.store = store
        self.keep = keep
        self.notices: list[str] = []

    @classmethod
    def create(cls, *, keep: bool) -> Keeper:
        """The person's own kept answers (``paths.kept_path()``)."""
        return cls(KeptStore(paths.kept_path()), keep=keep)

    def apply(self, timeline: Timeline) -> Timeline:
        """The timeline to play: kept answers (or their fallbacks) filled in."""
        script = timeline.script
        if not uses_kept(script):
            return timeline
        values: dict[str, str] = {}
        if self.store is not None:
            try:
                values = self.store.values()
            except LogUnavailable as problem:
                self._notice(f"Your kept answers could not be read ({problem.reason}).")
        return compile_timeline(with_kept(script, values))

    def answered(self, timeline: Timeline, event: ev.Answered) -> None:
        """Keep the answer of a step marked ``keep`` (blocking: call it off the UI thread)."""
        if self.store is None or not self.keep or event.skipped or not event.text.strip():
            return
        if not 0 <= event.step < len(timeline.steps):
            return
        name = timeline.steps[event.step].step.keep
        if name is None:
            return
        try:
            self.store.keep(
                name, event.text.strip(), script=timeline.script.name, prompt=event.prompt
            )
        except LogUnavailable as problem:
            self._notice(f"Your answer could not be kept for later ({problem.reason}).")

    def _notice(self, text: str) -> None:
        if text not in self.notices:
            self.notices.append(text)
