"""Taplo itself (the `taplo` command from the dev extra) checks scripts against the schema.

Every bundled script passes in place and in an installed copy; a script made by `new` passes
beside the copy of the schema `new` writes, from a source checkout and from an install; a
bundled script copied to the person's folder still finds its schema. On bad scripts, Taplo's
messages are plain (no schema internals) and a wrong value is reported once.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from session_player.cli.main import main
from session_player.core.bundled import SCHEMA_COMMENT, SCHEMA_NAME, schema_path
from session_player.home import paths
from tests.wheel import built_wheel

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = sorted((ROOT / "scripts").glob("*.toml"))
TAPLO = shutil.which("taplo", path=str(Path(sys.executable).parent)) or shutil.which("taplo")
LOCATION = re.compile(r"^\s*┌─ (?P<file>.+?):(?P<line>\d+):(?P<column>\d+)$")
# What the schema's own structure looks like, never meant for a person to read.
INTERNALS = ("anyOf", "oneOf", "schemas listed", "is not allowed for", '"description"', '"$ref"')


def taplo_check(*files: Path) -> tuple[int, list[tuple[str, str]]]:
    """Taplo's exit status and its schema errors, as (message, line:column)."""
    assert TAPLO is not None, "taplo is part of the dev extra (pip install -e '.[dev]')"
    done = subprocess.run(
        [TAPLO, "check", "--no-auto-config", "--colors", "never", *map(str, files)],
        capture_output=True,
        text=True,
        errors="replace",
        env={**os.environ, "RUST_LOG": "warn", "NO_COLOR": "1"},
        cwd=files[0].parent,
        check=False,
    )
    lines = done.stderr.splitlines()
    found = []
    for index, line in enumerate(lines):
        if line.startswith("error: ") and index + 1 < len(lines):
            where = LOCATION.match(lines[index + 1])
            if where:
                found.append((line.removeprefix("error: "), f"{where['line']}:{where['column']}"))
    assert "failed to load schema" not in done.stderr and "failed to fetch" not in done.stderr
    return done.returncode, found


def test_every_bundled_script_passes_in_place() -> None:
    assert BUNDLED and all(p.read_text("utf-8").startswith(SCHEMA_COMMENT) for p in BUNDLED)
    assert taplo_check(*BUNDLED) == (0, [])


def test_a_new_script_passes_beside_the_schema_new_writes() -> None:
    assert main(["new", "evening", "--practice", "rain"]) == 0
    made = paths.user_scripts_dir() / "evening.toml"
    assert made.read_text("utf-8").splitlines()[0] == "#:schema script.schema.json"
    assert (made.parent / "script.schema.json").read_bytes() == schema_path().read_bytes()
    assert taplo_check(made) == (0, [])
    # The reference is relative: the script and its schema moved together (shared) still pass.
    shared = paths.ensure(made.parent.parent / "shared")
    for name in ("evening.toml", "script.schema.json"):
        shutil.copy(made.parent / name, shared / name)
    assert taplo_check(shared / "evening.toml") == (0, [])


def test_taplo_finds_a_problem_in_a_new_script() -> None:
    assert main(["new", "evening"]) == 0
    made = paths.user_scripts_dir() / "evening.toml"
    made.write_text(made.read_text("utf-8").replace('"1m"', '"2M"'), "utf-8")
    status, found = taplo_check(made)
    assert status != 0 and len(found) == 1 and '"2M"' in found[0][0]


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The package as pip installs it from a wheel, in a folder of its own."""
    wheel = built_wheel(tmp_path_factory)
    target = tmp_path_factory.mktemp("site")
    pip = [sys.executable, "-m", "pip", "install", "-q", "--no-deps"]
    subprocess.run(
        [*pip, "--target", str(target), str(wheel)],
        check=True,
        capture_output=True,
    )
    return target


def test_installed_scripts_pass_and_a_copy_still_finds_its_schema(installed: Path) -> None:
    folder = installed / "session_player" / "_data" / "scripts"
    scripts = sorted(folder.glob("*.toml"))
    assert len(scripts) == len(BUNDLED)
    assert taplo_check(*scripts) == (0, [])
    # A person copies a bundled script into their folder to adapt it, where the app keeps
    # the schema (the installed app, run as a person would run it, writes it with `new`).
    home = installed.parent / "home"
    env = {**os.environ, "PYTHONPATH": str(installed), "SESSION_PLAYER_HOME": str(home)}
    subprocess.run(
        [sys.executable, "-m", "session_player", "new", "mine"],
        check=True,
        capture_output=True,
        env=env,
        cwd=installed,
    )
    mine = home / "data" / "scripts"
    shutil.copy(folder / "box-breathing.toml", mine / "box-breathing.toml")
    assert taplo_check(mine / "mine.toml", mine / "box-breathing.toml") == (0, [])


# -- bad scripts: one plain message for each wrong value ------------------------------------------

BAD = ROOT / "tests" / "corpus" / "bad"


def _copied(tmp_path: Path, name: str) -> Path:
    shutil.copy(schema_path(), tmp_path / SCHEMA_NAME)
    target = tmp_path / name
    target.write_bytes(f"{SCHEMA_COMMENT}\n".encode() + (BAD / name).read_bytes())
    return target


@pytest.mark.parametrize(
    ("name", "wanted"),
    [
        ("dur-bool.toml", ["true is not of types"]),
        ("dur-zero-text.toml", ['does not match "[1-9]"']),
        ("step-unknown-key.toml", ["False schema does not allow"]),
        ("step-key-of-other-action.toml", ["False schema does not allow"]),
        ("breathe-for-and-cycles.toml", ["False schema does not allow"]),
        ("touch-unknown-placement.toml", ["is not one of"]),
        ("top-unknown-key.toml", ["False schema does not allow"]),
        ("many-problems-one-step.toml", ["is not one of", "shorter than 1", "[1-9]", "False"]),
    ],
)
def test_each_wrong_value_is_one_plain_message(
    tmp_path: Path, name: str, wanted: list[str]
) -> None:
    status, found = taplo_check(_copied(tmp_path, name))
    assert status != 0
    assert len(found) == len(wanted), found
    for message, _where in found:
        assert not any(inner in message for inner in INTERNALS), message
    for words in wanted:
        assert any(words in message for message, _ in found), (words, found)


def test_no_message_shows_the_schemas_internals(tmp_path: Path) -> None:
    files = [_copied(tmp_path, p.name) for p in sorted(BAD.glob("*.toml"))]
    _status, found = taplo_check(*files)
    assert len(found) > len(files) // 2
    assert [m for m, _ in found if any(inner in m for inner in INTERNALS)] == []
