"""libpulse's runtime folder kept in our cache where no sound server has made one.

libpulse (loaded by espeak-ng's audio library, and by ALSA's pulse plugin) makes its runtime
folder the first time the process asks for a sound server, even only to find there is none:
``$XDG_RUNTIME_DIR/pulse``, or without that variable ``~/.config/pulse/<machine id>-runtime``.
espeak-ng 1.51 asks as it starts, even when it only writes files, so rendering a line in a
fresh home left ``.config/pulse`` there, outside every folder of ours.

Where that folder is missing, no server of the person's is in it to be found, so libpulse is
pointed (``PULSE_RUNTIME_PATH``) at a folder in our cache instead. Where it is there, nothing
changes and the person's server is found as before; a ``PULSE_RUNTIME_PATH`` of their own is
never replaced. This is set once, as the command line starts and before any thread runs;
the person's own commands (hooks) are given the environment as it was (``as_found``).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

TYPE_CHECKING = False  # as typing's, without loading typing (the command line loads this)
if TYPE_CHECKING:
    from collections.abc import Callable, Mapping, MutableMapping

RUNTIME = "PULSE_RUNTIME_PATH"

_set_here: str | None = None  # the value this process gave RUNTIME, if it gave one


def _theirs(environ: Mapping[str, str]) -> Path:
    """Where libpulse would make its runtime folder."""
    runtime = environ.get("XDG_RUNTIME_DIR")
    if runtime:
        return Path(runtime) / "pulse"
    config = environ.get("XDG_CONFIG_HOME")
    home = Path(environ.get("HOME") or Path.home())
    return (Path(config) if config else home / ".config") / "pulse"


def keep_pulse_in(
    cache: Callable[[], Path],
    environ: MutableMapping[str, str] = os.environ,
    platform: str = sys.platform,
) -> bool:
    """Point libpulse's runtime folder into ``cache() / "pulse"`` when no sound server has
    made its own (Linux only); whether it was. Call it before any thread starts."""
    global _set_here
    if not platform.startswith("linux") or environ.get(RUNTIME) or _theirs(environ).exists():
        return False
    _set_here = environ[RUNTIME] = str(cache() / "pulse")
    return True


def as_found(environ: Mapping[str, str]) -> dict[str, str]:
    """``environ`` without the runtime folder ``keep_pulse_in`` set: for the person's own
    commands, which may look for a server of their own."""
    found = dict(environ)
    if _set_here is not None and found.get(RUNTIME) == _set_here:
        del found[RUNTIME]
    return found
