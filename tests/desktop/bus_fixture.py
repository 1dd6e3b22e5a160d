"""A desktop of the test's own: a private session bus (``dbus-daemon --session``), and on it a
real notification server (dunst, drawing on an Xvfb display). Nothing reaches the person's own
desktop. Where a binary is missing the tests skip, saying which; under CI nothing may skip."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

BUS_CONFIG = """<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:path={socket}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
"""
# No <servicedir>: nothing is started on demand, so a test sees only the servers it started.

DUNST_CONFIG = """[global]
    notification_limit = 0
[record]
    appname = "*"
    script = {script}
"""
RECORD_SCRIPT = """#!/bin/sh
printf '%s\\t%s\\t%s\\n' "$1" "$2" "$3" >> {out}
"""
WAIT_LONGEST = 20.0  # seconds: a condition still false by then has failed


def need(*binaries: str) -> None:
    """Skip when a binary is absent (never under CI, which installs them all)."""
    missing = [b for b in binaries if shutil.which(b) is None]
    if missing:
        if os.environ.get("CI"):
            pytest.fail(f"CI must install {', '.join(missing)} (.ci/run)")
        pytest.skip(f"needs {', '.join(missing)} (apt-get install dbus dunst xvfb)")


def eventually(check: Callable[[], bool], what: str, timeout: float = WAIT_LONGEST) -> None:
    """Wait until ``check()`` holds: looked at again and again, never a fixed sleep."""
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            pytest.fail(f"never happened: {what}")
        time.sleep(0.02)


@dataclass
class Desktop:
    """The private bus's address and the environment that reaches it."""

    env: dict[str, str]
    folder: Path
    processes: list[subprocess.Popen[Any]] = field(default_factory=list)

    @property
    def address(self) -> str:
        """The session bus's address."""
        return self.env["DBUS_SESSION_BUS_ADDRESS"]

    def tool(self, *argv: str) -> str:
        """Run a desktop tool against this bus; its output."""
        done = subprocess.run(
            argv, env=self.env, capture_output=True, text=True, timeout=10, check=True
        )
        return done.stdout.strip()

    def start_dunst(self) -> Path:
        """dunst on an Xvfb display; returns the file its notifications are recorded in."""
        need("dunst", "dunstctl", "Xvfb", "gdbus")
        read, write = os.pipe()
        xvfb = subprocess.Popen(
            ["Xvfb", "-displayfd", str(write), "-nolisten", "tcp", "-screen", "0", "640x480x24"],
            pass_fds=(write,),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        os.close(write)
        self.processes.append(xvfb)
        with os.fdopen(read) as ready:  # Xvfb writes its display number once it takes clients
            display = ready.readline().strip()
        assert display, "Xvfb did not start"
        self.env["DISPLAY"] = f":{display}"
        out = self.folder / "notifications.tsv"
        script = self.folder / "record.sh"
        script.write_text(RECORD_SCRIPT.format(out=out))
        script.chmod(0o755)
        config = self.folder / "dunstrc"
        config.write_text(DUNST_CONFIG.format(script=script))
        dunst = subprocess.Popen(
            ["dunst", "-config", str(config)],
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        self.processes.append(dunst)
        # gdbus wait returns as the name appears on the bus: dunst is taking notifications.
        self.tool("gdbus", "wait", "--session", "--timeout", "15", "org.freedesktop.Notifications")
        return out

    def paused(self) -> bool:
        """What dunstctl says."""
        return self.tool("dunstctl", "is-paused") == "true"

    def stop(self) -> None:
        """End every process this desktop started, newest first."""
        for process in reversed(self.processes):
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


@pytest.fixture
def desktop(tmp_path: Path) -> Iterator[Desktop]:
    """A private session bus, its address in this process's environment too."""
    need("dbus-daemon")
    folder = tmp_path / "desktop"
    folder.mkdir()
    socket = folder / "bus"
    config = folder / "bus.conf"
    config.write_text(BUS_CONFIG.format(socket=socket))
    daemon = subprocess.Popen(
        ["dbus-daemon", "--config-file", str(config), "--nofork", "--print-address=1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )
    assert daemon.stdout is not None
    address = daemon.stdout.readline().decode().strip()  # printed once it listens
    assert address, "dbus-daemon did not start"
    env = {**os.environ, "DBUS_SESSION_BUS_ADDRESS": address}
    env.pop("DISPLAY", None)
    found = Desktop(env, folder, [daemon])
    old = os.environ.get("DBUS_SESSION_BUS_ADDRESS")
    os.environ["DBUS_SESSION_BUS_ADDRESS"] = address
    try:
        yield found
    finally:
        if old is None:
            os.environ.pop("DBUS_SESSION_BUS_ADDRESS", None)
        else:
            os.environ["DBUS_SESSION_BUS_ADDRESS"] = old
        found.stop()


class Served:
    """D-Bus services of the test's own on the private bus, on their own loop and thread."""

    def __init__(self, address: str) -> None:
        import asyncio
        import threading

        self.address = address
        self.loop = asyncio.new_event_loop()
        threading.Thread(target=self.loop.run_forever, daemon=True).start()
        self.buses: list[object] = []

    def export(self, name: str, path: str, interface: object) -> None:
        """Own ``name`` and serve ``interface`` at ``path``."""
        import asyncio

        from dbus_fast.aio import MessageBus

        async def serve() -> object:
            bus = await MessageBus(bus_address=self.address, negotiate_unix_fd=True).connect()
            bus.export(path, interface)  # type: ignore[arg-type]
            await bus.request_name(name)
            return bus

        self.buses.append(asyncio.run_coroutine_threadsafe(serve(), self.loop).result(10))

    def close(self) -> None:
        """Leave the bus and stop the loop."""
        for bus in self.buses:
            self.loop.call_soon_threadsafe(bus.disconnect)  # type: ignore[attr-defined]
        self.loop.call_soon_threadsafe(self.loop.stop)


def start_xfconfd(desktop: Desktop) -> None:
    """Xfce's settings daemon on the private bus, its files under the test's config folder."""
    import glob

    found = glob.glob("/usr/lib/*/xfce4/xfconf/xfconfd")
    if not found:
        need("xfconfd (apt-get install xfconf)")
    daemon = subprocess.Popen(
        found[:1], env=desktop.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    desktop.processes.append(daemon)
    desktop.tool("gdbus", "wait", "--session", "--timeout", "15", "org.xfce.Xfconf")
