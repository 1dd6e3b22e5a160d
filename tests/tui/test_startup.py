"""Start-up: what the first app of a process takes out of the collector's sight, and no more."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

FREEZE = """
import gc, weakref
from session_player.tui.app import make_app

assert gc.get_freeze_count() == 0
make_app()
first = gc.get_freeze_count()

class Node:
    pass

# Garbage made after start-up (a screen, a session, a test's app) is collected as usual...
a, b = Node(), Node()
a.other, b.other = b, a
gone = weakref.ref(a)
del a, b
make_app()  # ...and a second app in the same process freezes nothing more.
gc.collect()
print(first > 10_000, gc.get_freeze_count() == first, gone() is None)
"""


def test_the_first_app_freezes_start_up_objects_once_and_later_garbage_is_collected(
    tmp_path: Path,
) -> None:
    env = {**os.environ, "SESSION_PLAYER_HOME": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-c", FREEZE], env=env, capture_output=True, text=True, check=True
    )
    assert done.stdout.split() == ["True", "True", "True"]


ANSI_START = """
from session_player.tui.app import make_app

app = make_app()  # settings: the dark theme, which maps ANSI colours to its own
print(app.theme, sorted(type(f).__name__ for f in app.get_line_filters()))
"""


def test_a_start_in_the_terminals_own_colours_still_maps_ansi_colours(tmp_path: Path) -> None:
    # TEXTUAL_THEME=ansi-dark makes Textual start without its ANSI mapping; our theme needs it.
    env = {**os.environ, "SESSION_PLAYER_HOME": str(tmp_path), "TEXTUAL_THEME": "ansi-dark"}
    env.pop("NO_COLOR", None)
    done = subprocess.run(
        [sys.executable, "-c", ANSI_START], env=env, capture_output=True, text=True, check=True
    )
    assert done.stdout.split(maxsplit=1) == ["session-dark", "['ANSIToTruecolor', 'ShownFilter']\n"]
