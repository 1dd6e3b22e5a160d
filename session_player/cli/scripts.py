"""Script commands: ``check``, ``list`` and ``new``."""

from __future__ import annotations

import argparse
import contextlib
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..core.bundled import SCHEMA_COMMENT
from ..core.errors import problem_count
from ..core.files import write_text
from ..core.library import catalog
from ..core.library.card import length_text as planned_text
from ..core.library.scripts import ScriptFile, find, load_script_file
from ..core.script.practices import PRACTICE_LABELS, PRACTICES
from ..core.script.starters import starter
from ..home import paths
from ..home.paths import library_folders

if TYPE_CHECKING:  # ``list`` reads cards: neither the timeline nor tomli-w is needed for it
    from ..core.script.model import Script
    from ..core.session.timeline import Timeline

COURSE_SCHEMA = "course.schema.json"
"""The schema a course names on its first line."""

_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")


def register(subparsers: Any) -> None:
    """Add the script commands to the main parser."""
    check = subparsers.add_parser("check", help="check session scripts and show their plan")
    check.add_argument(
        "files", nargs="+", metavar="SCRIPT", help="a script file, or a name from `list`"
    )
    check.add_argument("--schedule", action="store_true", help="print every cue with its offset")
    check.add_argument(
        "--render",
        action="store_true",
        help="with --schedule: as a rendered file holds it (no one answers: a question or "
        "writing is a quiet space of its stated length; `render --schedule` gives the file's "
        "own moments)",
    )
    check.add_argument("-q", "--quiet", action="store_true", help="print errors only")
    check.set_defaults(func=run_check)

    listing = subparsers.add_parser("list", help="list bundled and your own scripts")
    listing.set_defaults(func=run_list)

    new = subparsers.add_parser("new", help="start a new script in your scripts folder")
    new.add_argument("name", help="file name without .toml (letters, digits, - and _)")
    new.add_argument(
        "--practice",
        choices=PRACTICES,
        default="custom",
        metavar="PRACTICE",
        help="what the starter shows and where the library lists it: "
        + ", ".join(PRACTICES)
        + " (default: custom)",
    )
    new.add_argument("--title", help="the title (default: from the name)")
    new.add_argument(
        "--from",
        dest="bundled",
        metavar="BUNDLED",
        help="start from a copy of this script (a name from `list`) instead of a starter",
    )
    new.add_argument("--force", action="store_true", help="replace a script of that name")
    new.set_defaults(func=run_new)


def run_check(args: argparse.Namespace) -> int:
    """``check FILE...``: 0 when all are valid, 1 when any is not."""
    status = 0
    folders = library_folders()
    titles: dict[str, str] | None = None
    for name in args.files:
        path = find(name, folders)  # the names `play` takes
        if path is None:
            status = 1
            from ..home.courses import library_titles
            from .names import no_such

            unknown = no_such("script", name, library_titles())
            print(f"{name}: {unknown}; `session-player list` shows them all", file=sys.stderr)
            continue
        if _is_course(path):
            if titles is None:
                from ..home.courses import library_titles

                titles = library_titles()
            status = max(status, _check_course(path, titles, quiet=args.quiet))
            continue
        entry = load_script_file(path, "yours")
        if not entry.ok:
            status = 1
            for error in entry.errors:
                print(error, file=sys.stderr)
            continue
        if not args.quiet:
            _describe(entry, schedule=args.schedule, render=args.render)
    return status


def _is_course(path: Path) -> bool:
    """A course lives in a courses folder, or says so on its first line (``#:schema
    course.schema.json``, as the bundled ones do); a script does neither."""
    from ..core.bundled import bundled_courses_dir

    with contextlib.suppress(OSError):
        folder = path.resolve().parent
        if folder in (bundled_courses_dir().resolve(), paths.user_courses_dir().resolve()):
            return True
    if not path.is_file():  # a FIFO or device is never opened here (the loader says why)
        return False
    try:
        with path.open("rb") as stream:
            first = stream.readline(200)
    except OSError:
        return False
    return first.strip() == f"#:schema {COURSE_SCHEMA}".encode()


def _check_course(path: Path, titles: dict[str, str], *, quiet: bool) -> int:
    """``check`` on a course: its problems, or its parts with their sessions' count."""
    from ..core.library.course import load_course

    result = load_course(path, titles.keys())
    if isinstance(result, list):
        for error in result:
            print(error, file=sys.stderr)
        return 1
    if not quiet:
        count = sum(len(part.sessions) for part in result.parts)
        print(f"{path}: ok")
        print(f"  {result.title} · course · {len(result.parts)} {result.unit}s, {count} sessions")
    return 0


def _as_heard(script: Script) -> tuple[Timeline, str | None]:
    """``script`` laid out as the person's settings play it (the opening, the end's quiet),
    and the name of the chime that ends it (None: none rings)."""
    from ..conductor.heard import as_heard, end_chime_for
    from ..home.settings import load_settings

    settings, _notices = load_settings(paths.config_path())
    chime = end_chime_for(script, settings) if settings.sound else None
    heard = as_heard(script, settings, rings=settings.sound)
    return heard, None if chime is None else chime.name


def _describe(entry: ScriptFile, *, schedule: bool, render: bool = False) -> None:
    """The script's title, practice and length (the one ``list`` and the library show: the
    script's own), its sections, and with ``schedule`` every moment as heard, the end chime
    included (with ``render``: as a rendered file holds them, no one there to answer)."""
    from ..core.session.schedule import clock
    from ..core.session.schedule import schedule as cues_of

    script = entry.script
    assert script is not None
    if render:
        from ..core.session.unattended import unattended

        script = unattended(script)
    timeline, end_chime = _as_heard(script)
    length, estimated = entry.plan
    practice = PRACTICE_LABELS.get(script.practice, script.practice)
    print(f"{entry.path}: ok")
    print(f"  {script.title} · {practice} · {planned_text(length, estimated=estimated)}")
    for number, section in enumerate(timeline.sections, 1):
        print(f"  {number}. {clock(section.start)}  {section.name}")
    if schedule:
        for _number, at, text in cues_of(timeline):
            print(f"    {clock(at):>9}  {text}")
        if end_chime is not None:
            print(f"    {clock(timeline.length):>9}  end chime ({end_chime})")
        print(f"    {clock(timeline.length):>9}  end")


def run_list(args: argparse.Namespace) -> int:
    """``list``: every script with its practice, length and source (from the library's cards,
    so unchanged scripts aren't checked again)."""
    found = catalog.cards(library_folders(), paths.library_cache_path())
    if not found:
        print("No scripts found.", file=sys.stderr)
        return 1
    rows = []
    for card in found:
        if card.ok:
            practice, length = card.practice, card.length_text
        else:
            count = problem_count(card.errors)
            practice, length = "-", f"invalid ({count} error{'s' if count != 1 else ''})"
        rows.append((card.name, practice, length, card.source))
    widths = [max(len(r[i]) for r in rows) for i in range(3)]
    print(f"{'NAME':<{widths[0]}}  {'PRACTICE':<{widths[1]}}  {'LENGTH':<{widths[2]}}  SOURCE")
    for name, practice, length, source in rows:
        print(f"{name:<{widths[0]}}  {practice:<{widths[1]}}  {length:<{widths[2]}}  {source}")
    return 0


def usable_name(name: str, command: str) -> bool:
    """Whether ``name`` can name a script file (said on stderr when not)."""
    if _NAME.match(name):
        return True
    print(
        f"session-player {command}: {name!r} is not a usable name; "
        "use lowercase letters, digits, - and _ (for example my-breathing)",
        file=sys.stderr,
    )
    return False


def write_script(target: Path, text: str, command: str) -> bool:
    """Write a script whole into the person's scripts folder, with the schema beside it; what
    went wrong is said on stderr."""
    try:
        paths.ensure(target.parent)
        write_text(target, text)  # whole, and never over a FIFO
    except OSError as problem:
        print(
            f"session-player {command}: cannot write {target}: {problem.strerror}", file=sys.stderr
        )
        return False
    notice = paths.place_schema(target.parent)  # editors check the script against it
    if notice:
        print(f"note: {notice}", file=sys.stderr)
    return True


def _copy(bundled: str, name: str) -> int:
    """``new NAME --from BUNDLED``: a copy of a script, whole, as the person's own."""
    from ..core.library.scripts import find_named
    from ..home.copies import own_copy

    found = find_named(bundled, library_folders())
    if found is None:
        print(f"session-player new: no script {bundled!r}; `session-player list` shows them all")
        return 1
    try:
        target, notice = own_copy(found[0], name)
    except (OSError, UnicodeDecodeError) as problem:
        print(f"session-player new: cannot copy {found[0]}: {problem}", file=sys.stderr)
        return 1
    if notice:
        print(f"note: {notice}", file=sys.stderr)
    print(f"Wrote {target}")
    print(f"Edit it with: session-player edit {name}")
    return 0


def run_new(args: argparse.Namespace) -> int:
    """``new NAME``: write a starter script into the person's scripts folder."""
    if not usable_name(args.name, "new"):
        return 2
    target = paths.user_scripts_dir() / f"{args.name}.toml"
    if target.exists() and not args.force:
        print(f"session-player new: {target} exists; add --force to replace it", file=sys.stderr)
        return 1
    if args.bundled:
        return _copy(args.bundled, args.name)
    title = args.title or args.name.replace("-", " ").replace("_", " ").capitalize()
    import tomli_w

    body = tomli_w.dumps(starter(title, args.practice))
    if not write_script(target, f"{SCHEMA_COMMENT}\n{body}", "new"):
        return 1
    print(f"Wrote {target}")
    print(f"Check it with: session-player check {target}")
    return 0
