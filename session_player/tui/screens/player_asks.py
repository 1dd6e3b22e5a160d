"""What the player asks over itself: stopping, quitting mid-writing, a grounding pause, help.

Each holds the session while it is open (an open-ended sit asked whether to end is not held: its
bells ring on) and lets it go on as before when it closes without stopping. A base of
``PlayerScreen``, kept apart so the screen holds timing, keys and the sitting.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from textual.screen import Screen

from ...home.settings import Settings
from ..sitting import Sitting

if TYPE_CHECKING:  # the engine's events load once the session is prepared
    from ...core.session.events import EndReason, Event, SessionEnded
    from .grounding import Choice  # the screens asked load when first asked (issue 26)


class PlayerAsks(Screen[None]):
    """Stop, quit, grounding and help, each asked with the session held."""

    sitting: Sitting
    settings: Settings

    @property
    def not_logged(self) -> bool:
        """Whether this is a try or a preview, which the log never keeps."""
        raise NotImplementedError

    def dispatch(self, events: list[Event]) -> None:
        """Show and hand on ``events`` (``PlayerScreen.dispatch``)."""
        raise NotImplementedError

    def end_now(self, reason: EndReason) -> SessionEnded | None:
        """End at once (``PlayerScreen.end_now``)."""
        raise NotImplementedError

    def action_stop(self) -> None:
        """Ask first; stopping is fine, and the question says so. An open-ended sit is not
        held while asked (its bells ring on): ending it is its natural end, with the end bell."""
        from .confirm_stop import ConfirmStopScreen  # loaded when first asked (issue 26)

        planned = self.sitting.session.current if self.sitting.session is not None else None
        if planned is not None and planned.open_ended and self.sitting.playing:
            screen = ConfirmStopScreen(ending_sit=True)
            self.app.push_screen(screen, lambda stop: self._chosen(bool(stop), False))
            return
        resume = self._hold()
        screen = ConfirmStopScreen(trying=self.not_logged)
        self.app.push_screen(screen, lambda stop: self._chosen(bool(stop), resume))

    def ask_to_quit(self) -> None:
        """Ctrl+C or Ctrl+Q while typing: ask first; what was written is kept either way."""
        resume = self._hold()
        from .confirm_stop import ConfirmStopScreen

        screen = ConfirmStopScreen(quitting=True)
        self.app.push_screen(screen, lambda stop: self._quit_chosen(bool(stop), resume))

    def _quit_chosen(self, stop: bool, resume: bool) -> None:
        if stop:
            self.app.end_and_quit("stopped")  # type: ignore[attr-defined]
        else:
            self.dispatch(self.sitting.release(resume))

    def action_grounding(self) -> None:
        """A grounding pause: the session waits until the person chooses."""
        resume = self._hold()
        from .grounding import GroundingScreen

        grounding = GroundingScreen(self.settings.crisis_line)
        self.app.push_screen(grounding, lambda c: self._grounded(c, resume))
        self.sitting.conductor.grounding()

    def held_for_help(self) -> Callable[[], None]:
        """Help opens over the session (or over a question asked over it): the session is held,
        a countdown too, and the call returned lets it go on as before when help closes. Held
        already (a question is open), it stays as that question left it."""
        counting = self.sitting.state == "countdown"
        resume = self._hold()

        def release() -> None:
            if resume or counting:
                self.dispatch(self.sitting.release(resume))

        return release

    def _hold(self) -> bool:
        events, resume = self.sitting.hold()
        self.dispatch(events)
        return resume

    def _grounded(self, choice: Choice | None, resume: bool) -> None:
        self._chosen(choice == "end", resume)
        self.sitting.conductor.grounded(choice != "end" and resume)

    def _chosen(self, stop: bool, resume: bool) -> None:
        if not stop:
            self.dispatch(self.sitting.release(resume))
            return
        events = self.sitting.stop()
        if events is None:  # stopped before the start: nothing practised, back to the library
            self.end_now("stopped")
            self.app.call_later(self.app.run_action, "app.library")
        else:
            self.dispatch(events)
