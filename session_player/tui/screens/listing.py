"""The library's lines: a session's line and its details, the timer's lines, the filter's
words and the groups by practice.

Plain functions of a card (or a timer choice) to Rich text, so the screen only arranges them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING

from rich.text import Text
from textual.widgets.option_list import Option

from ...core.library.card import Card
from ...core.library.timer import TimerChoice
from ...core.script.durations import format_duration
from ...core.script.practices import PRACTICE_LABELS
from ...core.script.text import shown

if TYPE_CHECKING:  # errors load with a script's check, not with the library
    from ...core.errors import ScriptError

TIMER = "t"  # option ids of the timer's lines: "t" (choose and go), "t0", "t1"… (presets)
PINNED = ("f", "a")  # a session's line again at the top: "f12" (a favourite), "a12" (again)
TIMER_WORDS = "timer silent sit open ended bell"


def timer_prompt(name: str | None, choice: TimerChoice) -> Text:
    """A timer line of the list: "⏲  Timer · 20m, a bell every 5m" or a preset's name."""
    text = Text(f"  {'⏲':>{LENGTH_COLUMN}}  ")
    text.append(shown(name or "Timer"), style="bold" if name is None else "")
    text.append(f" · {choice.describe()}", style="dim")
    return text


def timer_details(name: str | None, choice: TimerChoice) -> Text:
    """The side panel for the timer or one of its presets."""
    text = Text(f"{shown(name or 'Timer')}\n", style="bold")
    text.append(f"Silent sitting · {choice.describe()}\n\n", style="dim")
    if name is None:
        text.append(
            "A silent sit without a script: choose the length, or none to sit until you "
            "stop; an interval bell and its sound; a quiet start delay. Enter opens the "
            "choices, with your last ones filled in."
        )
    else:
        text.append("A timer preset of yours. Enter starts it as it is.")
    return text


YOURS_MARK = "✎"
YOURS = f"{YOURS_MARK} yours"
LENGTH_COLUMN = 4  # "~14m"; longer lengths ("1h 5m") push their title along
NOTHING = "Nothing matches; Esc clears the filter."
BROKEN = "Needs attention"


def words_of(entry: Card) -> str:
    """Everything the filter looks at, lower case."""
    parts = [entry.name]
    if entry.ok:
        parts += [entry.title, entry.summary, PRACTICE_LABELS.get(entry.practice, "")]
    if entry.source == "yours":
        parts.append("yours")
    return " ".join(parts).lower()


def matching(words: Sequence[str], query: str, among: Iterable[int] | None = None) -> list[int]:
    """Which of ``words`` (each entry's, from ``words_of``) have every word typed in them;
    with ``among``, only those indexes are looked at."""
    typed = query.lower().split()
    if among is None:
        return [i for i, haystack in enumerate(words) if all(w in haystack for w in typed)]
    return [i for i in among if all(w in words[i] for w in typed)]


def error_words(error: ScriptError) -> str:
    """One error without the file's name (the entry shows it): "line 4: step[1]: ..."."""
    where = f"{error.path}: " if error.path else ""
    return shown(f"line {error.line}: {where}{error.message}".splitlines()[0])


def first_error(entry: Card) -> str:
    """The checker's first message, on one line."""
    return error_words(entry.errors[0]) if entry.errors else "cannot be read"


def short_length(entry: Card) -> str:
    """The planned length to the minute, for the list ("10m", "~14m" when answers make it
    uncertain, "45s" under a minute); the details show it to the second."""
    seconds = entry.length if entry.length < 60 else round(entry.length / 60) * 60
    return ("~" if entry.estimated else "") + format_duration(seconds)


def entry_prompt(entry: Card) -> Text:
    """One line of the list: the planned length in a column, then the title, marked when it is
    the person's own. Lines never wrap; a title too long for the list ends in "…"."""
    if not entry.ok:
        text = Text(f"  {'⚠':>{LENGTH_COLUMN}}  {shown(entry.name)}", style="bold")
        text.append(f"  {first_error(entry)}", style="italic")
        return text
    text = Text(f"  {short_length(entry):>{LENGTH_COLUMN}}  ", style="dim")
    if entry.source == "yours":
        text.append(f"{YOURS_MARK} ", style="italic")
    text.append(shown(entry.title))
    return text


def grouped(entries: Iterable[Card]) -> list[tuple[str, list[Card]]]:
    """Entries under their practice's label, in the order of PRACTICE_LABELS; broken ones last."""
    groups: dict[str, list[Card]] = {}
    for entry in entries:
        key = entry.practice if entry.ok else BROKEN
        groups.setdefault(key, []).append(entry)
    order = [*PRACTICE_LABELS, *sorted(k for k in groups if k not in PRACTICE_LABELS)]
    return [(PRACTICE_LABELS.get(key, key), groups[key]) for key in order if key in groups]


def first_playable(options: Sequence[Option]) -> int | None:
    """Where the cursor starts: the first session (the timer's lines above it are one key
    up), or the first timer line when the filter leaves only those; never a heading."""
    chosen = [i for i, option in enumerate(options) if not option.disabled]
    sessions = [i for i in chosen if not (options[i].id or "").startswith(TIMER)]
    found = sessions or chosen
    return found[0] if found else None


def details(entry: Card) -> Text:
    """The side panel: title, practice, length, summary, and where the file is."""
    if not entry.ok:
        text = Text(f"{shown(entry.name)}\n\n", style="bold")
        text.append("This script can't be played until it is fixed:\n\n")
        for error in entry.errors[:5]:
            text.append(f"• {error_words(error)}\n")
        text.append(f"\n{shown(str(entry.path))}", style="dim")
        return text
    text = Text(f"{shown(entry.title)}\n", style="bold")
    practice = PRACTICE_LABELS.get(entry.practice, entry.practice)
    text.append(f"{shown(practice)} · {entry.length_text}\n\n", style="dim")
    text.append(shown(entry.summary) or "No summary.")
    if entry.source == "yours":
        text.append(f"\n\n{YOURS}: {shown(str(entry.path))}", style="dim")
    return text


def made_line(made: dict[int | str, Option], key: int | str, make: Callable[[], Option]) -> Option:
    """The list's line for ``key`` (an entry's index, or a heading's label), made once and kept
    in ``made``: a filter shows the same lines again without making them anew."""
    line = made.get(key)
    if line is None:
        line = made[key] = make()
    return line


def session_line(made: dict[int | str, Option], entries: Sequence[Card], index: int) -> Option:
    """The list's line for ``entries[index]``, its id the index (made once, see ``made_line``)."""
    return made_line(made, index, lambda: Option(entry_prompt(entries[index]), id=str(index)))


def entry_index(option_id: str) -> int:
    """The index of the entry a session's line stands for (its own line, or one at the top)."""
    return int(option_id.lstrip("".join(PINNED)))


def pinned_line(made: dict[int | str, Option], entries: Sequence[Card], key: str) -> Option:
    """A session's line among the favourites or "again" at the top: ``key`` is its id there
    ("f12", "a12"), so the same session can stand in its group too."""
    index = entry_index(key)
    return made_line(made, key, lambda: Option(entry_prompt(entries[index]), id=key))
