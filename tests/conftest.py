"""Shared fixtures: no test ever touches the real home."""

from __future__ import annotations

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
    """Tests marked ``early`` first: a few play minutes in real time, mostly asleep, and the
    suite's workers take tests in this order, so the rest run beside them, not after."""
    items.sort(key=lambda item: item.get_closest_marker("early") is None)


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
