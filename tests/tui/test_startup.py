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
