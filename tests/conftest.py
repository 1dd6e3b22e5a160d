"""Shared fixtures: no test ever touches the real home."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest


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
    # libpulse's runtime folder in the test's home: as the command line sets it in a fresh
    # home (home/pulse.py), but undone after each test, so no test inherits another's.
    monkeypatch.setenv("PULSE_RUNTIME_PATH", str(home / "pulse"))
    yield home
