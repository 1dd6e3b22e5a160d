"""docs/architecture.md is the true map of the package: its tree names every module and folder
under session_player/, one line each, and names nothing that isn't there."""

from __future__ import annotations

import re
from pathlib import Path

import session_player

PACKAGE = Path(session_player.__file__).parent
DOC = PACKAGE.parent / "docs" / "architecture.md"
ENTRY = re.compile(r"^(?P<indent> *)(?P<name>[a-z0-9_]+(?:\.py|/))(?: |$)")


def named_in(text: str) -> list[str]:
    """The paths the map's tree names (the first fenced block that starts at session_player/),
    each entry's folders read from the entries above it, less indented."""
    block = text.split("```\nsession_player/\n", 1)[1].split("```", 1)[0]
    folders: list[tuple[int, str]] = [(-1, "session_player/")]
    named: list[str] = []
    for line in block.splitlines():
        found = ENTRY.match(line)
        if found is None:
            continue
        indent, name = len(found["indent"]), found["name"]
        while folders[-1][0] >= indent:
            folders.pop()
        path = "".join(folder for _, folder in folders) + name
        named.append(path)
        if name.endswith("/"):
            folders.append((indent, name))
    return named


def there() -> set[str]:
    """Every module under session_player/ and every folder of them (a package's __init__.py
    is named by its folder)."""
    found: set[str] = set()
    for path in PACKAGE.rglob("*.py"):
        relative = path.relative_to(PACKAGE.parent)
        found.update(f"{'/'.join(relative.parts[:i])}/" for i in range(2, len(relative.parts)))
        if path.name != "__init__.py":
            found.add(relative.as_posix())
    return found


def test_the_map_names_every_module_and_nothing_else() -> None:
    named = named_in(DOC.read_text(encoding="utf-8"))
    assert len(named) == len(set(named)), "named twice"
    unnamed = sorted(there() - set(named))
    assert unnamed == [], "docs/architecture.md: give each a line in the map, under its folder"
    stale = sorted(set(named) - there())
    assert stale == [], "docs/architecture.md names these, which aren't there: remove or rename"


def test_the_reading_sees_nesting_and_a_missing_module() -> None:
    text = (
        "```\nsession_player/\n  __main__.py   entry\n  core/   domain\n    clock.py   clocks\n"
        "      continued words/ not an entry\n    log/   the log\n      db.py  one connection\n"
        "  cli/   commands\n```\n"
    )
    assert named_in(text) == [
        "session_player/__main__.py",
        "session_player/core/",
        "session_player/core/clock.py",
        "session_player/core/log/",
        "session_player/core/log/db.py",
        "session_player/cli/",
    ]
