"""The ``?`` key for help, bound on each of our screens rather than on the app.

Textual looks up the character of every key bound on the app in the Unicode name tables
(``key_to_character``, to ask the screen whether it would type it) each time it gathers a
screen's keys: for ``question_mark`` that look touched 0.37 MiB of ``unicodedata``'s tables in
every session (issue 26). A screen's own keys are not looked up while nothing on it has the
focus, as in a session. F1 stays on the app (its look finds nothing, and touches far less), so
it opens help from Textual's own screens too; there ``?`` types, as before.
"""

from __future__ import annotations

from textual.binding import Binding

HELP_KEY = Binding("question_mark", "app.help", "Help", show=False, priority=True)
"""``?`` opens help (and closes it) wherever it types nothing: a text field keeps its ``?``."""
