"""The one-line notices for sound and voice, worded for the platform they are shown on.

A notice says what to do here: ``apt`` on Debian or Ubuntu, the build tools of the sound extra
elsewhere; never ``apt`` on a Mac.
"""

from __future__ import annotations

from session_player.home import system

SOUND_PIP = "pip install 'session-player[sound]'"


def no_sound_extra() -> str:
    """simpleaudio is not installed (or cannot load)."""
    where = system.current()
    if where == "linux":
        if system.has_apt():
            needs = "sudo apt install libasound2-dev"
        else:
            needs = "install ALSA's development headers (alsa-lib-devel, alsa-lib)"
        return f"Sound is off: the sound extra is not installed; {needs}, then: {SOUND_PIP}"
    if where == "macos":
        return (
            "Sound is off: the sound extra is not installed; it builds with Apple's command "
            f"line tools (xcode-select --install), then: {SOUND_PIP}"
        )
    if where == "windows":
        return (
            f"Sound is off: the sound extra is not installed: {SOUND_PIP} "
            "(where it must build, it needs Microsoft's C++ Build Tools)"
        )
    return f"Sound is off: the sound extra is not installed ({SOUND_PIP}; it needs a C compiler)."


def no_device(reason: str) -> str:
    """ALSA (Linux) found no playback device."""
    return f"Sound is off: no audio device found (ALSA: {reason}); connect one and restart."


def no_pyttsx3() -> str:
    """pyttsx3 is not installed."""
    return "Voice is off: pyttsx3 is not installed (pip install pyttsx3); text is shown."


def no_system_voice() -> str:
    """pyttsx3 is there but the system's speech engine did not start."""
    where = system.current()
    if where == "linux":
        install = (
            "sudo apt install libespeak-ng1"
            if system.has_apt()
            else "install espeak-ng with your package manager"
        )
        return f"Voice is off: espeak-ng not found; {install}; text is shown."
    if where == "macos":
        return (
            "Voice is off: macOS speech did not start for pyttsx3 (pip install pyobjc); "
            "text is shown."
        )
    if where == "windows":
        return (
            "Voice is off: Windows speech (SAPI5) did not start for pyttsx3 "
            "(pip install pywin32 comtypes); text is shown."
        )
    return "Voice is off: no speech engine started (espeak-ng is the usual one); text is shown."
