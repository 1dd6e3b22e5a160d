"""A session with no one there to answer: what a rendered file holds (``session-player render``).

Each kind says how its steps play with no one there (``Kind.unattended``): a step that waits on
a person becomes a quiet space of a stated length, with its prompt said as in a played session
(an ``ask`` or a ``check_in`` without ``for`` gets ``kinds._prompt.QUESTION_QUIET_S``; a
``write`` keeps its own time box, ``for`` or the checker's default). Nothing is written, so a
``read_back`` has nothing to read and is left out (its section, if it opens one, moves to the
step after it). Kept answers are filled in later, as in a played session.
"""

from __future__ import annotations

from dataclasses import replace

from ..script.kinds import KINDS
from ..script.model import Script, Step


def unattended(script: Script) -> Script:
    """``script`` as it plays with no one to answer: every step ends by itself."""
    steps: list[Step] = []
    carried: str | None = None  # the section of a step left out, opened by the next one
    for step in script.steps:
        alone = KINDS[step.kind].unattended
        played = step if alone is None else alone(step)
        if played is None:
            carried = carried or step.section
            continue
        step = played
        if carried is not None and step.section is None:
            step = replace(step, section=carried)
        carried = None
        steps.append(step)
    return replace(script, steps=tuple(steps))
