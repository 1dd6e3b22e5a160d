"""The practices a script may name, and how the library labels them."""

from __future__ import annotations

PRACTICES: tuple[str, ...] = (
    "loving-kindness",
    "soothing-touch",
    "compassionate-image",
    "breathing",
    "self-compassion-break",
    "safe-place",
    "letter",
    "rain",
    "noticing",
    "self-talk",
    "silent",
    "custom",
)

PRACTICE_LABELS: dict[str, str] = {
    "loving-kindness": "Loving-kindness",
    "soothing-touch": "Soothing touch",
    "compassionate-image": "Compassionate image",
    "breathing": "Breathing",
    "self-compassion-break": "Self-compassion break",
    "safe-place": "Safe place",
    "letter": "Compassionate letter",
    "rain": "RAIN",
    "noticing": "Noticing",
    "self-talk": "Self-talk",
    "silent": "Silent sitting",
    "custom": "Your own",
}
