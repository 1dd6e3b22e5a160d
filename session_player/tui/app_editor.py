"""The app's part in editing scripts: opening the editor (from the library, or first with
``session-player edit``) with what it needs to play a script from a step, logging nothing.

A base of ``SessionPlayerApp``, kept apart so the app itself stays a thin shell.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import App

from ..conductor.protocol import Conducting, ConductorFactory, NullConductor
from ..core.clock import Clock
from ..home.settings import Settings
from .messages import Edit

if TYPE_CHECKING:
    from ..core.library.scripts import Source
    from ..core.session.events import SessionEnded


class AppEditor(App[None]):
    """Opens the editor; ``edit_path`` set before the app runs opens it over the library. Going
    back to the library from a session stops at the editor it was tried from."""

    folders: list[tuple[Path, Source]]
    last_ended: SessionEnded | None
    settings: Settings
    clock: Clock
    conductor_factory: ConductorFactory | None
    edit_path: Path | None = None

    def on_mount(self) -> None:
        """``session-player edit NAME``: the editor over the library (Esc goes back to it)."""
        if self.edit_path is not None:
            self.edit(self.edit_path)

    async def action_library(self) -> None:
        """Back to the library (or the editor a try came from): below the current screen if it
        is there, else a new one.

        The session that ended was seen on its end screen: quitting from the library later
        says nothing more about it.
        """
        from .screens.editor import EditorScreen
        from .screens.library import LibraryScreen

        self.last_ended = None
        if any(isinstance(screen, LibraryScreen) for screen in self.screen_stack):
            while not isinstance(self.screen, LibraryScreen | EditorScreen):
                await self.pop_screen()
        elif len(self.screen_stack) > 1:
            await self.switch_screen(LibraryScreen(self.folders))
        else:
            # Only Textual's own blank screen, which can't be switched away (it was never
            # pushed): nothing of ours is open yet, or every screen has gone.
            await self.push_screen(LibraryScreen(self.folders))

    def unsaved_asks_first(self, quit_app: Callable[[], None]) -> bool:
        """Quitting with a script's changes not saved asks first (save them, leave them, or
        stay); ``quit_app`` quits after either of the first two. False: nothing to ask, or
        asked already (pressed again, the app quits)."""
        from .screens.editor import EditorScreen
        from .screens.editor_ask import LeaveScreen

        editors = [s for s in self.screen_stack if isinstance(s, EditorScreen) and s.dirty]
        if not editors or isinstance(self.screen, LeaveScreen):
            return False
        editor = editors[-1]

        def chosen(choice: str | None) -> None:
            if choice == "save":
                editor.action_save()  # one that can't be saved says why, and the app stays
            if choice == "discard" or (choice == "save" and not editor.dirty):
                quit_app()

        self.push_screen(LeaveScreen(editor.path.name), chosen)
        return True

    def on_edit(self, message: Edit) -> None:
        """The library asks to edit one of the person's scripts."""
        self.edit(message.path)

    def edit(self, path: Path) -> None:
        """Open the editor on the script at ``path``; one that can't be read says why."""
        from ..core.bounded import Unreadable, read_text
        from ..core.script.loader import MAX_BYTES
        from .screens.editor import EditorScreen

        try:  # the bounded reader: a FIFO or /dev/zero named *.toml never hangs the app
            text = read_text(path, MAX_BYTES)
        except Unreadable as problem:
            self.notify(f"It can't be opened: {problem}", severity="warning", markup=False)
            return
        screen = EditorScreen(
            path, text, settings=self.settings, clock=self.clock, conductor=self.try_conductor
        )
        self.push_screen(screen)

    def try_conductor(self, speed: float) -> Conducting:
        """A conductor for a try from the editor at ``speed``: sound and voice as the person's
        settings have them, nothing logged nor kept; a quiet one where the app was given no
        conductor (as in its tests)."""
        if self.conductor_factory is None:
            return NullConductor()
        from ..conductor.dispatcher import Conductor

        return Conductor.create(self.settings, speed=speed, log=False)
