"""``python -m session_player``."""

from .cli import entry

entry()
