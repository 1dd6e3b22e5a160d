"""Sound and voice: chimes and spoken lines, played with fades, with quiet fallbacks.

Importing this package opens no device and starts no engine; ``open_output()`` and
``open_speech()`` do, and each returns a working fallback plus a one-line notice when it cannot.
Never imports Textual.
"""

from session_player.audio.api import FinishedHandle, Output, PlayHandle
from session_player.audio.pcm import Sound, load_wav
from session_player.audio.player import NullOutput, SoundOutput, open_output
from session_player.audio.speech import NullSpeech, Speech, open_speech
from session_player.audio.voices.espeak import SpeechRenderer

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
