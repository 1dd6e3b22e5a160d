"""``session-player timer``: a silent sit without writing a script.

``timer 20m --bell-every 5m`` sits twenty minutes with a bell every five; ``timer --until 07:30
--bells 5m,15m`` sits until half past seven, with bells five and fifteen minutes in (the time it
ends is said as it starts: "until 06:30 tomorrow, 7h 30m"); ``timer`` alone sits
open ended, until the person stops (Ctrl+C in plain mode, ``q`` in the TUI), which is logged as
completed with the time sat. ``timer NAME`` plays a saved preset; ``--save NAME`` keeps the
choice as one. The choice is remembered as the last one, which the TUI's timer offers first.
"""

from __future__ import annotations

import argparse
import sys
from datetime import datetime
from typing import Any

from ..core.bundled import bundled_sounds
from ..core.clock import ScaledClock, is_preview, monotonic
from ..core.library.timer import (
    TimerChoice,
    TimerError,
    check_choice,
    parse_bells,
    parse_time_of_day,
    timer_script,
    until_now,
)
from ..core.script.durations import DurationError, parse_duration, parse_sit_length
from ..core.script.keys import did_you_mean
from ..home.timers import load_timers, preset_name, remember
from .play import _play_plain, _settings, _speed, add_soundscape, run_tui, soundscape_problem

USAGE = 2


def _duration(text: str) -> float:
    try:
        return parse_duration(text)
    except DurationError as problem:
        raise argparse.ArgumentTypeError(str(problem)) from None


def _delay(text: str) -> float:
    return 0.0 if text.strip() in ("0", "0s") else _duration(text)


def _bells(text: str) -> tuple[float, ...]:
    try:
        return parse_bells(text)
    except TimerError as problem:
        raise argparse.ArgumentTypeError(str(problem)) from None


def _until(text: str) -> str:
    try:
        return parse_time_of_day(text)
    except TimerError as problem:
        raise argparse.ArgumentTypeError(str(problem)) from None


def register(subparsers: Any) -> None:
    """Add ``timer`` to the main parser."""
    timer = subparsers.add_parser(
        "timer",
        help="a silent sit: a length (or open ended), interval bells, a start delay",
        description="Sit in silence for LENGTH (such as 20m), or open ended with no LENGTH "
        "until you stop, which is the sit's natural end. LENGTH may also be the name of a "
        "preset saved with --save.",
    )
    timer.add_argument(
        "length", nargs="?", metavar="LENGTH", help="20 (minutes), 20m, 1h, 90s; or a preset"
    )
    timer.add_argument(
        "--until", type=_until, metavar="HH:MM", help="sit until a time of day, such as 07:30"
    )
    timer.add_argument("--bell-every", type=_duration, metavar="D", help="an interval bell")
    timer.add_argument(
        "--bells", type=_bells, metavar="T,T", help="bells at chosen moments: 5m,15m,18m"
    )
    timer.add_argument("--bell", metavar="SOUND", help="the interval bell's sound")
    timer.add_argument("--start-chime", metavar="SOUND", help="or none (default: settings)")
    timer.add_argument("--end-chime", metavar="SOUND", help="or none (default: settings)")
    timer.add_argument("--delay", type=_delay, metavar="D", help="a quiet wait before the start")
    timer.add_argument("--save", metavar="NAME", help="keep this choice as a named preset")
    timer.add_argument("--plain", action="store_true", help="no TUI: print lines as they come")
    timer.add_argument("--speed", type=_speed, default=1.0, help="run F times faster (preview)")
    timer.add_argument("--no-sound", action="store_true", help="no chimes")
    add_soundscape(timer)
    timer.set_defaults(func=run_timer)


def choice_of(args: argparse.Namespace, presets: dict[str, TimerChoice]) -> TimerChoice:
    """The choice the arguments describe: a preset (options change it) or a length."""
    base = TimerChoice(length=None)
    if args.length is not None:
        if args.length in presets:
            base = presets[args.length]
        else:
            try:
                base = TimerChoice(length=parse_sit_length(args.length))
            except DurationError as problem:
                close = did_you_mean(args.length, list(presets))  # a preset's name mistyped
                known = f" (presets: {', '.join(presets)})" if presets else ""
                raise TimerError(f"{args.length!r}: {problem}{close}{known}") from None
    until = args.until
    if until is not None and args.length is not None and args.length not in presets:
        raise TimerError("give a length or --until, not both")
    bells = args.bells
    bell = args.bell or base.bell
    rang = base.bell_every or base.bells
    if args.bell is None and (args.bell_every or bells) and not rang:
        bell = _settings_bell()
    return TimerChoice(
        length=None if until is not None else base.length,
        bell_every=args.bell_every if args.bell_every is not None else base.bell_every,
        bell=bell,
        start=args.start_chime or base.start,
        end=args.end_chime or base.end,
        delay=args.delay if args.delay is not None else base.delay,
        bells=bells if bells is not None else base.bells,
        until=until if until is not None else base.until,
    )


def _settings_bell() -> str:
    """The interval bell when none is named: the person's own start chime, else a bell."""
    chosen = _settings().start_chime
    return chosen if chosen in bundled_sounds() else TimerChoice().bell


def run_timer(args: argparse.Namespace) -> int:
    """``timer [LENGTH]``: 0 after the sit, 2 for a choice that can't be a timer."""
    timers, notices = load_timers()
    for notice in notices:
        print(f"note: {notice}", file=sys.stderr)
    sounds = bundled_sounds()
    try:
        choice = check_choice(choice_of(args, timers.presets), sounds)
        name = preset_name(args.save) if args.save is not None else None
        sit, when = until_now(choice, datetime.now())
        script = timer_script(sit, sounds)
    except TimerError as problem:
        print(f"session-player timer: error: {problem}", file=sys.stderr)
        return USAGE
    unknown = soundscape_problem(args, "timer")
    if unknown is not None:
        print(unknown, file=sys.stderr)
        return USAGE
    if when:
        print(f"Sitting {when}.", file=sys.stderr)
    settings = _settings()
    clock = monotonic if args.speed == 1.0 else ScaledClock(args.speed)
    # A timer's sit is silent, but its check-ins before and after are said, as `play` says them.
    if args.plain:
        problem_saving = remember(choice, name=name, last=not is_preview(args.speed))
        if problem_saving:
            print(f"note: {problem_saving}", file=sys.stderr)
        elif name is not None:
            print(f"Saved the preset {name!r}: {choice.describe()}.", file=sys.stderr)
        return _play_plain(script, args, settings, clock, start_delay=choice.delay)
    # The TUI keeps the choice itself, off the event loop, once its first frame is out; it
    # works out a sit until a time of day as it starts.
    return run_tui(args, settings, clock, timer=choice, timer_preset=name)
