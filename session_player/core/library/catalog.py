"""The library's cards: what it shows of each script, kept between runs.

Checking a script means parsing its TOML and walking every step (the checker's import alone is
most of that); the library shows only a title, a practice, a summary, a length and any errors.
A checked script's card is kept in a small JSON file, keyed by the file's size and modification
time and by the sound files it uses, and reused while none of them has changed (and while the
checker is the same one: its version and files are part of the key). A script that fails the
check is kept the same way, with its errors, and also keyed by its permissions (a change of
them can make an unreadable file readable) and by every file beside it that its check
looked for, found or not (adding a missing sound file fixes it): a broken script among thousands
isn't read again at every listing.

The cache is only ever a shortcut: a missing, unreadable, corrupt or unwritable one means the
scripts are checked as if it weren't there, and playing a script always loads and checks it again.
"""

from __future__ import annotations

import contextlib
import gc
import json
import math
import os
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..bounded import Unreadable, read_json
from .batch import check_all
from .card import Card

if TYPE_CHECKING:  # the library reads cards; errors come with a check
    from ..errors import ScriptError
    from .scripts import Source

FORMAT = 2
MAX_CACHE_BYTES = 256 << 20  # cards for tens of thousands of scripts
AT_ONCE = 40  # scripts the library checks before its first frame; with more, it shows what it has
_CORE = Path(__file__).resolve().parent.parent


def cards(folders: Iterable[tuple[Path, Source]], cache: Path | None = None) -> list[Card]:
    """Every ``*.toml`` in ``folders`` as a card, sorted by folder then name.

    With ``cache``, unchanged scripts are read from it and the cache is brought up to date.
    """
    with _no_collection():  # thousands of small records made and kept: nothing to collect
        return _cards(folders, cache)


@contextlib.contextmanager
def _no_collection() -> Iterator[None]:
    """Hold the garbage collector off while the cards are made (it would walk the whole heap
    again and again, an app's included), and let it run as before afterwards."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _cards(
    folders: Iterable[tuple[Path, Source]],
    cache: Path | None,
    checker: str = "",
    kept: dict[str, dict[str, Any]] | None = None,
) -> list[Card]:
    if kept is None:
        checker = checker_stamp() if cache is not None else ""
        kept = _read(cache, checker) if cache is not None else {}
    found: list[Card | None] = []
    records: list[tuple[str, dict[str, Any] | None]] = []
    unchecked: list[tuple[int, list[int] | None]] = []  # a script's place, and its stamp
    jobs: list[tuple[Path, Source]] = []
    sounds = _Stamps()  # thousands of scripts share a few sound files: each is looked at once
    for path, key, source in _scripts(folders):
        stamp = _stamp(key, mode=True)
        record = kept.get(key)
        card = _card_from(record, path, source, stamp, sounds) if record is not None else None
        if card is None:
            unchecked.append((len(found), stamp))
            jobs.append((path, source))
        records.append((key, record))
        found.append(card)
    if jobs:
        for (at, stamp), (card, looked_at) in zip(unchecked, check_all(jobs), strict=True):
            found[at] = card
            sound_stamps = {str(p): sounds[str(p)] for p in looked_at}
            records[at] = (records[at][0], _record(card, stamp, sound_stamps))
    fresh = {key: record for key, record in records if record is not None}
    if cache is not None and fresh != kept:
        _write(cache, checker, fresh)
    return [card for card in found if card is not None]


def cards_at_once(folders: Iterable[tuple[Path, Source]], cache: Path) -> tuple[list[Card], bool]:
    """The cards the library can show without waiting for many checks, and whether they are
    all as ``cards`` would give them.

    Up to ``AT_ONCE`` scripts without a card of this version are checked now, as ``cards``
    does. With more (after an upgrade every card was checked again before the library's
    first frame: 9-22 s for 5,000 scripts), a card kept by an earlier version of the checker
    is shown as it was, a bundled script with no card is checked now (there are few), and a
    person's script with no card waits; the second value is then False, and ``cards(folders,
    cache)``, in the background, gives them all as this version checks them (and keeps them).
    """
    with _no_collection():
        checker = checker_stamp()
        kept, current = _read_any(cache, checker)
        found: list[Card | None] = []
        unchecked: list[tuple[int, tuple[Path, Source]]] = []  # bundled, with no card
        waiting = 0  # scripts whose card this version hasn't made
        sounds = _Stamps()
        for path, key, source in _scripts(folders):
            record = kept.get(key)
            stamp = _stamp(key, mode=True) if record is not None else None
            card = _card_from(record, path, source, stamp, sounds) if record else None
            waiting += card is None or not current
            if card is None and source == "bundled":
                unchecked.append((len(found), (path, source)))
            found.append(card)
        if waiting == 0:  # every card as this version made it: the usual start
            return [card for card in found if card is not None], True
        if waiting <= AT_ONCE:
            return _cards(folders, cache, checker, kept if current else {}), True
        checked = check_all([job for _, job in unchecked]) if unchecked else []
        for (at, _), (card, _) in zip(unchecked, checked, strict=True):
            found[at] = card
    return [card for card in found if card is not None], False


def _scripts(folders: Iterable[tuple[Path, Source]]) -> Iterator[tuple[Path, str, Source]]:
    """Each ``*.toml`` in each folder, by name: its path, its absolute path as text, its source.

    Names are read and sorted as text (thousands of paths sort slowly as paths).
    """
    for folder, source in folders:
        names: list[str] = []
        with contextlib.suppress(OSError), os.scandir(folder) as found:
            names = sorted(entry.name for entry in found if entry.name.endswith(".toml"))
        where = os.path.join(os.path.abspath(folder), "")
        for name in names:
            yield folder / name, where + name, source


def _stamp(path: Path | str, *, mode: bool = False) -> list[int] | None:
    """Size and modification time; with ``mode``, the permissions too."""
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return [stat.st_size, stat.st_mtime_ns, *([stat.st_mode] if mode else [])]


class _Stamps(dict[str, list[int] | None]):
    """Files' stamps, each worked out when first asked for (during one listing)."""

    def __missing__(self, path: str) -> list[int] | None:
        self[path] = stamp = _stamp(path)
        return stamp


_NOT_KEPT = ("name", "path", "source", "errors")  # known from where the card is; errors apart


def _record(
    card: Card, stamp: list[int] | None, files: dict[str, list[int] | None]
) -> dict[str, Any] | None:
    """What the cache keeps of a card; a passed script's stamp leaves out the permissions."""
    if stamp is None:
        return None
    # The fields as ``asdict`` gives them, without its deep copies (they were most of the
    # time a cold listing spent outside the checks): every field but errors is plain.
    card_fields = {k: v for k, v in vars(card).items() if k not in _NOT_KEPT}
    if card.ok:
        stamp = stamp[:2]
    else:
        card_fields["errors"] = [dict(vars(error)) for error in card.errors]
    return {"stamp": stamp, "sounds": files, "card": card_fields}


def _card_from(
    record: dict[str, Any], path: Path, source: Source, stamp: list[int] | None, sounds: _Stamps
) -> Card | None:
    """The kept card, if the script and its sounds are as they were when it was checked."""
    try:
        kept = record["card"]
        failed = "errors" in kept
        if stamp is None or record["stamp"] != (stamp if failed else stamp[:2]):
            return None
        if any(sounds[p] != s for p, s in record["sounds"].items()):
            return None
        if failed:
            return Card(path.stem, path, source, errors=_errors_from(kept["errors"]))
        length = float(kept["length"])
        if not (math.isfinite(length) and length >= 0):
            return None
        return Card(
            path.stem,
            path,
            source,
            title=str(kept["title"]),
            practice=str(kept["practice"]),
            summary=str(kept["summary"]),
            length=length,
            estimated=bool(kept["estimated"]),
        )
    except (KeyError, TypeError, ValueError, AttributeError, OverflowError):
        return None  # a record from another version, or damaged: check the script again


def _errors_from(kept: list[dict[str, Any]]) -> tuple[ScriptError, ...]:
    """The kept errors of a script that failed the check (never none: it failed)."""
    from ..errors import ScriptError

    errors = tuple(
        ScriptError(
            str(e["file"]), int(e["line"]), int(e["column"]), str(e["path"]), str(e["message"]),
            int(e.get("more", 0)),
        )
        for e in kept
    )  # fmt: skip
    if not errors:
        raise ValueError("a failed card without errors")
    return errors


def checker_stamp() -> str:
    """What the kept cards were checked by: the package version and the core's files."""
    from ... import __version__

    newest = 0
    with contextlib.suppress(OSError):
        newest = max(p.stat().st_mtime_ns for p in _CORE.rglob("*.py"))
    return f"{__version__}/{newest}"


def _read(cache: Path, checker: str) -> dict[str, dict[str, Any]]:
    kept, current = _read_any(cache, checker)
    return kept if current else {}


def _read_any(cache: Path, checker: str) -> tuple[dict[str, dict[str, Any]], bool]:
    """The kept records, and whether ``checker`` kept them (not an earlier version)."""
    try:
        data = read_json(cache, MAX_CACHE_BYTES)
    except Unreadable:
        return {}, False
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        return {}, False
    if not isinstance(data.get("cards"), dict):
        return {}, False
    kept = {k: v for k, v in data["cards"].items() if isinstance(v, dict)}
    return kept, data.get("checker") == checker


def _write(cache: Path, checker: str, records: dict[str, dict[str, Any]]) -> None:
    """Replace the cache in one step; a cache that can't be written is simply not kept."""
    data = {"format": FORMAT, "checker": checker, "cards": records}
    # The library's background check and its folder watch may both write: a name per thread.
    temporary = cache.with_name(f".{cache.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        temporary.write_text(json.dumps(data, separators=(",", ":")), encoding="utf-8")
        os.replace(temporary, cache)
    except OSError:
        with contextlib.suppress(OSError):
            temporary.unlink()
