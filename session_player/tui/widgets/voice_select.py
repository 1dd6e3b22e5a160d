"""The voice choice in settings: the voices actually installed, found without holding up the screen.

Starting espeak can take a moment, so the list is looked up in a thread worker; until it arrives
the choice is disabled and a line says so. A voice saved earlier stays chosen even when it is no
longer installed, so opening settings never changes what the person chose.
"""

from __future__ import annotations

from collections.abc import Callable

from textual import work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Select, Static
from textual.worker import get_current_worker

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


def voice_options(voices: list[tuple[str, str]], chosen: str) -> list[tuple[str, str]]:
    """The choices, as (shown, voice id): "Automatic" first, then the voices by name.

    A ``chosen`` voice that is not installed is kept, marked as such, so it stays selected.
    """
    options = [(AUTOMATIC, "")]
    if chosen and chosen not in {voice_id for voice_id, _ in voices}:
        options.append((f"{chosen} (not installed)", chosen))
    names = [name for _, name in voices]
    for voice_id, name in sorted(voices, key=lambda voice: (voice[1].casefold(), voice[0])):
        # espeak has a few voices with the same name; the id tells them apart.
        shown = f"{name} ({voice_id})" if names.count(name) > 1 else name
        options.append((shown or voice_id, voice_id))
    return options


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
        select: Select[str] = self.query_one(f"#{self.select_id}", Select)
        current = select.value if isinstance(select.value, str) else self.chosen
        with select.prevent(Select.Changed):  # filling in is not a choice: nothing to save
            select.set_options(voice_options(voices, current))
            select.value = current
        select.disabled = not voices
        line = self.query_one("#voice-notice", Static)
        line.update(notice or ("" if voices else NONE_FOUND))
        line.display = not voices or bool(notice)
