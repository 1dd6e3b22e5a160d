"""The timeline as heard: a script laid out as the person's settings play it, the voice's real
line lengths, the opening's chimes before the first line and the end's quiet before the end chime.

Planned here, before a session, for whoever needs it (the conductor's ``prepare``, ``scripts
check``); the chimes listener rings what was planned. A play is handed the checked script, not a
timeline, and compiles its timeline once, here, after the voice is rendered; what the voice must
render is found by laying out each step's cues alone at reading pace (``steps_ahead``), with no
timeline compiled to find it.
"""

from __future__ import annotations

from ..audio.pcm import wav_seconds_or_none
from ..core.bundled import bundled_sounds
from ..core.script.kinds import KINDS
from ..core.script.model import Script, SoundFile
from ..core.session.cues import Cue, SpeechLength, reading_pace
from ..core.session.timeline import Opening, Timeline, compile_timeline
from ..home.settings import Settings


def resolve(choice: SoundFile | str, preference: str) -> SoundFile | None:
    """The sound a script's ``start_chime``/``end_chime`` means, given the person's choice."""
    if isinstance(choice, SoundFile):
        return choice
    name = preference if choice == "default" else choice
    if name == "none":
        return None
    found = bundled_sounds().get(name)
    return SoundFile(name, found) if found else None


def opening_for(script: Script, settings: Settings) -> Opening | None:
    """The opening that rings for ``script`` with these settings (None: no start chime)."""
    sound = resolve(script.start_chime, settings.start_chime)
    if sound is None:
        return None
    seconds = wav_seconds_or_none(sound.path) or 0.0  # a FIFO or device is refused at once
    return Opening(sound, 3 if settings.three_chimes else 1, seconds)


def end_chime_for(script: Script, settings: Settings) -> SoundFile | None:
    """The chime that ends ``script`` with these settings."""
    return resolve(script.end_chime, settings.end_chime)


def as_heard(
    script: Script,
    settings: Settings,
    length: SpeechLength | None = None,
    *,
    rings: bool = True,
    counted: bool = True,
) -> Timeline:
    """``script``'s timeline as it sounds with these settings: the first line after the
    opening's strike, the end chime after a moment of quiet that follows the last line. Where
    nothing ``rings`` (no sound output), there is no opening to wait for nor end to leave
    quiet. Without ``counted`` (no one says the counts), a breath's seconds are left out."""
    return compile_timeline(
        script,
        length,
        opening=opening_for(script, settings) if rings else None,
        end_chime=rings and end_chime_for(script, settings) is not None,
        counted=counted,
    )


def steps_ahead(script: Script) -> list[list[Cue]]:
    """The cues of each of ``script``'s steps, each laid out alone at reading pace: what its
    voice will say and count is known before its lines are rendered (their real lengths place
    them on the timeline, which is compiled only then)."""
    return [KINDS[step.kind].cues(step, reading_pace) for step in script.steps]
