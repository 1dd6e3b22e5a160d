"""No file of the project carries a merge left half done (a README once did)."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MARKER = re.compile(r"^(<{7} |>{7} |={7}$)", re.MULTILINE)
FOLDERS = ("session_player", "scripts", "courses", "docs", "tests", "bench", "tools", ".ci")
SUFFIXES = {".py", ".md", ".toml", ".tcss", ".json", ".cfg", ""}


def project_files() -> list[Path]:
    files = [ROOT / name for name in ("README.md", "Makefile", "pyproject.toml")]
    for folder in FOLDERS:
        for path in (ROOT / folder).rglob("*"):
            parts = set(path.relative_to(ROOT).parts)
            if path.is_file() and path.suffix in SUFFIXES and not parts & {".peers", "__pycache__"}:
                files.append(path)
    return files


def test_no_file_holds_conflict_markers() -> None:
    files = project_files()
    assert len(files) > 100
    marked = [
        str(path.relative_to(ROOT))
        for path in files
        if MARKER.search(path.read_text(encoding="utf-8", errors="replace"))
    ]
    assert marked == []
