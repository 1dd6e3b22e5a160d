"""Sound and voice: chimes and spoken lines, played with fades, with quiet fallbacks.

Importing this package opens no device and starts no engine; ``open_output()`` and
``open_speech()`` do, and each returns a working fallback plus a one-line notice when it cannot.
Never imports Textual. The names below are loaded when first asked for, so a module of the
package that needs none of them (``early``, before the app's first frame) loads alone.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from session_player.audio.api import FinishedHandle, Output, PlayHandle
    from session_player.audio.pcm import Sound, load_wav
    from session_player.audio.player import NullOutput, SoundOutput, open_output
    from session_player.audio.speech import NullSpeech, Speech, open_speech
    from session_player.audio.voices.espeak import SpeechRenderer

_WHERE = {
    "FinishedHandle": "api",
    "Output": "api",
    "PlayHandle": "api",
    "Sound": "pcm",
    "load_wav": "pcm",
    "NullOutput": "player",
    "SoundOutput": "player",
    "open_output": "player",
    "NullSpeech": "speech",
    "Speech": "speech",
    "open_speech": "speech",
    "SpeechRenderer": "voices.espeak",
}

__all__ = [
    "FinishedHandle",
    "NullOutput",
    "NullSpeech",
    "Output",
    "PlayHandle",
    "Sound",
    "SoundOutput",
    "Speech",
    "SpeechRenderer",
    "load_wav",
    "open_output",
    "open_speech",
]


def __getattr__(name: str) -> Any:
    """Each name above, imported from its module when first asked for."""
    if name not in _WHERE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{_WHERE[name]}"), name)
