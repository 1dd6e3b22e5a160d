"""Help: what the screen it was opened from is for, and the keys that work there.

F1 opens it anywhere, and ``?`` wherever a key would type nothing (a text field keeps its ``?``).
The keys are read from the screen's own bindings as they stand (what ``check_action`` allows
now), so the list can't drift from what the keys do; the line about the screen is its
``PURPOSE`` (or the first line of its docstring). A session under it waits while it is open
(``PlayerAsks.held_for_help``).
"""

from __future__ import annotations

from functools import cache
from typing import Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from ..widgets.footer import KeyFooter

HELP_ACTIONS = ("app.help", "help")
"""Bindings that open this screen: not listed on it."""
UNLISTED = (*HELP_ACTIONS, "screen.copy_text")
"""Not listed: help itself, and Textual's copy (Ctrl+C ends a session here; super+c never
reaches most terminals)."""


def purpose_of(screen: Screen[Any]) -> str:
    """One line on what ``screen`` is for."""
    purpose = getattr(screen, "PURPOSE", "")
    if purpose:
        return str(purpose)
    doc = (type(screen).__doc__ or "").strip()
    return doc.splitlines()[0] if doc else ""


@cache
def own_keys(kind: type) -> frozenset[tuple[str, str]]:
    """The (key, action) pairs our own classes bind in ``kind``: not those it inherits from
    Textual (a field of ours built on Input has Input's thirty editing keys)."""
    return frozenset(
        (binding.key, binding.action)
        for cls in kind.__mro__
        if cls.__module__.startswith("session_player")
        for binding in Binding.make_bindings(cls.__dict__.get("BINDINGS", []))
    )


def keys_of(screen: Screen[Any]) -> list[tuple[str, str, bool]]:
    """(keys, what they do, whether they work right now) for every binding of ``screen`` that
    says what it does; keys that do the same thing share a line ("n, →  Next")."""
    app = screen.app
    rows: dict[str, tuple[list[str], bool]] = {}
    # Our own keys, and any the footer shows; not the editing and cursor keys of Textual's
    # widgets (a text box's, a table's), which are the widgets' own business.
    active = [
        (binding, enabled)
        for node, binding, enabled, _tooltip in screen.active_bindings.values()
        if binding.show
        or (binding.key, binding.action) in own_keys(type(node))
        or binding.action.endswith("command_palette")
    ]
    # Only what can be done here: a key the screen hides just now (``check_action`` False: no
    # session to delete, no course session today) is left out, one it dims (None: Next before
    # the start) is listed as "not just now", and a key the focused widget takes for itself
    # (the filter's Ctrl+E) is the widget's.
    for binding, enabled in active:
        if not binding.description or binding.action in UNLISTED:
            continue
        shown = binding.key_display or app.get_key_display(binding)
        palette = binding.action.endswith("command_palette")
        what = "Command palette" if palette else binding.description
        keys, was = rows.get(what, ([], False))  # Ctrl+C and Ctrl+Q both quit: one line
        rows[what] = ([*keys, shown], was or enabled)
    return [(", ".join(dict.fromkeys(keys)), what, on) for what, (keys, on) in rows.items()]


def help_text(screen: Screen[Any]) -> Text:
    """The help for ``screen``: its purpose, then a two-column list of keys."""
    text = Text()
    purpose = purpose_of(screen)
    if purpose:
        text.append(f"{purpose}\n\n")
    rows = keys_of(screen)
    width = max((len(keys) for keys, _, _ in rows), default=0)
    for keys, what, enabled in rows:
        text.append(f"{keys:>{width}}", style="bold" if enabled else "dim")
        text.append(
            f"  {what}" + ("" if enabled else " (not just now)"), style="" if enabled else "dim"
        )
        text.append("\n")
    text.append("\nF1 opens this help anywhere, and ? wherever it types nothing.", style="dim")
    return text


class HelpScreen(ModalScreen[None]):
    """The keys of the screen below, and what it is for. Any of Esc, F1, ? or q closes it."""

    CSS_PATH = "help.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,f1,question_mark,q,enter", "close", "Close"),
    ]

    def __init__(self, screen: Screen[Any], title: str) -> None:
        """``screen`` is the one the person was on; ``title`` names it."""
        super().__init__()
        self.text = help_text(screen)
        self.title_words = title

    def compose(self) -> ComposeResult:
        """The title and the help, scrolling when the terminal is small."""
        with Vertical(id="dialog"):
            yield Static(f"Help: {self.title_words}", id="help-title", markup=False)
            with VerticalScroll(id="help-body"):
                yield Static(self.text, id="help-text")
        yield KeyFooter()

    def action_close(self) -> None:
        """Back to the screen it was opened from."""
        self.dismiss(None)
