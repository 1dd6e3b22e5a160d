"""The shapes of the sound services: what the player and conductor may rely on."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Protocol

from session_player.audio.pcm import Sound

DEFAULT_FADE_MS = 400
STOP_FADE_MS = 60
"""The fade used by ``stop()``: short, but still a fade rather than a click."""
FADE_AHEAD_S = 0.3
"""How far ahead of the play position a fade begins: what is closer is already on its way to
the device. A sound asked to fade over ``ms`` is silent ``FADE_AHEAD_S + ms / 1000`` from now."""
PREVIEW_TEXT = "Breathe in gently, and let the breath go."


class RenderError(Exception):
    """A line could not be rendered; the message says why."""


class PlayHandle(Protocol):
    """One sound that was started. It fades or stops smoothly; it is never cut off."""

    def is_playing(self) -> bool:
        """True while the sound can still be heard, or is paused and will go on."""
        ...

    def fade_out(self, ms: int = DEFAULT_FADE_MS) -> None:
        """Fade to silence over ``ms`` milliseconds, starting a moment from now."""
        ...

    def stop(self) -> None:
        """Stop with a very short fade."""
        ...

    def pause(self, ms: int = DEFAULT_FADE_MS) -> None:
        """Fade out and remember where; ``resume`` goes on from there."""
        ...

    def resume(self, ms: int = DEFAULT_FADE_MS) -> None:
        """Fade back in from where ``pause`` faded out."""
        ...

    def wait(self, timeout: float | None = None) -> bool:
        """Block until the sound has ended; False if ``timeout`` seconds passed first."""
        ...


class Output(Protocol):
    """A sound output; ``SoundOutput`` and ``NullOutput`` fit."""

    @property
    def available(self) -> bool:
        """True when sounds are really heard."""
        ...

    @property
    def paused(self) -> bool:
        """True between ``pause()`` and ``resume()``."""
        ...

    def prepare(self, sound: Sound | Path, volume: int = 100) -> None:
        """Load and scale a sound ahead of time, so ``play`` starts it at once."""
        ...

    def play(
        self, sound: Sound | Path, volume: int = 100, delay: float = 0.0, held: bool = True
    ) -> PlayHandle:
        """Start ``sound`` at ``volume`` (0-100, 0 plays nothing) and return its handle; with a
        ``delay``, its stream starts now and its first sample is heard that many seconds on.
        A sound not ``held`` plays through a pause (the grounding pause's words)."""
        ...

    def pause(self, fade_ms: int = DEFAULT_FADE_MS) -> None:
        """Fade out everything that sounds and remember where it was."""
        ...

    def resume(self, fade_ms: int = DEFAULT_FADE_MS) -> None:
        """Fade paused sounds back in from where they were."""
        ...

    def stop_all(self, fade_ms: int = DEFAULT_FADE_MS) -> None:
        """Fade out every sound for good."""
        ...

    def close(self) -> None:
        """Stop everything (with a short fade) and release the device."""
        ...


class FinishedHandle:
    """The handle of a sound that plays nothing: volume 0, or no sound output."""

    def is_playing(self) -> bool:
        """Always False."""
        return False

    def fade_out(self, ms: int = DEFAULT_FADE_MS) -> None:
        """Nothing to fade."""

    def stop(self) -> None:
        """Nothing to stop."""

    def pause(self, ms: int = DEFAULT_FADE_MS) -> None:
        """Nothing to pause."""

    def resume(self, ms: int = DEFAULT_FADE_MS) -> None:
        """Nothing to resume."""

    def wait(self, timeout: float | None = None) -> bool:
        """Already ended."""
        return True


Progress = Callable[[int, int], None]
"""Called with (lines done, lines to do)."""
Failure = Callable[[str, str], None]
"""Called with (the line's text, why it could not be rendered)."""


class Speech(Protocol):
    """What the player needs from speech; ``SpeechEngines``, ``SpeechRenderer`` and
    ``NullSpeech`` fit. ``rate`` is always words a minute, whatever the engine."""

    @property
    def available(self) -> bool:
        """True when lines can be rendered."""
        ...

    def cached(self, text: str, voice: str | None, rate: int) -> Path | None:
        """The rendered WAV for this line, if it is in the cache."""
        ...

    def render_missing(
        self,
        lines: Iterable[str],
        voice: str | None,
        rate: int,
        progress: Progress | None = None,
        on_failure: Failure | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> dict[str, Path]:
        """Render the lines not yet cached; return every line's WAV that exists now."""
        ...

    def render_to(self, text: str, voice: str | None, rate: int, folder: Path) -> Path:
        """Render one line into ``folder``, not the cache (it holds the person's own words);
        blocks until done; raises ``RenderError`` when it can't."""
        ...

    def length_seconds(self, path: Path) -> float:
        """The length of a rendered line."""
        ...

    def voices(self, language: str | None = None) -> list[tuple[str, str]]:
        """Voices as (id, name), those for ``language`` (e.g. "en", "en-US") when given."""
        ...

    def first_voice(self, language: str) -> str | None:
        """The id of the first of ``voices(language)``, or None: looked up without loading an
        engine that the answer doesn't need."""
        ...

    def preview(self, voice: str | None, rate: int, text: str = PREVIEW_TEXT) -> Path | None:
        """Render (or find) a short sample line for choosing a voice."""
        ...

    def notes(self) -> list[str]:
        """One-line notices from rendering since the last call (a voice that stopped, ...)."""
        ...

    def unavailable(self) -> str | None:
        """One line about voices that are known here but can't speak, or None."""
        ...

    def close(self) -> None:
        """Let any engine go."""
        ...
