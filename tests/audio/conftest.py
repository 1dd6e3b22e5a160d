"""Fixtures for the sound and voice tests: a child process whose ALSA output is captured."""

from __future__ import annotations

from pathlib import Path

import pytest
from alsa_capture import Capture, Child, run_child


@pytest.fixture(autouse=True)
def _home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SESSION_PLAYER_HOME", str(tmp_path / "home"))


@pytest.fixture
def child(tmp_path: Path) -> Child:
    """``child(body, paced=False, config=None)``: run playback code, return what reached ALSA."""

    def run(body: str, **kwargs: object) -> Capture:
        return run_child(tmp_path, body, **kwargs)  # type: ignore[arg-type]

    return run
