"""The courses a person can follow: bundled ones and their own, each with their place in it.

Used by ``session-player course`` and the library. The library's cards give the session names a
course may use and their titles; the log says which sessions have been practised. A log that
can't be read means no place is shown, with a notice; a course that fails its check is listed
with its first problem, never a traceback.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from ..core.bundled import bundled_courses_dir
from ..core.errors import ScriptError
from ..core.library.course import Course, Place, load_course, where
from ..core.log.errors import LogUnavailable
from . import paths


@dataclass(frozen=True)
class Followed:
    """A course, or why it can't be used, and the person's place in it (None: unknown)."""

    path: Path
    course: Course | None
    errors: tuple[ScriptError, ...] = ()
    place: Place | None = None


def course_files() -> list[Path]:
    """Every course file: the person's own first, then the bundled ones (a name of theirs wins)."""
    found: dict[str, Path] = {}
    for folder in (paths.user_courses_dir(), bundled_courses_dir()):
        try:
            files = sorted(folder.glob("*.toml"))
        except OSError:
            continue
        for path in files:
            found.setdefault(path.stem, path)
    return sorted(found.values(), key=lambda p: p.stem)


def follow(
    files: Iterable[Path], titles: Mapping[str, str], notices: list[str] | None = None
) -> list[Followed]:
    """Each course checked against the library (``titles``: session name -> title), with the
    person's place in it from the log."""
    practised: list[str] | None = None
    try:
        from ..core.log.progress import practised_scripts

        practised = practised_scripts(paths.log_place())
    except LogUnavailable as problem:
        if notices is not None:
            notices.append(f"Your place in a course can't be shown: the log {problem.reason}.")
    followed: list[Followed] = []
    for path in files:
        result = load_course(path, titles.keys())
        if isinstance(result, list):
            followed.append(Followed(path, None, tuple(result)))
        else:
            place = where(result, practised) if practised is not None else None
            followed.append(Followed(path, result, (), place))
    return followed


def library_titles() -> dict[str, str]:
    """Each playable session's name and title, from the library's cards."""
    from ..core.library import catalog

    cards = catalog.cards(paths.library_folders(), paths.library_cache_path())
    return {card.name: card.title for card in cards if card.ok}


@dataclass(frozen=True)
class CourseNow:
    """A course the person has begun, as the library shows it: their place in a line, and the
    session to practise today (a script's name; None once the course is through)."""

    line: str
    today: str | None


def course_now(titles: Mapping[str, str] | None = None) -> CourseNow | None:
    """The course the person has begun (None before any): their place, that going at their own
    pace is normal, and today's session. ``titles``: the library's sessions, if known."""
    from ..core.library.course import place_line

    titles = library_titles() if titles is None else titles
    begun = [
        f
        for f in follow(course_files(), titles)
        if f.course is not None and f.place is not None and f.place.practised
    ]
    if not begun:
        return None
    followed = begun[0]
    assert followed.course is not None and followed.place is not None
    line = (
        f"{place_line(followed.course, followed.place, titles)} "
        "Skipping, repeating and pausing are all normal."
    )
    today = followed.place.today if followed.place.part is not None else None
    return CourseNow(line, today if today in titles else None)
