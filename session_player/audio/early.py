"""A voice worker started with the app, before its first frame: the voice loads meanwhile.

A neural voice's worker takes about 2 s of one core before its first line is made (Python,
numpy, onnxruntime, the model, the spelling-to-sound tables: ``docs/performance.md``, "The
first word"). Started once the library's first frame is out (``standby``), most of that was
still to come when a person pressed Enter at once. So ``session-player`` starts it first
(``start``), nicer than itself, and it loads on the other core while the app starts: it is
told only the person's voice choice and folder, and finds the voice itself (``worker``,
``"find"``). Once the library is out, ``standby`` adopts it (``take``) when it is for the
voice the app would warm, and ends it otherwise.

Importing this module loads only the standard library: the audio package's own modules come
after the first frame. ``spawn`` is how every worker process is started (``neural``).
"""

from __future__ import annotations

import atexit
import json
import os
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

NICE = 5
"""How much nicer than the app speech is rendered (a worker process, espeak-ng's thread): the
session's sounds and drawing come first, and a voice made ahead gives way to whatever the
person is doing meanwhile."""


def worker_command() -> list[str]:
    """How a worker is started: this Python, running the worker module."""
    return [sys.executable, "-m", "session_player.audio.worker"]


def spawn(command: list[str] | None = None) -> subprocess.Popen[str]:
    """Start a worker process (``OSError`` if it can't start): its input and answers are
    pipes, it exits when this process goes, and the terminal's keys are not its own."""
    # onnxruntime's own telemetry is off: it would write to $TMPDIR and try the network.
    env = {**os.environ, "PYTHONUNBUFFERED": "1", "ORT_DISABLE_TELEMETRY": "1"}
    env["SESSION_PLAYER_VOICE_PARENT"] = str(os.getpid())  # it exits when this process goes
    # A new session on POSIX: the terminal's Ctrl+C and hang-up are the player's to handle.
    extra: dict[str, Any] = {"start_new_session": True} if os.name == "posix" else {}
    return subprocess.Popen(
        command or worker_command(),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        encoding="utf-8",
        env=env,
        **extra,
    )


_lock = threading.Lock()
_early: tuple[subprocess.Popen[str], str] | None = None


def start(voice_id: str, voices_folder: Path, command: list[str] | None = None) -> bool:
    """Start a worker that finds and loads the neural voice for ``voice_id`` (the person's
    choice; empty for the first neural voice there is) by itself; True if it started.
    Returns at once (no answer is awaited)."""
    global _early
    header = {"find": voice_id, "folder": str(voices_folder), "nice": NICE}
    try:
        process = spawn(command)
        assert process.stdin is not None
        process.stdin.write(json.dumps(header) + "\n")
        process.stdin.flush()
    except (OSError, ValueError):
        return False
    with _lock:
        old, _early = _early, (process, voice_id)
    if old is not None:
        end(old[0])
    return True


def take(voice_id: str | None = None) -> subprocess.Popen[str] | None:
    """The worker started early, if one was and is still running, for the voice choice
    ``voice_id`` (None: whichever it was; its first answer names the voice it found); one
    started for another choice is ended."""
    global _early
    with _lock:
        early, _early = _early, None
    if early is None:
        return None
    process, chosen = early
    if voice_id not in (None, chosen) or process.poll() is not None:
        end(process)
        return None
    return process


def discard() -> None:
    """End the worker started early, if nobody took it."""
    global _early
    with _lock:
        early, _early = _early, None
    if early is not None:
        end(early[0])


def end(process: subprocess.Popen[str]) -> None:
    """End a worker process now."""
    if process.poll() is None:
        process.kill()
    process.wait()


atexit.register(discard)
