"""Fixtures for the sound and voice tests: a child process whose ALSA output is captured."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from alsa_capture import Capture, run_child

Child = Callable[..., Capture]


@pytest.fixture(autouse=True)
def _home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SESSION_PLAYER_HOME", str(tmp_path / "home"))


@pytest.fixture
def child(tmp_path: Path) -> Child:
    """``child(body, paced=False, config=None)``: run playback code, return what reached ALSA."""

    def run(body: str, **kwargs: object) -> Capture:
        return run_child(tmp_path, body, **kwargs)  # type: ignore[arg-type]

    return run


def skip_unless_ci(reason: str) -> None:
    """Skip on a developer machine that lacks a system package; in CI, fail instead."""
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (CI installs it: see .ci/run)")
    pytest.skip(reason)
