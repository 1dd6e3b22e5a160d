"""The script model: what a valid session script says, after checking."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, get_args

from .presets import BreathPattern

StepKind = Literal[
    "say",
    "breathe",
    "phrases",
    "touch",
    "silence",
    "chime",
    "ask",
    "write",
    "check_in",
    "read_back",
]
ACTIONS: tuple[StepKind, ...] = get_args(StepKind)  # the step kinds, in the order above


@dataclass(frozen=True)
class SoundFile:
    """A sound a script names: a bundled chime (``bell``) or a WAV beside the script."""

    name: str
    path: Path


@dataclass(frozen=True)
class Step:
    """One ``[[step]]`` of a script. Fields that do not apply to its kind are left empty.

    ``number`` counts from 1, as the person sees the steps in the file.
    """

    number: int
    kind: StepKind
    section: str | None = None
    text: str | None = None
    pause: float = 0.0
    phrases: tuple[str, ...] = ()
    repeat: int = 1
    round_pause: float = 0.0
    breath: BreathPattern | None = None
    cycles: int | None = None
    # breathe: a chained pattern ("5(4-0-6-0)+10(box)"), each part's breaths in turn; ``breath``
    # is then its first part's and ``cycles`` their sum
    chain: tuple[tuple[int, BreathPattern], ...] = ()
    duration: float | None = None
    bell_every: float | None = None
    # silence: bells at chosen moments of it, seconds from its start (the timer's ``--bells``)
    bells: tuple[float, ...] = ()
    bell: SoundFile | None = None
    sound: SoundFile | None = None
    placement: str | None = None
    into: str | None = None
    default: str | None = None
    # breathe: lines said over the running pacer, each at its offset (None: spread evenly)
    guidance: tuple[tuple[float | None, str], ...] = ()
    low: str | None = None  # a check-in's 0 and 10, in words ("calm", "very distressed")
    high: str | None = None
    keep: str | None = None  # ask/write: keep the answer for later sessions under this name
    kept: str | None = None  # phrases: use these kept phrases when there are some
    append: bool = False  # write: add this part to the earlier answer of the same `into`
    reads: str | None = None  # read_back: the answer it shows again
    speak: bool = False  # read_back: say it too


@dataclass(frozen=True)
class Script:
    """A checked session script, ready to compile into a timeline."""

    name: str
    title: str
    practice: str
    steps: tuple[Step, ...]
    source: Path | None = None
    summary: str = ""
    language: str = "en"
    pause: float = 3.0
    author: str = ""
    # "default" leaves the choice to the person's settings; "none" means silence.
    start_chime: SoundFile | Literal["default", "none"] = "default"
    end_chime: SoundFile | Literal["default", "none"] = "default"
    breath_sounds: str | None = None  # tones, words, counts or none; None: the person's setting
    soundscape: str | None = None  # a bundled bed, or "none"; None: the person's setting
    check_ins: bool = True  # False: the app asks no before/after rating around this script
    variables: tuple[str, ...] = field(default=())
    # The kept answers its text uses, each with what to say when there is none yet.
    kept: tuple[tuple[str, str], ...] = field(default=())
    # Its own pronunciations: (word, how to spell it for the voice), see ``pronounce.py``.
    pronounce: tuple[tuple[str, str], ...] = field(default=())
