"""The editor's check in a process of its own: the same answer a check here gives, only the
newest text checked when several wait, a worker that ends when the app does (closed, or gone
without a word), and checks made here when there is no worker to make them."""

from __future__ import annotations

import io
import os
import pickle
import queue
import signal
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from session_player.home.settings import Settings
from session_player.tui import checking
from session_player.tui.checking import Checked, CheckerProcess, _Reply, check_text

GOOD = 'title = "Mine"\npractice = "breathing"\n\n[[step]]\nsay = "Arrive."\n'
BROKEN = GOOD.replace("breathing", "breathingx")
SETTINGS = Settings(sound=False)


@pytest.fixture
def checker() -> Iterator[CheckerProcess]:
    found = CheckerProcess()
    yield found
    found.close()


def test_the_worker_gives_what_a_check_here_gives(checker: CheckerProcess, tmp_path: Path) -> None:
    path = tmp_path / "mine.toml"
    for text in (GOOD, BROKEN):
        assert checker.check(text, path, SETTINGS) == check_text(text, path, SETTINGS)
    assert checker.pid is not None and checker.pid != os.getpid()
    good = checker.check(GOOD, path, SETTINGS)
    assert good is not None and good.passed and good.length and good.steps == (3,)
    assert any("Arrive." in words for _step, _at, words in good.cues)
    broken = checker.check(BROKEN, path, SETTINGS)
    assert broken is not None and not broken.passed
    assert broken.errors[0].message.startswith("unknown practice 'breathingx'")


def test_closing_ends_the_worker_and_skips_what_waits(
    checker: CheckerProcess, tmp_path: Path
) -> None:
    assert checker.check(GOOD, tmp_path / "a.toml", SETTINGS) is not None
    process = checker._process
    assert process is not None and process.poll() is None
    checker.close()
    assert process.poll() is not None  # ended and reaped, not left behind
    assert checker.check(GOOD, tmp_path / "a.toml", SETTINGS) is None  # nothing starts again


def test_a_worker_ends_when_the_app_is_gone(checker: CheckerProcess, tmp_path: Path) -> None:
    """An app killed outright says nothing: its end of the pipe closes, and the worker ends."""
    assert checker.check(GOOD, tmp_path / "a.toml", SETTINGS) is not None
    process = checker._process
    assert process is not None and process.stdin is not None
    process.stdin.close()  # as the kernel closes it when the app's process is gone
    assert process.wait(timeout=60) == 0  # (the timeout only keeps a failure from hanging)


def test_without_a_worker_the_text_is_checked_here(
    checker: CheckerProcess, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "executable", str(tmp_path / "no-python"))  # it can't start
    path = tmp_path / "a.toml"
    assert checker.check(BROKEN, path, SETTINGS) == check_text(BROKEN, path, SETTINGS)
    assert checker.pid is None


def test_a_worker_killed_leaves_the_checks_to_this_process(
    checker: CheckerProcess, tmp_path: Path
) -> None:
    path = tmp_path / "a.toml"
    assert checker.check(GOOD, path, SETTINGS) is not None
    process = checker._process
    assert process is not None
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    assert checker.check(BROKEN, path, SETTINGS) == check_text(BROKEN, path, SETTINGS)
    assert checker.check(GOOD, path, SETTINGS) == check_text(GOOD, path, SETTINGS)


def test_a_reply_settles_the_older_requests_as_skipped() -> None:
    """Requests 1-3 wait; the worker took only the newest (3): 1 and 2 are skipped, 3 has its
    answer, and 4 (sent after) still waits until the worker's end hands it back to be checked
    here."""
    checker = CheckerProcess()
    replies = {number: _Reply() for number in (1, 2, 3, 4)}
    checker._waiting = dict(replies)
    answer = Checked((), length="1 min")
    checker._read(io.BytesIO(pickle.dumps((3, answer))))
    assert [replies[n].wait() for n in (1, 2, 3, 4)] == ["skipped", "skipped", answer, "here"]


def test_the_worker_takes_the_newest_text_waiting() -> None:
    waiting: queue.SimpleQueue[checking.Request | None] = queue.SimpleQueue()
    for number in (1, 2, 3):
        waiting.put((number, f"text {number}", Path("a.toml"), SETTINGS))
    newest = checking._newest(waiting)
    assert newest is not None and newest[0] == 3
    waiting.put((4, "text 4", Path("a.toml"), SETTINGS))
    waiting.put(None)  # the input ended after it: nothing more is checked
    assert checking._newest(waiting) is None
