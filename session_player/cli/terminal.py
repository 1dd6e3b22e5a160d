"""The command line's standard output and error: the one way its text reaches the terminal.

While a command runs (``cli.main``), ``sys.stdout`` and ``sys.stderr`` are ``Shown`` streams:
everything written to them, our own words and argparse's included, passes through
``core.text.shown``, so a title, a file name or a log entry can't drive the terminal whatever
command prints it. Characters the terminal's encoding lacks are replaced (``?``) rather than
ending the command with a traceback, and a stream that can't be written (a full disk, a closed
pipe) raises ``OutputError``, which names the stream, never the log.
"""

from __future__ import annotations

import contextlib
import errno
import io
import os
import sys
from collections.abc import Iterator
from typing import TextIO

from ..core.script.text import shown

STDOUT, STDERR = "standard output", "standard error"


class OutputError(Exception):
    """Standard output or error could not be written; the message says which and why."""

    def __init__(self, stream: str, error: OSError) -> None:
        reason = (error.strerror or str(error) or type(error).__name__).lower()
        super().__init__(f"can't write to {stream} ({reason})")
        self.error = error
        self.fd = 2 if stream == STDERR else 1


class Shown(io.TextIOBase):
    """A text stream that shows control characters visibly and never fails on encoding."""

    def __init__(self, stream: TextIO, name: str) -> None:
        super().__init__()
        self._stream = stream
        self._name = name

    @property
    def encoding(self) -> str:  # type: ignore[override]
        """The encoding of the stream beneath."""
        return getattr(self._stream, "encoding", None) or "utf-8"

    def writable(self) -> bool:
        """Always: a stream is only wrapped to be written."""
        return True

    def isatty(self) -> bool:
        """Whether the stream beneath is a terminal."""
        return self._stream.isatty()

    def fileno(self) -> int:
        """The file descriptor beneath."""
        return self._stream.fileno()

    def write(self, text: str) -> int:
        """Write ``text`` with every control character but newline and tab made visible."""
        self._guard(self._stream.write, shown(text))
        return len(text)

    def flush(self) -> None:
        """Flush the stream beneath."""
        self._guard(self._stream.flush)

    def _guard(self, call: object, *args: str) -> None:
        try:
            call(*args)  # type: ignore[operator]
        except BrokenPipeError:
            raise  # the reader has gone (``| head``): callers stop quietly
        except OSError as error:
            raise OutputError(self._name, error) from error


class Closed(io.TextIOBase):
    """Standard output or error closed before the start (``>&-``): writing is an error that
    says so, rather than an AttributeError or words lost without a trace."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self._name = name

    def writable(self) -> bool:
        """Never: there is nothing beneath."""
        return False

    def write(self, text: str) -> int:
        """Refuse, naming the stream."""
        raise OutputError(self._name, OSError(errno.EBADF, "it is closed"))


def _forgiving(stream: TextIO | None) -> TextIO | None:
    """``stream`` set to replace what its encoding can't hold (the C locale is ASCII)."""
    if isinstance(stream, io.TextIOWrapper):
        with contextlib.suppress(ValueError, OSError):
            stream.reconfigure(errors="replace")
    return stream


@contextlib.contextmanager
def shown_streams() -> Iterator[None]:
    """Route ``sys.stdout`` and ``sys.stderr`` through ``Shown`` while a command runs."""
    saved = sys.stdout, sys.stderr
    out, err = _forgiving(sys.stdout), _forgiving(sys.stderr)
    sys.stdout = Closed(STDOUT) if out is None else Shown(out, STDOUT)
    sys.stderr = Closed(STDERR) if err is None else Shown(err, STDERR)
    try:
        yield
        if out is not None:
            sys.stdout.flush()
    finally:
        sys.stdout, sys.stderr = saved


def silence(fd: int) -> None:
    """Point ``fd`` at /dev/null, so the interpreter's last flush at exit can't fail again."""
    with contextlib.suppress(OSError):
        os.dup2(os.open(os.devnull, os.O_WRONLY), fd)
