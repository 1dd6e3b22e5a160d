"""``session-player sos`` in tmux, as a person in a hard moment uses it: the practice at once,
nothing asked first and no countdown (even with both in the settings), and where support is
left in the terminal after the TUI has gone."""

from __future__ import annotations

import sys
from pathlib import Path

from test_tui_tmux import Tmux, needs_tmux, tmux  # noqa: F401 (the fixture)

from session_player.core.care import CRISIS_SENTENCE


@needs_tmux
def test_sos_starts_at_once_and_leaves_support_in_the_terminal(
    tmux: Tmux,  # noqa: F811 (the fixture)
    tmp_path: Path,
) -> None:
    settings = 'checkins = true\nstart_delay = 30\nsound = false\ncrisis_line = "Ana, 0123"\n'
    (tmp_path / "config" / "settings.toml").write_text(settings)
    command = str(Path(sys.executable).parent / "session-player")
    tmux.start(["sh", "-c", f"{command} sos; echo EXIT=$?; sleep 30"])

    # the practice's first line, at once, under its title
    screen = tmux.wait_for("Keep your eyes open", "A hard moment, now")
    assert "how safe and settled" not in screen and "Beginning in" not in screen

    tmux.keys("q")  # stopping is always kind, and asks first
    tmux.wait_for("Keep going")
    tmux.keys("y")
    tmux.wait_for("And now: how safe and settled")  # the closing check-in, skippable
    tmux.keys("Enter")
    tmux.wait_for("You practised")
    tmux.keys("q")
    screen = tmux.wait_for("EXIT=0")  # the TUI gone: the shell's lines, wrapped at 100 columns
    support = f"{CRISIS_SENTENCE} Your own support line: Ana, 0123."
    assert support.replace(" ", "") in "".join(screen.split())
