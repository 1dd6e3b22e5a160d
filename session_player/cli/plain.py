"""Plain mode: the same engine with no TUI, for screen readers and pipes.

Each line is printed when it becomes due, breath phases as text, and answers are read from
standard input, one line each. At the end of input, questions are skipped, never waited on.
"""

from __future__ import annotations

import contextlib
import io
import math
import queue
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import IO

from ..conductor.protocol import Conducting
from ..core.care import aftercare_words, needs_care
from ..core.clock import PREVIEW_NOTICE, is_preview
from ..core.log.ratings import session_check_ins, step_rating
from ..core.log.records import CheckIn, skipped_through
from ..core.script.durations import format_duration
from ..core.script.presets import PHASE_LABELS
from ..core.script.text import shown
from ..core.session import events as ev
from ..core.session.asked import app_check_ins
from ..core.session.checkins import (
    HIGHEST,
    LABEL,
    LOWEST,
    QUESTIONS,
    RULE,
    SCALE,
    SPAN,
    Moment,
    parse_rating,
)
from ..core.session.engine import Session
from ..core.session.timeline import Timeline

_EOF = None
TO_BEGIN = "To begin it, type g and press Enter."


class Terminated(KeyboardInterrupt):
    """A polite kill (SIGTERM) or a closed terminal: the session ends as interrupted."""


@dataclass(frozen=True)
class Aftercare:
    """What plain mode offers when a session leaves someone worse than they began
    (``core.care``): the grounding practice, made ready only when it is taken (None: it can't
    be), and the person's own support line."""

    grounding: Callable[[], Timeline | None]
    own_line: str = ""


class _Lines:
    """Standard input read on a thread, so waiting for an answer never stops the clock."""

    def __init__(self, stream: IO[str]) -> None:
        self._queue: queue.Queue[str | None] = queue.Queue()
        self.closed = False
        threading.Thread(target=self._read, args=(stream,), daemon=True).start()

    def _read(self, stream: IO[str]) -> None:
        try:
            for line in stream:
                # Bytes that aren't UTF-8 arrive as lone surrogates; keep the rest of the line.
                fixed = line.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
                self._queue.put(fixed.rstrip("\r\n"))
        except (OSError, ValueError, TypeError):
            pass
        finally:
            self._queue.put(_EOF)

    def get(self, timeout: float) -> str | None:
        """A line if one arrives within ``timeout``; None otherwise (check ``closed``)."""
        if self.closed:
            return None
        try:
            line = self._queue.get(timeout=max(0.0, timeout))
        except queue.Empty:
            return None
        if line is _EOF:
            self.closed = True
        return line


def describe(event: ev.Event) -> str | None:
    """One event as a line of text, or None for events that print nothing."""
    if isinstance(event, ev.SessionStarted):
        if event.open_ended:
            return f"{shown(event.title)}. When you are ready to end, press Ctrl+C."
        return (
            f"{shown(event.title)} ({format_duration(event.planned)}). "
            "You can stop at any time with Ctrl+C."
        )
    if isinstance(event, ev.SectionStarted):
        return f"\n== {shown(event.name)} ({event.number} of {event.total}) =="
    if isinstance(event, ev.VoiceAwaited):
        return f"({ev.VOICE_AWAITED})"
    if isinstance(event, ev.LineShown):
        if event.written:  # what the person wrote, read back as typed, set off by a margin
            return "\n".join(f"  | {line}".rstrip() for line in shown(event.text).splitlines())
        return shown(event.text)
    if isinstance(event, ev.BreathPhase):
        label = PHASE_LABELS.get(event.phase, event.phase)
        return f"  {label} · {event.seconds:g}s  (breath {event.breath} of {event.breaths})"
    if isinstance(event, ev.TouchCue):
        where = f"{event.label}: {event.description}." if event.description else event.label
        return f"[touch] {shown(where)}" + (f" {shown(event.text)}" if event.text else "")
    if isinstance(event, ev.QuietStarted):
        if math.isinf(event.seconds):
            return "  (silence, for as long as you like)"
        return f"  (silence, {format_duration(event.seconds)})"
    if isinstance(event, ev.ChimeRang):
        return f"  ({event.sound.name if event.sound else 'chime'})"
    if isinstance(event, ev.Prompted):
        if event.kind == "check_in":
            how = f"type a number {SPAN}"
        elif event.kind == "write":
            how = "type one line"
        else:
            how = "type an answer"
        box = f", up to {format_duration(event.time_box)}" if event.time_box else ""
        asked = event.said if event.kind == "check_in" and event.said else event.text
        so_far = "".join(f"  | {shown(part)}\n" for part in event.earlier)
        so_far = f"  (written so far)\n{so_far}" if so_far else ""
        return f"{so_far}? {shown(asked)}\n  ({how} and press Enter{box}; an empty line skips)"
    if isinstance(event, ev.Paused) and event.reason == "clock-jump":
        return "  (the computer seemed to sleep; the session picks up where it was)"
    if isinstance(event, ev.SessionEnded):
        return ending(event)
    return None


def ending(event: ev.SessionEnded, *, preview: bool = False) -> str:
    """The kind closing words: what was practised, and stopping met gently. A preview says
    that it is not kept."""
    practised = format_duration(event.practised)
    if skipped_through(event.reason, event.practised, event.planned, event.skips):
        planned = format_duration(event.planned)
        words = (
            f"\nYou practised {practised} of {planned}: skipped through, not counted for a course."
        )
    elif event.reason == "completed":
        words = f"\nYou practised {practised}. Thank you for taking this time."
    else:
        words = f"\nYou practised {practised}. Stopping when you need to is part of practice."
    return f"{words}\n{PREVIEW_NOTICE}" if preview else words


def run_plain(
    timeline: Timeline,
    *,
    clock: Callable[[], float],
    speed: float = 1.0,
    handler: Conducting | None = None,
    stdin: IO[str] | _Lines | None = None,
    stdout: IO[str] | None = None,
    check_ins: bool = False,
    start_delay: float = 0.0,
    at_once: bool = False,
    aftercare: Aftercare | None = None,
) -> ev.SessionEnded:
    """Play ``timeline`` as text. Ctrl+C stops the session kindly and still reports it.

    With ``check_ins``, a before and an after rating are asked (an empty line, or the end of
    input, skips them), unless the script checks in on itself there (``own_check_ins``); the
    CLI asks them only when someone is at the terminal. A ``start_delay`` (clock seconds) is a
    quiet wait before the start: not part of the session, and Ctrl+C during it ends the run with
    nothing begun. ``at_once`` asks nothing before (a hard moment). With ``aftercare``, a
    closing rating enough worse than the opening one brings the offer of a grounding practice,
    played at once if taken (the end returned is then the grounding's).
    """
    out = stdout or sys.stdout
    # stdin may be closed (<&-); the grounding after a session reads on from the same lines.
    lines = stdin if isinstance(stdin, _Lines) else _Lines(stdin or sys.stdin or io.StringIO())
    session = Session(timeline, clock, jump_limit=5.0 * speed)
    asked = app_check_ins(timeline.script, check_ins)  # not those the script asks itself
    asked -= {"before"} if at_once else set()
    before = _check_in("before", lines, out, handler) if "before" in asked else None
    ratings: list[CheckIn] = []  # the script's own check-ins

    def emit(events: list[ev.Event]) -> None:
        if handler:
            handler.handle(events)
        for event in events:
            if isinstance(event, ev.Answered):
                rating = step_rating(event, timeline.steps[event.step].step)
                ratings.extend([rating] if rating is not None else [])
            text = describe(event)
            if isinstance(event, ev.SessionEnded):
                text = ending(event, preview=is_preview(speed))
            if text is not None:
                print(text, file=out, flush=True)
            if isinstance(event, ev.Paused) and event.reason == "clock-jump":
                emit(session.resume())

    if start_delay > 0:
        print(f"Beginning in {format_duration(start_delay)}. Let yourself settle.", file=out)
        out.flush()
        time.sleep(start_delay / speed)
    if handler:
        handler.begin(session)
    try:
        emit(session.start())
        while session.ended is None:
            if handler:
                handler.tick(session)
            due = session.next_due()
            wait = 1.0 if due is None else min(1.0, max(0.0, (due - clock()) / speed))
            if session.prompt is not None:
                line = lines.get(wait) if not lines.closed else ""
                if line is not None:
                    emit(_answer(session, line, out))
                    continue
            elif wait > 0:
                time.sleep(wait)
            emit(session.poll())
    except Terminated:
        emit(session.stop("interrupted"))
    except KeyboardInterrupt:
        emit(session.stop("stopped"))
    assert session.ended is not None
    after = None
    if "after" in asked:
        with contextlib.suppress(KeyboardInterrupt):
            after = _check_in("after", lines, out, handler)
    if aftercare is not None and needs_care(session_check_ins(before, after, ratings)):
        grounding = _offer(aftercare, lines, out, handler)
        if grounding is not None:
            return run_plain(
                grounding, clock=clock, speed=speed, handler=handler, stdin=lines, stdout=out
            )
    return session.ended


def _offer(
    aftercare: Aftercare, lines: _Lines, out: IO[str], handler: Conducting | None
) -> Timeline | None:
    """Offer the grounding practice and name support; the practice when the person takes it
    (``g``), ready to play."""
    words = aftercare_words(aftercare.own_line)
    print(f"\n{words}\n  ({TO_BEGIN} Enter alone finishes here.)", file=out, flush=True)
    if handler:
        handler.say(f"{words} {TO_BEGIN}")
    with contextlib.suppress(KeyboardInterrupt):
        while not lines.closed:
            line = lines.get(3600.0)
            if line is not None:
                return aftercare.grounding() if line.strip().lower() == "g" else None
    return None


def _check_in(
    moment: Moment, lines: _Lines, out: IO[str], handler: Conducting | None
) -> int | None:
    """Ask the app's check-in; the rating (None: skipped, or no more input)."""
    print(
        f"\n{QUESTIONS[moment]}\n  ({SCALE} Type {LOWEST}-{HIGHEST}, or press Enter to skip.)",
        file=out,
    )
    out.flush()
    if handler:
        handler.asking(moment)
    while not lines.closed:
        line = lines.get(3600.0)
        if line is None:
            continue
        try:
            value = parse_rating(line) if line.strip() else None
        except ValueError:
            print(f"  ({RULE}, or Enter to skip)", file=out, flush=True)
            continue
        if handler:
            handler.check_in(moment, LABEL, value)
        return value
    return None


def _answer(session: Session, line: str, out: IO[str]) -> list[ev.Event]:
    session.draft(line)
    try:
        return session.answer(line)
    except ValueError as problem:
        print(f"  ({problem}; an empty line skips)", file=out, flush=True)
        return []
