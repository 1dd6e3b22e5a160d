"""A settings or timers file the app can't fully read is never written over (issue 27).

Seen before: every ``timer`` run rewrote ``timers.toml`` from what it could read, so one typo
removed every preset; a typo in ``settings.toml`` and one change in the TUI reset the rest.
Now a change writes only what changed, keeps what the app ignored, and a file that can't be
read at all is copied whole beside it first, with a notice saying where.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import replace
from pathlib import Path

from session_player.core.library.timer import TimerChoice
from session_player.home.settings import Settings, load_settings, save_settings
from session_player.home.timers import load_timers, remember

SETTINGS = """format = 1
theme = "nord"
voice_rate = 9999          # not a rate: ignored, with a notice
crisis_line_from_the_future = "kept"
chime_volume = 40
"""

TIMERS = """format = 1

[last]
length = 600

[presets."Morning sit"]
length = 1200
bell_every = 300

[presets."Typo"]
lenght = 900

[presets."Tiny bells"]
length = 86400
bell_every = 0.0001
"""


def test_a_settings_change_writes_only_that_key(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_text(SETTINGS, encoding="utf-8")
    settings, notices = load_settings(path)
    assert settings.theme == "nord" and settings.voice_rate == Settings().voice_rate
    assert len(notices) == 2  # the rate and the unknown key, each said
    assert save_settings(replace(settings, chime_volume=55), path) is None
    kept = tomllib.loads(path.read_text(encoding="utf-8"))
    assert kept == {
        "format": 1,
        "theme": "nord",
        "voice_rate": 9999,
        "crisis_line_from_the_future": "kept",
        "chime_volume": 55,
    }
    assert sorted(p.name for p in tmp_path.iterdir()) == ["settings.toml"]  # no backup needed


def test_settings_with_a_typo_are_kept_beside_before_a_change_is_saved(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    broken = SETTINGS.replace('theme = "nord"', 'theme = "nord')  # an unclosed quote
    path.write_text(broken, encoding="utf-8")
    settings, notices = load_settings(path)
    assert settings == Settings() and "TOML syntax" in notices[0]
    notice = save_settings(replace(settings, chime_volume=55), path)
    backup = tmp_path / "settings.toml.bak"
    assert notice == (
        "Settings could not be read (line 2: TOML syntax: illegal character '\\n'), so before "
        "it was "
        f"written anew it was kept as {backup}."
    )
    assert backup.read_text(encoding="utf-8") == broken
    assert load_settings(path) == (replace(Settings(), chime_volume=55), [])
    # A second broken file never replaces the first backup.
    path.write_text("= nothing", encoding="utf-8")
    assert save_settings(Settings(), path) is not None
    assert backup.read_text(encoding="utf-8") == broken
    assert (tmp_path / "settings.toml.bak.2").read_text(encoding="utf-8") == "= nothing"


def test_settings_that_are_a_fifo_are_neither_replaced_nor_copied(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    os.mkfifo(path)
    notice = save_settings(Settings(), path)
    assert notice is not None and "not a regular file" in notice
    assert sorted(p.name for p in tmp_path.iterdir()) == ["settings.toml"]


def test_a_timer_run_keeps_the_presets_it_could_not_read(tmp_path: Path) -> None:
    path = tmp_path / "timers.toml"
    path.write_text(TIMERS, encoding="utf-8")
    timers, notices = load_timers(path)
    assert list(timers.presets) == ["Morning sit"]
    assert notices == [
        "Timer presets: 'Typo' 'lenght' is not a timer setting; it was left out.",
        "Timer presets: 'Tiny bells' the interval bell must be at least 1 second; it was left out.",
    ]
    assert remember(TimerChoice(length=300), name="Evening", path=path) is None
    kept = tomllib.loads(path.read_text(encoding="utf-8"))
    assert kept["last"]["length"] == 300
    assert list(kept["presets"]) == ["Morning sit", "Typo", "Tiny bells", "Evening"]
    assert kept["presets"]["Typo"] == {"lenght": 900}
    assert kept["presets"]["Tiny bells"] == {"length": 86400, "bell_every": 0.0001}


def test_a_timers_file_with_a_typo_is_kept_beside_before_it_is_written(tmp_path: Path) -> None:
    path = tmp_path / "timers.toml"
    broken = TIMERS.replace("[last]", "[last")
    path.write_text(broken, encoding="utf-8")
    notice = remember(TimerChoice(length=300), path=path)
    backup = tmp_path / "timers.toml.bak"
    assert notice is not None and notice.endswith(f"it was kept as {backup}.")
    assert backup.read_text(encoding="utf-8") == broken
    timers, notices = load_timers(path)
    assert timers.last == TimerChoice(length=300) and notices == []


def test_presets_that_are_not_a_table_are_kept_beside(tmp_path: Path) -> None:
    path = tmp_path / "timers.toml"
    path.write_text("presets = 5\n", encoding="utf-8")
    notice = remember(TimerChoice(length=300), name="Evening", path=path)
    assert notice is not None and "presets is not a table of presets" in notice
    assert (tmp_path / "timers.toml.bak").read_text(encoding="utf-8") == "presets = 5\n"
    assert list(load_timers(path)[0].presets) == ["Evening"]


def test_a_file_of_thousands_of_unknown_keys_is_a_few_notices(tmp_path: Path) -> None:
    # Seen in the file-shape bench: 6,661 unknown keys were 6,661 notices for the TUI.
    path = tmp_path / "settings.toml"
    path.write_text("".join(f"k{n} = 1\n" for n in range(6000)), encoding="utf-8")
    settings, notices = load_settings(path)
    assert settings == Settings()
    assert notices == [
        *(f"Settings: 'k{n}' is not a setting; it was ignored." for n in range(5)),
        "Settings: and 5,995 more like these.",
    ]
    timers = tmp_path / "timers.toml"
    timers.write_text("".join(f"[presets.p{n}]\nlenght = 1\n" for n in range(100)))
    found, notices = load_timers(timers)
    assert found.presets == {} and len(notices) == 6
    assert notices[-1] == "Timer presets: and 95 more like these."
