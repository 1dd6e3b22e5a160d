"""``render SCRIPT -o FILE``: the session as it would be heard, saved as an audio file."""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any, TextIO

from ..core.library.scripts import find
from ..core.script.loader import load_script
from ..home import paths
from ..home.paths import library_folders
from ..home.settings import BREATH_SOUNDS, VOICE_RATES, Settings, problem_with

BAR = 30  # characters of the progress bar


def _rate(text: str) -> int:
    problem = None if text.isdigit() else "should be a whole number"
    problem = problem or problem_with("voice_rate", int(text))
    if problem:
        raise argparse.ArgumentTypeError(problem)
    return int(text)


def register(subparsers: Any) -> None:
    """Add ``render`` to the main parser."""
    render = subparsers.add_parser(
        "render",
        help="save a session as an audio file (.wav, .flac, .ogg, .opus, .mp3)",
        description="Save a session as it would be heard: its lines, breath sounds, chimes and "
        "quiet, brought to -16 LUFS, tagged, with its sections as chapters. Steps that wait "
        "for you become quiet spaces (30 s for a question) with the prompt said.",
    )
    render.add_argument("script", help="a script file, or a name from `session-player list`")
    render.add_argument("-o", "--output", type=Path, help="the file to write (its extension "
                        "says the format)")  # fmt: skip
    render.add_argument("--force", action="store_true", help="replace the file if it exists")
    render.add_argument("--schedule", action="store_true", help="print every sound's moment "
                        "in the file")  # fmt: skip
    render.add_argument("--voice", metavar="ID", help="the voice (default: your setting)")
    low, high = VOICE_RATES
    render.add_argument("--rate", type=_rate, metavar="WPM",
                        help=f"words a minute, {low}-{high} (default: your setting)")  # fmt: skip
    render.add_argument("--breath-sounds", choices=BREATH_SOUNDS,
                        help="how breaths are heard (default: your setting)")  # fmt: skip
    render.add_argument("--no-voice", action="store_true", help="chimes and breaths only")
    from .play import add_soundscape

    add_soundscape(render)
    render.set_defaults(func=run_render)


def _fail(message: str) -> int:
    print(f"session-player render: {message}", file=sys.stderr)
    return 1


def run_render(args: argparse.Namespace) -> int:
    """``render SCRIPT -o FILE``: 0 when written (or scheduled), 1 for anything that stops it."""
    from ..conductor.saving import check_target, missing

    if args.output is None and not args.schedule:
        return _fail("say where to save it with -o FILE (for example -o session.mp3)")
    needed = missing()
    if needed is not None:
        return _fail(needed)
    path = find(args.script, library_folders())
    if path is None:
        from ..home.courses import library_titles
        from .names import no_such

        return _fail(
            f"{no_such('script', args.script, library_titles())}; "
            "`session-player list` shows them all"
        )
    if args.output is not None:
        problem = check_target(args.output, force=args.force)
        if problem is not None:
            return _fail(problem)
    script = load_script(path)
    if isinstance(script, list):
        for error in script:
            print(error, file=sys.stderr)
        return 1
    from .play import soundscape_problem

    unknown = soundscape_problem(args, "render")
    if unknown is not None:
        print(unknown, file=sys.stderr)
        return 1
    settings = _chosen(args)
    speech = _speech(settings) if settings.voice else None
    try:
        return _render(args, script, settings, speech)
    finally:
        if speech is not None:
            speech.close()


def _chosen(args: argparse.Namespace) -> Settings:
    from .play import _settings

    settings = _settings()
    if args.voice is not None:
        settings = replace(settings, voice_id=args.voice)
    if args.rate is not None:
        settings = replace(settings, voice_rate=args.rate)
    if args.breath_sounds is not None:
        settings = replace(settings, breath_sounds=args.breath_sounds)
    if args.no_voice:
        settings = replace(settings, voice=False)
    return settings


def _speech(settings: Settings) -> Any:
    from ..audio.speech import open_speech

    speech, notice = open_speech(paths.cache_dir() / "speech")
    if notice:
        print(f"note: {notice}", file=sys.stderr)
    return speech if speech.available else None


def _render(args: argparse.Namespace, script: Any, settings: Settings, speech: Any) -> int:
    from ..conductor.saving import SaveError, save
    from ..core.log.kept import KeptStore

    kept = KeptStore(paths.kept_path())
    bar = Bar() if sys.stderr.isatty() else None
    if args.output is None:  # the schedule alone: laid out, nothing written
        from ..conductor.rendering import lay_out

        _print_schedule(lay_out(script, settings, speech, kept=kept, soundscape=args.soundscape))
        return 0
    try:
        saved = save(
            script,
            settings,
            speech,
            args.output,
            kept=kept,
            progress=None if bar is None else bar.show,
            soundscape=args.soundscape,
        )
    except SaveError as problem:
        return _fail(str(problem))
    finally:
        if bar is not None:
            bar.clear()
    if args.schedule:
        _print_schedule(saved.layout)
    print(
        f"Wrote {saved.path} ({_minutes(saved.layout.length)}, {saved.lufs:.1f} LUFS, "
        f"true peak {saved.true_peak_dbtp:.1f} dBTP)"
    )
    return 0


QUIET_FOR = {"ask": "to answer", "write": "to write", "check_in": "to answer"}
"""What a quiet space in the file is for, by the kind of prompt before it."""


def _print_schedule(layout: Any) -> None:
    """What the file holds, in order: each section, each sound at its moment in the file (a
    line by its words, a chime or breath sound by its name), and each question or writing as
    the quiet space it becomes, with its length."""
    from ..core.script.durations import format_duration
    from ..core.session.schedule import clock

    rows = [(s.start, 0, f"[{s.name}]") for s in layout.timeline.sections]
    rows += [(s.start, 1, s.label) for s in layout.sounds]
    for planned in layout.timeline.steps:
        for cue in planned.cues:
            if cue.kind == "prompt" and cue.seconds:
                kind, length = cue.phase.replace("_", "-"), format_duration(cue.seconds)
                quiet = f"({kind}) {length} of quiet {QUIET_FOR.get(cue.phase, 'for you')}"
                rows.append((planned.start + cue.at, 2, quiet))
    for at, _order, text in sorted(rows, key=lambda row: row[:2]):
        print(f"  {clock(at):>9}  {text}")
    if layout.bed is not None:
        print(f"  soundscape {layout.bed.path.stem} under it all, from {clock(layout.bed.began)}")
    print(f"  {clock(layout.length):>9}  end (the last sound rung out)")


def _minutes(seconds: float) -> str:
    minutes, secs = divmod(round(seconds), 60)
    return f"{minutes}:{secs:02d}"


class Bar:
    """A progress bar on standard error (or ``out``), with the time left once it can be told:
    the time spent so far (on ``clock``) over the share done, for what is left."""

    def __init__(
        self, clock: Callable[[], float] = time.monotonic, out: TextIO | None = None
    ) -> None:
        self.clock, self.out = clock, out or sys.stderr
        self.began = clock()
        self.shown = ""

    def show(self, share: float, doing: str) -> None:
        """Redraw for ``share`` done (0..1)."""
        filled = round(BAR * share)
        spent = self.clock() - self.began
        left = f", about {round(spent / share * (1 - share))} s left" if 0.05 < share < 1 else ""
        line = f"\r[{'#' * filled}{'-' * (BAR - filled)}] {share:4.0%} {doing}{left}"
        if line != self.shown:
            self.shown = line
            self.out.write(line.ljust(79))
            self.out.flush()

    def clear(self) -> None:
        """Leave the line empty."""
        if self.shown:
            self.out.write("\r" + " " * 79 + "\r")
            self.out.flush()
