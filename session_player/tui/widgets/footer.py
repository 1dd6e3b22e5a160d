"""Textual's footer, rebuilt only when what it shows has changed.

The stock footer composes its keys again on every bindings update (each focus change, each
screen that settles), which is most of what a screen's first frame costs. The keys it shows,
their labels and whether each is enabled are compared first; the same keys are not rebuilt.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from .lines import KeptRows

ShownKeys = tuple[tuple[str, str, str, bool, str], ...]


def shown_keys(screen: Screen[object]) -> ShownKeys:
    """What a footer shows for ``screen``: key, key display, label, enabled, tooltip."""
    return tuple(
        (binding.key, binding.key_display or "", binding.description, enabled, tooltip)
        for (_node, binding, enabled, tooltip) in screen.active_bindings.values()
        if binding.show
    )


class KeyFooter(Footer, KeptRows):
    """A footer that skips a rebuild when its keys are the ones already shown (and whose own
    row, asked again at every redraw above it, is kept: ``KeptRows``)."""

    _shown: ShownKeys | None = None

    def __init__(self, *, at_once: bool = False) -> None:
        super().__init__()
        self.at_once = at_once

    def compose(self) -> ComposeResult:
        """With ``at_once``, the screen's keys at once. Textual's footer composes nothing until
        the screen's first bindings update, so the library's first frame drew it empty and a
        second frame its keys (docs/performance.md); the keys composed here are the ones that
        update would show, and it finds them the same and rebuilds nothing. Only for a screen
        shown first: the player's, under the preparing screen, would cost ``play`` its keys'
        widgets before a first frame that doesn't show them."""
        if self.at_once and self._shown is None and self.is_attached:
            self._shown = shown_keys(self.screen)
            self.set_reactive(Footer._bindings_ready, True)
        for widget in super().compose():
            if isinstance(widget, FooterKey):
                # A key starts compact (Textual's default) and the footer's binding makes it
                # not compact a moment after it is mounted: a class added and removed, each
                # time the rules applied again to the key and its parts (about 30 M
                # instructions of the library's first frame, docs/performance.md). Starting
                # each key as it will be (the command palette's is not bound: it stays
                # compact), nothing changes once it is mounted.
                compact = self.compact or widget.has_class("-command-palette")
                widget.set_reactive(FooterKey.compact, compact)
                widget.set_class(compact, "-compact", update=False)
            yield widget

    def bindings_changed(self, screen: Screen[object]) -> None:
        """Rebuild (as Textual's footer does) only when the keys shown would change."""
        will_rebuild = screen.app.app_focus and self.is_attached and screen is self.screen
        if will_rebuild:
            shown = shown_keys(screen)
            if shown == self._shown:
                return
            self._shown = shown
        super().bindings_changed(screen)
