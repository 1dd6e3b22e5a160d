"""The person's folders, looked up without loading anything else of the package: the
``status`` command needs them in a few milliseconds (``home.paths`` builds on these).

``SESSION_PLAYER_HOME`` moves data, config, cache and state under one folder (the tests use it).
Only ``os`` and ``sys`` load with this module: pathlib and platformdirs (with the tempfile,
random and shutil it brings) cost a cold ``status`` more than the rest of its work.
"""

from __future__ import annotations

import os
import sys

TYPE_CHECKING = False  # as typing's, without loading typing
if TYPE_CHECKING:
    from pathlib import Path

APP = "session-player"  # as core.bundled.APP (this module loads nothing of core)


def _platform(kind: str) -> Path:
    from pathlib import Path

    import platformdirs  # tens of milliseconds, and only where no home is set

    return Path(getattr(platformdirs, kind)(APP, appauthor=False))


class HomeError(ValueError):
    """``SESSION_PLAYER_HOME`` is set to something that can't be a folder's path."""


def _home_text() -> str | None:
    value = os.environ.get("SESSION_PLAYER_HOME", "")
    if not value:
        return None
    if value != value.strip():
        # " " or a stray space: using the usual folders instead would hide where things go.
        raise HomeError(
            f"SESSION_PLAYER_HOME is {value!r}, with spaces at its ends; set it to a folder "
            "(SESSION_PLAYER_HOME=~/practice) or unset it to use the usual folders"
        )
    return os.path.expanduser(value)


def _home() -> Path | None:
    text = _home_text()
    if text is None:
        return None
    from pathlib import Path

    return Path(text)


def check_home() -> None:
    """Raise ``HomeError`` when ``SESSION_PLAYER_HOME`` can't be used as the folder it names:
    blank at its ends, or a file. (The commands check this once, at their start.)"""
    home = _home_text()
    if home is not None and os.path.exists(home) and not os.path.isdir(home):
        raise HomeError(
            f"SESSION_PLAYER_HOME is {os.path.normpath(home)!r}, which is a file, not a folder; "
            "point it at a folder (it is made if missing) or unset it to use the usual folders"
        )


def data_dir() -> Path:
    """The person's data: the practice log and their own scripts."""
    home = _home()
    return home / "data" if home else _platform("user_data_dir")


def config_dir() -> Path:
    """Settings, remembered between runs."""
    home = _home()
    return home / "config" if home else _platform("user_config_dir")


def cache_dir() -> Path:
    """Rendered speech and other things that can be made again."""
    home = _home()
    return home / "cache" if home else _platform("user_cache_dir")


def state_dir() -> Path:
    """What a running session leaves for later: the desktop's state to restore after a crash,
    and the status line's file."""
    home = _home()
    return home / "state" if home else _platform("user_state_dir")


def state_file(name: str) -> str:
    """The path of ``name`` in the state folder, as text: the same file as ``state_dir() /
    name``, found without pathlib or platformdirs where the folder follows from the
    environment alone (a home set, or Linux's ``XDG_STATE_HOME`` or ``HOME``, as platformdirs
    reads them); anywhere else, platformdirs says."""
    home = _home_text()
    if home is not None:
        return os.path.join(home, "state", name)
    if sys.platform == "linux":
        xdg = os.environ.get("XDG_STATE_HOME", "")
        if xdg.startswith("/"):
            return os.path.join(xdg, APP, name)
        if not xdg and os.environ.get("HOME", "").startswith("/"):
            return os.path.join(os.path.expanduser("~/.local/state"), APP, name)
    return str(state_dir() / name)
