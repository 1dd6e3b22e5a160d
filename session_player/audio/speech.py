"""Spoken guidance: each line rendered ahead of time to a WAV file, with a disk cache.

``open_speech()`` returns every voice engine there is (``engines.SpeechEngines``: hibari by
default, Piper voices, espeak-ng; see ``voices/``), or a ``NullSpeech`` and a one-line notice when
none can start; then lines are shown and not spoken.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from session_player.audio import notices
from session_player.audio.api import PREVIEW_TEXT, Failure, Progress, RenderError
from session_player.audio.api import Speech as Speech
from session_player.audio.pcm import wav_seconds


class NullSpeech:
    """The fallback when no engine starts: nothing is rendered and every line is reported."""

    def __init__(self, notice: str | None = None) -> None:
        self.notice = notice or notices.no_system_voice()

    @property
    def available(self) -> bool:
        """False: lines are shown, not spoken."""
        return False

    def cached(self, text: str, voice: str | None, rate: int) -> Path | None:
        """Nothing is cached."""
        return None

    def render_missing(
        self,
        lines: Iterable[str],
        voice: str | None,
        rate: int,
        progress: Progress | None = None,
        on_failure: Failure | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> dict[str, Path]:
        """Render nothing; report each line with the notice."""
        if on_failure is not None:
            for text in dict.fromkeys(lines):
                on_failure(text, self.notice)
        return {}

    def render_to(self, text: str, voice: str | None, rate: int, folder: Path) -> Path:
        """Nothing can be rendered."""
        raise RenderError(self.notice)

    def length_seconds(self, path: Path) -> float:
        """The length of a WAV file in seconds."""
        return wav_seconds(path)

    def voices(self, language: str | None = None) -> list[tuple[str, str]]:
        """No voices."""
        return []

    def first_voice(self, language: str) -> str | None:
        """No voice."""
        return None

    def preview(self, voice: str | None, rate: int, text: str = PREVIEW_TEXT) -> Path | None:
        """Nothing to preview."""
        return None

    def notes(self) -> list[str]:
        """The notice says it all."""
        return []

    def unavailable(self) -> str | None:
        """No voices at all."""
        return None

    def close(self) -> None:
        """Nothing to let go."""


def open_speech(cache_dir: Path) -> tuple[Speech, str | None]:
    """Every voice engine there is (``engines.SpeechEngines``: hibari by default, Piper voices,
    espeak-ng), or ``NullSpeech`` and a one-line notice saying what to do."""
    # The router, the worker client and the voice registry load when speech is opened, not
    # with the package.
    from session_player.audio.engines import open_engines

    engines, notice = open_engines(cache_dir)
    if engines is not None:
        return engines, None
    return NullSpeech(notice), notice
