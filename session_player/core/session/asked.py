"""Which of the app's check-ins a session asks: before and after, unless the script checks in on
itself there (its own check-in stands in for the app's, so nothing is asked twice).

Where a step stands is its kind's to say (``Kind.practice``): a check-in before the first step
that is the practice itself opens the session, one after the last of them closes it (spoken
lines and chimes may stand around it)."""

from __future__ import annotations

from ..script.kinds import PRACTICE
from ..script.model import Script
from .checkins import Moment


def own_check_ins(script: Script) -> frozenset[Moment]:
    """The moments a script checks in on itself: "before" when a ``check_in`` step comes
    before any practice step, "after" when one comes after the last. That check-in replaces
    the app's for the session, so nothing is asked twice."""
    kinds = [step.kind for step in script.steps]
    practice = [i for i, kind in enumerate(kinds) if kind in PRACTICE]
    check_ins = [i for i, kind in enumerate(kinds) if kind == "check_in"]
    if not check_ins:
        return frozenset()
    if not practice:  # only words: the first check-in opens it, a later one closes it
        return frozenset(("before", "after") if len(check_ins) > 1 else ("before",))
    found: set[Moment] = set()
    if check_ins[0] < practice[0]:
        found.add("before")
    if check_ins[-1] > practice[-1]:
        found.add("after")
    return frozenset(found)


def app_check_ins(script: Script, setting: bool) -> frozenset[Moment]:
    """The app's before and after check-ins still asked for ``script``: none when the person's
    setting for its kind and length is off (``home.settings.wants_check_ins``) or the script
    says it has none (``check_ins = false``)."""
    both: frozenset[Moment] = frozenset(("before", "after"))
    return both - own_check_ins(script) if setting and script.check_ins else frozenset()
