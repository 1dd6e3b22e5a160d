"""Fixtures for the sound and voice tests: a child process whose ALSA output is captured."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from alsa_capture import Capture, Child, run_child, skip_unless_ci

from session_player.audio.voices.espeak import SpeechRenderer


@pytest.fixture(autouse=True)
def _home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SESSION_PLAYER_HOME", str(tmp_path / "home"))


@pytest.fixture
def child(tmp_path: Path) -> Child:
    """``child(body, paced=False, config=None)``: run playback code, return what reached ALSA."""

    def run(body: str, **kwargs: object) -> Capture:
        return run_child(tmp_path, body, **kwargs)  # type: ignore[arg-type]

    return run


@pytest.fixture(scope="module")
def espeak(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SpeechRenderer]:
    """One real renderer for the module (espeak starts once per process anyway)."""
    renderer = SpeechRenderer(tmp_path_factory.mktemp("speech"))
    notice = renderer.start()
    if notice is not None:
        skip_unless_ci(notice)
    yield renderer
    renderer.close()
