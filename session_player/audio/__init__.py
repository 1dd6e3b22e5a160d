"""Sound and voice: chimes and spoken lines, played with fades, with quiet fallbacks.

Importing this package opens no device and starts no engine; ``open_output()`` and
``open_speech()`` do, and each returns a working fallback plus a one-line notice when it cannot.
Never imports Textual. The names below load with their module on first use (``core.lazy``), so
a module of the package that needs none of them (``early``, before the app's first frame) loads
alone, and a session with sound off loads neither ALSA's bindings (ctypes) nor espeak-ng's
(issue 26).
"""

from typing import TYPE_CHECKING

from session_player.core.lazy import lazy_names

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

__getattr__ = lazy_names(__name__, _WHERE)
