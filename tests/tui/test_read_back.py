"""A letter written in parts, and read back: in the player, on a fake clock."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.widgets import Static, TextArea

from session_player.core.clock import FakeClock
from session_player.tui.app import SessionPlayerApp
from session_player.tui.widgets.guidance import Guidance
from session_player.tui.widgets.prompt import PromptArea

from .conftest import SIZE, advance, player_of

Build = Callable[..., SessionPlayerApp]

LETTER = """\
title = "A letter in parts"
practice = "letter"

[[step]]
write = "Perhaps begin your letter."
into = "letter"
for = "2m"

[[step]]
write = "And how might it close?"
into = "letter"
append = true
for = "2m"

[[step]]
read_back = "letter"
for = "1m"
speak = true

[[step]]
say = "Thank you for writing."
"""


def earlier_text(app: SessionPlayerApp) -> Static:
    return app.screen.query_one("#prompt-earlier", Static)


async def test_the_parts_so_far_are_shown_above_the_box_and_read_back_whole(
    build: Build, scripts: Path, clock: FakeClock
) -> None:
    (scripts / "letter.toml").write_text(LETTER, encoding="utf-8")
    async with build("letter").run_test(size=SIZE) as pilot:
        player = await player_of(pilot)
        session = player.session
        assert session is not None
        writing = player.query_one("#prompt-writing", TextArea)
        assert pilot.app.focused is writing
        assert not earlier_text(pilot.app).display  # nothing written yet
        await pilot.press(*"Dear me,", "enter", *"this was hard.", "ctrl+s")
        await pilot.pause()
        # The next part is written under the first, and its box starts empty.
        assert session.index == 1
        above = earlier_text(pilot.app)
        assert above.display
        assert str(above.render()) == "Dear me,\nthis was hard."
        assert writing.text == ""
        await pilot.press(*"With love, me.", "ctrl+s")
        await pilot.pause()
        # The read-back: the whole letter, as typed, with no box to write in.
        assert session.index == 2
        assert not player.query_one(PromptArea).display
        guidance = player.query_one(Guidance)
        assert guidance.display
        assert str(guidance.render()) == "Dear me,\nthis was hard.\n\nWith love, me."
        # It stays for its minute, then the session goes on.
        await advance(pilot, clock, 59)
        assert session.index == 2
        assert "With love, me." in str(guidance.render())
        await advance(pilot, clock, 2)
        assert session.index == 3
        assert str(guidance.render()) == "Thank you for writing."
