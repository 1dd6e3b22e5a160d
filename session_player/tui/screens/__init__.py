"""One small module per screen."""

from pathlib import PurePath

# The stylesheets of the screens a session opens on its way (the player's own first), read
# together as the player opens, or with the app's when a session is the first thing shown. A
# screen's own stylesheet read as it first opens makes Textual parse every stylesheet again:
# for the end screen that was most of the wait between a sit's last second and its end showing.
SESSION_SHEETS: list[str | PurePath] = [
    "player.tcss",
    "preparing.tcss",
    "checkin.tcss",
    "confirm_stop.tcss",
    "grounding.tcss",
    "end.tcss",
]
