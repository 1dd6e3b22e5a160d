"""What the log's commands share at the edge: every expected failure becomes one line on
stderr and an exit code (0 fine, 1 an error, 2 a usage error), the log is opened only to read
(and not made when it isn't there), and output is written whole or not at all.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import shutil
import sqlite3
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, TextIO

from ..core.files import atomic_writer
from ..core.log import LogError, LogStore, LogUnavailable
from ..core.log.errors import is_corruption, reason_at, reason_for
from ..core.log.reading import open_for_reading
from ..home.paths import HomeError, database_path, log_place
from .terminal import OutputError, silence

OK, ERROR, USAGE = 0, 1, 2


class CommandFailed(Exception):
    """A one-line error and the exit code that goes with it."""

    def __init__(self, message: str, code: int = ERROR) -> None:
        super().__init__(message)
        self.code = code


def _error(command: str, message: str) -> None:
    print(f"session-player {command}: error: {message}", file=sys.stderr)


def command(name: str, body: Callable[[argparse.Namespace], int]) -> Callable[..., int]:
    """Wrap a command so that every expected failure is one line and an exit code."""

    def run(args: argparse.Namespace) -> int:
        try:
            return body(args)
        except CommandFailed as failure:
            _error(name, str(failure))
            return failure.code
        except LogUnavailable as error:
            _error(name, f"your log can't be used right now ({error.reason})")
            return ERROR
        except LogError as error:
            _error(name, str(error))
            return ERROR
        except (OutputError, HomeError):
            raise  # not the log's fault: ``cli.main`` says what is wrong
        except OSError as error:
            if isinstance(error, BrokenPipeError):
                # The reader (``| head``) has gone: stop quietly, as other tools do.
                silence(1)
                return OK
            _error(name, f"your log can't be used right now ({reason_for(error)})")
            return ERROR
        except sqlite3.Error as error:
            if is_corruption(error):  # found part way through reading
                _error(name, DAMAGED.format(path=database_path()))
                return ERROR
            reason = reason_at(database_path(), error)  # exact where SQLite's words are vague
            detail = f": {error}" if reason == reason_for(error) else ""
            _error(name, f"your log can't be used right now ({reason}{detail})")
            return ERROR
        except Exception as error:  # a fault of ours, not the log's: still one line
            _error(name, f"this went wrong unexpectedly ({type(error).__name__}: {error})")
            return ERROR

    run.__name__ = f"run_{name}"
    return run


DAMAGED = (
    "your log file {path} is damaged; reading it changed nothing. Start session-player, or "
    "run a command that writes to the log (import), to set it aside safely and begin a "
    "fresh log; nothing in it is deleted"
)


@contextlib.contextmanager
def reading() -> Iterator[LogStore | None]:
    """The log opened only for reading, or None if there is no log yet: read-only or immutable
    on a disk that can't be written; a damaged file is reported and left as it is."""
    try:
        store = open_for_reading(log_place())
    except LogUnavailable as error:
        if error.reason == "the file is damaged":
            raise CommandFailed(DAMAGED.format(path=database_path())) from None
        raise
    if store is None:
        yield None
        return
    if store.notice:
        print(store.notice, file=sys.stderr)
    try:
        yield store
    finally:
        store.close()


@contextlib.contextmanager
def whole(out: TextIO) -> Iterator[TextIO]:
    """Text for ``out`` spooled to a temporary file and copied out in one go at the end: a log
    that fails to read half way through prints nothing rather than half a document, and a
    large log is never held in memory whole."""
    if out is not sys.stdout:
        yield out
        return
    with _Spool(tempfile.TemporaryFile(), out.encoding) as spool:
        yield spool
        spool.seek(0)
        shutil.copyfileobj(spool, out)


class _Spool(io.TextIOWrapper):
    """A temporary file holding text for a stream, telling that stream's encoding: JSON written
    into it is escaped (``\\u00e9``) when the stream can't hold every character. The file
    itself holds any text as UTF-8, read back exactly as it was written."""

    def __init__(self, raw: IO[bytes], encoding: str) -> None:
        super().__init__(raw, encoding="utf-8", errors="surrogatepass", newline="")
        self._for_encoding = encoding

    @property
    def encoding(self) -> str:  # type: ignore[override]
        """The encoding of the stream the text is for."""
        return self._for_encoding


@contextlib.contextmanager
def output(target: str | None) -> Iterator[TextIO]:
    """Standard output, or a file written whole or not at all (a temp file renamed into place).

    Only a regular file or a new name is written (a symlink is followed to the file it points
    to); a folder, FIFO or device is refused and left as it was, and so is the log itself."""
    if target is None or target == "-":
        yield sys.stdout
        return
    path = Path(target).expanduser()
    if _is_the_log(path):
        raise CommandFailed(f"{path} is your practice log; choose another file to export to")
    try:
        with atomic_writer(path, newline="") as handle:
            yield handle
    except OSError as error:  # the log is read by SQLite: an OSError here is the file's
        raise CommandFailed(f"can't write {path}: {error.strerror or error}") from None


def _is_the_log(path: Path) -> bool:
    log = database_path()
    for name in (log, log.with_name(log.name + "-wal"), log.with_name(log.name + "-shm")):
        with contextlib.suppress(OSError):
            if path.exists() and os.path.samefile(path, name):
                return True
    return False


def minutes_text(seconds: float) -> str:
    """``45 s``, ``12 min``, ``2 h 5 min``: a duration in plain words."""
    if seconds < 60:
        return f"{seconds:.0f} s"
    minutes = round(seconds / 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes} min" if hours else f"{minutes} min"
