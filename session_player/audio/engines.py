"""Every voice behind the one speech interface: hibari, Piper voices, and espeak-ng.

``SpeechEngines`` is what ``open_speech`` returns. It routes each line by its voice id:

- ``hibari:NAME`` and ``piper:NAME`` (an engine in ``voices.registry``) are rendered by neural
  voices in worker processes that exit when done (``neural``), so onnxruntime never loads into
  the player;
- any other id is an espeak-ng voice, rendered in this process by ``SpeechRenderer`` as before;
- no id at all means the default: hibari's voice when hibari is installed, else espeak's own.

A neural voice that crashes, hangs or won't load costs one notice (``notes()``): its lines are
spoken by espeak-ng instead, or shown as text when there is no espeak either. Lines are cached by
engine, voice, words a minute and text, all in one folder that is always safe to delete.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from session_player.audio import neural
from session_player.audio.api import PREVIEW_TEXT, Failure, Progress, RenderError
from session_player.audio.cache import cache_key, in_cache
from session_player.audio.pcm import wav_seconds
from session_player.audio.standby import STANDBY
from session_player.audio.voices import espeak as espeak_ng
from session_player.audio.voices.base import VoiceInfo, language_match
from session_player.audio.voices.espeak import SpeechRenderer
from session_player.audio.voices.registry import engine_of, find_voices
from session_player.home import paths

Renderer = Callable[..., neural.Rendered]


class SpeechEngines:
    """Routes lines to the engine of their voice; see the module docstring."""

    def __init__(
        self,
        cache_dir: Path,
        espeak: SpeechRenderer | None,
        neural_voices: list[VoiceInfo],
        unavailable: str | None = None,
        *,
        render: Renderer = neural.render,
        worker_options: dict[str, Any] | None = None,
        espeak_later: SpeechRenderer | None = None,
        standby: neural.Waiting | None = None,
    ) -> None:
        self.cache_dir = Path(cache_dir)
        self._espeak = espeak
        # A renderer not started yet: espeak-ng (about 5 MiB resident with the libraries it
        # brings) loads the first time a line, a fallback or the voice list needs it.
        self._espeak_later = espeak_later
        self._espeak_lock = threading.Lock()
        self.neural = list(neural_voices)
        self._unavailable = unavailable
        self._render = render
        self._options = dict(worker_options or {})
        self._standby = standby  # a worker started ahead for a voice (``standby``), if any
        self._notes: list[str] = []
        self.last_failures: dict[str, str] = {}

    # -- which voice ---------------------------------------------------------------------

    @property
    def espeak(self) -> SpeechRenderer | None:
        """espeak-ng, started the first time it is asked for; None if it can't speak here."""
        with self._espeak_lock:
            later, self._espeak_later = self._espeak_later, None
            if later is not None:
                if later.start() is None:
                    self._espeak = later
                else:  # the neural voices still speak; a fallback shows its lines as text
                    later.close()
            return self._espeak

    @property
    def available(self) -> bool:
        """True when some engine can speak."""
        return self._espeak is not None or self._espeak_later is not None or bool(self.neural)

    def neural_voice(self, voice: str | None) -> VoiceInfo | None:
        """The neural voice that speaks for ``voice``, or None when espeak does."""
        if not voice:
            return self.neural[0] if self.neural else None
        for info in self.neural:
            if info.id == voice:
                return info
        return None

    def _espeak_id(self, voice: str | None) -> str | None:
        """The espeak voice for ``voice`` (a neural id not here falls back to the default)."""
        return None if not voice or engine_of(voice) else voice

    def _note(self, text: str) -> None:
        if text not in self._notes:
            self._notes.append(text)

    def notes(self) -> list[str]:
        """One-line notices since the last call: a voice that stopped, or isn't installed."""
        taken, self._notes = self._notes, []
        return taken

    def unavailable(self) -> str | None:
        """One line about voices known here that can't speak (never downloaded), or None."""
        return self._unavailable

    # -- the cache -----------------------------------------------------------------------

    def path_for(self, text: str, voice: VoiceInfo, rate: int) -> Path:
        """Where a neural voice's line lives in the cache."""
        return self.cache_dir / f"{cache_key(text, voice.id, rate, voice.engine)}.wav"

    def cached(self, text: str, voice: str | None, rate: int) -> Path | None:
        """The cached WAV for this line in this voice, or None."""
        info = self.neural_voice(voice)
        if info is None:
            return self.espeak.cached(text, self._espeak_id(voice), rate) if self.espeak else None
        return in_cache(self.path_for(text, info, rate))

    # -- rendering -----------------------------------------------------------------------

    def render_missing(
        self,
        lines: Iterable[str],
        voice: str | None,
        rate: int,
        progress: Progress | None = None,
        on_failure: Failure | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> dict[str, Path]:
        """Render the lines not yet cached, in ``voice``; return every line's WAV there is."""
        every = [t for t in dict.fromkeys(lines) if t.strip()]
        info = self.neural_voice(voice)
        if voice and engine_of(voice) and info is None:
            self._note(f"The voice {voice} is not installed here; espeak-ng speaks instead.")
        if info is None:
            return self._espeak_render(every, voice, rate, progress, on_failure, cancelled)
        found = {t: p for t in every if (p := self.cached(t, voice, rate)) is not None}
        missing = [t for t in every if t not in found]
        done = self._render(
            info,
            missing,
            rate,
            lambda text: self.path_for(text, info, rate),
            progress=progress,
            cancelled=cancelled,
            waiting=self._standby,
            **self._options,
        )
        found.update(done.paths)
        self.last_failures = dict(done.failures)
        if done.failures:
            found.update(self._fallback(info, done, rate, on_failure, cancelled))
        return found

    def _espeak_render(
        self,
        lines: list[str],
        voice: str | None,
        rate: int,
        progress: Progress | None,
        on_failure: Failure | None,
        cancelled: Callable[[], bool] | None,
    ) -> dict[str, Path]:
        if self.espeak is None:
            if on_failure is not None:
                for text in lines:
                    on_failure(text, "no voice can speak it")
            return {}
        found = self.espeak.render_missing(
            lines, self._espeak_id(voice), rate, progress, on_failure, cancelled
        )
        self.last_failures = dict(self.espeak.last_failures)
        return found

    def _fallback(
        self,
        info: VoiceInfo,
        done: neural.Rendered,
        rate: int,
        on_failure: Failure | None,
        cancelled: Callable[[], bool] | None,
    ) -> dict[str, Path]:
        """Lines the neural voice could not render: espeak says them, or they are shown."""
        lines = list(done.failures)
        if done.stopped:
            instead = "espeak-ng speaks instead" if self.espeak else "they are shown as text"
            self._note(f"The {info.engine} voice stopped ({done.stopped}); {instead}.")
        if self.espeak is None:
            if on_failure is not None:
                for text in lines:
                    on_failure(text, done.failures[text])
            return {}
        found = self.espeak.render_missing(lines, None, rate, None, on_failure, cancelled)
        self.last_failures = {t: why for t, why in done.failures.items() if t not in found}
        return found

    def render_to(self, text: str, voice: str | None, rate: int, folder: Path) -> Path:
        """Render one line into ``folder`` (not the cache): for lines with the person's answers."""
        info = self.neural_voice(voice)
        if info is not None:
            target = Path(folder) / f"{cache_key(text, info.id, rate, info.engine)}.wav"
            try:
                waiting = self._standby(info) if self._standby is not None else None
                worker = waiting or neural.VoiceWorker(info, **self._options)
                try:
                    return worker.render(text, rate, target, make_folder=False)
                finally:
                    worker.close()
            except (neural.WorkerFailed, ValueError) as exc:
                if self.espeak is None:
                    raise RenderError(str(exc)) from exc
                self._note(f"The {info.engine} voice stopped ({exc}); espeak-ng speaks instead.")
        if self.espeak is None:
            raise RenderError("no voice can speak here")
        return self.espeak.render_to(text, self._espeak_id(voice), rate, folder)

    def length_seconds(self, path: Path) -> float:
        """The length of a rendered line in seconds."""
        return wav_seconds(path)

    def preview(self, voice: str | None, rate: int, text: str = PREVIEW_TEXT) -> Path | None:
        """Render (or find in the cache) a sample line in this voice and words a minute."""
        return self.render_missing([text], voice, rate).get(text)

    # -- listing -------------------------------------------------------------------------

    def voice_infos(self) -> list[VoiceInfo]:
        """Every voice that can speak here: the neural ones first, then espeak's."""
        return self.neural + (self.espeak.voice_infos() if self.espeak else [])

    def voices(self, language: str | None = None) -> list[tuple[str, str]]:
        """Voices as (id, label naming voice, engine and language); for a ``language``, the
        voices that speak it: neural voices before espeak's (the natural voice is the default),
        and within each, the exact language before a related one (en-US for en-GB)."""
        return self.voices_of(self.voice_infos(), language)

    @staticmethod
    def voices_of(every: list[VoiceInfo], language: str | None) -> list[tuple[str, str]]:
        """``every`` as (id, label), ranked for ``language`` as ``voices`` ranks them."""
        if not language:
            return [(v.id, v.label) for v in every]
        scored = [
            (language_match([v.language], language), order, v) for order, v in enumerate(every)
        ]
        ranked = sorted(
            (s for s in scored if s[0]), key=lambda s: (s[2].engine == espeak_ng.NAME, -s[0], s[1])
        )
        return [(v.id, v.label) for _, _, v in ranked]

    def first_voice(self, language: str) -> str | None:
        """The first of ``voices(language)``: a neural voice that speaks it, found without
        starting espeak-ng; espeak's voices are looked at only when none does."""
        found = self.voices_of(self.neural, language) or self.voices(language)
        return found[0][0] if found else None

    def close(self) -> None:
        """Let espeak's thread go (workers have already exited)."""
        with self._espeak_lock:
            self._espeak_later = None
        if self._espeak is not None:
            self._espeak.close()


def open_engines(
    cache_dir: Path, voices_folder: Path | None = None, *, espeak: bool = True
) -> tuple[SpeechEngines | None, str | None]:
    """Every engine this computer has, or None and the notice of why none can speak. Piper
    voices are looked for in ``voices_folder`` (default: the person's, ``paths.voices_dir``)."""
    neural_voices, note = find_voices(voices_folder or paths.voices_dir())
    renderer: SpeechRenderer | None = SpeechRenderer(cache_dir) if espeak else None
    if renderer is not None and neural_voices:  # a neural voice speaks: espeak-ng waits
        return SpeechEngines(
            cache_dir, None, neural_voices, note, espeak_later=renderer, standby=STANDBY.take
        ), None
    notice = renderer.start() if renderer is not None else None
    if notice is not None and renderer is not None:
        renderer.close()
        renderer = None
    if renderer is None and not neural_voices:
        return None, notice
    return SpeechEngines(cache_dir, renderer, neural_voices, note, standby=STANDBY.take), None
