"""The prompt a session has open: what has been typed into it so far, when it is said once more,
and what each answer has been written as. The engine decides when a prompt opens and closes."""

from __future__ import annotations

from collections.abc import Sequence

from ..script.model import Step
from ..script.text import fill
from .answers import answered, parts_before
from .cues import Cue
from .events import Event, Prompted, PromptKind, Reminded, Waiting
from .timeline import PlannedStep

REMIND_AFTER = 60.0  # a quiet minute with a prompt open: it may be said once more


class Asking:
    """The open prompt of a session whose answers fill ``variables``."""

    def __init__(self, variables: dict[str, str]) -> None:
        self.variables = variables
        self.parts: dict[str, dict[int, str]] = {}  # each answer as written, part by step
        self.prompt: Prompted | None = None
        self.draft = ""
        self.remind: float | None = None  # practised time the prompt is said again

    def clear(self) -> None:
        """No prompt open (a new step begins, or the session ends)."""
        self.prompt = None
        self.draft = ""
        self.remind = None

    def typed(self, text: str, practised: float) -> None:
        """What the person has typed so far, at ``practised``. Typing is not quiet: the prompt
        is said again only after a quiet minute."""
        if text != self.draft and self.remind is not None:
            self.remind = practised + REMIND_AFTER
        self.draft = text

    def open(self, cue: Cue, at: float, text: str, step: Step, index: int) -> Event:
        """The prompt ``cue`` opens at ``at`` (``text`` filled in), or the wait after it."""
        kind: PromptKind = cue.phase  # type: ignore[assignment]
        if cue.kind == "waiting":
            self.remind = at + REMIND_AFTER
            return Waiting(at, kind)
        said = fill(cue.said, self.variables) if cue.said else text
        earlier = parts_before(self.parts, step, index)
        self.prompt = Prompted(at, kind, text, step.into, cue.seconds, index, said, earlier)
        return self.prompt

    def reminder(self, now: float) -> list[Event]:
        """The prompt said once more, when a quiet minute has passed by practised ``now``."""
        if self.remind is None or self.prompt is None or now < self.remind:
            return []
        event = Reminded(self.remind, self.prompt.kind, self.prompt.said)
        self.remind = None
        return [event]

    def close(self, at: float, steps: Sequence[PlannedStep]) -> list[Event]:
        """Close the open prompt at ``at`` with what was typed (nothing typed: skipped)."""
        prompt = self.prompt
        if prompt is None:
            return []
        self.prompt = None
        step = steps[prompt.step].step
        skipped = not self.draft.strip()
        return [answered(prompt, step, self.draft, self.variables, at, skipped, self.parts)]
