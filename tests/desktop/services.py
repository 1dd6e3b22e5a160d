"""Stand-ins for the D-Bus services of desktops that can't run here (KDE Plasma's notification
server, a ScreenSaver service): real services on the private bus, recording each call, so the
calls our code makes are seen on a real bus as a desktop would receive them."""

from typing import Any

from dbus_fast.service import ServiceInterface, method


class ScreenSaver(ServiceInterface):
    """``org.freedesktop.ScreenSaver``: Inhibit and UnInhibit, with the cookies handed out."""

    def __init__(self) -> None:
        super().__init__("org.freedesktop.ScreenSaver")
        self.held: set[int] = set()
        self.calls: list[tuple[str, Any]] = []

    @method()
    def Inhibit(self, app: "s", reason: "s") -> "u":
        cookie = len(self.calls) + 1
        self.held.add(cookie)
        self.calls.append(("Inhibit", (app, reason)))
        return cookie

    @method()
    def UnInhibit(self, cookie: "u") -> None:
        self.held.discard(cookie)
        self.calls.append(("UnInhibit", cookie))


class Plasma(ServiceInterface):
    """A notification server with the ``inhibitions`` capability, as KDE Plasma's."""

    def __init__(self) -> None:
        super().__init__("org.freedesktop.Notifications")
        self.held: set[int] = set()
        self.shown: list[str] = []

    @method()
    def GetCapabilities(self) -> "as":
        return ["body", "inhibitions"]

    @method()
    def Inhibit(self, app: "s", reason: "s", hints: "a{sv}") -> "u":
        cookie = len(self.held) + 1
        self.held.add(cookie)
        return cookie

    @method()
    def UnInhibit(self, cookie: "u") -> None:
        self.held.discard(cookie)

    @method()
    def Notify(
        self, app: "s", replaces: "u", icon: "s", summary: "s", body: "s", actions: "as",
        hints: "a{sv}", timeout: "i",
    ) -> "u":  # fmt: skip
        self.shown.append(summary)
        return len(self.shown)


class Login1(ServiceInterface):
    """``org.freedesktop.login1.Manager``'s Inhibit, as logind answers it: a pipe's write end
    is handed over, and the lock lasts until every copy of it is closed, which the test sees
    as the end of the read end (``released``)."""

    def __init__(self) -> None:
        super().__init__("org.freedesktop.login1.Manager")
        self.taken: list[tuple[str, str, str, str]] = []
        self.ends: list[int] = []
        self.handed: list[int] = []  # our copies of the ends handed over

    @method()
    def Inhibit(self, what: "s", who: "s", why: "s", mode: "s") -> "h":
        import os

        self.taken.append((what, who, why, mode))
        read, write = os.pipe()
        self.ends.append(read)
        self.handed.append(write)
        return write

    def let_go_of_our_copies(self) -> None:
        """Once the caller surely has its end: close ours, so only the caller holds the lock."""
        import os

        while self.handed:
            os.close(self.handed.pop())

    @method()
    def ListInhibitors(self) -> "a(ssssuu)":
        return []

    def released(self, index: int) -> bool:
        """Whether the lock ``index`` has been let go (its every copy closed)."""
        import select

        readable, _, _ = select.select([self.ends[index]], [], [], 0)
        return bool(readable)
