"""The library's cards, and the cache that spares checking unchanged scripts at every start."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

import pytest

from session_player.core.errors import problem_count
from session_player.core.library import batch, catalog
from session_player.core.library.card import Card, card_of
from session_player.core.library.catalog import cards
from session_player.core.library.scripts import Source, discover
from session_player.home import paths

HEADER = 'title = "A test"\npractice = "breathing"\nsummary = "Slow breaths."\n'
STEP = '\n[[step]]\nbreathe = "soothing"\nfor = "2m"\n'
CHIME = '\n[[step]]\nchime = "ping.wav"\n'


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "calm.toml").write_text(HEADER + STEP)
    return mine


def listed(folder: Path, cache: Path) -> dict[str, Card]:
    return {card.name: card for card in cards([(folder, "yours")], cache)}


def no_checking(monkeypatch: pytest.MonkeyPatch) -> None:
    """From here on, checking a script fails the test: cards must come from the cache."""

    def refuse(path: Path, source: Source, sounds: Mapping[str, Path]) -> None:
        raise AssertionError(f"{path.name} was checked again")

    monkeypatch.setattr(batch, "check_card", refuse)


def touch_later(path: Path, text: str) -> None:
    """Rewrite ``path`` with a modification time that surely differs from before."""
    before = path.stat().st_mtime_ns
    path.write_text(text)
    os.utime(path, ns=(before + 2_000_000_000, before + 2_000_000_000))


def test_cards_say_what_a_full_check_says_for_every_bundled_script() -> None:
    folders = paths.library_folders()
    entries = discover(folders)
    assert len(entries) >= 10
    assert cards(folders) == [card_of(entry) for entry in entries]
    assert all(card.ok and card.title and card.length > 0 for card in cards(folders))


def test_unchanged_scripts_come_from_the_cache(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache" / "library.json"
    first = listed(folder, cache)
    assert cache.is_file()
    no_checking(monkeypatch)
    again = listed(folder, cache)
    assert again == first
    assert again["calm"].title == "A test" and again["calm"].length_text == "2m"


def test_an_edited_script_is_checked_again(folder: Path, tmp_path: Path) -> None:
    cache = tmp_path / "library.json"
    listed(folder, cache)
    touch_later(folder / "calm.toml", HEADER.replace("A test", "Edited") + STEP + STEP)
    card = listed(folder, cache)["calm"]
    assert card.title == "Edited" and card.length_text == "4m"


def test_a_script_broken_by_an_edit_is_listed_with_its_error(folder: Path, tmp_path: Path) -> None:
    cache = tmp_path / "library.json"
    listed(folder, cache)
    touch_later(folder / "calm.toml", HEADER + '\n[[step]]\nbreathe = "soothing"\nfor = "soon"\n')
    card = listed(folder, cache)["calm"]
    assert not card.ok
    assert "step[1].for" in str(card.errors[0])


def test_a_removed_sound_file_is_noticed_though_the_script_is_unchanged(
    folder: Path, tmp_path: Path
) -> None:
    cache = tmp_path / "library.json"
    (folder / "ping.wav").write_bytes(b"RIFF")  # the checker looks for the file, not inside
    (folder / "chimes.toml").write_text(HEADER + CHIME)
    assert listed(folder, cache)["chimes"].ok
    (folder / "ping.wav").unlink()
    card = listed(folder, cache)["chimes"]
    assert not card.ok and "ping.wav" in str(card.errors[0])
    (folder / "ping.wav").write_bytes(b"RIFF")  # and adding it back mends it (never cached)
    assert listed(folder, cache)["chimes"].ok


def test_a_removed_start_chime_is_noticed_too(folder: Path, tmp_path: Path) -> None:
    cache = tmp_path / "library.json"
    (folder / "gong.wav").write_bytes(b"RIFF")
    (folder / "opening.toml").write_text('start_chime = "gong.wav"\n' + HEADER + STEP)
    assert listed(folder, cache)["opening"].ok
    (folder / "gong.wav").unlink()
    card = listed(folder, cache)["opening"]
    assert not card.ok and "gong.wav" in str(card.errors[0])


def counting_checks(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the scripts checked from here on, in order."""
    checked: list[str] = []
    check = batch.check_card

    def counted(path: Path, source: Source, sounds: Mapping[str, Path]) -> tuple[Card, list[Path]]:
        checked.append(path.stem)
        return check(path, source, sounds)

    monkeypatch.setattr(batch, "check_card", counted)
    return checked


BROKEN = HEADER + '\n[[step]]\nbreathe = "soothing"\nfor = "soon"\nunknown = 1\n'


def test_a_broken_script_is_not_checked_again_while_it_is_unchanged(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "library.json"
    (folder / "broken.toml").write_text(BROKEN)
    checked = counting_checks(monkeypatch)
    first = listed(folder, cache)
    assert checked == ["broken", "calm"]
    assert [e.path for e in first["broken"].errors] == ["step[1].for", "step[1].unknown"]
    again = listed(folder, cache)
    assert checked == ["broken", "calm"]  # both from the cache
    assert again == first
    touch_later(folder / "broken.toml", BROKEN.replace("unknown = 1\n", ""))
    mended_once = listed(folder, cache)["broken"]
    assert checked[2:] == ["broken"]
    assert [e.path for e in mended_once.errors] == ["step[1].for"]


def test_a_capped_list_of_errors_is_kept_with_its_count(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "library.json"
    keys = "".join(f"unknown{n} = 1\n" for n in range(300))
    (folder / "many.toml").write_text(HEADER + STEP + keys)
    first = listed(folder, cache)["many"]
    no_checking(monkeypatch)
    again = listed(folder, cache)["many"]
    assert again == first and problem_count(again.errors) == 300


def test_adding_the_missing_sound_file_mends_a_cached_failure(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "library.json"
    (folder / "chimes.toml").write_text(HEADER + CHIME)
    assert not listed(folder, cache)["chimes"].ok
    checked = counting_checks(monkeypatch)
    assert not listed(folder, cache)["chimes"].ok
    assert checked == []
    (folder / "ping.wav").write_bytes(b"RIFF")
    assert listed(folder, cache)["chimes"].ok
    assert checked == ["chimes"]


def test_a_change_of_permissions_checks_a_failed_script_again(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "library.json"
    (folder / "broken.toml").write_text(BROKEN)
    listed(folder, cache)
    checked = counting_checks(monkeypatch)
    os.chmod(folder / "broken.toml", 0o604)  # its size and modification time stay the same
    listed(folder, cache)
    listed(folder, cache)
    assert checked == ["broken"]


def test_a_script_that_links_to_itself_is_listed_as_unreadable(
    folder: Path, tmp_path: Path
) -> None:
    (folder / "loop.toml").symlink_to(folder / "loop.toml")
    card = listed(folder, tmp_path / "library.json")["loop"]
    assert not card.ok
    assert listed(folder, tmp_path / "library.json")["calm"].ok


def test_a_new_checker_checks_everything_again(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "library.json"
    listed(folder, cache)
    monkeypatch.setattr(catalog, "checker_stamp", lambda: "9.9.9/1")
    checked = counting_checks(monkeypatch)
    listed(folder, cache)
    assert checked == ["calm"]


def test_a_deleted_script_leaves_the_cache(folder: Path, tmp_path: Path) -> None:
    cache = tmp_path / "library.json"
    (folder / "other.toml").write_text(HEADER + STEP)
    listed(folder, cache)
    (folder / "other.toml").unlink()
    assert list(listed(folder, cache)) == ["calm"]
    kept = json.loads(cache.read_text())["cards"]
    assert [Path(p).name for p in kept] == ["calm.toml"]


@pytest.mark.parametrize(
    "damage",
    [
        b"",
        b"{not json",
        b"\xff\xfe\x00",
        b"[]",
        b'{"format": 1, "checker": "x", "cards": []}',
        b'{"format": 99, "cards": {}}',
    ],
)
def test_a_damaged_cache_is_ignored_and_made_again(
    folder: Path, tmp_path: Path, damage: bytes
) -> None:
    cache = tmp_path / "library.json"
    cache.write_bytes(damage)
    assert listed(folder, cache)["calm"].title == "A test"
    assert json.loads(cache.read_text())["format"] == catalog.FORMAT


@pytest.mark.parametrize(
    "damage",
    [
        {"title": 3},  # most fields missing
        {"title": "x", "practice": "x", "summary": "", "length": 10**400, "estimated": False},
        {"title": "x", "practice": "x", "summary": "", "length": "NaN", "estimated": False},
        {"title": "x", "practice": "x", "summary": "", "length": -5, "estimated": False},
        {"title": "x", "practice": "x", "summary": "", "length": [1], "estimated": False},
    ],
)
def test_damaged_records_are_checked_again(
    folder: Path, tmp_path: Path, damage: dict[str, object]
) -> None:
    cache = tmp_path / "library.json"
    listed(folder, cache)
    data = json.loads(cache.read_text())
    for record in data["cards"].values():
        record["card"] = damage
    cache.write_text(json.dumps(data))
    card = listed(folder, cache)["calm"]
    assert card.title == "A test" and card.length_text == "2m"


def test_a_cache_that_cannot_be_written_changes_nothing(folder: Path, tmp_path: Path) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    cache = blocked / "library.json"  # its folder is a file: nothing can be written there
    assert listed(folder, cache)["calm"].ok
    assert listed(folder, cache)["calm"].ok
    assert blocked.read_text() == "not a folder"


def test_a_warm_library_lists_scripts_without_loading_the_checker(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from session_player.home import paths\n"
        "from session_player.core.library.catalog import cards\n"
        "found = cards(paths.library_folders(), paths.library_cache_path())\n"
        "print(len(found), 'session_player.core.script.loader' in sys.modules)\n"
    )
    env = {**os.environ, "SESSION_PLAYER_HOME": str(tmp_path)}
    cold = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    warm = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    count = cold.stdout.split()[0]
    assert int(count) >= 10
    assert cold.stdout.split() == [count, "True"]  # checked once...
    assert warm.stdout.split() == [count, "False"]  # ...then listed from the cards kept


def test_after_an_upgrade_the_kept_cards_show_at_once_and_are_checked_later(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cards.json"
    for n in range(3):
        (folder / f"more{n}.toml").write_text(HEADER.replace("A test", f"More {n}") + STEP)
    assert len(listed(folder, cache)) == 4
    (folder / "new.toml").write_text(HEADER + STEP)  # added since: never checked
    monkeypatch.setattr(catalog, "checker_stamp", lambda: "a later version")
    monkeypatch.setattr(catalog, "AT_ONCE", 2)  # more to check than the library waits for
    with monkeypatch.context() as during:
        no_checking(during)
        shown, complete = catalog.cards_at_once([(folder, "yours")], cache)
    assert [card.name for card in shown] == ["calm", "more0", "more1", "more2"]
    assert shown[1].title == "More 0" and not complete
    checked = listed(folder, cache)  # the background's check, kept for the next start
    assert sorted(checked) == ["calm", "more0", "more1", "more2", "new"]
    no_checking(monkeypatch)
    assert catalog.cards_at_once([(folder, "yours")], cache) == (list(checked.values()), True)


def test_a_few_scripts_to_check_are_checked_before_the_first_frame(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cards.json"
    listed(folder, cache)
    (folder / "new.toml").write_text(HEADER + STEP)
    monkeypatch.setattr(catalog, "checker_stamp", lambda: "a later version")
    shown, complete = catalog.cards_at_once([(folder, "yours")], cache)
    assert [card.name for card in shown] == ["calm", "new"] and complete
