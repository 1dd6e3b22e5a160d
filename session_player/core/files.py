"""Reading and writing the files a person names, without ever hanging or clobbering.

Reading (scripts, settings, imports, sounds): only a regular file is read, up to a size
bound. The path is looked at before it is opened, so a FIFO, a device or a socket is never
opened at all; it is then opened with ``O_NONBLOCK`` and looked at again (``fstat``), so a file
swapped for a FIFO in between can't block either. Anything else raises ``Refused``, an
``OSError`` whose ``strerror`` says what the path is (``it is a named pipe (FIFO), not a
regular file``), so callers that already show ``strerror`` say the right thing.

Writing (exports, new scripts, settings): the text goes to a temporary file beside the target,
which is then renamed over it, so a failed write never leaves half a file. The target must be
a regular file or a new name in an existing folder; a folder, FIFO, device or socket is
refused and left as it was. A symlink is followed: the file it points to is replaced (keeping
its permissions) and the link stays a link; a symlink to nothing is refused.
"""

from __future__ import annotations

import errno
import os
import stat

# Reading loads neither typing nor pathlib, nor contextlib (with collections and functools): a
# cold ``status`` reads a file and nothing more. Writing loads them as it begins.
TYPE_CHECKING = False  # as typing's
if TYPE_CHECKING:
    from collections.abc import Iterator
    from contextlib import AbstractContextManager
    from pathlib import Path
    from typing import BinaryIO, TextIO

NEW_FILE_MODE = 0o644  # a new file made whole (a rendered session), readable as any other
PRIVATE_MODE = 0o600  # a new export or script: the person's alone


class Refused(OSError):
    """A path that is not a regular file, or one too large to read."""

    def __str__(self) -> str:
        return f"{self.filename}: {self.strerror}" if self.filename else str(self.strerror)


_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def kind_of(mode: int) -> str:
    """What a file of ``mode`` is, in words for a sentence: ``a named pipe (FIFO)``."""
    return next((words for test, words in _KINDS if test(mode)), "not a regular file")


def _require_regular(mode: int, path: Path | str) -> None:
    if stat.S_ISREG(mode):
        return
    code = errno.EISDIR if stat.S_ISDIR(mode) else errno.EINVAL
    raise Refused(code, f"it is {kind_of(mode)}, not a regular file", str(path))


def too_large(path: Path | str, size: int, limit: int) -> Refused:
    """The error for a file over its bound."""
    return Refused(
        errno.EFBIG, f"it is {size:,} bytes or more; at most {limit:,} are read", str(path)
    )


def open_regular(path: Path | str, limit: int) -> BinaryIO:
    """The regular file at ``path``, open for reading in binary, if it holds at most
    ``limit`` bytes. Raises ``Refused`` for anything but a regular file, or one over ``limit``
    bytes (its ``errno`` is ``EFBIG``), and the usual ``OSError`` (``FileNotFoundError``, ...)
    otherwise. Never blocks on a FIFO or a device."""
    return _opened(path, limit)[0]


def _opened(path: Path | str, limit: int) -> tuple[BinaryIO, int]:
    """``open_regular``'s stream, and the file's size when it was opened."""
    _require_regular(os.stat(path).st_mode, path)
    # O_NONBLOCK (POSIX) keeps a FIFO swapped in from blocking the open; Windows has neither.
    nonblock = getattr(os, "O_NONBLOCK", 0)
    flags = os.O_RDONLY | nonblock | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
    flags |= getattr(os, "O_BINARY", 0)  # Windows: no newline translation
    descriptor = os.open(path, flags)
    try:
        found = os.fstat(descriptor)
        _require_regular(found.st_mode, path)  # swapped since it was looked at
        if found.st_size > limit:
            raise too_large(path, found.st_size, limit)
        if nonblock:
            os.set_blocking(descriptor, True)  # a regular file: reads never wait for a writer
        return os.fdopen(descriptor, "rb"), found.st_size
    except BaseException:
        os.close(descriptor)
        raise


def read_regular(path: Path | str, limit: int) -> bytes:
    """The bytes of the regular file at ``path``, at most ``limit`` of them (see
    ``open_regular``); never reads more than ``limit + 1`` bytes, even from a growing file."""
    stream, size = _opened(path, limit)
    with stream:
        # Asking for the file's size and one byte more, not for the limit, spares making a
        # buffer of the limit's size for every small file; one that has grown is read on.
        data = stream.read(size + 1)
        if len(data) > size:
            data += stream.read(limit + 1 - len(data))
    if len(data) > limit:  # grown since it was looked at
        raise too_large(path, len(data), limit)
    return data


def write_target(path: Path) -> tuple[Path, int | None]:
    """Where writing ``path`` really goes (a symlink followed), and the permission bits to
    keep (None for a new file). Raises ``Refused`` for a target that is not a regular file or
    a new name, and ``FileNotFoundError`` for a folder that doesn't exist."""
    try:
        found = os.stat(path)
    except FileNotFoundError:
        if path.is_symlink():
            target = os.readlink(path)
            raise Refused(
                errno.ENOENT, f"it is a symlink to {target}, which doesn't exist", str(path)
            ) from None
        if not path.parent.is_dir():
            raise FileNotFoundError(
                errno.ENOENT, f"there is no folder {path.parent}", str(path)
            ) from None
        return path, None
    _require_regular(found.st_mode, path)
    from pathlib import Path

    return Path(os.path.realpath(path)), stat.S_IMODE(found.st_mode)


def atomic_writer(path: Path, *, newline: str | None = None) -> AbstractContextManager[TextIO]:
    """A UTF-8 text stream whose content replaces ``path`` whole when the block ends without an
    error (and is dropped otherwise). See the module's rules for what ``path`` may be. A new
    file is the person's alone (0600): an export holds their practice."""
    import contextlib

    return contextlib.contextmanager(_atomic_writer)(path, newline=newline)


def _atomic_writer(path: Path, *, newline: str | None) -> Iterator[TextIO]:
    with (
        whole_file(path, new_mode=PRIVATE_MODE) as temporary,
        open(temporary, "w", encoding="utf-8", newline=newline) as handle,
    ):
        yield handle


def whole_file(path: Path, *, new_mode: int = NEW_FILE_MODE) -> AbstractContextManager[Path]:
    """A temporary path beside ``path`` (with its suffix) to write to, by name or as a stream;
    it replaces ``path`` whole when the block ends without an error (Ctrl+C included) and is
    removed otherwise. A new file gets ``new_mode``; a file replaced keeps its own. See the
    module's rules for what ``path`` may be."""
    import contextlib

    return contextlib.contextmanager(_whole_file)(path, new_mode=new_mode)


def _whole_file(path: Path, *, new_mode: int) -> Iterator[Path]:
    import contextlib
    import tempfile  # only when writing: it is slow to import, and start-up only reads
    from pathlib import Path

    real, mode = write_target(path)
    descriptor, name = tempfile.mkstemp(
        dir=real.parent, prefix=f".{real.name}.", suffix=real.suffix
    )
    os.close(descriptor)
    temporary = Path(name)
    try:
        yield temporary
        with open(temporary, "rb+") as handle:
            os.fsync(handle.fileno())
        os.chmod(temporary, new_mode if mode is None else mode)
        write_target(path)  # still a file we may replace
        os.replace(temporary, real)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def write_text(path: Path, text: str) -> None:
    """Replace ``path`` with ``text`` in one step (see ``atomic_writer``)."""
    with atomic_writer(path) as handle:
        handle.write(text)
