"""Playing: the library TUI (no command), ``play SCRIPT`` in the TUI or ``--plain``."""

from __future__ import annotations

import argparse
import signal
import sys
from collections.abc import Callable
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, Any

from ..core.care import GROUNDING_PRACTICE, support_words
from ..core.clock import ScaledClock, is_preview, monotonic
from ..core.script.text import NARROW_LOCALE, holds_unicode
from ..home import paths, system
from ..home.paths import library_folders
from ..home.settings import Settings, load_settings, wants_check_ins

if TYPE_CHECKING:  # the library opens without the loader, the checker or the timeline
    from ..core.script.model import Script
    from ..core.session.events import SessionEnded
    from ..core.session.timeline import Timeline


def _speed(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not 0.01 <= value <= 1000:
        raise argparse.ArgumentTypeError("must be from 0.01 to 1000")
    return value


def register(subparsers: Any) -> None:
    """Add ``play`` to the main parser."""
    play = subparsers.add_parser("play", help="play a session (a file or a bundled name)")
    play.add_argument("script", help="a script file, or a name from `session-player list`")
    play.add_argument("--plain", action="store_true", help="no TUI: print lines as they come")
    play.add_argument("--speed", type=_speed, default=1.0, help="run F times faster (preview)")
    play.add_argument("--no-voice", action="store_true", help="show guidance without speaking")
    play.add_argument("--no-sound", action="store_true", help="no chimes or voice")
    add_soundscape(play)
    play.set_defaults(func=run_play)


def add_soundscape(parser: Any) -> None:
    """The ``--soundscape`` option of ``play``, ``timer`` and ``render``."""
    parser.add_argument(
        "--soundscape",
        metavar="NAME",
        help="a sound under the session: brown, rain, stream, waves, one of your own in "
        "<data>/sounds, or none (default: your setting, then the script's)",
    )


def soundscape_problem(args: argparse.Namespace, command: str) -> str | None:
    """A one-line error when ``--soundscape`` names nothing there is, else None."""
    name = getattr(args, "soundscape", None)
    if name is None or name == "none":
        return None
    from ..home.soundscapes import Soundscape, find

    found = find(name)
    return None if isinstance(found, Soundscape) else f"session-player {command}: {found}"


def _settings() -> Settings:
    settings, notices = load_settings(paths.config_path())
    for notice in notices:
        print(f"note: {notice}", file=sys.stderr)
    return settings


def _conductor_factory(args: argparse.Namespace, made: list[Any] | None = None) -> Any:
    sound = not getattr(args, "no_sound", False)
    voice = sound and not getattr(args, "no_voice", False)
    speed = float(getattr(args, "speed", 1.0))
    soundscape = getattr(args, "soundscape", None)

    def make(settings: Settings) -> Any:
        from ..conductor.dispatcher import (
            Conductor,  # audio and the log load when a session is near
        )

        conductor = Conductor.create(
            settings, sound=sound, voice=voice, speed=speed, soundscape=soundscape
        )
        conductor.grounds = True  # the TUI's grounding pause is said (plain mode has none)
        if made is not None:
            made.append(conductor)
        return conductor

    return make


def _voice_ahead(
    args: argparse.Namespace,
) -> Callable[[Settings, Path | None, Callable[[], bool]], object] | None:
    """What loads the voice while the library is shown, and makes the highlighted session's
    first line unless another is highlighted by then (none with --no-sound, --no-voice)."""
    if getattr(args, "no_sound", False) or getattr(args, "no_voice", False):
        return None

    def ahead(settings: Settings, script_path: Path | None, stale: Callable[[], bool]) -> object:
        from ..conductor.ahead import voice_ahead  # a thread's work, after the first frame

        return voice_ahead(settings, script_path, stale)

    return ahead


def _voice_early(args: argparse.Namespace, settings: Settings) -> None:
    """Start the voice's worker now, before the library's first frame (``audio/early.py``): it
    loads on the other core while the app starts, and the library takes it once it is out
    (``conductor/ahead.py``), so a session chosen at once starts speaking sooner."""
    if _voice_ahead(args) is None or not (settings.sound and settings.voice):
        return
    from ..audio import early  # the standard library's modules alone

    early.start(settings.voice_id, paths.voices_dir())


def _terminate(_signum: int, _frame: FrameType | None) -> None:
    # A polite kill or a closed terminal ends the session as interrupted (plain mode; the TUI
    # handles these signals in its own event loop).
    from .plain import Terminated

    raise Terminated


def _no_terminal() -> str | None:
    """Why the TUI can't run here (a closed standard input or error), or None."""
    if sys.__stdin__ is None:
        problem = "standard input is closed, so there are no keys to read"
    elif sys.__stderr__ is None:
        problem = "standard error is closed, and the TUI draws there"
    else:
        return None
    return f"session-player: can't open the TUI: {problem}; run it in a terminal"


def run_library(args: argparse.Namespace, edit: Path | None = None) -> int:
    """No command: open the library (with ``edit``, the editor on that script over it)."""
    problem = _no_terminal()
    if problem is not None:
        print(problem, file=sys.stderr if sys.__stderr__ else sys.stdout)
        return 1
    settings = _settings()
    if edit is None:  # before Textual loads: the worker has the other core meanwhile
        _voice_early(args, settings)
    from ..tui.app import make_app

    made: list[Any] = []
    app = make_app(
        settings=settings,
        conductor_factory=_conductor_factory(args, made),
        voice_ahead=_voice_ahead(args),
    )
    app.edit_path = edit
    app.run()
    _farewell(app.last_ended, made)
    return 0


def _farewell(ended: SessionEnded | None, conductors: list[Any], *, speed: float = 1.0) -> None:
    """After the TUI closes (Ctrl+C included), say what was practised, kindly, and whether
    anything could not be kept (a preview never is)."""
    if ended is not None:
        from .plain import ending

        print(ending(ended, preview=is_preview(speed)).strip())
    for conductor in conductors:
        if getattr(conductor, "unsaved", False):
            from ..conductor.dispatcher import UNSAVED

            print(f"note: {conductor.unsaved_notice or UNSAVED}", file=sys.stderr)
            _print_unsaved(conductor)


def _print_unsaved(conductor: Any) -> None:
    """The session itself, when the log and every fallback folder refused it: the last place
    left is the person's terminal (or wherever standard output goes)."""
    document = getattr(conductor, "unsaved_document", None)
    if document:
        sys.stdout.write(document)
        sys.stdout.flush()


def run_play(args: argparse.Namespace) -> int:
    """``play SCRIPT``: 0 after a session (finished or stopped), 1 for a bad script."""
    from ..core.library.scripts import find
    from ..core.script.loader import load_script

    path = find(args.script, library_folders())
    if path is None:
        from ..core.script.keys import did_you_mean
        from ..home.courses import library_titles

        hint = did_you_mean(args.script, sorted(library_titles()))
        print(
            f"session-player play: no script named {args.script!r}{hint}; "
            "`session-player list` shows them all",
            file=sys.stderr,
        )
        return 1
    script = load_script(path)
    if isinstance(script, list):
        for error in script:
            print(error, file=sys.stderr)
        return 1
    problem = soundscape_problem(args, "play")
    if problem is not None:
        print(problem, file=sys.stderr)
        return 1
    settings = _settings()
    clock = monotonic if args.speed == 1.0 else ScaledClock(args.speed)
    if args.plain:
        if sys.__stdout__ is None:
            print(
                "session-player play: standard output is closed, so plain mode has nowhere "
                "to show the session; run it with standard output open",
                file=sys.stderr,
            )
            return 1
        return _play_plain(script, args, settings, clock)
    return run_tui(args, settings, clock, script_path=path)


def run_tui(args: argparse.Namespace, settings: Settings, clock: Any, **choices: Any) -> int:
    """Play in the TUI (``choices`` go to ``make_app``), then say what was practised."""
    problem = _no_terminal()
    if problem is not None:
        hint = ", or play it with --plain" if "script_path" in choices else ""
        print(problem + hint, file=sys.stderr if sys.__stderr__ else sys.stdout)
        return 1
    from ..tui.app import make_app

    made: list[Any] = []
    app = make_app(
        settings=settings,
        speed=args.speed,
        clock=clock,
        conductor_factory=_conductor_factory(args, made),
        voice_ahead=_voice_ahead(args),
        **choices,
    )
    app.run()
    _farewell(app.last_ended, made, speed=args.speed)
    return 0


def _play_plain(
    script: Script,
    args: argparse.Namespace,
    settings: Settings,
    clock: Any,
    *,
    start_delay: float = 0.0,
    at_once: bool = False,
) -> int:
    """Play ``script`` in plain mode (``at_once``: nothing asked before it), offering the
    grounding practice after it when it left the person worse (``plain.Aftercare``)."""
    from .plain import Aftercare, run_plain

    for sig in system.termination_signals():  # no SIGHUP on Windows
        signal.signal(sig, _terminate)
    conductor = _conductor_factory(args)(settings)
    conductor.grounds = False  # no grounding pause here: its words are not rendered
    if not holds_unicode(sys.stdout):
        print(f"note: {NARROW_LOCALE}", file=sys.stderr)
    told = _tell(conductor.notices, 0)
    timeline = conductor.prepare(script, lambda done, total: None)
    try:
        someone_there = sys.stdin is not None and sys.stdin.isatty()
        run_plain(
            timeline,
            clock=clock,
            speed=args.speed,
            handler=conductor,
            check_ins=wants_check_ins(settings, timeline, short=at_once or None) and someone_there,
            start_delay=start_delay,
            at_once=at_once,
            aftercare=Aftercare(lambda: _grounding(conductor, settings), settings.crisis_line),
        )
    finally:
        conductor.ring_out()  # the end chime rings to its end before the process does
        conductor.close()
        _tell(conductor.notices, told)  # only what the session added: each is said once
        _print_unsaved(conductor)
    return 0


def _grounding(conductor: Any, settings: Settings) -> Timeline | None:
    """The grounding practice, made ready to play (None, said kindly, when it can't be)."""
    from ..core.library.scripts import find_named
    from ..core.script.loader import load_script
    from ..core.script.model import Script

    found = find_named(GROUNDING_PRACTICE, library_folders())
    script = None if found is None else load_script(found[0])
    if not isinstance(script, Script):
        support = support_words(settings.crisis_line)
        print(f"The grounding practice can't be played just now. {support}")
        return None
    timeline: Timeline = conductor.prepare(script, lambda done, total: None)
    return timeline


def _tell(notices: list[str], told: int) -> int:
    """Print ``notices`` from ``told`` on, skipping repeats; how many there are now."""
    seen = set(notices[:told])
    for notice in notices[told:]:
        if notice not in seen:
            seen.add(notice)
            print(f"note: {notice}", file=sys.stderr)
    return len(notices)
