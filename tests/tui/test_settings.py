"""Settings: defaults, a round trip through the file, and kind notices instead of crashes."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

import pytest

from session_player.home import paths
from session_player.home.settings import Settings, load_settings, save_settings


def test_a_missing_file_gives_the_defaults_quietly(tmp_path: Path) -> None:
    settings, notices = load_settings(tmp_path / "nowhere.toml")
    assert settings == Settings()
    assert notices == []


def test_the_defaults_suit_a_first_quiet_session() -> None:
    settings = Settings()
    assert settings.start_delay == 0
    assert settings.checkins is True
    assert settings.keep_text is True
    assert settings.streaks is False
    assert settings.theme == "dark"


def test_saved_settings_come_back_the_same(tmp_path: Path) -> None:
    chosen = replace(
        Settings(),
        start_delay=10,
        reduced_motion=True,
        theme="light",
        voice_id="en-gb",
        chime_volume=30,
        end_chime="bowl",
        streaks=True,
    )
    path = tmp_path / "config" / "settings.toml"
    assert save_settings(chosen, path) is None
    assert load_settings(path) == (chosen, [])


def test_saving_leaves_no_temporary_files(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    save_settings(Settings(), path)
    save_settings(replace(Settings(), theme="light"), path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["settings.toml"]


@pytest.mark.parametrize(
    ("line", "words"),
    [
        ("colour = 'blue'", "'colour' is not a setting"),
        ("start_delay = 7", "start_delay should be one of 0, 5, 10, 30"),
        ("chime_volume = 140", "chime_volume should be from 0 to 100"),
        ("voice_volume = -1", "voice_volume should be from 0 to 100"),
        ("reduced_motion = 'yes'", "reduced_motion should be true or false"),
        ("checkins = 1", "checkins should be true or false"),
        ("voice_rate = true", "voice_rate should be a whole number"),
        ("voice_rate = 1000", "voice_rate should be from 80 to 250"),
        ("theme = 'Not a theme!'", 'theme should be "dark", "light" or the name of a theme'),
        ("start_chime = 'gong'", "start_chime should be one of"),
        ("voice_id = 3", "voice_id should be text"),
        (f"crisis_line = '{'1' * 201}'", "crisis_line should be at most 200 characters"),
        ('crisis_line = "call\\nnow"', "crisis_line should be one line of text"),
        ("speak_read_backs = 'yes'", "speak_read_backs should be true or false"),
    ],
)
def test_unusable_values_are_skipped_with_a_notice(tmp_path: Path, line: str, words: str) -> None:
    path = tmp_path / "settings.toml"
    path.write_text(f"streaks = true\n{line}\n", encoding="utf-8")
    settings, notices = load_settings(path)
    assert settings.streaks is True  # the usable setting beside it is kept
    assert len(notices) == 1
    assert words in notices[0]


def test_a_file_that_is_not_toml_gives_defaults_and_a_notice(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_text("theme = = 'light'\n", encoding="utf-8")
    settings, notices = load_settings(path)
    assert settings == Settings()
    assert len(notices) == 1
    assert notices == [
        f"Settings could not be read ({path}:1:9: TOML syntax: invalid value); using defaults."
    ]


def test_a_file_that_cannot_be_read_gives_defaults_and_a_notice(tmp_path: Path) -> None:
    folder = tmp_path / "settings.toml"
    folder.mkdir()  # a folder where the file should be
    settings, notices = load_settings(folder)
    assert settings == Settings()
    assert notices and "could not be read" in notices[0]


def test_a_failed_save_is_a_notice_not_an_exception(tmp_path: Path) -> None:
    blocker = tmp_path / "config"
    blocker.write_text("a file where the folder should be", encoding="utf-8")
    notice = save_settings(Settings(), blocker / "settings.toml")
    assert notice is not None
    assert "could not be saved" in notice


def test_settings_live_in_the_config_folder(home: Path) -> None:
    assert paths.config_path() == home / "config" / "settings.toml"
    assert save_settings(Settings(theme="light"), paths.config_path()) is None
    assert load_settings(paths.config_path())[0].theme == "light"
    assert os.path.isfile(paths.config_path())
