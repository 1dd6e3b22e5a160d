"""The person's ``on_start`` and ``on_end`` commands: run without a shell, with what the session
is in environment variables, held to a time limit, never holding up the session."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass

from ..home.pulse import as_found

HOOK_LONGEST = 10.0  # seconds a hook may run before it is stopped


@dataclass(frozen=True)
class HookFacts:
    """What a hook is told about the session."""

    event: str  # "start" or "end"
    title: str
    practice: str
    minutes: float  # planned at the start, practised at the end
    outcome: str = ""  # completed, stopped or interrupted (the end only)

    def environment(self) -> dict[str, str]:
        """The ``SESSION_PLAYER_*`` variables a hook sees."""
        return {
            "SESSION_PLAYER_EVENT": self.event,
            "SESSION_PLAYER_TITLE": self.title,
            "SESSION_PLAYER_PRACTICE": self.practice,
            "SESSION_PLAYER_MINUTES": f"{self.minutes:g}",
            "SESSION_PLAYER_OUTCOME": self.outcome,
        }


def split(command: str) -> list[str] | str:
    """The command's words as they will be run, or why it can't be run (a string)."""
    import shlex  # only where a hook is set

    try:
        words = shlex.split(command)
    except ValueError as problem:
        return f"its quotes don't close ({problem})"
    return words or "it is empty"


def run_hook(
    name: str,
    command: str,
    facts: HookFacts,
    *,
    timeout: float = HOOK_LONGEST,
    base: Mapping[str, str] | None = None,
) -> str | None:
    """Run one hook to its end (call this off the session's thread); a notice when it failed,
    or None."""
    words = split(command)
    if isinstance(words, str):
        return f"The {name} hook was not run: {words}."
    env = {**(as_found(os.environ) if base is None else base), **facts.environment()}
    try:
        child = subprocess.Popen(
            words, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE, start_new_session=True,
        )  # fmt: skip
    except OSError as problem:
        return f"The {name} hook {words[0]!r} could not be run ({problem.strerror or problem})."
    try:
        _, err = child.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        child.kill()
        child.communicate()
        return f"The {name} hook {words[0]!r} ran over {timeout:g} seconds and was stopped."
    if child.returncode != 0:
        said = err.decode("utf-8", "replace").strip().splitlines()
        why = f": {said[-1][:200]}" if said else ""
        return f"The {name} hook {words[0]!r} failed (exit {child.returncode}){why}."
    return None
