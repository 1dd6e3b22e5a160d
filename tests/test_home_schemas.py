"""The JSON Schemas of settings.toml and timers.toml agree with the app's own readers.

Each schema names exactly the keys the reader knows, with the reader's own choices, bounds and
defaults; over a range of values for each key, the schema takes a value exactly when the reader
keeps it (the few a schema can't judge, such as a hook's unclosed quote, are named); what the app
writes passes; and every file of the hostile corpus for these files is refused by the schema
too. docs/settings-files.md lists the same keys.
"""

from __future__ import annotations

import json
import re
import tomllib
from dataclasses import fields
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from session_player.core.bundled import bundled_sounds
from session_player.core.care import CRISIS_LINE_LONGEST
from session_player.core.library.timer import (
    MAX_BELLS,
    MAX_DELAY,
    MAX_SECONDS,
    TimerChoice,
    TimerError,
)
from session_player.core.script.kinds.silence import MAX_BELL_EVERY, MIN_BELL_EVERY
from session_player.home import settings as chosen
from session_player.home import timers
from session_player.home.settings import Settings, save_settings, settings_from
from session_player.home.timers import choice_from, load_timers, preset_name, remember

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
HOSTILE = ROOT / "tests" / "corpus" / "hostile"
SETTINGS: dict[str, Any] = json.loads((DOCS / "settings.schema.json").read_text("utf-8"))
TIMERS: dict[str, Any] = json.loads((DOCS / "timers.schema.json").read_text("utf-8"))
CHOICE: dict[str, Any] = TIMERS["$defs"]["choice"]
GUIDE = (DOCS / "settings-files.md").read_text("utf-8")


def valid(schema: dict[str, Any], document: object) -> bool:
    return Draft202012Validator(schema).is_valid(document)


def documented(section: str) -> set[str]:
    """The keys the guide's table under ``## section`` names."""
    part = GUIDE.split(f"\n## {section}\n", 1)[1].split("\n## ", 1)[0]
    return set(re.findall(r"^\| `(\w+)` \|", part, re.M))


# -- settings.toml ------------------------------------------------------------------------------

SETTING_NAMES = {f.name for f in fields(Settings)}


def test_the_settings_schema_names_every_setting_and_no_other() -> None:
    assert set(SETTINGS["properties"]) == SETTING_NAMES | {"format"}
    assert SETTINGS["additionalProperties"] is False  # an unknown key is said, then ignored
    assert documented("settings.toml") == SETTING_NAMES | {"format"}


def test_each_settings_default_and_choice_is_the_readers() -> None:
    properties = SETTINGS["properties"]
    for name in SETTING_NAMES:
        assert properties[name]["default"] == getattr(Settings(), name), name
    assert properties["start_chime"]["enum"] == list(chosen.CHIMES)
    assert properties["end_chime"]["enum"] == list(chosen.CHIMES)
    assert properties["breath_sounds"]["enum"] == list(chosen.BREATH_SOUNDS)
    assert properties["start_delay"]["enum"] == list(chosen.START_DELAYS)
    assert properties["end_notice"]["enum"] == list(chosen.END_NOTICES)
    rate = properties["voice_rate"]
    assert (rate["minimum"], rate["maximum"]) == chosen.VOICE_RATES
    assert properties["crisis_line"]["maxLength"] == CRISIS_LINE_LONGEST
    assert properties["on_start"]["maxLength"] == properties["on_end"]["maxLength"]
    assert properties["on_end"]["maxLength"] == chosen.HOOK_LONGEST
    assert valid(SETTINGS, {"format": 1, **{n: getattr(Settings(), n) for n in SETTING_NAMES}})


# Values tried for every setting, then some for each (edges of its range, near misses).
EVERY = [True, False, 0, 1, -1, 50, 2.5, "", "bell", "x" * 81, [], {}]
SOME: dict[str, list[Any]] = {
    "start_delay": [5, 10, 30, 3, 60],
    "theme": ["light", "nord", "my-theme-2", "Nord", "-dark", "a" * 64, "a" * 65, "dark theme"],
    "voice_rate": [79, 80, 140, 250, 251],
    "chime_volume": [100, 101],
    "breath_sounds": ["tones", "words", "counts", "none", "Tones"],
    "soundscape": ["rain", "script", "none", ".hidden", "a/b", "a\\b", "r" * 80, "r" * 81, "a\tb"],
    "crisis_line": ["Samaritans 116 123", "c" * 200, "c" * 201, "two\nlines"],
    "end_notice": ["sits", "always", "never", "sometimes"],
    "on_start": ["notify-send 'Back again'", "h" * 1000, "h" * 1001, "one\ntwo"],
}
# What the reader judges and a schema can't: a quote left open (shlex), a character that is
# not printable though not a control (U+2028). And TOML's 5.0 is a float, which the reader
# refuses as a whole number while JSON Schema's "integer" takes it: never tried here.
BEYOND_A_SCHEMA = {("on_start", "say 'hello"), ("crisis_line", "line\u2028break")}


@pytest.mark.parametrize("name", sorted(SETTING_NAMES))
def test_the_settings_schema_takes_a_value_exactly_when_the_reader_keeps_it(name: str) -> None:
    for value in [*EVERY, *SOME.get(name, [])]:
        _, notices = settings_from({name: value})
        assert valid(SETTINGS, {name: value}) == (notices == []), (name, value, notices)
    for value in (v for n, v in BEYOND_A_SCHEMA if n == name):
        assert valid(SETTINGS, {name: value}) and settings_from({name: value})[1] != []


def test_settings_the_app_writes_pass_the_schema(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    assert (
        save_settings(Settings(theme="nord", voice_rate=200, on_end="notify-send 'Hi'"), path)
        is None
    )
    assert valid(SETTINGS, tomllib.loads(path.read_text("utf-8")))


# -- timers.toml --------------------------------------------------------------------------------


def test_the_timers_schema_names_every_key_and_no_other() -> None:
    assert set(TIMERS["properties"]) == {"format", "last", "presets"}
    assert set(CHOICE["properties"]) == set(timers.KEYS)
    assert TIMERS["additionalProperties"] is CHOICE["additionalProperties"] is False
    assert documented("timers.toml") == set(timers.KEYS)


def test_each_timer_bound_and_choice_is_the_readers() -> None:
    properties, sounds = CHOICE["properties"], sorted(bundled_sounds())
    assert properties["bell"]["enum"] == sounds
    assert properties["start"]["enum"] == properties["end"]["enum"] == [*sounds, "default", "none"]
    assert properties["delay"]["maximum"] == MAX_DELAY
    assert properties["bells"]["maxItems"] == MAX_BELLS
    for key in ("length", "bell_every"):
        _none, span = properties[key]["anyOf"]
        assert (span["minimum"], span["maximum"]) == (MIN_BELL_EVERY, MAX_SECONDS), key
    assert MAX_BELL_EVERY == MAX_SECONDS
    presets = TIMERS["properties"]["presets"]
    assert presets["maxProperties"] == timers.MAX_PRESETS
    assert presets["propertyNames"]["maxLength"] == timers.MAX_NAME
    default = TimerChoice()
    assert properties["bell"]["default"] == default.bell
    assert properties["start"]["default"] == default.start == properties["end"]["default"]


TIMER_VALUES: dict[str, list[Any]] = {
    "length": [0, 0.5, 1, 1200, 86400, 86401, -5, "20m", True],
    "bell_every": [0, 0.5, 1, 300, 1199, -1, "5m", False],
    "bell": ["bell", "bowl", "wood", "default", "none", "gong", 1],
    "start": ["bell", "default", "none", "gong", ""],
    "end": ["wood", "default", "none", "Bell"],
    "delay": [0, 10, 600, 601, -1, "10s"],
    "bells": [[], [60, 300], [0.5], [1] * 100, list(range(1, 102)), [-1], ["5m"], 300],
    "until": ["07:30", "7:30", "19:45", "23:59", "7pm", "7 p.m.", "12am", "7", "24:00", "7:60"],
}


@pytest.mark.parametrize("key", sorted(TIMER_VALUES))
def test_the_timers_schema_takes_a_choice_exactly_when_the_reader_keeps_it(key: str) -> None:
    for value in TIMER_VALUES[key]:
        try:
            choice_from({key: value})
            kept = True
        except TimerError:
            kept = False
        assert valid(CHOICE, {key: value}) == kept, (key, value)


@pytest.mark.parametrize("name", ["Morning sit", "m" * 60, "m" * 61, "", "a\tb"])
def test_a_preset_name_the_schema_takes_is_one_the_app_saves(name: str) -> None:
    try:
        saved = preset_name(name) == name
    except TimerError:
        saved = False
    assert valid(TIMERS, {"presets": {name: {}}}) == saved


def test_timers_the_app_writes_pass_the_schema(tmp_path: Path) -> None:
    path = tmp_path / "timers.toml"
    morning = TimerChoice(length=1200, bell_every=300, bell="bowl", bells=(60.0, 900.0), delay=10)
    assert remember(morning, name="Morning sit", path=path) is None
    assert remember(TimerChoice(length=None, until="07:30"), path=path) is None
    assert len(load_timers(path)[0].presets) == 1
    assert valid(TIMERS, tomllib.loads(path.read_text("utf-8")))


# -- the hostile corpus ------------------------------------------------------------------------


# NaN is not a JSON number: every bound compares false with it, so a schema lets it through.
SCHEMA_BLIND = {"nan-length"}


@pytest.mark.parametrize(
    "path",
    sorted([*(HOSTILE / "settings").glob("*.toml"), *(HOSTILE / "timers").glob("*.toml")]),
    ids=lambda p: f"{p.parent.name}/{p.stem}",
)
def test_every_hostile_settings_or_timers_file_fails_its_schema(path: Path) -> None:
    schema = SETTINGS if path.parent.name == "settings" else TIMERS
    try:
        document = tomllib.loads(path.read_text("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError):
        return  # not TOML at all: no schema is asked
    if path.stem in SCHEMA_BLIND:  # the reader refuses it (test_hostile_corpus); no schema can
        assert valid(schema, document)
        return
    assert not valid(schema, document)
