"""POSIX-only calls are guarded: reading scripts and explaining a log failure where the os
module lacks them, as on Windows (simulated here by removing the attributes)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from session_player.core.files import read_regular
from session_player.core.log.errors import reason_at
from session_player.core.script.loader import load_script

SCRIPT = """title = "Here"
practice = "custom"

[[step]]
say = "Rest here."
"""


def test_scripts_are_read_without_o_nonblock(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "here.toml"
    path.write_text(SCRIPT, encoding="utf-8")
    monkeypatch.delattr(os, "O_NONBLOCK")
    monkeypatch.delattr(os, "set_blocking")  # Unix-only before Python 3.12
    assert read_regular(path, 10_000) == SCRIPT.encode()
    script = load_script(path)
    assert not isinstance(script, list) and script.title == "Here"


def test_a_vague_log_error_is_explained_without_statvfs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delattr(os, "statvfs")
    monkeypatch.delattr(os, "ST_RDONLY")
    error = PermissionError(13, "Permission denied")
    assert reason_at(tmp_path / "log.sqlite3", error) == "no permission"
