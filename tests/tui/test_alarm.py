"""The one-wake alarm the player and the pacer use instead of a Textual timer per wake.

The checks that nothing rang sleep on the event loop the alarm uses: the loop runs its timers in
the order they fall due, so a wake due before a test's sleep ends has rung by the time the test
goes on, however busy the machine. Nothing is raced.
"""

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


class TimedBell(Bell):
    """Notes the loop time of each ring, and wakes a waiting test."""

    def __init__(self) -> None:
        super().__init__()
        self.rang_at: list[float] = []
        self.rang = asyncio.Event()

    def ring(self) -> None:
        super().ring()
        self.rang_at.append(asyncio.get_running_loop().time())
        self.rang.set()


class TimedBellApp(App[None]):
    def compose(self) -> ComposeResult:
        yield TimedBell()


async def test_a_new_wake_replaces_the_one_pending() -> None:
    app = TimedBellApp()
    async with app.run_test():
        bell = app.query_one(TimedBell)
        loop = asyncio.get_running_loop()
        set_at = loop.time()
        bell.alarm.set(0.01)
        bell.alarm.set(0.05)
        assert bell.alarm.pending
        await asyncio.wait_for(bell.rang.wait(), 10)
        # It rang for the second wake, never for the first: not before 0.05 s (the loop's
        # clock resolution aside), however busy the machine, and only once.
        assert bell.rings == 1 and not bell.alarm.pending
        assert bell.rang_at[0] - set_at >= 0.05 - 0.005
        await asyncio.sleep(0.1)
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
        async with app.run_test():
            app.query_one(Broken).alarm.set(0.01)
            # Wait for the failure to end the app (it is raised as a handler's would be).
            for _ in range(1000):
                if app.return_code is not None:
                    break
                await asyncio.sleep(0.01)
    assert app.return_code not in (None, 0)
