"""The session bus, through ``dbus-fast`` (the ``desktop`` extra), from any thread.

``dbus-fast`` speaks asyncio; a session's listeners and plain mode are not on an event loop, so
one small loop runs in its own daemon thread and every call waits on it with a time limit. The
connection stays open for the run: the freedesktop inhibitions are bound to it, so they end when
the process does, however it dies.
"""

from __future__ import annotations

import asyncio
import os
import threading
from collections.abc import Coroutine
from typing import Any

CALL_LONGEST = 3.0  # seconds: a desktop that does not answer by then is taken as absent
EXTRA = "Install the desktop extra (pip install 'session-player[desktop]')"


class BusError(Exception):
    """The session bus, or the service on it, could not be used; the message says why."""


class Bus:
    """One connection to the session bus, opened on first use and held until ``close``."""

    def __init__(self, address: str | None = None) -> None:
        self.address = address
        self._loop: asyncio.AbstractEventLoop | None = None
        self._bus: Any = None
        self._lock = threading.Lock()

    def _address(self) -> str | None:
        return self.address or os.environ.get("DBUS_SESSION_BUS_ADDRESS")

    def has_address(self) -> bool:
        """Whether there is a session bus to try (its address is known); asks no one, and
        loads nothing: a caller builds its message's values only after this says yes."""
        return bool(self._address())

    def _run(self, work: Coroutine[Any, Any, Any], timeout: float = CALL_LONGEST) -> Any:
        if self._loop is None:
            loop = asyncio.new_event_loop()
            threading.Thread(target=loop.run_forever, name="desktop-bus", daemon=True).start()
            self._loop = loop
        future = asyncio.run_coroutine_threadsafe(work, self._loop)
        try:
            return future.result(timeout)
        except TimeoutError:
            future.cancel()
            raise BusError("the session bus did not answer in time") from None

    def _connect(self) -> Any:
        if self._bus is not None:
            return self._bus
        # The address first: without a bus, dbus-fast (43 modules and its compiled parts,
        # 3.3 MiB resident) is never loaded into a session that can't use it.
        address = self._address()
        if not address:
            raise BusError("there is no session bus (DBUS_SESSION_BUS_ADDRESS is not set)")
        try:
            from dbus_fast.aio import MessageBus
        except ImportError:
            raise BusError(f"no D-Bus library. {EXTRA}") from None

        async def connect() -> Any:
            return await MessageBus(bus_address=address).connect()

        try:
            self._bus = self._run(connect())
        except BusError:
            raise
        except Exception as problem:
            raise BusError(f"the session bus could not be reached ({problem})") from None
        return self._bus

    def call(
        self, service: str, path: str, interface: str, member: str, signature: str = "",
        body: list[Any] | None = None,
    ) -> list[Any]:  # fmt: skip
        """Call ``member`` and return the reply's body; ``BusError`` when that can't be done."""
        with self._lock:
            bus = self._connect()
            from dbus_fast import Message, MessageType

            message = Message(
                destination=service, path=path, interface=interface, member=member,
                signature=signature, body=body or [],
            )  # fmt: skip
            try:
                reply = self._run(bus.call(message))
            except BusError:
                raise
            except Exception as problem:
                raise BusError(str(problem)) from None
        if reply.message_type == MessageType.ERROR:
            raise BusError(f"{reply.error_name}: {', '.join(map(str, reply.body))}")
        body_out: list[Any] = reply.body
        return body_out

    def close(self) -> None:
        """Drop the connection (which ends whatever was held through it) and the loop."""
        with self._lock:
            bus, loop = self._bus, self._loop
            self._bus = self._loop = None
        if loop is None:
            return
        if bus is not None:
            loop.call_soon_threadsafe(bus.disconnect)
        loop.call_soon_threadsafe(loop.stop)
