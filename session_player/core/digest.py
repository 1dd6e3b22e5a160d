"""SHA-256 digests for names: an unsaved session's folder, a spoken line's cache file.

``hashlib``'s sha256 is OpenSSL's: its first use maps and sets up enough of libcrypto for a
session to hold 0.6 MiB more to its end (issue 26), for one short digest. The standard library
carries its own implementation too, the one ``hashlib`` falls back on where OpenSSL is missing
(``_sha256`` in 3.11, ``_sha2`` from 3.12): the same digest in a few KiB. It is used where it is
there, ``hashlib`` otherwise.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from importlib import import_module
from typing import Any


@cache
def _sha256() -> Callable[[bytes], Any]:
    for name in ("_sha256", "_sha2"):  # hashlib's own fallbacks, in 3.11 and from 3.12
        try:
            digest: Callable[[bytes], Any] = import_module(name).sha256
        except (ImportError, AttributeError):
            continue
        return digest
    from hashlib import sha256

    return sha256


def sha256_hex(data: bytes) -> str:
    """The SHA-256 digest of ``data``, in hex."""
    return str(_sha256()(data).hexdigest())
