"""The TUI where the platform lacks POSIX signals (Windows has no SIGHUP)."""

from __future__ import annotations

import signal
from collections.abc import Callable

import pytest

from session_player.tui.app import SessionPlayerApp

from .conftest import SIZE, player_of

Build = Callable[..., SessionPlayerApp]


async def test_a_session_starts_where_there_is_no_sighup(
    build: Build, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delattr(signal, "SIGHUP")
    async with build("breathing").run_test(size=SIZE) as pilot:
        player = await player_of(pilot)
        assert player.session is not None and player.session.state == "running"
