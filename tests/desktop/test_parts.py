"""Each part of the desktop on its own, with real tools where they run here: GNOME's gsettings
(its real schema, a keyfile backend of the test's own), D-Bus services on a private bus, real
hook commands. macOS and Windows can't run here: their calls are checked as made."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from session_player.desktop.awake import ES_CONTINUOUS, Awake
from session_player.desktop.bus import Bus
from session_player.desktop.held import Held
from session_player.desktop.hooks import HookFacts, run_hook
from session_player.desktop.neighbour import Neighbour, Sitting
from session_player.home.settings import Settings
from tests.desktop.bus_fixture import Desktop, Served, eventually, need

SIT = Sitting("Silent timer", "sitting", 1200.0, open_ended=False, sit=True)
GUIDED = Sitting("Loving-kindness", "loving-kindness", 600.0, open_ended=False, sit=False)


def _neighbour(
    folder: Path, address: str | None = None, notices: list[str] | None = None, **kw: Any
) -> Neighbour:
    notes = notices if notices is not None else []
    settings = kw.pop("settings", Settings())
    return Neighbour(settings, folder, note=notes.append, bus=Bus(address), **kw)


def _banners() -> str:
    done = subprocess.run(
        ["gsettings", "get", "org.gnome.desktop.notifications", "show-banners"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    return done.stdout.strip()


def _set_banners(value: str) -> None:
    subprocess.run(
        ["gsettings", "set", "org.gnome.desktop.notifications", "show-banners", value],
        check=True,
    )


@pytest.fixture
def gnome(monkeypatch: pytest.MonkeyPatch) -> None:
    need("gsettings")
    monkeypatch.setenv("XDG_CURRENT_DESKTOP", "ubuntu:GNOME")
    done = subprocess.run(["gsettings", "list-keys", "org.gnome.desktop.notifications"],
                          capture_output=True, check=False)  # fmt: skip
    if done.returncode != 0:
        need("gsettings-desktop-schemas-is-missing")


@pytest.mark.usefixtures("gnome")
def test_gnome_banners_are_off_during_a_session_and_on_after(tmp_path: Path) -> None:
    assert _banners() == "true"
    neighbour = _neighbour(tmp_path)
    neighbour.started(GUIDED)
    neighbour.settled()
    assert _banners() == "false"
    neighbour.ended(600.0, "completed")
    neighbour.settled()
    assert _banners() == "true"
    neighbour.close()


@pytest.mark.usefixtures("gnome")
def test_gnome_banners_the_person_turned_off_stay_off(tmp_path: Path) -> None:
    _set_banners("false")
    neighbour = _neighbour(tmp_path)
    neighbour.started(SIT)
    neighbour.close()  # the app quits mid-session: everything is put back
    assert _banners() == "false"


@pytest.mark.usefixtures("gnome")
def test_a_dead_runs_gnome_state_is_put_back_by_the_next_start(tmp_path: Path) -> None:
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    Held(tmp_path, pid=gone.pid).record("gnome", True)  # it had turned banners off, then died
    _set_banners("false")
    neighbour = _neighbour(tmp_path)
    neighbour.settled()
    assert _banners() == "true"
    assert list(tmp_path.glob("held-*.json")) == []
    neighbour.close()


def test_a_live_runs_held_state_is_left_alone(tmp_path: Path) -> None:
    other = subprocess.Popen([sys.executable, "-c", "import sys; sys.stdin.read()"],
                             stdin=subprocess.PIPE)  # fmt: skip
    try:
        Held(tmp_path, pid=other.pid).record("dunst", False)
        neighbour = _neighbour(tmp_path)
        neighbour.settled()
        assert (tmp_path / f"held-{other.pid}.json").exists()
        neighbour.close()
    finally:
        other.communicate(b"")


@pytest.fixture
def served(desktop: Desktop) -> Iterator[Served]:
    found = Served(desktop.address)
    yield found
    found.close()


@pytest.fixture
def plasma(served: Served) -> Any:
    from tests.desktop.services import Plasma

    server = Plasma()
    served.export("org.freedesktop.Notifications", "/org/freedesktop/Notifications", server)
    return server


def test_the_screensaver_is_inhibited_during_a_session_and_released_after(
    desktop: Desktop, served: Served, tmp_path: Path
) -> None:
    from tests.desktop.services import ScreenSaver

    saver = ScreenSaver()
    served.export("org.freedesktop.ScreenSaver", "/org/freedesktop/ScreenSaver", saver)
    neighbour = _neighbour(tmp_path, desktop.address)
    neighbour.started(SIT)
    neighbour.settled()
    assert saver.held and saver.calls[0] == (
        "Inhibit", ("session-player", "A practice session is playing")
    )  # fmt: skip
    neighbour.ended(1200.0, "completed")
    neighbour.settled()
    assert not saver.held
    neighbour.close()


def test_a_server_with_the_inhibit_call_holds_and_shows_the_end(
    desktop: Desktop, plasma: Any, tmp_path: Path
) -> None:
    neighbour = _neighbour(tmp_path, desktop.address)
    neighbour.started(SIT)
    neighbour.settled()
    assert len(plasma.held) == 1
    neighbour.ended(1200.0, "completed")
    neighbour.settled()
    assert not plasma.held
    assert plasma.shown == ["Sat 20 minutes"]
    assert neighbour.told == "bus"
    neighbour.close()


def test_a_guided_session_ends_without_a_notification_unless_asked(
    desktop: Desktop, plasma: Any, tmp_path: Path
) -> None:
    for wanted, shown in (("sits", []), ("always", ["Loving-kindness: 10 minutes"])):
        settings = Settings(end_notice=wanted)
        neighbour = _neighbour(tmp_path, desktop.address, settings=settings)
        neighbour.started(GUIDED)
        neighbour.ended(600.0, "completed")
        neighbour.close()
        assert plasma.shown == shown


def test_with_no_notification_service_and_no_sound_the_terminal_bell_rings(
    tmp_path: Path,
) -> None:
    rang: list[bool] = []
    neighbour = _neighbour(tmp_path, sound=False, bell=lambda: rang.append(True) or True)
    neighbour.started(SIT)
    neighbour.ended(60.0, "completed")
    neighbour.close()
    assert rang == [True] and neighbour.told == "bell"


def test_with_sound_the_bell_stays_quiet(tmp_path: Path) -> None:
    rang: list[bool] = []
    neighbour = _neighbour(tmp_path, sound=True, bell=lambda: rang.append(True) or True)
    neighbour.started(SIT)
    neighbour.ended(60.0, "completed")
    neighbour.close()
    assert rang == [] and neighbour.told == "none"


def test_nothing_to_hold_and_no_bus_is_no_error_and_no_notice_on_a_console(
    tmp_path: Path,
) -> None:
    notices: list[str] = []
    neighbour = _neighbour(tmp_path, notices=notices)
    neighbour.started(SIT)
    neighbour.ended(60.0, "stopped")
    neighbour.close()
    assert notices == []


# -- hooks ----------------------------------------------------------------------------------

RECORD = (
    "import json, os, sys; "
    "open(sys.argv[1], 'w').write(json.dumps([sys.argv[2:], "
    "{k: v for k, v in os.environ.items() if k.startswith('SESSION_PLAYER_')}]))"
)


def test_hooks_run_without_a_shell_and_are_told_the_session(tmp_path: Path) -> None:
    out = tmp_path / "hook.json"
    command = f"{sys.executable} -c \"{RECORD}\" {out} '$HOME; rm -rf x' '*'"
    settings = Settings(on_end=command)
    neighbour = _neighbour(tmp_path, settings=settings)
    neighbour.started(GUIDED)
    neighbour.ended(540.0, "stopped")
    neighbour.close()
    argv, env = json.loads(out.read_text())
    assert argv == ["$HOME; rm -rf x", "*"]  # no shell: nothing expanded, nothing run
    assert env == {
        "SESSION_PLAYER_EVENT": "end",
        "SESSION_PLAYER_TITLE": "Loving-kindness",
        "SESSION_PLAYER_PRACTICE": "loving-kindness",
        "SESSION_PLAYER_MINUTES": "9",
        "SESSION_PLAYER_OUTCOME": "stopped",
        "SESSION_PLAYER_HOME": env["SESSION_PLAYER_HOME"],
    }


def test_a_hook_that_hangs_is_stopped_with_a_notice() -> None:
    facts = HookFacts("start", "T", "p", 1.0)
    notice = run_hook("on_start", f"{sys.executable} -c 'import time; time.sleep(60)'", facts,
                      timeout=0.2)  # fmt: skip
    assert notice is not None and "ran over 0.2 seconds and was stopped" in notice


def test_a_failing_or_missing_hook_is_one_notice() -> None:
    facts = HookFacts("start", "T", "p", 1.0)
    failed = run_hook("on_start", f"{sys.executable} -c 'import sys; sys.exit(\"no\")'", facts)
    assert failed == f"The on_start hook {sys.executable!r} failed (exit 1): no."
    missing = run_hook("on_end", "/no/such/command", facts)
    assert missing is not None and missing.startswith("The on_end hook '/no/such/command' could")
    unclosed = run_hook("on_end", "notify 'oops", facts)
    assert unclosed is not None and "quotes don't close" in unclosed


# -- macOS and Windows (they can't run here: the calls are checked as made) ------------------


def _on_macos(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, tool: str, then: str = "") -> Path:
    """macOS, as far as our code can tell, with ``tool`` noting its arguments one a line."""
    log = tmp_path / "argv"
    fake = tmp_path / "bin" / tool
    fake.parent.mkdir()
    fake.write_text(f'#!/bin/sh\nprintf "%s\\n" "$@" > {log}\n{then}')
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", f"{fake.parent}:/usr/bin:/bin")
    monkeypatch.setattr(sys, "platform", "darwin")
    return log


def test_macos_is_kept_awake_by_caffeinate_watching_our_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    log = _on_macos(tmp_path, monkeypatch, "caffeinate", "exec sleep 60\n")
    awake = Awake(Bus(), pid=4242)
    assert awake.hold() is None
    from tests.desktop.bus_fixture import eventually

    eventually(log.exists, "caffeinate started")
    assert log.read_text().splitlines() == ["-dims", "-w", "4242"]
    awake.release()
    assert awake.child is None and awake.held_by == []


class Kernel:
    def __init__(self) -> None:
        self.states: list[int] = []

    def SetThreadExecutionState(self, flags: int) -> int:
        self.states.append(flags)
        return 1


def test_windows_is_kept_awake_by_the_thread_execution_state(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(sys, "platform", "win32")
    kernel = Kernel()
    awake = Awake(Bus(), kernel=lambda: kernel)
    assert awake.hold() is None
    awake.release()
    assert kernel.states == [ES_CONTINUOUS | 0x1 | 0x2, ES_CONTINUOUS]


def test_macos_and_windows_say_notifications_are_not_held(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from session_player.desktop.neighbour import cannot_hold_notifications

    for platform, word in (("darwin", "macOS"), ("win32", "Windows")):
        monkeypatch.setattr(sys, "platform", platform)
        said = cannot_hold_notifications()
        assert said is not None and said.startswith(word)
    monkeypatch.setattr(sys, "platform", "linux")
    assert cannot_hold_notifications() is None


def test_logind_is_held_through_systemd_inhibit_and_let_go_after(
    desktop: Desktop, served: Served, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The real systemd-inhibit, talking to a logind of the test's own (the private bus as the
    # system bus): the lock is taken as the session starts, and let go at its end.
    from tests.desktop.services import Login1

    need("systemd-inhibit")
    logind = Login1()
    served.export("org.freedesktop.login1", "/org/freedesktop/login1", logind)
    monkeypatch.setenv("DBUS_SYSTEM_BUS_ADDRESS", desktop.address)
    neighbour = _neighbour(tmp_path)
    neighbour.started(SIT)
    neighbour.settled()
    child = neighbour.awake.child
    assert child is not None
    # systemd-inhibit starts `cat` once it holds the lock: then only it holds the lock's end.
    eventually(lambda: _children(child.pid) == ["cat"], "systemd-inhibit holding the lock")
    logind.let_go_of_our_copies()
    assert logind.taken == [
        ("idle:sleep", "session-player", "A practice session is playing", "block")
    ]
    assert not logind.released(0)
    neighbour.ended(1200.0, "completed")
    neighbour.settled()
    assert logind.released(0)
    neighbour.close()


def _children(pid: int) -> list[str]:
    """The names of process ``pid``'s children (Linux's /proc)."""
    return [name for _, name in _named_children(pid)]


def _named_children(pid: int) -> list[tuple[int, str]]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
        except OSError:
            continue
        name, _, rest = text.partition(" (")[2].rpartition(") ")
        if rest.split()[1:2] == [str(pid)]:
            found.append((int(stat.parent.name), name))
    return found


def test_a_killed_session_lets_logind_go(desktop: Desktop, served: Served, tmp_path: Path) -> None:
    # kill -9 leaves no code of ours to run: the kernel closes our pipe, `cat` ends, and
    # systemd-inhibit with it, so the lock goes.
    from tests.desktop.services import Login1

    need("systemd-inhibit")
    logind = Login1()
    served.export("org.freedesktop.login1", "/org/freedesktop/login1", logind)
    env = {**desktop.env, "DBUS_SYSTEM_BUS_ADDRESS": desktop.address}
    sit = subprocess.Popen(
        [sys.executable, "-m", "session_player", "timer", "--plain", "--no-sound"],
        env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        eventually(lambda: _holding(sit.pid), "systemd-inhibit holding the lock")
        logind.let_go_of_our_copies()
        assert not logind.released(0)
    finally:
        sit.kill()
        sit.wait()
    eventually(lambda: logind.released(0), "the lock let go after kill -9")


def _holding(pid: int) -> bool:
    """Whether process ``pid`` has a systemd-inhibit child that holds its lock (runs cat)."""
    return any(
        name == "systemd-inhibit" and _children(child) == ["cat"]
        for child, name in _named_children(pid)
    )


def test_macos_shows_the_end_through_osascript(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    log = _on_macos(tmp_path, monkeypatch, "osascript")
    settings = Settings(keep_awake=False, end_notice="always")
    neighbour = _neighbour(tmp_path, settings=settings)
    neighbour.started(Sitting('Say "yes"', "affirming", 1200.0, open_ended=False, sit=False))
    neighbour.ended(1200.0, "completed")
    neighbour.close()
    assert neighbour.told == "osascript"
    assert log.read_text().splitlines() == [
        "-e", 'display notification "Finished." with title "Say \\"yes\\": 20 minutes"'
    ]  # fmt: skip


def test_windows_shows_the_end_as_a_toast_with_the_words_kept_out_of_the_script(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    log = _on_macos(tmp_path, monkeypatch, "powershell")
    fake = tmp_path / "bin" / "powershell"  # also notes the words it was handed
    fake.write_text(
        fake.read_text()
        + f'printf "%s|%s\\n" "$SESSION_PLAYER_SUMMARY" "$SESSION_PLAYER_BODY" >> {log}\n'
    )
    monkeypatch.setattr(sys, "platform", "win32")
    settings = Settings(keep_awake=False, end_notice="always")
    neighbour = _neighbour(tmp_path, settings=settings)
    title = 'Say "yes"; $(calc)'
    neighbour.started(Sitting(title, "affirming", 1200.0, open_ended=False, sit=False))
    neighbour.ended(1200.0, "completed")
    neighbour.close()
    assert neighbour.told == "toast"
    said = log.read_text().splitlines()
    assert said[:3] == ["-NoProfile", "-NonInteractive", "-Command"]
    assert "ToastNotificationManager" in "\n".join(said[3:-1])
    assert title not in "\n".join(said[:-1])  # never in the script's source
    assert said[-1] == f"{title}: 20 minutes|Finished."


def test_windows_without_powershell_or_sound_rings_the_bell_instead(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # no powershell anywhere
    monkeypatch.setattr(sys, "platform", "win32")
    rung: list[bool] = []
    settings = Settings(keep_awake=False, end_notice="always")
    neighbour = _neighbour(
        tmp_path, settings=settings, sound=False, bell=lambda: rung.append(True) or True
    )
    neighbour.started(Sitting("Sit", "sitting", 60.0, open_ended=False, sit=True))
    neighbour.ended(60.0, "completed")
    neighbour.close()
    assert neighbour.told == "bell" and rung == [True]


def _xfce_dnd(desktop: Desktop) -> str:
    done = subprocess.run(
        ["xfconf-query", "-c", "xfce4-notifyd", "-p", "/do-not-disturb"],
        env=desktop.env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    return done.stdout.strip() or "unset"


@pytest.mark.parametrize("before", ["unset", "false", "true"])
def test_xfce_do_not_disturb_during_and_exactly_as_it_was_after(
    desktop: Desktop, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, before: str
) -> None:
    from tests.desktop.bus_fixture import start_xfconfd

    need("xfconf-query")
    start_xfconfd(desktop)
    monkeypatch.setenv("XDG_CURRENT_DESKTOP", "XFCE")
    if before != "unset":
        desktop.tool("xfconf-query", "-c", "xfce4-notifyd", "-p", "/do-not-disturb", "-n",
                     "-t", "bool", "-s", before)  # fmt: skip
    neighbour = _neighbour(tmp_path, desktop.address)
    neighbour.started(SIT)
    neighbour.settled()
    assert _xfce_dnd(desktop) == "true"
    neighbour.ended(1200.0, "completed")
    neighbour.close()
    assert _xfce_dnd(desktop) == before
