"""The one-wake alarm the player and the pacer use instead of a Textual timer per wake."""

from __future__ import annotations

import asyncio

import pytest
from textual.app import App, ComposeResult
from textual.widgets import Static

from session_player.tui.alarm import Alarm


class Bell(Static):
    """Counts its rings."""

    def __init__(self) -> None:
        super().__init__()
        self.rings = 0
        self.alarm = Alarm(self, self.ring)

    def ring(self) -> None:
        self.rings += 1


class BellApp(App[None]):
    def compose(self) -> ComposeResult:
        yield Bell()


async def test_a_new_wake_replaces_the_one_pending() -> None:
    app = BellApp()
    async with app.run_test() as pilot:
        bell = app.query_one(Bell)
        bell.alarm.set(0.01)
        bell.alarm.set(0.05)
        assert bell.alarm.pending
        await pilot.pause(0.03)
        assert bell.rings == 0  # the first was replaced
        await pilot.pause(0.05)
        assert bell.rings == 1 and not bell.alarm.pending
        await pilot.pause(0.05)
        assert bell.rings == 1  # once, not every so often


async def test_a_cancelled_wake_never_rings() -> None:
    app = BellApp()
    async with app.run_test() as pilot:
        bell = app.query_one(Bell)
        bell.alarm.set(0.01)
        bell.alarm.cancel()
        await pilot.pause(0.05)
        assert bell.rings == 0


async def test_a_wake_for_a_widget_that_has_gone_does_nothing() -> None:
    app = BellApp()
    async with app.run_test() as pilot:
        bell = app.query_one(Bell)
        bell.alarm.set(0.02)
        await bell.remove()
        await pilot.pause(0.05)
        assert bell.rings == 0


async def test_a_failing_callback_is_reported_as_textual_reports_a_handler() -> None:
    class Broken(Bell):
        def ring(self) -> None:
            raise RuntimeError("the bell cracked")

    class BrokenApp(App[None]):
        def compose(self) -> ComposeResult:
            yield Broken()

    app = BrokenApp()
    with pytest.raises(RuntimeError, match="the bell cracked"):
        async with app.run_test() as pilot:
            app.query_one(Broken).alarm.set(0.01)
            await pilot.pause(0.05)
            await asyncio.sleep(0.05)
    assert app.return_code not in (None, 0)
