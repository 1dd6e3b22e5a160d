"""``python -m session_player``."""

from .cli.main import entry

entry()
