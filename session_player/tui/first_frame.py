"""Work that waits for the app's first frame. Textual tells the app ``Ready`` after its first
layout, and the screen's next refresh follows the frame. What a screen starts in ``on_mount``
(a worker making the conductor, reading the log) would otherwise share the interpreter with
drawing that frame; ``call_after_refresh`` alone is no help there, since it runs at the first
idle moment, which can come before the first frame is drawn."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.app import App
from textual.events import ScreenResume
from textual.geometry import Size
from textual.screen import Screen


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


class DrawnOnce(Screen[None]):
    """A screen shown first, drawn once for its first frame rather than twice.

    Textual opens the app inside a batch of updates; a screen pushed from the app's
    ``on_mount`` lays itself out within it and defers its drawing, but the deferred drawing
    still runs while the batch is open: the whole screen is rendered and then dropped
    unseen (``App._display`` returns while batched), and the frame the person sees is
    rendered again after the batch. That first rendering cost the library 89 M instructions
    (about 6% of its start; docs/performance.md). Here it waits for the batch's end, when
    Textual draws the whole screen anyway. Nothing drawn changes: only a frame nobody saw is
    not rendered. Private Textual names, so with a Textual without them it draws as before.
    """

    _resumed = False
    _holding = False  # the first layout's rendering is held (``opens_the_app``)
    opens_the_app = False
    """Set on the app's first screen (Textual's default screen, not one pushed over it): its
    first layout is done twice, ``before_first_frame`` between, and drawn once."""

    def before_first_frame(self) -> None:
        """Between the first layout and the first frame of a screen that opens the app: what
        a widget learns only once shown is learnt here, so the first frame shows it. An option
        list learns its lines when shown, and with them whether it needs a scroll bar."""
        from textual.widgets import OptionList  # loaded already by a screen that has one

        for found in self.query(OptionList):
            found.scroll_to_highlight()  # what it does when shown

    def _on_screen_resume(self, event: ScreenResume) -> None:
        """The first time in front, the rules are not applied to every node again.

        Textual applies the stylesheet to each widget as it is mounted, and then again to the
        whole screen when it first comes to the front, finding the same: about 23 M
        instructions of the library's first frame (docs/performance.md). A change of theme or
        stylesheet in between restyles every screen itself, so the second pass only matters
        when the screen comes back after one (later resumes do it as before). Textual's own
        handler follows (each class's handler runs).
        """
        if not self._resumed:
            self._resumed = True
            event.refresh_styles = False

    def _refresh_layout(self, size: Size | None = None, scroll: bool = False) -> None:
        """A screen that opens the app is laid out once without drawing, then told
        (``before_first_frame``), then laid out and drawn.

        Pushed over Textual's blank screen, a screen is laid out inside the app's opening
        batch of updates and again after it; what its widgets learn when shown (the option
        list learns its lines, and with them whether it needs a scroll bar) comes in between,
        so the first frame had it. As the first screen, it is laid out only after the batch,
        and its first layout drew at once: the list's scroll bar came a frame later. Nothing
        is drawn until the second layout, so the first frame is the whole screen.
        """
        if self.opens_the_app:
            self.opens_the_app = False
            self._holding = True
            try:
                super()._refresh_layout(size, scroll)
            finally:
                self._holding = False
            self.before_first_frame()
        super()._refresh_layout(size, scroll)

    def _compositor_refresh(self) -> None:
        if self._holding:
            return  # the first layout of a screen that opens the app: drawn after the next
        app = self.app
        if getattr(app, "_batch_count", 0) and self is app.screen and not app.is_inline:
            self._repaint_required = True  # drawn by the refresh that follows the batch
            return
        super()._compositor_refresh()
