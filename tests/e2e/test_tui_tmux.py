"""The installed ``session-player`` in tmux, as a person uses it: play, read the screen, stop."""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

SCRIPT = """title = "A tmux practice"
practice = "breathing"

[[step]]
section = "Arriving"
say = "Welcome. You can stop at any time."

[[step]]
section = "Breathing"
breathe = "box"
cycles = 30
"""

needs_tmux = pytest.mark.skipif(
    shutil.which("tmux") is None and not os.environ.get("CI"),
    reason="tmux is not installed (CI installs it, so this never skips there)",
)


class Tmux:
    """One tmux server of our own, with one 100x30 window."""

    def __init__(self, name: str, env: dict[str, str]) -> None:
        self.base = ["tmux", "-L", name]
        self.env = env

    def start(self, command: list[str]) -> None:
        subprocess.run(
            [*self.base, "new-session", "-d", "-x", "100", "-y", "30", *command],
            env=self.env,
            check=True,
        )

    def keys(self, *keys: str) -> None:
        subprocess.run([*self.base, "send-keys", *keys], check=True)

    def screen(self) -> str:
        capture = [*self.base, "capture-pane", "-p", "-S", "-100"]  # with what scrolled off
        done = subprocess.run(capture, capture_output=True, text=True)
        return done.stdout

    def wait_for(self, text: str, *also: str, timeout: float = 30, gone: str | None = None) -> str:
        """The screen, once it shows ``text`` and each of ``also`` (and no longer ``gone``).

        Everything asserted about one screen is waited for together: a capture can land in the
        middle of a redraw, with the line waited for drawn and the rest not yet.
        """
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen()
            shown = all(part in screen for part in (text, *also))
            if shown and (gone is None or gone not in screen):
                return screen
            time.sleep(0.2)
        wanted = " and ".join(repr(part) for part in (text, *also))
        raise AssertionError(f"{wanted} never appeared; the screen was:\n{screen}")

    def pid(self) -> int:
        """The process the window runs."""
        panes = [*self.base, "list-panes", "-F", "#{pane_pid}"]
        done = subprocess.run(panes, capture_output=True, text=True, check=True)
        return int(done.stdout.split()[0])

    def running(self) -> bool:
        return subprocess.run([*self.base, "has-session"], capture_output=True).returncode == 0

    def kill(self) -> None:
        subprocess.run([*self.base, "kill-server"], capture_output=True)


@pytest.fixture
def tmux(tmp_path: Path) -> Iterator[Tmux]:
    (tmp_path / "config").mkdir()
    (tmp_path / "config" / "settings.toml").write_text("checkins = false\nsound = false\n")
    env = {**os.environ, "SESSION_PLAYER_HOME": str(tmp_path), "TERM": "xterm-256color"}
    env.pop("NO_COLOR", None)
    # A socket of its own per test: a server from the test before may still be exiting on a
    # shared one, and a new session there fails with "server exited unexpectedly".
    server = Tmux(f"sp-test-{os.getpid()}-{tmp_path.name}", env)
    yield server
    server.kill()


@needs_tmux
def test_play_read_the_screen_and_stop_kindly(tmux: Tmux, tmp_path: Path) -> None:
    script = tmp_path / "practice.toml"
    script.write_text(SCRIPT)
    command = str(Path(sys.executable).parent / "session-player")
    tmux.start([command, "play", str(script), "--no-sound"])

    # the first line, with the section outline
    tmux.wait_for("Welcome. You can stop at any time.", "Arriving", "Breathing")
    tmux.wait_for("Breathe in", "A tmux practice")  # the pacer names the phase, under the title

    tmux.keys("q")  # stopping asks first
    tmux.wait_for("Keep going")
    tmux.keys("y")
    tmux.wait_for("You practised")
    tmux.keys("q")
    deadline = time.monotonic() + 10
    while tmux.running() and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not tmux.running()  # the app quit and restored the terminal

    with sqlite3.connect(tmp_path / "data" / "log.sqlite3") as conn:
        rows = conn.execute("select outcome, practised_seconds from sessions").fetchall()
    assert len(rows) == 1
    assert rows[0][0] == "stopped"
    assert rows[0][1] > 1


@needs_tmux
def test_ctrl_c_restores_the_terminal_and_says_what_was_practised(
    tmux: Tmux, tmp_path: Path
) -> None:
    script = tmp_path / "practice.toml"
    script.write_text(SCRIPT)
    command = str(Path(sys.executable).parent / "session-player")
    shell = f"{command} play {script} --no-sound; echo EXIT=$?; sleep 30"
    tmux.start(["sh", "-c", shell])
    tmux.wait_for("Breathe in")
    tmux.keys("C-c")
    screen = tmux.wait_for("EXIT=0")
    assert "You practised" in screen
    assert "Breathe in" not in screen  # the TUI is gone: the terminal is back to the shell
    with sqlite3.connect(tmp_path / "data" / "log.sqlite3") as conn:
        [(practised,)] = conn.execute("select practised_seconds from sessions").fetchall()
    assert practised > 1


def play_practice(tmux: Tmux, tmp_path: Path) -> None:
    """Start the installed command playing the practice script in the window."""
    script = tmp_path / "practice.toml"
    script.write_text(SCRIPT)
    command = str(Path(sys.executable).parent / "session-player")
    tmux.start([command, "play", str(script), "--no-sound"])


def the_session(tmp_path: Path) -> tuple[str, float]:
    """How the one logged session ended, and the seconds practised."""
    with sqlite3.connect(tmp_path / "data" / "log.sqlite3") as conn:
        [(outcome, practised)] = conn.execute(
            "select outcome, practised_seconds from sessions"
        ).fetchall()
    return outcome, practised


@needs_tmux
def test_a_kill_ends_the_session_as_interrupted_and_restores_the_terminal(
    tmux: Tmux, tmp_path: Path
) -> None:
    play_practice(tmux, tmp_path)
    subprocess.run([*tmux.base, "set-option", "remain-on-exit", "on"], check=True)
    tmux.wait_for("Breathe in")
    pid = tmux.pid()
    os.kill(pid, signal.SIGTERM)
    screen = tmux.wait_for("You practised")
    assert "Breathe in" not in screen  # the TUI is gone: the terminal is back
    outcome, practised = the_session(tmp_path)
    assert outcome == "interrupted"
    assert practised > 1


@needs_tmux
def test_a_closed_terminal_keeps_the_session_and_leaves_no_process_behind(
    tmux: Tmux, tmp_path: Path
) -> None:
    play_practice(tmux, tmp_path)
    tmux.wait_for("Breathe in")
    pid = tmux.pid()
    tmux.kill()  # the terminal window is closed: a hang-up, and the terminal is gone
    deadline = time.monotonic() + 30
    while _alive(pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not _alive(pid), "the app was left running with no terminal"
    outcome, practised = the_session(tmp_path)
    assert outcome == "interrupted"
    assert practised > 1


def _alive(pid: int) -> bool:
    """Whether process ``pid`` still runs (a zombie waiting for its parent counts as ended)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError, IndexError):
        return False
    return state != "Z"


HOSTILE = "\x1b]0;PWNED\x07\x1b]52;c;UFdORUQ=\x07\x1b[2J\u009b31m\x00!"
HOSTILE_SHOWN = r"\x1b]0;PWNED\x07\x1b]52;c;UFdORUQ=\x07\x1b[2J\x9b31m\x00!"


def _toml(text: str) -> str:
    return json.dumps(text)  # JSON's escapes are TOML's for these characters


@needs_tmux
def test_script_and_log_text_never_reaches_the_terminal_as_control(
    tmux: Tmux, tmp_path: Path
) -> None:
    scripts = tmp_path / "data" / "scripts"
    scripts.mkdir(parents=True)
    (scripts / "hostile.toml").write_text(
        f'title = {_toml("Hostile " + HOSTILE)}\npractice = "custom"\n'
        f"summary = {_toml('Summary ' + HOSTILE)}\n"
        f"[[step]]\nsection = {_toml('Section ' + HOSTILE)}\nsay = {_toml('Say ' + HOSTILE)}\n"
        f'[[step]]\nask = {_toml("Ask " + HOSTILE)}\ninto = "name"\n'
    )
    (scripts / "broken.toml").write_text(f'title = "Broken"\n{_toml(HOSTILE)} = 1\n')
    raw, ready = tmp_path / "raw.out", tmp_path / "ready"
    command = str(Path(sys.executable).parent / "session-player")
    # The app starts once every byte it writes is being captured.
    tmux.start(["sh", "-c", f"while [ ! -e {ready} ]; do sleep 0.05; done; exec {command}"])
    subprocess.run([*tmux.base, "pipe-pane", "-o", f"cat >> {raw}"], check=True)
    ready.touch()

    tmux.wait_for("Type to filter")
    tmux.keys("broken")
    # The list's first error, shown escaped (as wide as the card leaves room for, beside the
    # details): never as the control codes themselves.
    tmux.wait_for("line 1: " + HOSTILE_SHOWN[:16])
    tmux.keys("Enter")  # a broken script explains itself in a pop-up
    tmux.wait_for("unknown key")
    tmux.keys("Escape")
    # Keys sent at once after Esc would read as Alt+key: wait until the pop-up has gone.
    tmux.wait_for("Type to filter", gone="unknown key")
    tmux.keys("Hostile")
    tmux.wait_for("Hostile " + HOSTILE_SHOWN[:20])  # the list
    tmux.wait_for("Summary")  # the details
    tmux.keys("Enter")
    # the player's prompt, with the outline and the title
    tmux.wait_for("Ask " + HOSTILE_SHOWN[:20], "● Section", "Hostile " + HOSTILE_SHOWN[:20])
    tmux.keys("kind words", "Enter")
    tmux.wait_for("You practised")
    tmux.keys("l")
    tmux.wait_for("Sessions")
    tmux.keys("F3")
    # The library behind shows the same title: wait for what only the loaded history shows,
    # so Enter never reaches a history still reading its log.
    tmux.wait_for("Sessions, newest first", "Hostile " + HOSTILE_SHOWN[:12])  # the history's table
    tmux.keys("Enter")
    tmux.wait_for("kind words")  # the session's detail
    tmux.keys("C-q")
    deadline = time.monotonic() + 10
    while tmux.running() and time.monotonic() < deadline:
        time.sleep(0.2)

    written = raw.read_bytes()
    assert b"PWNED" not in written.replace(rb"\x1b]0;PWNED", b"")  # only ever shown
    for control in (b"\x1b]0;", b"\x1b]52;", b"\x1b[2J", "\u009b".encode(), b"\x00"):
        assert control not in written, control


@needs_tmux
def test_an_ascii_locale_replaces_what_it_cant_show_and_says_why(tmux: Tmux) -> None:
    command = str(Path(sys.executable).parent / "session-player")
    c_locale = "LC_ALL=C LANG=C PYTHONUTF8=0 PYTHONCOERCECLOCALE=0"
    tmux.start(["sh", "-c", f"env {c_locale} {command}"])
    # The notice, with the thing to do, over the library (it stays six seconds: the cards of a
    # slow start may come after it has gone).
    screen = tmux.wait_for("LANG=C.UTF-8", "Type to filter")
    assert "\\u" not in screen  # borders are "?", not "\u258f" spelled out
    screen = tmux.wait_for("Box breathing")
    assert "\\u" not in screen


@needs_tmux
def test_keys_after_a_quiet_moment_arrive_a_lone_escape_counts_and_ctrl_q_ends(
    tmux: Tmux,
) -> None:
    """The keyboard thread sleeps while nothing is typed (tui/driver.py): what is typed
    still arrives, a lone Escape is told from the start of a longer key once its delay has
    passed, and quitting wakes the thread so the app ends."""
    command = str(Path(sys.executable).parent / "session-player")
    tmux.start(["sh", "-c", f"{command}; echo EXIT=$?; sleep 30"])
    tmux.wait_for("Type to filter")
    tmux.keys("box")
    tmux.wait_for("Box breathing", gone="Type to filter")
    tmux.keys("Escape")  # clears the filter: only as a key of its own
    # the whole list is back (a title that fits its card, beside the details)
    tmux.wait_for("Type to filter", "Loving-kindness (20 minutes)", "Soothing touch")
    tmux.keys("C-q")
    screen = tmux.wait_for("EXIT=0")
    assert "Sessions" not in screen  # the terminal is back to the shell
