"""The voice worker: a process of its own that loads one neural voice, renders lines, and exits.

Neural engines bring onnxruntime and numpy (200-350 MB resident), so they never load into the
player's own process: ``neural.VoiceWorker`` starts ``python -m session_player.audio.worker``
and talks to it in JSON lines.

- The first line names the voice: ``{"engine": "hibari", "name", "model", "config"}``; the
  worker loads it (the engine's ``load``, found in ``voices.registry``) and answers
  ``{"ready": true}`` (or ``{"error": ...}`` and exits). A worker started with the app, before
  it knows the voices there are (``early``), is told the person's choice instead,
  ``{"find": voice id or "", "folder"}``: it finds the voice as the app would, and answers
  ``{"ready": true, "voice": its id}``. With ``"nice": n`` it first lowers its
  own priority by ``n``: the app's sounds and drawing come first.
- Then each line asks for one render: ``{"text": ..., "wpm": ..., "target": ...}``. The worker
  renders, trims and levels it (``loudness``), writes it under a temporary name and moves it to
  ``target``; it answers ``{"ok": true}`` or ``{"error": ...}``.
- When its input ends (the player is done with it, or has gone), it exits.

The network is refused for the whole process, before any engine loads: an audit hook turns every
attempt to connect or to look up a host into an error, so no engine can ever fetch a voice.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import sys
import threading
import time
import wave
from pathlib import Path
from typing import IO, Any

from session_player.audio import loudness
from session_player.audio.voices import registry
from session_player.audio.voices.base import VoiceInfo, header_of

_REFUSED = ("socket.connect", "socket.getaddrinfo", "socket.gethostbyname", "urllib.Request")


def _no_network(event: str, args: tuple[Any, ...]) -> None:
    if event in _REFUSED:
        raise PermissionError("the voice worker never uses the network")


def refuse_network() -> None:
    """From now on, this process cannot connect anywhere (an audit hook can't be removed)."""
    sys.addaudithook(_no_network)


def lower_priority(by: int) -> None:
    """Run ``by`` steps nicer than the player (where the system has priorities)."""
    if by > 0 and hasattr(os, "nice"):
        with contextlib.suppress(OSError):  # not allowed here: the worker runs as it is
            os.nice(by)


def _write(target: Path, pcm: bytes, rate: int) -> None:
    if not pcm:
        raise ValueError("the voice produced no audio for this line")
    tmp = target.with_name(f".{target.stem}.{os.getpid()}.tmp.wav")
    try:
        with wave.open(str(tmp), "wb") as w:
            w.setnchannels(1)
            w.setsampwidth(2)
            w.setframerate(rate)
            w.writeframes(loudness.normalise(pcm, rate))
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)


def _answer(out: IO[str], **message: object) -> None:
    out.write(json.dumps(message) + "\n")
    out.flush()


def _found(header: dict[str, Any]) -> VoiceInfo | None:
    """For a worker started early (``early``), the voice it finds for the person's choice
    (``"find"``) in their voices folder (``"folder"``); None when the header names one."""
    if "find" not in header:
        return None
    voice = registry.chosen(str(header["find"]), Path(header["folder"]))
    if voice is None:
        raise LookupError(f"no neural voice here speaks for {header['find'] or 'the default'}")
    return voice


def serve(lines: IO[str], out: IO[str]) -> int:
    """Load the voice the first line names, then render each line asked for until input ends."""
    header_line = lines.readline()
    if not header_line:
        return 0
    try:
        header = json.loads(header_line)
        lower_priority(int(header.get("nice") or 0))
        found = _found(header)
        render = registry.load(header if found is None else header_of(found))
    except Exception as exc:  # reported to the player, which falls back to espeak
        _answer(out, error=f"the voice did not load ({type(exc).__name__}: {exc})")
        return 1
    _answer(out, ready=True, **({} if found is None else {"voice": found.id}))
    for line in lines:
        try:
            job = json.loads(line)
            target = Path(job["target"])
            if job.get("make_folder", True):
                target.parent.mkdir(parents=True, exist_ok=True)
            elif not target.parent.is_dir():
                raise FileNotFoundError(f"{target.parent} is gone")
            pcm, rate = render(str(job["text"]), int(job["wpm"]))
            _write(target, pcm, rate)
        except Exception as exc:  # one line fails alone
            _answer(out, error=str(exc) or type(exc).__name__)
        else:
            _answer(out, ok=True)
    return 0


PARENT_S = 1.0
"""How often the worker looks whether the player that started it is still there."""
PARENT_ENV = "SESSION_PLAYER_VOICE_PARENT"
"""The player's process id, as the player gives it (it may be gone before the worker runs)."""


def outlive_nobody() -> None:
    """Exit as soon as the player is gone, even in the middle of loading a voice (its closed
    pipe is seen only between lines): a process whose parent dies gets a new one."""
    if os.name != "posix":
        return
    parent = int(os.environ.get(PARENT_ENV) or os.getppid())

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(PARENT_S)
        os._exit(0)

    threading.Thread(target=watch, daemon=True, name="parent").start()


def main() -> int:
    """Run as ``python -m session_player.audio.worker``."""
    outlive_nobody()
    refuse_network()
    os.environ["ORT_DISABLE_TELEMETRY"] = "1"  # it writes to $TMPDIR and calls out
    # Ctrl+C in the terminal is for the player, which ends this worker by closing its input.
    if hasattr(signal, "SIGINT"):
        signal.signal(signal.SIGINT, signal.SIG_IGN)
    # Answers go out on a copy of standard output; anything an engine prints goes to stderr.
    answers = os.fdopen(os.dup(sys.stdout.fileno()), "w", encoding="utf-8")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    return serve(sys.stdin, answers)


if __name__ == "__main__":
    sys.exit(main())
