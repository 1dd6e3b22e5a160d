"""A session with no one there to answer: what a rendered file holds (``session-player render``).

Steps that wait on a person become a quiet space of a stated length, with their prompt said as
in a played session: an ``ask`` or a ``check_in`` without ``for`` gets ``QUESTION_QUIET_S``; a
``write`` keeps its own time box (``for``, or the checker's default). Nothing is written, so a
``read_back`` has nothing to read and is left out (its section, if it opens one, moves to the
step after it). Kept answers are filled in later, as in a played session.
"""

from __future__ import annotations

from dataclasses import replace

from ..script.model import Script, Step

QUESTION_QUIET_S = 30.0
"""The quiet left after a question (``ask``, ``check_in``) that has no ``for`` of its own."""


def unattended(script: Script) -> Script:
    """``script`` as it plays with no one to answer: every step ends by itself."""
    steps: list[Step] = []
    carried: str | None = None  # the section of a step left out, opened by the next one
    for step in script.steps:
        if step.kind == "read_back":
            carried = carried or step.section
            continue
        if step.kind in ("ask", "check_in") and step.duration is None:
            step = replace(step, duration=QUESTION_QUIET_S)
        if carried is not None and step.section is None:
            step = replace(step, section=carried)
        carried = None
        steps.append(step)
    return replace(script, steps=tuple(steps))
