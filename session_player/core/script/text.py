"""Text in scripts: variables such as ``{image}``, literal braces, and reading time."""

from __future__ import annotations

import re
import string
from collections.abc import Mapping

_FORMATTER = string.Formatter()
IDENTIFIER = re.compile(r"[A-Za-z][A-Za-z0-9_]*\Z")

# Reading time for a spoken line when no voice renders it: 150 words a minute, at least 1.5 s.
SECONDS_PER_WORD = 0.4
MIN_LINE_SECONDS = 1.5


class TemplateError(ValueError):
    """Text whose braces or variables cannot be used; the message says why."""


def variables_in(text: str) -> list[str]:
    """The variable names ``text`` uses, in order. Raises TemplateError for bad braces."""
    names: list[str] = []
    if "{" not in text and "}" not in text:
        return names  # most text: nothing to parse
    try:
        parsed = list(_FORMATTER.parse(text))
    except ValueError:
        raise TemplateError("has an unmatched { or }; write {{ or }} for a literal brace") from None
    for _literal, field, spec, conversion in parsed:
        if field is None:
            continue
        if not IDENTIFIER.match(field) or spec or conversion:
            shown = (
                "{"
                + field
                + ("!" + conversion if conversion else "")
                + (":" + spec if spec else "")
                + "}"
            )
            raise TemplateError(
                f"{shown} is not a variable; use a plain name like {{image}}, "
                "or write {{ and }} for literal braces"
            )
        names.append(field)
    return names


def fill(text: str, values: Mapping[str, str]) -> str:
    """Replace ``{name}`` with its value; ``{{`` and ``}}`` become single braces.

    A name with no value is left as it was written, braces and all.
    """
    out: list[str] = []
    for literal, field, _spec, _conversion in _FORMATTER.parse(text):
        out.append(literal)
        if field is not None:
            out.append(values.get(field, "{" + field + "}"))
    return "".join(out)


def plain(text: str) -> str:
    """The text as it reads, without variable braces (for estimates and speech)."""
    if "{" not in text and "}" not in text:
        return text  # most text: nothing to fill
    try:
        return fill(text, {})
    except ValueError:
        return text


def reading_seconds(text: str) -> float:
    """The documented reading-time estimate for a line spoken with no voice."""
    words = len(plain(text).split())
    return round(max(MIN_LINE_SECONDS, words * SECONDS_PER_WORD), 3)


def default_answer(into: str) -> str:
    """What an unanswered question's variable reads: ``image`` gives "your image"."""
    return "your " + into.replace("_", " ")


_CONTROL = {c: f"\\x{c:02x}" for c in [*range(0x00, 0x20), 0x7F, *range(0x80, 0xA0)]}
del _CONTROL[0x0A], _CONTROL[0x09]


def shown(text: str) -> str:
    """Text made safe for a terminal: control characters (ESC and the like) become visible
    escapes such as ``\\x1b``, so a script's text can never drive the terminal."""
    return text.translate(_CONTROL)


# JSON escapes C0 controls but leaves DEL and C1 (U+009B, a CSI on many terminals) raw.
_JSON_CONTROL = {c: f"\\u{c:04x}" for c in range(0x7F, 0xA0)}


def json_shown(document: str) -> str:
    """JSON from ``json.dumps`` with DEL and the C1 controls escaped (``\\u009b``) as well:
    the same data to any reader, and nothing a terminal acts on. (Outside strings JSON holds
    only ASCII, so every such character is inside one.)"""
    return document.translate(_JSON_CONTROL)


def holds_unicode(stream: object) -> bool:
    """Whether ``stream``'s encoding holds every character (a UTF), so JSON can be written as
    it reads; otherwise (the C locale's ASCII) JSON is written with ``\\u`` escapes, which keep
    it exact where ``?`` would lose letters."""
    encoding = getattr(stream, "encoding", None) or "utf-8"
    try:
        "\U0001f33f\u00e9".encode(encoding)
    except (UnicodeEncodeError, LookupError):
        return False
    return True


NARROW_LOCALE = (
    "This terminal's locale can't show every character, so some show as ?; "
    "a UTF-8 locale (LANG=C.UTF-8) shows them all."
)
