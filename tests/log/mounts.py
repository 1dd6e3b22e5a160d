"""Real unwritable disks for the log tests: a small tmpfs filled to the last byte, a read-only
bind mount, an immutable file (``chattr +i``).

These are the real conditions, not connections told to fail. They need the right to mount
(root, as the tests run here and in CI): without it a test skips, saying so, because the OS
gives no other way to make a full or read-only disk. (Permission bits alone can't stand in:
root ignores them.)
"""

from __future__ import annotations

import errno
import os
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest


def _run(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, capture_output=True, text=True, check=False)


def _mount(*arguments: str) -> None:
    done = _run("mount", *arguments)
    if done.returncode != 0:
        pytest.skip(f"mounting is not allowed here ({done.stderr.strip()})")


@contextmanager
def small_disk(folder: Path, size: str = "1m") -> Iterator[Path]:
    """A tmpfs of ``size`` mounted at ``folder`` for the duration."""
    folder.mkdir(parents=True, exist_ok=True)
    _mount("-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder))
    try:
        yield folder
    finally:
        _run("umount", "-l", str(folder))


def fill(folder: Path) -> None:
    """Write to ``folder`` until its disk has no space left at all."""
    with open(folder / "filler", "wb", buffering=0) as handle:
        for block in (b"\0" * 65536, b"\0"):  # big writes, then single bytes to the end
            try:
                while True:
                    handle.write(block)
            except OSError as error:
                assert error.errno == errno.ENOSPC
    assert os.statvfs(folder).f_bavail == 0


@contextmanager
def read_only(folder: Path) -> Iterator[Path]:
    """``folder`` made read-only (a read-only bind mount over itself) for the duration."""
    _mount("--bind", str(folder), str(folder))
    try:
        done = _run("mount", "-o", "remount,bind,ro", str(folder))
        if done.returncode != 0:
            pytest.skip(f"remounting read-only is not allowed here ({done.stderr.strip()})")
        yield folder
    finally:
        _run("umount", "-l", str(folder))


@contextmanager
def immutable(path: Path) -> Iterator[Path]:
    """``path`` made immutable (``chattr +i``: not even root may write it) for the duration."""
    done = _run("chattr", "+i", str(path))
    if done.returncode != 0:
        pytest.skip(f"chattr +i is not possible here ({done.stderr.strip()})")
    try:
        yield path
    finally:
        _run("chattr", "-i", str(path))
