"""A starting script for each practice: a few steps that show the step kinds it usually uses.

``session-player new NAME --practice P`` writes one of these; every starter passes the checker
(tests/test_cli_scripts.py plays each through the loader), so a person edits a working script.
"""

from __future__ import annotations

from typing import Any

StarterStep = dict[str, Any]

_ARRIVE: StarterStep = {
    "section": "Arriving",
    "say": "Welcome. Let yourself arrive, just as you are. You can stop at any time.",
}
_CLOSE: StarterStep = {
    "section": "Closing",
    "say": "When you are ready, let your attention come back to the room around you.",
}

_BODIES: dict[str, tuple[str, list[StarterStep]]] = {
    "loving-kindness": (
        "A few kind wishes for yourself, with quiet after each one.",
        [
            {"section": "Wishes", "phrases": ["May I be safe.", "May I be kind to myself."]},
            {"phrases": ["May I be at ease."], "repeat": 2, "pause": "6s"},
            {"silence": "1m"},
        ],
    ),
    "soothing-touch": (
        "A hand where it feels soothing, and a little time to stay with it.",
        [
            {"section": "Touch", "touch": "hand-on-heart", "say": "Notice the warmth of it."},
            {"touch": "self-hug", "say": "Or this, if it feels kinder.", "for": "30s"},
        ],
    ),
    "compassionate-image": (
        "Letting an image of kindness take shape, and naming it.",
        [
            {"section": "Breathing", "breathe": "soothing", "for": "1m"},
            {"section": "The image", "say": "Let an image of warmth and wisdom come to mind."},
            {"ask": "What would you like to call your image?", "into": "image"},
            {"say": "Spend a moment with {image}.", "pause": "20s"},
        ],
    ),
    "breathing": (
        "A slow, even breath for a few minutes.",
        [
            {"section": "Breathing", "breathe": "soothing", "for": "2m"},
            {"breathe": {"in": 4, "out": 6}, "cycles": 6},
            {"section": "Resting", "silence": "30s"},
        ],
    ),
    "self-compassion-break": (
        "Naming a hard moment, remembering others feel it too, and a kind word.",
        [
            {"section": "Noticing", "say": "Bring to mind something a little difficult."},
            {"say": "This is a hard moment, and others have moments like this too."},
            {"section": "Kindness", "touch": "hand-on-heart", "say": "What would be kind now?"},
        ],
    ),
    "safe-place": (
        "A place, real or imagined, where you can feel at ease.",
        [
            {"section": "The place", "say": "Let a place come to mind where you feel at ease."},
            {"say": "What can you see there, and hear?", "pause": "20s"},
            {"ask": "A word to bring this place back later?", "into": "word", "default": "here"},
            {"silence": "1m"},
        ],
    ),
    "letter": (
        "A short letter to yourself, written as a caring friend would.",
        [
            {
                "section": "Writing",
                "write": "Write to yourself as a caring friend might, starting with Dear ...",
                "for": "5m",
                "into": "letter",
            },
            {"say": "Take a moment to read back what you wrote, slowly.", "pause": "20s"},
        ],
    ),
    "rain": (
        "Recognise, allow, investigate with kindness, and nurture.",
        [
            {"check_in": "How unsettled do you feel, from 0 to 10?", "into": "before"},
            {"section": "Recognise", "say": "What is strongest in you right now?"},
            {"section": "Allow", "say": "Can it be here, just for now?", "pause": "15s"},
            {"section": "Nurture", "touch": "hand-on-heart", "say": "What do you need?"},
        ],
    ),
    "noticing": (
        "Noticing what is here, without needing to change it.",
        [
            {"section": "Noticing", "say": "Notice your feet on the floor."},
            {"say": "And the sounds around you, near and far.", "pause": "15s"},
            {"silence": "1m"},
        ],
    ),
    "self-talk": (
        "A harsh thought, and the words a friend might offer instead.",
        [
            {"section": "The thought", "write": "What has the critic been saying?", "for": "2m"},
            {"section": "A kinder voice", "write": "What would a friend say?", "for": "2m"},
        ],
    ),
    "inner-critic": (
        "Getting to know the critic's words and tone, with curiosity rather than a fight.",
        [
            {"section": "The critic", "write": "When does your critic speak up?", "for": "2m"},
            {"write": "What might it be trying to protect you from?", "for": "2m"},
            {"say": "Thank it for trying, and take a slow breath.", "pause": "10s"},
        ],
    ),
    "compassionate-self": (
        "Stepping into your wise, strong and warm self, then bringing it to a difficulty.",
        [
            {"section": "Breathing", "breathe": "soothing", "for": "1m"},
            {"section": "The qualities", "say": "Imagine being wise, strong and warm."},
            {"say": "How would this self see what is hard for you today?", "pause": "20s"},
        ],
    ),
    "kind-action": (
        "Asking what you need, and choosing one small kind act.",
        [
            {"section": "Needs", "say": "What do you need right now?", "pause": "15s"},
            {"write": "One small kind thing you will do, and when:", "for": "2m", "into": "act"},
        ],
    ),
    "body-scan": (
        "Attention moving slowly through the body, with kindness.",
        [
            {"section": "The body", "say": "Notice your feet, just as they are.", "pause": "30s"},
            {"say": "Now your hands, and then your shoulders.", "pause": "30s"},
            {"section": "The whole body", "silence": "1m"},
        ],
    ),
    "journal": (
        "A short note: what was hard, and one kind thing for tomorrow.",
        [
            {"section": "Today", "write": "What was hard today?", "for": "2m"},
            {"write": "One kind thing for tomorrow:", "for": "1m"},
        ],
    ),
    "silent": (
        "Quiet sitting with a soft bell now and then.",
        [
            {"section": "Sitting", "silence": "10m", "bell_every": "5m"},
        ],
    ),
    "custom": (
        "A short practice of my own: settling, a few slow breaths, and quiet.",
        [
            {"say": "If it feels right, let your eyes close, or rest your gaze softly."},
            {"section": "Breathing", "breathe": "soothing", "for": "1m"},
            {"section": "Resting", "silence": "2m"},
        ],
    ),
}


def starter(title: str, practice: str) -> dict[str, Any]:
    """A small, valid script for ``practice`` (one of ``PRACTICES``), to start from."""
    summary, body = _BODIES[practice]
    return {
        "title": title,
        "practice": practice,
        "summary": summary,
        "pause": "4s",
        "step": [_ARRIVE, *body, _CLOSE],
    }
