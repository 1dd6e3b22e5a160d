"""The library keeps up with the scripts folders: a cheap look every few seconds, only while the
library is on screen.

A look is one ``os.scandir`` of each folder and the size and modification time of each script
in it, taken in a thread worker (never on the event loop). Only when those change are the
library's cards read again (``core.catalog`` checks just the files that changed). While a
session plays, or any other screen covers the library, the timer is paused: nothing is looked
at, and nothing wakes. On coming back, the library looks at once.

Why not the operating system's file events (inotify, FSEvents)? They need a library per
platform or a polling fallback anyway; a stat of a few hundred files every few seconds, and
only while the library is showing, costs less than a millisecond a look here.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from textual import work
from textual.screen import Screen
from textual.timer import Timer
from textual.widget import Widget
from textual.worker import get_current_worker

from ..core.library.card import Card, card_of
from ..core.library.catalog import cards
from ..home import paths

if TYPE_CHECKING:
    from ..core.errors import ScriptError
    from ..core.library.scripts import Source

LOOK_EVERY = 2.0
"""Seconds between looks while the library is showing."""

Signature = tuple[tuple[str, tuple[tuple[str, int, int], ...]], ...]
"""Each folder with its scripts' names, modification times and sizes."""


def folder_signature(folders: Iterable[tuple[Path, Source]]) -> Signature:
    """What a look sees: every ``*.toml`` in each folder, with its mtime and size (a folder
    that is missing or unreadable is simply empty)."""
    seen = []
    for folder, _source in folders:
        found: list[tuple[str, int, int]] = []
        try:
            with os.scandir(folder) as entries:
                for entry in entries:
                    if entry.name.endswith(".toml"):
                        try:
                            stat = entry.stat()
                        except OSError:
                            continue
                        found.append((entry.name, stat.st_mtime_ns, stat.st_size))
        except OSError:
            pass
        seen.append((str(folder), tuple(sorted(found))))
    return tuple(seen)


class FolderWatch:
    """Looks at ``folders`` every ``LOOK_EVERY`` seconds for ``owner`` (a screen); when they
    change, reads the cards again and hands them to ``changed`` on the event loop."""

    def __init__(
        self,
        owner: Widget,
        folders: list[tuple[Path, Source]],
        changed: Callable[[list[Card]], None],
    ) -> None:
        self.owner, self.folders, self.changed = owner, folders, changed
        self.signature: Signature | None = None  # the first look sets what "unchanged" is
        self.running = True
        self._looking = False
        self.timer: Timer = owner.set_interval(LOOK_EVERY, self.look)
        self.look()

    def pause(self) -> None:
        """Stop looking (a session or another screen is in front)."""
        self.running = False
        self.timer.pause()

    def resume(self) -> None:
        """Look again at once, then every ``LOOK_EVERY`` seconds."""
        self.running = True
        self.look()
        self.timer.resume()

    def look(self) -> None:
        """Start one look in a thread worker, unless one is under way."""
        if not self._looking:
            self._looking = True
            self.owner.run_worker(self._look, thread=True, group="folder-watch")

    def _look(self) -> None:
        try:
            self._compare()
        finally:
            self._looking = False

    def _compare(self) -> None:
        signature = folder_signature(self.folders)
        if self.signature is None:  # the first look: what the library was read from
            self.signature = signature
            return
        if signature == self.signature:
            return
        for folder, source in self.folders:
            if source == "yours" and folder.is_dir():
                paths.place_schema(folder)  # a folder made meanwhile gets the schema too
        found = cards(self.folders, paths.library_cache_path())
        if get_current_worker().is_cancelled:
            return  # the screen is closing; a later look (if any) sees the change again
        self.signature = signature
        self.owner.app.call_from_thread(self.changed, found)


class KeepsUp(Screen[None]):
    """The library's part that keeps up with the folders: it watches them while in front,
    renews the list when they change, and checks a broken script again when it is chosen."""

    folders: list[tuple[Path, Source]]
    folder_watch: FolderWatch

    def start_watching(self) -> None:
        """Keep the schema beside the person's scripts, and start looking at the folders."""
        self._place_schema()
        self.folder_watch = FolderWatch(self, self.folders, self.renew)

    def renew(self, found: list[Card]) -> None:
        """The folders changed: show ``found`` (the library's own way)."""
        raise NotImplementedError

    @work(thread=True, exclusive=True, group="cards")
    def check_cards(self) -> None:
        """Every card as this version checks it (the worker processes share the checks), then
        the list renewed: after an upgrade, the cards the last version kept showed first."""
        found = cards(self.folders, paths.library_cache_path())
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self.renew, found)

    @work(thread=True, exclusive=True, group="schema")
    def _place_schema(self) -> None:
        """Keep the schema beside the person's scripts, so their `#:schema` line finds it
        (and so does a bundled script copied there); only a folder that exists is written to."""
        for folder, source in self.folders:
            if source == "yours" and folder.is_dir():
                paths.place_schema(folder)

    def on_screen_suspend(self) -> None:
        """Another screen (a session, settings) is in front: stop looking at the folders."""
        if hasattr(self, "folder_watch"):
            self.folder_watch.pause()

    def on_screen_resume(self) -> None:
        """Back in front: look at the folders at once, then every few seconds."""
        if hasattr(self, "folder_watch"):  # the first resume comes before the mount
            self.folder_watch.resume()

    def recheck(self, entry: Card) -> Card:
        """``entry`` as its file is now (a broken script is checked again before it is
        refused: it may have been fixed since the folder was last looked at)."""
        from ..core.library.scripts import load_script_file

        return card_of(load_script_file(entry.path, entry.source))


def located(errors: Iterable[ScriptError]) -> str:
    """Errors for a pop-up, one a line, each led by its file's name and place
    ("evening.toml:22:1 step[3].say: ..."), never its whole path: a location stays short
    enough to sit whole on its line, so it never breaks across two."""
    lines = []
    for error in errors:
        where = f"{error.path}: " if error.path else ""
        place = f"{Path(error.file).name}:{error.line}:{error.column}"
        lines.append(f"{place.replace(' ', chr(0xA0))} {where}{error.message}")
    return "\n".join(lines)
