"""Work that waits for the app's first frame. Textual tells the app ``Ready`` after its first
layout, and the screen's next refresh follows the frame. What a screen starts in ``on_mount``
(a worker making the conductor, reading the log) would otherwise share the interpreter with
drawing that frame; ``call_after_refresh`` alone is no help there, since it runs at the first
idle moment, which can come before the first frame is drawn."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.app import App


class FirstFrame(App[None]):
    """The app's side: ``Ready`` starts what waited for the first frame."""

    _first_frame_out = False
    _waiting_for_first_frame: list[Callable[[], object]] | None = None

    @property
    def first_frame_out(self) -> bool:
        """Whether the first frame has been handed to the terminal."""
        return self._first_frame_out

    def after_first_frame(self, callback: Callable[[], object]) -> None:
        """Call ``callback`` once the first frame is out (now, if it is)."""
        if self._first_frame_out:
            callback()
            return
        if self._waiting_for_first_frame is None:
            self._waiting_for_first_frame = []
        self._waiting_for_first_frame.append(callback)

    def on_ready(self) -> None:
        """The first layout is done; its frame may still wait in the screen's queue (Textual
        posts ``Ready`` before drawing when updates are batched), so the waiting goes on
        until the screen has refreshed."""
        self.screen.call_after_refresh(self._drawn)

    def _drawn(self) -> None:
        """The first frame is out: start what waited for it, in the order it asked."""
        self._first_frame_out = True
        waiting, self._waiting_for_first_frame = self._waiting_for_first_frame or [], None
        for callback in waiting:
            callback()


def after_first_frame(app: App[Any], callback: Callable[[], object]) -> None:
    """Call ``callback`` once ``app``'s first frame is out (at once in an app that doesn't
    tell, such as a test's own)."""
    if isinstance(app, FirstFrame):
        app.after_first_frame(callback)
    else:
        callback()
