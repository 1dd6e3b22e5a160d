"""The status line's text formats, written and read by hand: the status file's lines, the
day's number, and the JSON that Waybar and ``status --format json`` read.

A cold ``status`` loads this and nothing more of Python's library than its own start does:
``json``, with the ``re``, ``enum``, ``functools`` and ``collections`` it brings, was half the
command's time, and ``datetime`` a tenth. Tests hold each to the library's own (``json.dumps``,
``date.toordinal``).
"""

from __future__ import annotations

HEADER = "session-player status 2"  # the status file's first line; without it, it reads as empty


def status_text(document: dict[str, object]) -> str:
    r"""The status file's text: its header, then a line ``part.name=value`` a value; text in
    quotes, its backslashes, line feeds and carriage returns written ``\\``, ``\n`` and
    ``\r``; numbers as Python writes them, ``true``, ``false``; None left out."""
    lines = [HEADER]
    for part, values in document.items():
        if not isinstance(values, dict):
            continue
        for name, value in values.items():
            if value is not None:
                lines.append(f"{part}.{name}={_written(value)}")
    return "\n".join(lines) + "\n"


def _written(value: object) -> str:
    if isinstance(value, str):
        escaped = value.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r")
        return f'"{escaped}"'
    if isinstance(value, bool):
        return "true" if value else "false"
    return repr(value)


def parse_status(text: str) -> dict[str, dict[str, object]]:
    """The parts of a status file's text (``status_text`` read back); a line that can't be
    read is left out, and a text without the header is empty."""
    lines = text.split("\n")
    if lines[0] != HEADER:
        return {}
    document: dict[str, dict[str, object]] = {}
    for line in lines[1:]:
        key, equals, raw = line.partition("=")
        part, dot, name = key.partition(".")
        value = _read(raw)
        if equals and dot and value is not None:
            document.setdefault(part, {})[name] = value
    return document


def _read(raw: str) -> object:
    if len(raw) >= 2 and raw[0] == raw[-1] == '"':
        # Backslashes doubled first: split at them, each piece's \n and \r are line ends.
        pieces = raw[1:-1].split("\\\\")
        return "\\".join(p.replace("\\n", "\n").replace("\\r", "\r") for p in pieces)
    if raw in ("true", "false"):
        return raw == "true"
    try:
        return int(raw)
    except ValueError:
        pass
    try:
        return float(raw)
    except ValueError:
        return None


def day_number(year: int, month: int, day: int) -> int:
    """The day's number, counted as ``date.toordinal`` counts (1 January of year 1 is 1)."""
    before = year - 1
    days = before * 365 + before // 4 - before // 100 + before // 400
    return days + _BEFORE_MONTH[month - 1] + (month > 2 and _leap(year)) + day


def _leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


_BEFORE_MONTH = (0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334)
_MONTH_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def iso_day(text: object) -> int | None:
    """``2026-12-07``'s day number; None for anything else (or a day there is not)."""
    if not isinstance(text, str) or len(text) != 10 or text[4] + text[7] != "--":
        return None
    digits = text[:4] + text[5:7] + text[8:]
    if not (digits.isascii() and digits.isdigit()):
        return None
    year, month, day = int(text[:4]), int(text[5:7]), int(text[8:])
    if not (year and 1 <= month <= 12):
        return None
    if not 1 <= day <= _MONTH_DAYS[month - 1] + (month == 2 and _leap(year)):
        return None
    return day_number(year, month, day)


def json_text(value: object) -> str:
    """``json.dumps(value)``, the same to the character, for the values the status line
    writes: a table of names to text, numbers, truths and None (``json`` and the ``re`` it
    brings were half a cold ``status``)."""
    if isinstance(value, dict):
        items = (f"{json_text(str(name))}: {json_text(item)}" for name, item in value.items())
        return "{" + ", ".join(items) + "}"
    if isinstance(value, str):
        return '"' + "".join(map(_json_char, value)) + '"'
    if value is None or isinstance(value, bool):
        return {None: "null", True: "true", False: "false"}[value]
    if isinstance(value, int):
        return int.__repr__(value)
    if isinstance(value, float):
        if value != value:
            return "NaN"
        if abs(value) == float("inf"):
            return "Infinity" if value > 0 else "-Infinity"
        return float.__repr__(value)
    raise TypeError(f"{type(value).__name__} is not written as the status line's JSON")


_JSON_ESCAPES = {
    '"': '\\"',
    "\\": "\\\\",
    "\n": "\\n",
    "\r": "\\r",
    "\t": "\\t",
    "\b": "\\b",
    "\f": "\\f",
}


def _json_char(char: str) -> str:
    """One character as ``json.dumps`` writes it (``ensure_ascii``: printable ASCII as it is,
    the rest as ``\\u`` escapes, beyond the first plane as two)."""
    if " " <= char <= "~":
        return _JSON_ESCAPES.get(char, char)
    escaped = _JSON_ESCAPES.get(char)
    if escaped is not None:
        return escaped
    code = ord(char)
    if code < 0x10000:
        return f"\\u{code:04x}"
    code -= 0x10000
    return f"\\u{0xD800 | code >> 10:04x}\\u{0xDC00 | code & 0x3FF:04x}"
