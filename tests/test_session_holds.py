"""What a playing session holds in memory: libraries it has no use for are never loaded.

A session's resident memory is mostly the modules it has loaded (their code, their objects,
their compiled parts); issue 26 holds it to 1.2x a bare Textual app's. A short real session is
played here (plain mode, the log written, sound off) in a fresh interpreter, and what it loaded
by its end is looked at.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

import pytest

from session_player.core.digest import sha256_hex
from session_player.core.log.times import zone_name
from session_player.home import system

ROOT = Path(__file__).resolve().parent.parent

SIT = """title = "A short sit"
practice = "silent"
start_chime = "none"
end_chime = "none"

[[step]]
silence = "1s"
"""

# The modules at exit, written where the test reads them (a line each: the probe loads nothing
# the session might not).
PROBE = """
import atexit, runpy, sys
out = sys.argv.pop(1)
atexit.register(lambda: open(out, "w").write("\\n".join(sorted(sys.modules))))
sys.argv[0] = "session_player"
runpy.run_module("session_player", run_name="__main__", alter_sys=True)
"""


def _loaded_by_a_session(home: Path, *, without: tuple[str, ...] = ()) -> set[str]:
    """The modules a one-second sit (plain mode, logged, sound off) had loaded by its end;
    ``without``: variables left out of its environment."""
    script = home / "sit.toml"
    script.write_text(SIT, encoding="utf-8")
    out = home / "modules.json"
    environ = {k: v for k, v in os.environ.items() if k not in without}
    environ["SESSION_PLAYER_HOME"] = str(home)
    environ["PYTHONPATH"] = os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])
    done = subprocess.run(
        [sys.executable, "-c", PROBE, str(out), "play", str(script), "--plain", "--no-sound"],
        capture_output=True,
        text=True,
        env=environ,
        cwd=home,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "You practised 1s." in done.stdout
    return set(out.read_text().splitlines())


@pytest.fixture(scope="module")
def loaded(tmp_path_factory: pytest.TempPathFactory) -> set[str]:
    """What one short session loaded, on a console with no session bus (one run for all)."""
    home = tmp_path_factory.mktemp("session")
    return _loaded_by_a_session(home, without=("DBUS_SESSION_BUS_ADDRESS",))


def test_a_session_with_no_session_bus_never_loads_dbus(loaded: set[str]) -> None:
    assert not {m for m in loaded if m.startswith("dbus_fast")}
    assert "session_player.desktop.neighbour" in loaded  # the desktop was asked all the same


def test_a_session_writes_its_log_without_loading_the_logs_reading_side(
    loaded: set[str],
) -> None:
    assert "session_player.core.log.recorder" in loaded  # the session was logged
    log = "session_player.core.log."
    held = {m.removeprefix(log).split(".")[0] for m in loaded if m.startswith(log)}
    assert not held & {"queries", "journal", "manual", "exchange"}
    assert "csv" not in loaded


def test_a_session_with_sound_off_loads_no_sound_library(loaded: set[str]) -> None:
    assert "session_player.audio.api" in loaded  # the listeners' shapes, nothing more
    assert not {"ctypes", "session_player.audio.player", "session_player.audio.voices"} & loaded


def test_a_session_names_its_zone_and_its_unsaved_folder_without_zoneinfo_or_openssl(
    loaded: set[str],
) -> None:
    """The log keeps the system's zone name, and the place for a session the log refuses is
    named by a digest: zoneinfo (with sysconfig's data) and OpenSSL's hashlib held 0.9 MiB for
    those two looks (issue 26)."""
    assert {"session_player.core.log.times", "session_player.core.log.unsaved"} <= loaded
    assert not {"zoneinfo", "sysconfig", "hashlib", "_hashlib"} & loaded


def test_a_zone_is_known_as_zoneinfo_knows_it() -> None:
    names = {*available_timezones(), "zone.tab", "leapseconds", "posixrules", "tzdata.zi"}
    names |= {"posix/Europe/Paris", "europe/paris", "Nowhere/Atlantis", "Europe", "UTC "}
    for name in sorted(names):
        try:
            ZoneInfo(name.strip())
            known: str | None = name.strip()
        except (ZoneInfoNotFoundError, ValueError, OSError):
            known = None
        assert zone_name(name) == known, name


def test_the_digest_is_sha256() -> None:
    for data in (b"", b"abc", b"/home/ana/.local/share/log.sqlite3" * 40):
        assert sha256_hex(data) == hashlib.sha256(data).hexdigest()


def test_a_silent_session_reads_no_sound_and_runs_no_hook(loaded: set[str]) -> None:
    """A sit with no chimes reads no WAV file (wave, audioop), runs no hook (shlex) and holds
    nothing for the desktop (json): each loads where it is first used (issue 26)."""
    assert {"session_player.audio.pcm", "session_player.desktop.hooks"} <= loaded
    assert not {"wave", "audioop", "shlex", "json"} & loaded


# Threads that each hold some malloc'd memory at once; prints how many glibc heaps (the 64 MiB
# reservations of the arenas other than the main one) the process has then.
THREADS = """
import sys, threading
if sys.argv[1] == "sound":
    from session_player.audio.player import open_output
    open_output()
HEAP = 64 * 2**20
held, ready, done = [], threading.Barrier(7), threading.Event()
def hold():
    held.append([bytearray(1000) for _ in range(200)])  # above pymalloc's 512 bytes
    ready.wait()
    done.wait()
threads = [threading.Thread(target=hold) for _ in range(6)]
for thread in threads:
    thread.start()
ready.wait()
spans = []
for line in open("/proc/self/maps"):
    parts = line.split()
    if len(parts) == 5:  # anonymous
        spans.append(tuple(int(x, 16) for x in parts[0].split("-")))
ends = dict(spans)
heaps = 0
for low, _ in spans:
    end = low
    while end in ends and end < low + HEAP:
        end = ends[end]
    heaps += low % HEAP == 0 and end == low + HEAP
done.set()
print(heaps)
"""


def _heaps_with(what: str, home: Path) -> int:
    (home / "asound.conf").write_text("pcm.!default { type null }\n")
    environ = {**os.environ, "ALSA_CONFIG_PATH": str(home / "asound.conf")}
    environ["PYTHONPATH"] = os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])
    done = subprocess.run(
        [sys.executable, "-c", THREADS, what],
        capture_output=True,
        text=True,
        env=environ,
        timeout=60,
        check=True,
    )
    return int(done.stdout)


@pytest.mark.skipif(
    not sys.platform.startswith("linux")
    or "glibc" not in (os.confstr("CS_GNU_LIBC_VERSION") or ""),
    reason="glibc's malloc arenas",
)
def test_with_sound_a_sessions_threads_share_two_malloc_arenas(tmp_path: Path) -> None:
    """glibc gives every thread that allocates an arena of its own; the pages each touched
    stayed with a session (its log's, its desktop's, each sound's thread: 0.3-0.5 MiB, issue
    26). Where the sound output loads ctypes, it caps them at two: later threads share."""
    assert _heaps_with("plain", tmp_path) >= 5  # what glibc does on its own: one a thread
    assert _heaps_with("sound", tmp_path) <= 1  # the main arena and one more


def test_the_arena_cap_is_left_alone_off_linux(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "platform", "darwin")
    assert system.cap_malloc_arenas() is False
