"""Named things a script may refer to: breathing presets and touch placements.

The practices a script may name are in ``practices`` (the library needs only those).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class BreathPattern:
    """One breath, in seconds per phase. ``top_up`` is the second short sip of a cyclic sigh."""

    inhale: float
    hold: float = 0.0
    exhale: float = 4.0
    rest: float = 0.0
    top_up: float = 0.0

    @property
    def length(self) -> float:
        """Seconds for one whole breath."""
        return self.inhale + self.top_up + self.hold + self.exhale + self.rest

    def phases(self) -> list[tuple[str, float]]:
        """The phases of one breath in order, leaving out those of zero length."""
        named = [
            ("in", self.inhale),
            ("top-up", self.top_up),
            ("hold", self.hold),
            ("out", self.exhale),
            ("rest", self.rest),
        ]
        return [(name, secs) for name, secs in named if secs > 0]


# Timings follow shared/PRACTICES.md; docs/script-format.md lists them for script writers.
BREATHING_PRESETS: dict[str, BreathPattern] = {
    # CFT soothing rhythm: about 3 s in, a short pause, a slightly longer out: 6 a minute.
    "soothing": BreathPattern(inhale=3, hold=1, exhale=4, rest=2),
    # Coherent / resonance: 5.5 s in, 5.5 s out: about 5.5 a minute.
    "coherent": BreathPattern(inhale=5.5, exhale=5.5),
    # Box: in, hold, out, hold, 4 s each.
    "box": BreathPattern(inhale=4, hold=4, exhale=4, rest=4),
    # 4-7-8: in through the nose 4, hold 7, out through the mouth 8.
    "4-7-8": BreathPattern(inhale=4, hold=7, exhale=8),
    # Cyclic sigh: an inhale, a short second top-up inhale, an exhale about twice as long.
    "cyclic-sigh": BreathPattern(inhale=2, top_up=1, exhale=6, rest=1),
}

BREATH_SOUNDS = ("tones", "words", "counts", "none")
"""How a breath can be followed by ear: soft tones, spoken words, spoken counts, or nothing."""
SOUNDSCAPES = ("brown", "rain", "stream", "waves")
"""The bundled soundscape beds (``audio/beds/``), in the order Settings lists them."""
PHASE_WORDS: dict[str, str] = {
    "in": "in", "top-up": "a little more", "hold": "hold", "out": "out", "rest": "rest",
}  # fmt: skip
_ONES = (
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen",
)  # fmt: skip
_TENS = ("", "", "twenty", "thirty", "forty", "fifty", "sixty")


def count_word(number: int) -> str:
    """A second's count as the voice says it, from "one" to "sixty" (a phase's longest)."""
    if number < 20:
        return _ONES[max(0, number)]
    tens, ones = divmod(min(number, 60), 10)
    return _TENS[tens] + (f"-{_ONES[ones]}" if ones else "")


PHASE_LABELS: dict[str, str] = {
    "in": "Breathe in",
    "top-up": "A little more in",
    "hold": "Hold gently",
    "out": "Breathe out",
    "rest": "Rest",
}


@dataclass(frozen=True)
class Placement:
    """A soothing-touch placement: its short label and a gentle description."""

    label: str
    description: str


TOUCH_PLACEMENTS: dict[str, Placement] = {
    "hand-on-heart": Placement("Hand on heart", "one hand resting over your heart"),
    "both-hands-on-heart": Placement(
        "Both hands on heart", "both hands resting, one over the other, on your chest"
    ),
    "heart-and-belly": Placement(
        "Heart and belly", "one hand on your heart and the other on your belly"
    ),
    "self-hug": Placement("A gentle hug", "arms crossed, hands holding your upper arms"),
    "cheeks": Placement("Cupping your cheeks", "one or both hands gently cupping your face"),
    "holding-hands": Placement("Holding your hand", "one hand holding the other"),
    "stroking-arms": Placement("Stroking your arms", "hands slowly stroking your arms"),
    "fist-on-heart": Placement(
        "Fist on heart", "a loose fist over your heart, the other hand cupped around it"
    ),
}
