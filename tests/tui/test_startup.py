"""Start-up: what the first app of a process takes out of the collector's sight, and no more;
the library's first frame."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from rich.console import RenderableType
from textual.color import Color
from textual.dom import DOMNode
from textual.screen import Screen
from textual.widgets import OptionList

from session_player.home.settings import Settings
from session_player.tui.app import make_app
from session_player.tui.screens.library import LibraryScreen
from session_player.tui.themes import THEMES

from .conftest import SIZE, settle

FREEZE = """
import gc, weakref
from session_player.home.settings import Settings
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
from session_player.home.settings import Settings
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


def styled(nodes: list[DOMNode]) -> list[tuple[str, list[str]]]:
    """Each node's rules from the stylesheet, and those of its parts (an option's line, a
    key's label), as CSS lines."""
    found = []
    for node in nodes:
        found.append((repr(node), node.styles.base.css_lines))
        parts = {
            name for cls in type(node).__mro__ for name in getattr(cls, "COMPONENT_CLASSES", ())
        }
        found += [(name, node.get_component_styles(name).base.css_lines) for name in sorted(parts)]
    return found


async def test_the_library_is_first_styled_as_a_full_pass_would_style_it() -> None:
    """Textual styles each widget as it is mounted, then the whole screen again when it first
    comes to the front; the library leaves out that second pass (``first_frame.DrawnOnce``),
    so the rules each node shows with must be the ones a full pass gives."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        nodes = list(app.screen.walk_children(with_self=True))
        before = styled(nodes)
        app.stylesheet.update(app.screen)
        assert styled(nodes) == before


async def test_the_library_opens_the_app_and_its_first_frame_has_the_lists_scroll_bar() -> None:
    """The library is the app's first screen, not one pushed over Textual's blank one; laid
    out only once, its first frame lacked the list's scroll bar (the list learns its lines
    when shown), so it is laid out again before anything is drawn."""
    app = make_app()  # the bundled scripts: more lines than the list has rows
    first: list[bool] = []
    display = app._display

    def shown(screen: Screen[object], update: RenderableType | None) -> None:
        if update is not None and not app._batch_count and not first:
            sessions = screen.query_one("#sessions", OptionList)
            first.append(bool(sessions.vertical_scrollbar.region))
        display(screen, update)

    app._display = shown  # type: ignore[method-assign]
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.screen_stack == [app.screen]
        assert isinstance(app.screen, LibraryScreen)
        assert app.screen.query_one("#sessions", OptionList).vertical_scrollbar.region
    assert first == [True]


@pytest.mark.parametrize("choice", ["dark", "light"])
async def test_the_first_screen_is_drawn_in_the_chosen_themes_colours(choice: str) -> None:
    """The theme's colours are made once, for the chosen theme (Textual's starting theme's are
    not): a dark start sets them before the first parse, a light one through a theme change."""
    app = make_app(settings=Settings(theme=choice))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.screen.styles.background == Color.parse(THEMES[choice].background or "")
