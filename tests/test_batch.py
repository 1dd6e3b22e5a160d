"""Checking many scripts at once: worker processes give the same cards and errors, in the same
order, as checking each script here; a worker that fails leaves its scripts to this process."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path
from typing import Any

import pytest

from session_player.core.bundled import bundled_scripts_dir, bundled_sounds
from session_player.core.library import batch, catalog
from session_player.core.library.batch import Job, check_all
from session_player.core.library.catalog import cards

CORPUS = Path(__file__).parent / "corpus" / "bad"


@pytest.fixture
def mixed(tmp_path: Path) -> list[Job]:
    """Valid and broken scripts interleaved by name: the bundled ones, the corpus of broken
    ones, a sound file beside a script, a FIFO, a folder and a link to itself named *.toml."""
    folder = tmp_path / "mixed"
    shutil.copytree(CORPUS, folder)
    for number, source in enumerate(sorted(bundled_scripts_dir().glob("*.toml"))):
        shutil.copy(source, folder / f"{number:03d}-{source.name}")
    (folder / "gong.wav").write_bytes(b"RIFF")
    header = 'title = "Gong"\npractice = "breathing"\n'
    (folder / "gong.toml").write_text(header + '\n[[step]]\nchime = "gong.wav"\n')
    (folder / "gone.toml").write_text(header + '\n[[step]]\nchime = "gone.wav"\n')
    os.mkfifo(folder / "fifo.toml")
    (folder / "folder.toml").mkdir()
    (folder / "loop.toml").symlink_to(folder / "loop.toml")
    jobs: list[Job] = [(path, "yours") for path in sorted(folder.glob("*.toml"))]
    assert len(jobs) > 3 * batch.RUN  # runs enough for the workers and this process to share
    return jobs


def test_workers_give_the_cards_and_errors_a_check_here_gives(mixed: list[Job]) -> None:
    here = check_all(mixed, workers=0)
    assert [card.path for card, _looked_at in here] == [path for path, _source in mixed]
    assert sum(card.ok for card, _ in here) > 10 and sum(not card.ok for card, _ in here) > 100
    assert check_all(mixed, workers=2) == here


def test_a_worker_checks_every_run_it_is_given(mixed: list[Job]) -> None:
    runs = [mixed[at : at + batch.RUN] for at in range(0, len(mixed), batch.RUN)]
    results: list[list[batch.Checked] | None] = [None] * len(runs)
    batch._helper(batch._Share(len(runs)), runs, results, bundled_sounds())
    assert [checked for found in results for checked in found or []] == check_all(mixed, workers=0)


def test_the_runs_are_shared_out_once_each() -> None:
    share = batch._Share(5)
    taken = [share.front(), share.back(), share.front(), share.back(), share.front()]
    assert taken == [0, 4, 1, 3, 2]
    assert share.front() is None and share.back() is None
    share = batch._Share(3)
    share.close()  # this process is leaving: the workers take no more, it may finish
    assert share.front() is None and share.back() == 2


@pytest.mark.parametrize(
    "worker",
    [
        "import sys; sys.exit(3)",  # ends before reading anything
        "import sys; sys.stdin.buffer.read(10); sys.stdout.buffer.write(b'junk')",
        "import os, sys; sys.stdin.buffer.read(10); os.kill(os.getpid(), 9)",
    ],
)
def test_a_failing_worker_leaves_its_scripts_to_this_process(
    mixed: list[Job], monkeypatch: pytest.MonkeyPatch, worker: str
) -> None:
    here = check_all(mixed, workers=0)
    monkeypatch.setattr(batch, "_WORKER", worker)
    assert check_all(mixed, workers=2) == here


def test_no_python_to_start_means_checking_here(
    mixed: list[Job], monkeypatch: pytest.MonkeyPatch
) -> None:
    here = check_all(mixed, workers=0)
    monkeypatch.setattr(sys, "executable", "/nonexistent/python")
    assert check_all(mixed, workers=1) == here


def test_a_check_that_raises_raises_as_it_would_here(
    mixed: list[Job], monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*_args: object) -> batch.Checked:
        raise RuntimeError("the checker broke")

    monkeypatch.setattr(batch, "check_card", broken)  # here, not in the workers
    monkeypatch.setattr(batch, "_WORKER", "import sys; sys.exit(3)")  # which fail
    with pytest.raises(RuntimeError, match="the checker broke"):
        check_all(mixed, workers=1)


def test_a_listing_checked_by_workers_is_kept_whole_and_read_back(
    mixed: list[Job], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = mixed[0][0].parent
    serial = cards([(folder, "yours")])  # few scripts: checked here, without workers
    monkeypatch.setattr(batch, "PER_PROCESS", 1)  # as if these were thousands
    monkeypatch.setattr(batch, "_cores", lambda: 3)
    cache = tmp_path / "cache" / "library.json"
    assert cards([(folder, "yours")], cache) == serial
    kept = catalog._read(cache, catalog.checker_stamp())
    assert sorted(kept) == [str(path) for path, _source in mixed if path.name != "loop.toml"]

    check = batch.check_card

    def refuse(path: Path, *args: Any) -> batch.Checked:
        assert path.name == "loop.toml", f"{path.name} was checked again"  # it can't be kept
        return check(path, *args)

    monkeypatch.setattr(batch, "check_card", refuse)
    assert cards([(folder, "yours")], cache) == serial


def test_edited_scripts_among_kept_ones_take_their_places(
    mixed: list[Job], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = mixed[0][0].parent
    cache = tmp_path / "library.json"
    cards([(folder, "yours")], cache)
    edited = [path for path, _source in mixed[5::7] if path.is_file()]
    for path in edited:
        before = path.stat().st_mtime_ns
        path.write_bytes(path.read_bytes() + b"\n# edited\nunknown_key = 1\n")
        os.utime(path, ns=(before + 2_000_000_000, before + 2_000_000_000))
    (folder / "new.toml").write_text('title = "New"\n')
    monkeypatch.setattr(batch, "PER_PROCESS", 1)
    monkeypatch.setattr(batch, "_cores", lambda: 3)
    monkeypatch.setattr(batch, "RUN", 2)  # the few checked again shared between processes
    found = cards([(folder, "yours")], cache)
    assert found == cards([(folder, "yours")])  # as a listing with nothing kept
    names = {card.path.name: card for card in found}
    assert all(not names[path.name].ok for path in edited)
    assert "unknown_key" in str(names[edited[0].name].errors)
