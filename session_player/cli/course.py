"""``session-player course [NAME]``: a course in plain text, and where you are in it."""

from __future__ import annotations

import argparse
import sys
import textwrap

from ..core.library.course import PAUSING, Course, Place, place_line
from ..home.courses import Followed, course_files, follow, library_titles
from .names import no_such

WIDTH = 78


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``course`` to the main parser's subcommands."""
    course = subparsers.add_parser(
        "course",
        help="a course of weeks of sessions, and where you are in it",
        description="Show a course week by week, and where you are in it (from your log). "
        "With no NAME, every course.",
    )
    course.add_argument("name", nargs="?", metavar="NAME", help="a course's name (file stem)")
    course.set_defaults(func=run_course)


def run_course(args: argparse.Namespace) -> int:
    """0 when the course(s) could be shown, 1 when a course is missing or broken."""
    files = course_files()
    if args.name is not None:
        files = [p for p in files if p.stem == args.name]
        if not files:
            stems = [p.stem for p in course_files()]
            unknown = no_such("course", args.name, stems)
            names = ", ".join(stems) or "none"
            print(f"session-player course: {unknown} (courses: {names})", file=sys.stderr)
            return 1
    if not files:
        print("No courses found.", file=sys.stderr)
        return 1
    notices: list[str] = []
    titles = library_titles()
    status = 0
    for n, followed in enumerate(follow(files, titles, notices)):
        if n:
            print()
        if followed.course is None:
            for error in followed.errors:
                print(error, file=sys.stderr)
            status = 1
            continue
        print(render(followed, titles))
    for notice in notices:
        print(f"note: {notice}", file=sys.stderr)
    return status


def render(followed: Followed, titles: dict[str, str]) -> str:
    """The course as text: its place line, then each week with its sessions."""
    course = followed.course
    assert course is not None
    place = followed.place
    lines = [f"{course.title} ({followed.path.stem})", ""]
    lines += textwrap.wrap(course.summary, WIDTH)
    lines.append("")
    if place is not None:
        lines.append(place_line(course, place, titles))
    lines += textwrap.wrap(PAUSING, WIDTH)
    for part in course.parts:
        lines += ["", _heading(course, part.number, part.title, place)]
        lines += textwrap.wrap(part.intro, WIDTH, initial_indent="  ", subsequent_indent="  ")
        lines += [_session(name, titles, place, part.number) for name in part.sessions]
        if part.extra:
            lines.append("  If you'd like more:")
            lines += [_session(name, titles, place, part.number, extra=True) for name in part.extra]
    return "\n".join(lines)


def _heading(course: Course, number: int, title: str, place: Place | None) -> str:
    now = place is not None and place.part is not None and place.part.number == number
    return f"{course.unit.capitalize()} {number}: {title}" + ("  <- you are here" if now else "")


def _session(
    name: str, titles: dict[str, str], place: Place | None, part: int, *, extra: bool = False
) -> str:
    mark = "✓" if place is not None and place.done(name, part) else "·"
    indent = "      " if extra else "    "
    return f"{indent}{mark} {titles.get(name, name)} ({name})"
