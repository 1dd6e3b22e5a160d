"""ALSA through ctypes: keep libasound's own messages off the terminal, and probe for a device.

libasound prints its errors ("ALSA lib pcm.c:...: Unknown PCM default", underruns, ...) straight
to file descriptor 2, which would paint over a full-screen terminal app. It offers one switch for
that, ``snd_lib_error_set_handler``; we install a handler that does nothing. The handler is
process-wide, so it also covers the opens simpleaudio makes through the same libasound.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import threading

_SND_PCM_STREAM_PLAYBACK = 0
_SND_PCM_NONBLOCK = 1

_lock = threading.Lock()
_lib: ctypes.CDLL | None = None
_loaded = False
_quiet = False


def _libasound() -> ctypes.CDLL | None:
    global _lib, _loaded
    with _lock:
        if not _loaded:
            _loaded = True
            for name in ("libasound.so.2", ctypes.util.find_library("asound")):
                if not name:
                    continue
                try:
                    _lib = ctypes.CDLL(name)
                    break
                except OSError:
                    continue
        return _lib


def _noop_handler() -> int | None:
    """The address of a C function that ignores its arguments and has no effect.

    ``getpid`` fits: it takes nothing, touches nothing and cannot fail, and on the C calling
    conventions Linux uses, extra arguments are simply ignored by the callee. A C function (not a
    ctypes callback into Python) is safe to call from ALSA's own threads at any time, even while
    the interpreter shuts down.
    """
    libc_name = ctypes.util.find_library("c") or "libc.so.6"
    try:
        libc = ctypes.CDLL(libc_name)
        return ctypes.cast(libc.getpid, ctypes.c_void_p).value
    except (OSError, AttributeError):
        return None


def silence_errors() -> bool:
    """Stop libasound from printing to the terminal. Idempotent; False if ALSA is not there."""
    global _quiet
    lib = _libasound()
    if lib is None:
        return False
    with _lock:
        if not _quiet:
            handler = _noop_handler()
            if handler is None:
                return False
            lib.snd_lib_error_set_handler.argtypes = [ctypes.c_void_p]
            lib.snd_lib_error_set_handler.restype = ctypes.c_int
            _quiet = lib.snd_lib_error_set_handler(handler) == 0
    return _quiet


def probe_playback() -> str | None:
    """Try to open ALSA's default playback device without playing anything.

    Returns None when it opens, or a short reason ("libasound not found", ALSA's error text).
    """
    lib = _libasound()
    if lib is None:
        return "libasound not found"
    silence_errors()
    lib.snd_pcm_open.argtypes = [
        ctypes.POINTER(ctypes.c_void_p),
        ctypes.c_char_p,
        ctypes.c_int,
        ctypes.c_int,
    ]
    lib.snd_pcm_open.restype = ctypes.c_int
    lib.snd_pcm_close.argtypes = [ctypes.c_void_p]
    lib.snd_strerror.argtypes = [ctypes.c_int]
    lib.snd_strerror.restype = ctypes.c_char_p
    handle = ctypes.c_void_p()
    err = lib.snd_pcm_open(
        ctypes.byref(handle), b"default", _SND_PCM_STREAM_PLAYBACK, _SND_PCM_NONBLOCK
    )
    if err < 0:
        text = lib.snd_strerror(err)
        return text.decode(errors="replace") if text else f"error {err}"
    lib.snd_pcm_close(handle)
    return None
