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
    "inner-critic",
    "compassionate-self",
    "kind-action",
    "body-scan",
    "journal",
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
    "inner-critic": "Inner critic",
    "compassionate-self": "Compassionate self",
    "kind-action": "Kind action",
    "body-scan": "Body scan",
    "journal": "Journal",
    "silent": "Silent sitting",
    "custom": "Your own",
}
