"""The app's part in the timer: a sit started from a choice (a sit until a time of day gets its
length as it starts), the timer's form, and the choice kept as the last one (and a preset), with
the library's timer lines shown afresh.

A base of ``SessionPlayerApp``, kept apart so the app itself stays a thin shell.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from textual import work
from textual.app import App

from ..core.bundled import bundled_sounds
from ..core.clock import is_preview
from .messages import StartTimer
from .screens import is_library

if TYPE_CHECKING:
    from ..core.library.timer import TimerChoice
    from ..core.script.model import Script
    from ..home.timers import Timers


class AppTimer(App[None]):
    """Starts timers and keeps their choices."""

    speed: float

    def play(self, script: Script, *, start_delay: float | None = None) -> None:
        """Play ``script`` (``SessionPlayerApp.play``)."""
        raise NotImplementedError

    def notify_once(self, notice: str) -> None:
        """Say ``notice`` once a run (``SessionPlayerApp.notify_once``)."""
        raise NotImplementedError

    def play_timer(self, choice: TimerChoice) -> bool:
        """Sit with the timer as chosen (its own start delay replaces the settings'); if it
        can't be a timer, say why (False)."""
        from ..core.library.timer import TimerError, timer_script, until_now

        try:
            sit, when = until_now(choice, datetime.now())
            script = timer_script(sit, bundled_sounds())
        except TimerError as problem:
            self.notify(str(problem), title="That timer can't start", severity="warning")
            return False
        if when:  # said, since a time past today is tomorrow's
            self.notify(f"Sitting {when}.", timeout=6, markup=False)
        self.play(script, start_delay=choice.delay)
        return True

    def on_start_timer(self, message: StartTimer) -> None:
        """Sit with a preset now, or open the timer's choices (the last ones filled in); only
        while the library is in front (see ``on_play``)."""
        if not is_library(self.screen):
            return
        if message.choice is not None:
            self._remember(message.choice, None)
            self.play_timer(message.choice)
            return
        from ..home.timers import load_timers
        from .screens.timer import TimerScreen

        last = load_timers()[0].last

        def chosen(result: tuple[TimerChoice, str | None] | None) -> None:
            if result is not None:
                self._remember(*result)
                self.play_timer(result[0])

        self.push_screen(TimerScreen(last, bundled_sounds()), chosen)

    @work(thread=True, group="timers")
    def _remember(self, choice: TimerChoice, name: str | None) -> None:
        """Keep the choice as the last one (and a named preset), off the event loop; the
        library lists a new preset at once."""
        from ..home.timers import load_timers, remember

        last = not is_preview(self.speed)
        problem = remember(choice, name=name, last=last)
        if problem:
            self.call_from_thread(self.notify_once, problem)
        elif name is not None or last:  # the library's timer line shows the last one played
            timers = load_timers()[0]
            self.call_from_thread(self._timers_changed, timers, name)

    def _timers_changed(self, timers: Timers, name: str | None) -> None:
        if name is not None:
            self.notify(f"Kept the preset {name!r}.", timeout=3, markup=False)
        for screen in self.screen_stack:
            if is_library(screen):
                screen.set_timers(timers)
