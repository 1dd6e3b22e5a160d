"""Only regular files are read, and only regular files (or new names) are written.

A FIFO, a device or a folder where a file is expected never hangs the app and is never
replaced: it is refused with words saying what it is, and left as it was. Each call that
could block runs through ``never_blocks``: if the code under test ever opened a FIFO in
blocking mode, the guard opens the FIFO's other end to set it free and fails the test, so a
regression is a failure and never a hung suite.
"""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest
from guards import never_blocks

from session_player.audio.pcm import load_wav, wav_seconds
from session_player.cli.main import main
from session_player.core import files
from session_player.core.bundled import SCHEMA_NAME, bundled_sounds
from session_player.core.script.loader import load_script
from session_player.home import paths
from session_player.home.settings import Settings, load_settings, save_settings

GOOD = 'title = "Fine"\npractice = "breathing"\n\n[[step]]\nsay = "Hello."\n'


@pytest.fixture
def fifo(tmp_path: Path) -> Path:
    made = tmp_path / "pipe.toml"
    os.mkfifo(made)
    return made


def _device(path: Path) -> Path:
    """A character device like /dev/null at ``path`` (needs root, as these tests run here)."""
    try:
        os.mknod(path, stat.S_IFCHR | 0o600, os.makedev(1, 3))
    except PermissionError:
        pytest.skip("making a device node needs root")
    return path


# Reading ---------------------------------------------------------------------------------


def test_read_regular_refuses_what_is_not_a_file(tmp_path: Path, fifo: Path) -> None:
    for path, words in (
        (fifo, "it is a named pipe (FIFO), not a regular file"),
        (tmp_path, "it is a folder, not a regular file"),
        (Path("/dev/zero"), "it is a character device, not a regular file"),
    ):
        with pytest.raises(files.Refused) as refused:
            never_blocks(lambda p=path: files.read_regular(p, 100), fifo)  # type: ignore[misc]
        assert refused.value.strerror == words
        assert str(refused.value) == f"{path}: {words}"


def test_read_regular_keeps_to_its_bound(tmp_path: Path) -> None:
    path = tmp_path / "f"
    path.write_bytes(b"x" * 101)
    with pytest.raises(files.Refused, match="101 bytes or more; at most 100 are read"):
        files.read_regular(path, 100)
    path.write_bytes(b"x" * 100)
    assert files.read_regular(path, 100) == b"x" * 100


def test_check_and_play_of_a_fifo(fifo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert never_blocks(lambda: main(["check", str(fifo)]), fifo) == 1
    assert "named pipe (FIFO), not a regular file" in capsys.readouterr().err
    assert never_blocks(lambda: main(["play", "--plain", str(fifo)]), fifo) == 1
    assert "named pipe (FIFO), not a regular file" in capsys.readouterr().err


def test_a_fifo_in_the_scripts_folder_is_listed_as_unreadable(
    capsys: pytest.CaptureFixture[str],
) -> None:
    folder = paths.ensure(paths.user_scripts_dir())
    (folder / "fine.toml").write_text(GOOD, encoding="utf-8")
    pipe = folder / "waiting.toml"
    os.mkfifo(pipe)
    assert never_blocks(lambda: main(["list"]), pipe) == 0
    out = capsys.readouterr().out
    assert "fine" in out and "waiting" in out
    (entry,) = [e for e in load_script_entries(folder) if e[0] == "waiting"]
    assert "named pipe (FIFO)" in entry[1]


def load_script_entries(folder: Path) -> list[tuple[str, str]]:
    """Each script of ``folder`` with its first problem ('' if none)."""
    found = []
    for path in sorted(folder.glob("*.toml")):
        result = load_script(path)
        found.append((path.stem, result[0].message if isinstance(result, list) else ""))
    return found


def test_settings_that_are_a_fifo_or_dev_zero_give_the_defaults(fifo: Path) -> None:
    settings, notices = never_blocks(lambda: load_settings(fifo), fifo)
    assert settings == Settings()
    assert notices == [
        f"Settings could not be read ({fifo}: it is a named pipe (FIFO), not a regular "
        "file; put a regular file there); using defaults."
    ]
    link = fifo.with_name("settings.toml")
    link.symlink_to("/dev/zero")
    settings, notices = load_settings(link)  # /dev/zero is never read from
    assert settings == Settings() and "character device" in notices[0]


def test_settings_the_size_of_a_book_are_not_read(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_text("# " + "x" * 100_000 + "\n", encoding="utf-8")
    settings, notices = load_settings(path)
    assert settings == Settings() and "at most 65,536 are read" in notices[0]


def test_import_of_a_fifo(fifo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert never_blocks(lambda: main(["import", str(fifo)]), fifo) == 1
    err = capsys.readouterr().err
    assert f"{fifo}: it is a named pipe (FIFO), not a regular file; put a regular file there" in err
    assert not paths.database_path().exists()  # nothing was opened for it


def test_a_chime_swapped_for_a_fifo_is_refused_at_once(tmp_path: Path) -> None:
    chime = bundled_sounds()["bell"]
    mine = tmp_path / "bell.wav"
    mine.write_bytes(chime.read_bytes())
    assert load_wav(mine).seconds > 0
    mine.unlink()
    os.mkfifo(mine)  # swapped mid-session
    with pytest.raises(OSError, match="named pipe"):
        never_blocks(lambda: load_wav(mine), mine)
    with pytest.raises(OSError, match="named pipe"):
        never_blocks(lambda: wav_seconds(mine), mine)


# Writing ---------------------------------------------------------------------------------


@pytest.fixture
def logged() -> None:
    assert main(["import", str(_export_file())]) == 0


def _export_file() -> Path:
    document = {
        "format": "session-player-log",
        "version": 1,
        "sessions": [
            {
                "uuid": "0b7a3c52-1f7e-4d5e-9c1a-2f6e8d9b0a11",
                "script_name": "s",
                "title": "S",
                "practice": "breathing",
                "started_at": "2024-05-01T06:00:00Z",
                "utc_offset": 0,
                "ended_at": "2024-05-01T06:10:00Z",
                "updated_at": "2024-05-01T06:10:00Z",
                "planned_seconds": 600,
                "practised_seconds": 600.0,
                "outcome": "completed",
                "pauses": 0,
                "skips": 0,
                "last_step": 1,
                "check_ins": [],
                "entries": [],
            }
        ],
    }
    path = paths.ensure(paths.data_dir().parent / "in") / "export.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


@pytest.mark.usefixtures("logged")
def test_export_refuses_a_fifo_and_leaves_it(
    fifo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    assert never_blocks(lambda: main(["export", "--output", str(fifo)]), fifo) == 1
    err = capsys.readouterr().err
    assert f"can't write {fifo}: it is a named pipe (FIFO), not a regular file" in err
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert [p.name for p in fifo.parent.iterdir() if p.name.startswith(".")] == []


@pytest.mark.usefixtures("logged")
def test_export_refuses_a_device_and_leaves_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    device = _device(tmp_path / "full")
    capsys.readouterr()
    assert main(["export", "--output", str(device)]) == 1
    assert "it is a character device, not a regular file" in capsys.readouterr().err
    assert stat.S_ISCHR(device.lstat().st_mode)


@pytest.mark.usefixtures("logged")
def test_export_refuses_a_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert main(["export", "--output", str(tmp_path)]) == 1
    assert f"can't write {tmp_path}: it is a folder, not a regular file" in (
        capsys.readouterr().err
    )


@pytest.mark.usefixtures("logged")
def test_export_through_a_symlink_writes_the_file_it_points_to(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    real = tmp_path / "real.json"
    real.write_text("old", encoding="utf-8")
    real.chmod(0o644)
    link = tmp_path / "link.json"
    link.symlink_to(real)
    assert main(["export", "--output", str(link)]) == 0
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert len(json.loads(real.read_text(encoding="utf-8"))["sessions"]) == 1
    assert stat.S_IMODE(real.stat().st_mode) == 0o644  # its permissions are kept
    dangling = tmp_path / "dangling.json"
    dangling.symlink_to(tmp_path / "nowhere.json")
    capsys.readouterr()
    assert main(["export", "--output", str(dangling)]) == 1
    assert "is a symlink to" in capsys.readouterr().err and dangling.is_symlink()
    assert not (tmp_path / "nowhere.json").exists()


@pytest.mark.usefixtures("logged")
def test_export_never_writes_over_the_log(capsys: pytest.CaptureFixture[str]) -> None:
    log = paths.database_path()
    before = log.read_bytes()
    capsys.readouterr()
    assert main(["export", "--output", str(log)]) == 1
    assert "is your practice log" in capsys.readouterr().err
    assert log.read_bytes() == before


def test_export_to_a_missing_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "--output", str(tmp_path / "no" / "x.json")]) == 1
    assert f"there is no folder {tmp_path / 'no'}" in capsys.readouterr().err


def test_new_force_never_replaces_a_fifo(capsys: pytest.CaptureFixture[str]) -> None:
    folder = paths.ensure(paths.user_scripts_dir())
    pipe = folder / "mine.toml"
    os.mkfifo(pipe)
    assert never_blocks(lambda: main(["new", "mine", "--force"]), pipe) == 1
    assert "named pipe (FIFO), not a regular file" in capsys.readouterr().err
    assert stat.S_ISFIFO(pipe.lstat().st_mode)


def test_saved_settings_keep_a_symlink(tmp_path: Path) -> None:
    real = tmp_path / "dotfiles" / "settings.toml"
    real.parent.mkdir()
    real.write_text("", encoding="utf-8")
    link = tmp_path / "config" / "settings.toml"
    link.parent.mkdir()
    link.symlink_to(real)
    assert save_settings(Settings(start_delay=5), link) is None
    assert link.is_symlink()
    assert load_settings(real)[0].start_delay == 5


def test_a_start_chime_swapped_for_a_fifo_before_the_opening(tmp_path: Path) -> None:
    from session_player.conductor.heard import opening_for
    from session_player.core.script.model import Script

    chime = tmp_path / "mine.wav"
    chime.write_bytes(bundled_sounds()["bell"].read_bytes())
    script_file = tmp_path / "own.toml"
    script_file.write_text('start_chime = "mine.wav"\n' + GOOD, encoding="utf-8")
    script = load_script(script_file)
    assert isinstance(script, Script)
    assert opening_for(script, Settings()) is not None
    chime.unlink()
    os.mkfifo(chime)
    opening = never_blocks(lambda: opening_for(script, Settings()), chime)
    assert opening is not None and opening.seconds == 0.0  # rung as nothing, never waited on


def test_the_schema_copy_never_replaces_a_fifo() -> None:
    folder = paths.ensure(paths.user_scripts_dir())
    pipe = folder / SCHEMA_NAME
    os.mkfifo(pipe)
    notice = never_blocks(lambda: paths.place_schema(folder), pipe)
    assert notice is not None and "named pipe (FIFO)" in notice
    assert stat.S_ISFIFO(pipe.lstat().st_mode)
