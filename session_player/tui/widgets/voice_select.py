"""The voice choice in settings: the voices actually installed, found without holding up the screen.

Starting espeak can take a moment, so the list is looked up in a thread worker; until it arrives
the choice is disabled and a line says so. A voice saved earlier stays chosen even when it is no
longer installed, so opening settings never changes what the person chose.

The natural voices come first, grouped by engine, then espeak-ng's hundred-odd languages; the
voice in use is marked, and the mark follows the person's choice.
"""

from __future__ import annotations

from collections.abc import Callable

from textual import work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Select, Static
from textual.worker import get_current_worker

from ...audio.voices.registry import NEURAL, engine_of
from ...home import paths

Voices = tuple[list[tuple[str, str]], str | None]
"""The installed voices as (id, name), and a one-line notice when there is no speech engine."""
VoiceProvider = Callable[[], Voices]
"""Finds the installed voices; it may block, and is called in a thread worker."""

AUTOMATIC = "Automatic (matches each script's language)"
LOOKING = "Looking for voices…"
NONE_FOUND = "No voices were found; each script is read in the system's own voice."


def installed_voices() -> Voices:
    """Every voice that can speak here (named by voice, engine and language), and one line
    about the rest: why there is no voice at all, or which voices are known but unavailable."""
    from ...audio.speech import open_speech

    speech, notice = open_speech(paths.cache_dir() / "speech")
    try:
        return speech.voices(), notice or speech.unavailable()
    finally:
        # Let the engine go, so the conductor's own engine is never this one (pyttsx3 reuses
        # a live engine, and an engine must stay in the one thread that made it).
        speech.close()


NATURAL = "Natural"
"""The group the neural voices are listed in, first."""
ESPEAK = "espeak-ng"
"""The group espeak-ng's languages are listed in, after the natural voices."""
IN_USE = "  ✓ in use"


def voice_options(voices: list[tuple[str, str]], chosen: str) -> list[tuple[str, str]]:
    """The choices, as (shown, voice id): "Automatic" first, then the natural (neural) voices
    grouped by engine in the order the registry lists them, then espeak-ng's languages by name.

    Each choice names its group; the voice in use is marked: the chosen one, or with "Automatic"
    the natural voice that speaks by default. A ``chosen`` voice that is not installed is kept,
    marked as such, so it stays selected.
    """
    engines = list(NEURAL)
    neural = [v for v in voices if engine_of(v[0])]
    neural.sort(key=lambda voice: (engines.index(engine_of(voice[0]) or ""), voice[1].casefold()))
    espeak = sorted(
        (v for v in voices if not engine_of(v[0])),
        key=lambda voice: (voice[1].casefold(), voice[0]),
    )
    in_use = chosen or (neural[0][0] if neural else "")
    options = [(AUTOMATIC + (IN_USE if not chosen else ""), "")]
    if chosen and chosen not in {voice_id for voice_id, _ in voices}:
        options.append((f"{chosen} (not installed){IN_USE}", chosen))
    names = [name for _, name in voices]
    for group, members in ((NATURAL, neural), (ESPEAK, espeak)):
        for voice_id, name in members:
            # espeak has a few voices with the same name; the id tells them apart.
            shown = f"{name} ({voice_id})" if names.count(name) > 1 else name or voice_id
            mark = IN_USE if voice_id == in_use else ""
            options.append((f"{group}: {_without_engine(shown, group)}{mark}", voice_id))
    return options


def _without_engine(label: str, group: str) -> str:
    """An espeak voice's label without " · espeak" (its group says so already)."""
    return label.replace(" · espeak · ", " · ") if group == ESPEAK else label


class VoiceSelect(Vertical):
    """A ``Select`` of installed voices (its id given by ``select_id``) and a line about them.

    The select posts the usual ``Select.Changed`` when the person chooses a voice; filling it in
    once the voices are found does not.
    """

    def __init__(self, chosen: str, provider: VoiceProvider, select_id: str) -> None:
        """``chosen`` is the saved voice id ("" for automatic); ``provider`` finds the voices."""
        super().__init__(id="voice-select")
        self.chosen = chosen
        self.provider = provider
        self.select_id = select_id
        self._voices: list[tuple[str, str]] = []

    def compose(self) -> ComposeResult:
        """The choice (for now only what is saved) and the "looking" line."""
        # Until the voices are known, a saved voice is shown as it is (installed or not).
        options = [(AUTOMATIC, "")] + ([(self.chosen, self.chosen)] if self.chosen else [])
        yield Select(
            options, value=self.chosen, allow_blank=False, disabled=True, id=self.select_id
        )
        yield Static(LOOKING, id="voice-notice", markup=False)

    def on_mount(self) -> None:
        """Start looking for the installed voices."""
        self._find()

    @work(thread=True, exclusive=True, group="voices")
    def _find(self) -> None:
        try:
            voices, notice = self.provider()
        except Exception as exc:  # a voice list is a nicety; "Automatic" still works
            why = str(exc) or type(exc).__name__
            voices, notice = [], f"The voices could not be listed ({why})."
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self.show_voices, voices, notice)

    def show_voices(self, voices: list[tuple[str, str]], notice: str | None) -> None:
        """Offer ``voices``, keeping the current choice; or show ``notice`` when there are none."""
        if not self.is_attached:
            return  # the screen closed while looking
        self._voices = list(voices)
        select: Select[str] = self.query_one(f"#{self.select_id}", Select)
        current = select.value if isinstance(select.value, str) else self.chosen
        self._offer(select, current)
        select.disabled = not voices
        line = self.query_one("#voice-notice", Static)
        line.update(notice or ("" if voices else NONE_FOUND))
        line.display = not voices or bool(notice)

    def on_select_changed(self, event: Select.Changed) -> None:
        """The person chose a voice: the "in use" mark moves to it (the change goes on up, to
        be saved)."""
        if self._voices and isinstance(event.value, str):
            self._offer(self.query_one(f"#{self.select_id}", Select), event.value)

    def _offer(self, select: Select[str], current: str) -> None:
        with select.prevent(Select.Changed):  # filling in is not a choice: nothing to save
            select.set_options(voice_options(self._voices, current))
            select.value = current
