"""``session-player status`` in every format, during a session (playing, paused) and between,
read at a fixed moment (the clock is the test's, never the machine's)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from session_player.desktop.status import read_status, render, session_part, write_status

WRITTEN = 1_000_000.0
TODAY = date(2026, 12, 7)


def _write(path: Path, *, paused: bool, open_ended: bool = False, pid: int | None = None,
           day: dict[str, object] | None = None) -> None:  # fmt: skip
    part = session_part(
        title="Loving #1", practice="loving-kindness", planned=600.0, open_ended=open_ended,
        practised=100.0, paused=paused, written=WRITTEN,
    )  # fmt: skip
    if pid is not None:
        part["pid"] = pid
    write_status(path, {"session": part, "day": day})


def test_playing_counts_on_from_when_it_was_written(tmp_path: Path) -> None:
    path = tmp_path / "status"
    _write(path, paused=False)
    status = read_status(path, WRITTEN + 30, TODAY)
    assert (status.state, status.left, status.sat) == ("playing", 470.0, 130.0)
    assert render(status, "plain") == "Loving #1 7:50 left"
    assert render(status, "tmux") == "Loving ##1 7:50 left"  # tmux reads # itself
    assert json.loads(render(status, "waybar")) == {
        "text": "Loving #1 7:50 left",
        "tooltip": "loving-kindness: Loving #1 7:50 left",
        "class": "playing",
    }
    assert json.loads(render(status, "json")) == {
        "state": "playing", "today_minutes": 0.0, "title": "Loving #1",
        "practice": "loving-kindness", "left_seconds": 470, "sat_seconds": 130,
    }  # fmt: skip


def test_paused_stands_still(tmp_path: Path) -> None:
    path = tmp_path / "status"
    _write(path, paused=True)
    status = read_status(path, WRITTEN + 3600, TODAY)
    assert render(status, "plain") == "Loving #1 8:20 left (paused)"
    assert json.loads(render(status, "waybar"))["class"] == "paused"


def test_an_open_ended_sit_shows_the_time_sat(tmp_path: Path) -> None:
    path = tmp_path / "status"
    _write(path, paused=False, open_ended=True)
    status = read_status(path, WRITTEN + 3500, TODAY)
    assert render(status, "polybar") == "Loving #1: sat 1:00:00"


def test_between_sessions_today_and_streaks_only_when_shown(tmp_path: Path) -> None:
    path = tmp_path / "status"
    day = {"date": TODAY.isoformat(), "minutes": 35.0, "streak": 4, "streaks": True}
    write_status(path, {"session": None, "day": day})
    assert render(read_status(path, WRITTEN, TODAY), "plain") == "Today 35 min, 4 days in a row"
    tomorrow = date(2026, 12, 8)
    assert render(read_status(path, WRITTEN, tomorrow), "plain") == "Today 0 min, 4 days in a row"
    later = date(2026, 12, 9)
    assert render(read_status(path, WRITTEN, later), "plain") == "Today 0 min"
    write_status(path, {"session": None, "day": {**day, "streaks": False}})
    assert json.loads(render(read_status(path, WRITTEN, TODAY), "json")) == {
        "state": "idle", "today_minutes": 35.0
    }  # fmt: skip
    assert render(read_status(path, WRITTEN, TODAY), "polybar") == "Today 35 min"


def test_a_session_that_died_reads_as_between(tmp_path: Path) -> None:
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    path = tmp_path / "status"
    _write(path, paused=False, pid=gone.pid)
    assert read_status(path, WRITTEN, TODAY).state == "idle"


@pytest.mark.parametrize(
    "content",
    [b"", b"{", b"[]", b'{"session": 3, "day": "x"}', b"\xff",
     b"session-player status 2\nsession.pid=-1\nday.date=2026-02-30\nday.minutes=inf",
     b"session-player status 2\nsession.pid=99999999999999999999\nsession.planned=nan"],
)  # fmt: skip
def test_a_broken_file_reads_as_between(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "status"
    path.write_bytes(content)
    assert render(read_status(path, WRITTEN, TODAY), "plain") == "Today 0 min"


def test_the_command_prints_each_format_and_refuses_an_unknown_one(
    _isolated_home: Path,
) -> None:
    command = [sys.executable, "-m", "session_player", "status"]
    env = dict(os.environ)
    done = subprocess.run(command, capture_output=True, text=True, env=env, check=True)
    assert done.stdout == "Today 0 min\n"
    waybar = subprocess.run([*command, "--format", "waybar"], capture_output=True, text=True,
                            env=env, check=True)  # fmt: skip
    assert json.loads(waybar.stdout)["class"] == "idle"
    bad = subprocess.run([*command, "--format", "xml"], capture_output=True, text=True, env=env)
    assert bad.returncode == 2 and "invalid choice: 'xml'" in bad.stderr
    assert "Traceback" not in bad.stderr


def _cli(*args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "session_player", *args], capture_output=True, text=True,
        check=True,
    )  # fmt: skip
    return done.stdout


def test_between_sessions_the_day_comes_from_the_log_and_this_run(_isolated_home: Path) -> None:
    # 20 minutes practised earlier today (added by hand), then a sit of six seconds: the status
    # counts both, read from the log as the app starts and added to at the sit's end; a
    # preview (any other speed) is not practice and counts nowhere.
    from session_player.home.settings import Settings, save_settings

    save_settings(Settings(streaks=True), _isolated_home / "config" / "settings.toml")
    _cli("log", "add", "20m")
    _cli("timer", "10m", "--plain", "--no-sound", "--speed", "600")
    assert json.loads(_cli("status", "--format", "json"))["today_minutes"] == 20.0
    _cli("timer", "6s", "--plain", "--no-sound")
    assert _cli("status") == "Today 20 min, 1 day in a row\n"
    document = json.loads(_cli("status", "--format", "json"))
    assert document["state"] == "idle" and document["streak_days"] == 1
    assert document["today_minutes"] == 20.1  # the sit's tenth of a minute too


# Beyond Python's own start: our modules, and two that are next to nothing (no json, re,
# datetime, contextlib, argparse, pathlib, typing, platformdirs, sqlite3, Textual...).
STATUS_LINE_MAY_LOAD = {"__future__", "errno"}


def test_a_cold_status_loads_only_what_reading_its_file_needs(
    _isolated_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # As a person's status bar runs it: the state folder found the XDG way, every few seconds.
    monkeypatch.delenv("SESSION_PLAYER_HOME")
    monkeypatch.setenv("XDG_STATE_HOME", str(_isolated_home / "state"))
    _write(_isolated_home / "state" / "session-player" / "status", paused=True)
    loaded = "print(*sys.modules, file=sys.stderr)\n"
    bare = subprocess.run([sys.executable, "-c", "import sys\n" + loaded],
                          capture_output=True, text=True, check=True)  # fmt: skip
    code = (
        "import sys\n"
        "from session_player.cli.main import main\n"
        "main(['status', '--format', 'waybar'])\n"
    ) + loaded
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert json.loads(done.stdout)["text"] == "Loving #1 8:20 left (paused)"
    more = set(done.stderr.split()) - set(bare.stderr.split())
    ours = {name for name in more if name.partition(".")[0] == "session_player"}
    assert more - ours <= STATUS_LINE_MAY_LOAD, sorted(more - ours)


@pytest.mark.parametrize(
    "title", ["Loving #1", "Ruhe \u00e9t\u00e9", "Red \x1b[31mtitle", "Tab\there"]
)
@pytest.mark.parametrize("form", ["plain", "json", "waybar", "polybar", "tmux"])
def test_every_title_reads_as_the_full_command_line_shows_it(
    _isolated_home: Path, capsys: pytest.CaptureFixture[str], title: str, form: str
) -> None:
    # The quick way prints what the command line's own streams would, and leaves to them any
    # line they would change (a control character made visible).
    from session_player.cli.main import main
    from session_player.core.script.text import shown
    from session_player.desktop.status import Status

    part = session_part(title=title, practice="p", planned=600.0, open_ended=False,
                        practised=100.0, paused=True, written=WRITTEN)  # fmt: skip
    write_status(_isolated_home / "state" / "status", {"session": part})
    assert main(["status", f"--format={form}"]) == 0
    sat = Status("paused", title=title, practice="p", left=500.0, sat=100.0)
    assert capsys.readouterr().out == shown(render(sat, form)) + "\n"


@pytest.mark.skipif(sys.platform != "linux", reason="the quick lookup is Linux's")
@pytest.mark.parametrize(
    ("xdg", "home"),
    [(None, "/home/someone"), ("/tmp/state", "/home/someone"), ("", "/home/someone/"),
     ("relative/state", "/home/someone"), (" ", "/home/x"), (None, "relative")],
)  # fmt: skip
def test_the_status_file_is_where_platformdirs_puts_it(
    monkeypatch: pytest.MonkeyPatch, xdg: str | None, home: str
) -> None:
    from session_player.home.where import state_dir, state_file

    monkeypatch.delenv("SESSION_PLAYER_HOME", raising=False)
    monkeypatch.setenv("HOME", home)
    if xdg is None:
        monkeypatch.delenv("XDG_STATE_HOME", raising=False)
    else:
        monkeypatch.setenv("XDG_STATE_HOME", xdg)
    try:
        expected = str(state_dir() / "status")
    except RuntimeError:  # platformdirs found no home: nor does the quick way
        with pytest.raises(RuntimeError):
            state_file("status")
        return
    assert state_file("status") == expected


class _Told:
    """The desktop's side, as the session's listener tells it: each status written."""

    def __init__(self, wall: list[float]) -> None:
        self.wall = wall
        self.written: list[tuple[float, float]] = []  # (wall time, practised)

    def progress(self, practised: float, paused: bool) -> None:
        self.written.append((self.wall[0], practised))


@pytest.mark.parametrize("speed", [1.0, 2.0])
def test_the_status_line_keeps_to_the_session_between_writes(tmp_path: Path, speed: float) -> None:
    """Five minutes of a session polled each second: at real time, what the status line shows
    at every second (the time practised when last written, counted on from then) is the
    session's own, from one write a minute; a preview, whose clock runs apart from the wall's,
    is written every ten seconds."""
    from types import SimpleNamespace

    from session_player.conductor.listeners.desktop import Desktop
    from session_player.conductor.listeners.stage import Stage
    from session_player.home.settings import Settings

    wall = [WRITTEN]
    stage = Stage(Settings(), output=None, wall=lambda: wall[0])
    stage.speed = speed
    told = _Told(wall)
    desktop = Desktop(stage, told)  # type: ignore[arg-type]
    session = SimpleNamespace(practised=0.0, state="running", ended=None)
    stage.session = session  # type: ignore[assignment]
    desktop._progress(session, paused=False)  # type: ignore[arg-type]  # as a step starts
    for second in range(1, 301):
        wall[0], session.practised = WRITTEN + second, second * speed
        desktop.tick()
        written_at, practised = told.written[-1]
        if speed == 1.0:
            assert practised + (wall[0] - written_at) == session.practised
    assert len(told.written) == (6 if speed == 1.0 else 31)
