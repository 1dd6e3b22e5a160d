"""Notifications held during a session, the way the person's desktop does it.

Each ``Quieter`` knows one notification server: how to read its state, quiet it, and put the
state back exactly (a person who had do-not-disturb on keeps it on). The first one whose server
is running is used. macOS and Windows offer no call for this: nothing is done there.
"""

from __future__ import annotations

import contextlib
import os
from typing import Any, Protocol

from .bus import Bus, BusError
from .commands import run

APP_NAME = "session-player"
REASON = "A practice session is playing"
NOTIFICATIONS = ("org.freedesktop.Notifications", "/org/freedesktop/Notifications")
IFACE = "org.freedesktop.Notifications"


class Quieter(Protocol):
    """One kind of notification server."""

    name: str

    def read(self) -> Any:
        """The state to put back (JSON-able), or None when this server is not here."""
        ...

    def quiet(self) -> bool:
        """Hold notifications; False when the server refused."""
        ...

    def restore(self, state: Any) -> None:
        """Put back ``state`` as ``read`` returned it."""
        ...


def _flag(text: str | None) -> bool | None:
    return {"true": True, "false": False}.get((text or "").strip().lower())


class Dunst:
    """dunst: ``dunstctl set-paused``."""

    name = "dunst"

    def read(self) -> Any:
        """Whether dunst was paused."""
        return _flag(run("dunstctl", "is-paused"))

    def quiet(self) -> bool:
        """Pause dunst."""
        return run("dunstctl", "set-paused", "true") is not None

    def restore(self, state: Any) -> None:
        """Paused again only if it was."""
        run("dunstctl", "set-paused", "true" if state else "false")


class Swaync:
    """SwayNotificationCenter: its do-not-disturb switch."""

    name = "swaync"

    def read(self) -> Any:
        """Whether do-not-disturb was on."""
        return _flag(run("swaync-client", "--skip-wait", "--get-dnd"))

    def quiet(self) -> bool:
        """Do-not-disturb on."""
        return run("swaync-client", "--skip-wait", "--dnd-on") is not None

    def restore(self, state: Any) -> None:
        """Do-not-disturb as it was."""
        run("swaync-client", "--skip-wait", "--dnd-on" if state else "--dnd-off")


class Mako:
    """mako: its modes, with ``do-not-disturb`` added (a mode the person defines in mako's
    config with ``[mode=do-not-disturb] invisible=1``, as mako's manual shows)."""

    name = "mako"
    mode = "do-not-disturb"

    def read(self) -> Any:
        """The modes that were on, one a line."""
        modes = run("makoctl", "mode")
        return None if modes is None else modes.split()

    def quiet(self) -> bool:
        """Add the do-not-disturb mode."""
        return run("makoctl", "mode", "-a", self.mode) is not None

    def restore(self, state: Any) -> None:
        """Exactly the modes that were on."""
        modes = [str(m) for m in state] if isinstance(state, list) else ["default"]
        run("makoctl", "mode", "-s", *(modes or ["default"]))


class Gnome:
    """GNOME Shell: ``org.gnome.desktop.notifications show-banners``."""

    name = "gnome"
    key = ("org.gnome.desktop.notifications", "show-banners")

    def read(self) -> Any:
        """Whether banners were shown (only on GNOME: elsewhere the key means nothing)."""
        if not _on_desktop("GNOME"):
            return None
        return _flag(run("gsettings", "get", *self.key))

    def quiet(self) -> bool:
        """No banners."""
        return run("gsettings", "set", *self.key, "false") is not None

    def restore(self, state: Any) -> None:
        """Banners as they were."""
        run("gsettings", "set", *self.key, "true" if state else "false")


def _on_desktop(name: str) -> bool:
    return name in os.environ.get("XDG_CURRENT_DESKTOP", "").upper().split(":")


class Xfce:
    """Xfce's notification daemon: ``/do-not-disturb`` on its xfconf channel."""

    name = "xfce"
    channel = ("-c", "xfce4-notifyd", "-p", "/do-not-disturb")

    def read(self) -> Any:
        """Whether do-not-disturb was on, or ``"unset"`` when the person never set it."""
        if not _on_desktop("XFCE") or run("xfconf-query", "-c", "xfce4-notifyd", "-l") is None:
            return None
        value = _flag(run("xfconf-query", *self.channel))
        return "unset" if value is None else value

    def quiet(self) -> bool:
        """Do-not-disturb on (the property made if it is missing)."""
        return run("xfconf-query", *self.channel, "-n", "-t", "bool", "-s", "true") is not None

    def restore(self, state: Any) -> None:
        """As it was: on, off, or never set."""
        if state == "unset":
            run("xfconf-query", *self.channel, "-r")
        else:
            run("xfconf-query", *self.channel, "-n", "-t", "bool", "-s", str(bool(state)).lower())


class Inhibit:
    """Any server with the freedesktop ``Inhibit`` call (KDE Plasma's, among others). The hold
    is bound to our connection to the bus, so it ends with the process whatever happens; there
    is nothing to put back after a crash."""

    name = "inhibit"

    def __init__(self, bus: Bus) -> None:
        self.bus = bus
        self.cookie: int | None = None

    def read(self) -> Any:
        """True when the running server says it takes inhibitions."""
        try:
            (capabilities,) = self.bus.call(*NOTIFICATIONS, IFACE, "GetCapabilities")
        except (BusError, ValueError):
            return None
        return True if "inhibitions" in capabilities else None

    def quiet(self) -> bool:
        """Ask the server to hold notifications."""
        if not self.bus.has_address():
            return False
        from dbus_fast import Variant

        try:
            (cookie,) = self.bus.call(
                *NOTIFICATIONS, IFACE, "Inhibit", "ssa{sv}",
                [APP_NAME, REASON, {"x-session-player": Variant("b", True)}],
            )  # fmt: skip
        except (BusError, ValueError):
            return False
        self.cookie = int(cookie)
        return True

    def restore(self, state: Any) -> None:
        """Release the hold (a hold from a process that died was released with it)."""
        cookie, self.cookie = self.cookie, None
        if cookie is not None:
            with contextlib.suppress(BusError):
                self.bus.call(*NOTIFICATIONS, IFACE, "UnInhibit", "u", [cookie])


def quieters(bus: Bus) -> list[Quieter]:
    """Every kind of server, in the order they are tried."""
    return [Dunst(), Swaync(), Mako(), Gnome(), Xfce(), Inhibit(bus)]


def quieter_named(name: str, bus: Bus) -> Quieter | None:
    """The quieter called ``name`` (as a held file names it), or None."""
    return next((q for q in quieters(bus) if q.name == name), None)
