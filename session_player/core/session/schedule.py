"""The schedule as words: every cue of a timeline with its offset, as ``check --schedule`` prints
it and the editor lists it beside the script."""

from __future__ import annotations

from ..script.durations import format_duration
from .cues import Cue
from .timeline import Timeline


def clock(seconds: float) -> str:
    """An offset as m:ss.s (h:mm:ss.s past an hour)."""
    minutes, secs = divmod(seconds, 60)
    hours, minutes = divmod(int(minutes), 60)
    if hours:
        return f"{hours}:{minutes:02d}:{secs:04.1f}"
    return f"{minutes}:{secs:04.1f}"


def cue_text(cue: Cue) -> str:
    """One cue in a few words: "breath in 4s (1/6)", "chime bell", "say: ..."."""
    if cue.kind == "breath":
        return f"breath {cue.phase} {cue.seconds:g}s ({cue.count}/{cue.total})"
    if cue.kind == "chime":
        name = cue.sound.name if cue.sound else "?"
        purpose = {"interval": " (interval)", "moment": " (chosen)", "start": " (opening)"}.get(
            cue.purpose, ""
        )
        return f"chime {name}{purpose}"
    if cue.kind == "quiet":
        return f"silence {format_duration(cue.seconds)}"
    if cue.kind == "touch":
        return f"touch {cue.phase}" + (f": {cue.text}" if cue.text else "")
    if cue.kind == "waiting":
        return "(a soft cue: waiting for you)"
    if cue.kind == "prompt":
        box = f" [{format_duration(cue.seconds)}]" if cue.seconds else ""
        return f"{cue.phase.replace('_', '-')}{box}: {cue.text}"
    if cue.purpose == "read_back":
        return f"read back{' and say' if cue.speak else ''}: {cue.text}"
    return f"say: {cue.text}"


def schedule(timeline: Timeline) -> list[tuple[int, float, str]]:
    """Every cue but a breath's counted seconds (too many to read, and implied), as (its step's
    number, its offset from the start, its words), in order."""
    return [
        (planned.step.number, planned.start + cue.at, cue_text(cue))
        for planned in timeline.steps
        for cue in planned.cues
        if cue.kind != "count"
    ]
