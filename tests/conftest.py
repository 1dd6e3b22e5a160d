"""Shared fixtures: no test ever touches the real home."""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest

# Tests that press Ctrl+C send SIGINT to a child and expect what a person at a terminal gets. A
# suite started in the background by a shell without job control (as a CI runner may start it)
# inherits SIGINT ignored, which every child would inherit too, and no Ctrl+C would arrive: the
# tests start from a terminal's default instead.
if signal.getsignal(signal.SIGINT) == signal.SIG_IGN:
    signal.signal(signal.SIGINT, signal.default_int_handler)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The order the suite's workers take tests in.

    ``make test`` runs pytest-xdist's ``worksteal``: each worker starts with an equal run of this
    list, and one that runs dry takes half of the longest queue left. So that no worker's run is
    all waiting (the audio tests, about 13 minutes of them end to end, had once all gone to one
    worker, which then set the suite's length) nor all drawing (the TUI's), each folder's
    modules are dealt evenly through the list, each module kept whole. The ``early``
    tests (minutes of real-time play each) open a worker's run each, so the rest run beside them.
    """
    early = [item for item in items if item.get_closest_marker("early") is not None]
    modules: dict[Path, list[pytest.Item]] = {}
    for item in items:
        if item not in early:
            modules.setdefault(item.path, []).append(item)
    folders: dict[str, list[list[pytest.Item]]] = {}
    for path, module in modules.items():
        folders.setdefault(path.parent.name, []).append(module)
    woven = _woven(*folders.values())
    workers = max(1, int(os.environ.get("PYTEST_XDIST_WORKER_COUNT", "1")))
    items[:] = _openings(early, woven, workers)


def _woven(*kinds: list[list[pytest.Item]]) -> list[pytest.Item]:
    """The modules of every kind in one list, each kind spread evenly over it: a module sits at
    the middle of its share of its own kind's tests."""
    placed: list[tuple[float, int, list[pytest.Item]]] = []
    for kind in kinds:
        total, seen = sum(len(m) for m in kind) or 1, 0
        for module in kind:
            placed.append(((seen + len(module) / 2) / total, len(placed), module))
            seen += len(module)
    return [item for _at, _n, module in sorted(placed, key=lambda p: p[:2]) for item in module]


def _openings(early: list[pytest.Item], rest: list[pytest.Item], workers: int) -> list[pytest.Item]:
    """``rest`` with the ``early`` tests at the heads of the runs ``worksteal`` first hands out
    (each worker the floor of what is left over the workers left), one worker after another."""
    total = len(early) + len(rest)
    heads, start = [], 0
    for left in range(workers, 0, -1):
        heads.append(start)
        start += (total - start) // left
    ordered: list[pytest.Item] = []
    todo, waiting = list(rest), list(early)
    for i in range(workers):
        end = heads[i + 1] if i + 1 < workers else total
        mine = waiting[i::workers]
        take = max(0, end - heads[i] - len(mine))
        ordered += mine + todo[:take]
        del todo[:take]
    return ordered + todo


@pytest.fixture(autouse=True)
def _isolated_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Path]:
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("SESSION_PLAYER_HOME", str(home))
    # Nor the real desktop: no session bus, system bus or display to reach (a session played
    # here must not pause the developer's notifications or hold their laptop awake), and
    # GNOME's settings in a file of the test's own. Desktop tests bring up their own.
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "XDG_CURRENT_DESKTOP", "SWAYSOCK"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/session-bus")
    monkeypatch.setenv("DBUS_SYSTEM_BUS_ADDRESS", "unix:path=/nonexistent/system-bus")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "xdg-config"))
    monkeypatch.setenv("GSETTINGS_BACKEND", "keyfile")
    # pytest-xdist's workers set COLUMNS=80 and LINES=24, which would size every app a test
    # starts (Textual asks shutil, which reads them first) whatever its terminal says.
    monkeypatch.delenv("COLUMNS", raising=False)
    monkeypatch.delenv("LINES", raising=False)
    # libpulse's runtime folder in the test's home: as the command line sets it in a fresh
    # home (home/pulse.py), but undone after each test, so no test inherits another's.
    monkeypatch.setenv("PULSE_RUNTIME_PATH", str(home / "pulse"))
    yield home


@pytest.fixture(autouse=True)
def _steady_cursor(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """In a snapshot the text cursor is drawn, whatever the wall clock did.

    Textual blinks a field's cursor on a real half-second timer, so a picture taken after a slow
    half second (a loaded machine, tests run side by side) would catch it hidden and differ from
    the stored one. The snapshots show the cursor as a person first sees it: drawn.
    """
    if "snap_compare" not in request.fixturenames:
        return
    from textual.widgets import Input, TextArea

    monkeypatch.setattr(Input, "_toggle_cursor", lambda self: None)
    monkeypatch.setattr(TextArea, "_toggle_cursor_blink_visible", lambda self: None)
