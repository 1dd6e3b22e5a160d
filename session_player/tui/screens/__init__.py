"""One small module per screen."""

import sys
from pathlib import PurePath
from typing import TYPE_CHECKING, TypeGuard

if TYPE_CHECKING:
    from .library import LibraryScreen

# The stylesheets of the screens a session opens on its way (the player's own first), read
# together as the player opens, or with the app's when a session is the first thing shown. A
# screen's own stylesheet read as it first opens makes Textual parse every stylesheet again:
# for the end screen that was most of the wait between a sit's last second and its end showing.
SESSION_SHEETS: list[str | PurePath] = [
    "player.tcss",
    "preparing.tcss",
    "checkin.tcss",
    "confirm_stop.tcss",
    "grounding.tcss",
    "end.tcss",
]


def is_library(screen: object) -> TypeGuard["LibraryScreen"]:
    """Whether ``screen`` is the library, without loading the library's modules to ask: a
    session opened from the command line never shows it, and need not hold it (issue 26)."""
    library = sys.modules.get(f"{__name__}.library")
    return library is not None and isinstance(screen, library.LibraryScreen)
