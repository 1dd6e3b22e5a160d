"""Messages that name the real cause and the thing to do, never blaming the wrong part."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

GOOD = """title = "Short"
practice = "custom"
[[step]]
say = "Hello."
"""


def run(
    home: Path, *args: str, stdout: object = subprocess.PIPE, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    full = {**os.environ, "SESSION_PLAYER_HOME": str(home), **(env or {})}
    command = [sys.executable, "-m", "session_player", *args]
    return subprocess.run(
        command, stdout=stdout, stderr=subprocess.PIPE, text=True, env=full, timeout=60
    )


@pytest.fixture
def home(tmp_path: Path) -> Path:
    (tmp_path / "good.toml").write_text(GOOD)
    (tmp_path / "config").mkdir()
    (tmp_path / "config" / "settings.toml").write_text("checkins = false\nsound = false\n")
    assert run(tmp_path, "play", str(tmp_path / "good.toml"), "--plain").returncode == 0
    return tmp_path


@pytest.mark.parametrize(
    "args",
    [
        ("log",),
        ("log", "--csv"),
        ("stats",),
        ("export",),
        ("export", "--format", "csv"),
        ("check", "{home}/good.toml"),
        ("list",),
    ],
)
def test_a_full_standard_output_is_named_not_the_log(home: Path, args: tuple[str, ...]) -> None:
    with open("/dev/full", "w") as full:
        done = run(home, *(a.format(home=home) for a in args), stdout=full)
    assert done.returncode == 1
    assert done.stderr.splitlines() == [
        "session-player: error: can't write to standard output (no space left on device)"
    ]


def test_a_huge_limit_means_all_sessions(home: Path) -> None:
    done = run(home, "log", "--limit", "99999999999999999999")
    assert done.returncode == 0, done.stderr
    assert "Short" in done.stdout and done.stderr == ""


def test_json_nested_deeply_is_not_an_export(home: Path) -> None:
    deep = home / "deep.json"
    deep.write_text("[" * 100_000 + "]" * 100_000)
    done = run(home, "import", str(deep))
    assert done.returncode == 1
    assert (
        done.stderr
        == f"session-player import: error: {deep}:1:65: values are nested 65 deep here; "
        "at most 64 levels are read\n"
    )


def test_a_number_too_long_to_read_is_named_as_such(home: Path) -> None:
    big = home / "big.json"
    big.write_text('{"format": "session-player-log", "version": ' + "9" * 5000 + "}")
    done = run(home, "import", str(big))
    assert done.returncode == 1
    assert done.stderr == (
        f"session-player import: error: {big}: holds a number far too long to be one of ours\n"
    )


def test_a_blank_home_is_refused_rather_than_the_real_home_used(tmp_path: Path) -> None:
    (tmp_path / "good.toml").write_text(GOOD)
    real = tmp_path / "real-home"
    real.mkdir()
    env = {"SESSION_PLAYER_HOME": " ", "HOME": str(real), "XDG_DATA_HOME": str(real / "data")}
    for args in (("log",), ("list",), ("play", str(tmp_path / "good.toml"), "--plain")):
        done = run(tmp_path, *args, env=env)
        assert done.returncode == 2
        assert "SESSION_PLAYER_HOME is ' '" in done.stderr and "unset it" in done.stderr
        assert "Traceback" not in done.stderr
    assert list(real.iterdir()) == []


def test_a_voice_that_isnt_installed_is_named(home: Path) -> None:
    (home / "config" / "settings.toml").write_text(
        'checkins = false\nsound = true\nvoice_id = "no-such-voice-zz"\n'
    )
    done = run(home, "play", str(home / "good.toml"), "--plain", "--speed", "10")
    assert done.returncode == 0, done.stderr
    notes = [line for line in done.stderr.splitlines() if "could not be spoken" in line]
    assert notes == [
        "note: 1 line(s) could not be spoken (there is no voice 'no-such-voice-zz' here; "
        "choose one in Settings (F2), or remove voice_id from settings.toml for the usual "
        "voice); they are shown."
    ]


def test_plain_play_says_each_notice_once(home: Path) -> None:
    (home / "config" / "settings.toml").write_text("checkins = false\nsound = true\n")
    done = run(home, "play", str(home / "good.toml"), "--plain", env={"ALSA_CONFIG_PATH": "/none"})
    notes = [line for line in done.stderr.splitlines() if line.startswith("note:")]
    assert any("Sound is off" in note for note in notes), done.stderr
    assert len(notes) == len(set(notes))


def test_a_home_that_is_a_file_is_refused(tmp_path: Path) -> None:
    (tmp_path / "good.toml").write_text(GOOD)
    home = tmp_path / "home"
    home.write_text("not a folder")
    for args in (("log",), ("list",), ("play", str(tmp_path / "good.toml"), "--plain")):
        done = run(home, *args)
        assert done.returncode == 2
        assert done.stderr == (
            f"session-player: error: SESSION_PLAYER_HOME is '{home}', which is a file, not a "
            "folder; point it at a folder (it is made if missing) or unset it to use the usual "
            "folders\n"
        )
