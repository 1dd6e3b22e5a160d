"""The library shows where the person is in a course they have begun, and nothing before."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import pytest
from textual.widgets import OptionList, Static

from session_player.core.log import LogStore, SessionRecord
from session_player.home.paths import log_place
from session_player.home.settings import Settings
from session_player.tui.app import make_app

from .conftest import SIZE, RecordingConductor, player_of, settle
from .test_footer import keys_of, shown_keys


def practised(name: str) -> None:
    now = datetime(2026, 1, 5, 8, 0, tzinfo=UTC)
    record = SessionRecord(
        str(uuid.uuid4()), name, name, "breathing", now, 0, 60.0, now,
        practised_seconds=60.0, outcome="completed", ended_at=now,
    )  # fmt: skip
    with LogStore.open(log_place()) as store:
        store.save(record)


async def test_no_course_line_before_a_course_is_begun() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.screen.query_one("#course", Static).display is False


async def test_the_library_says_which_week_and_today_without_guilt() -> None:
    for name in (
        "soothing-rhythm-breathing-3min",
        "three-systems",
        "soothing-touch",
        "week-look-back",
    ):
        practised(name)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        line = app.screen.query_one("#course", Static)
        assert line.display is True
        text = str(line.render())
        assert text.startswith("Week 2 of 8: The self-compassion break and loving-kindness.")
        assert "Today: Self-compassion break (3 minutes)." in text
        assert "Skipping, repeating and pausing are all normal." in text


async def test_the_course_place_is_read_after_the_first_frame(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The log is read once the first frame is drawn (the list's lines rendered), never before.
    from session_player.home import courses

    drawn: list[int] = []
    line_of = OptionList.render_line
    monkeypatch.setattr(
        OptionList, "render_line", lambda self, y: (drawn.append(y), line_of(self, y))[1]
    )
    read_after: list[bool] = []
    monkeypatch.setattr(courses, "course_now", lambda titles: read_after.append(bool(drawn)))
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await app.workers.wait_for_complete()
    assert read_after == [True]


WEEK_ONE = ("soothing-rhythm-breathing-3min", "three-systems", "soothing-touch", "week-look-back")


async def test_todays_course_session_starts_with_one_key() -> None:
    for name in WEEK_ONE:
        practised(name)
    app = make_app(settings=Settings(checkins=False), conductor_factory=RecordingConductor)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await app.workers.wait_for_complete()
        await settle(pilot)
        line = str(app.screen.query_one("#course", Static).render())
        assert line.endswith("F5 starts it.")
        shown = {str(getattr(key, "key", "")): key.region for key in shown_keys(app)}
        assert "f5" in shown and shown["f6"].right <= 80  # it fits at 80 columns with Edit
        assert list(shown)[:4] == ["f4", "f2", "f3", "f5"]
        await pilot.press("f5")
        player = await player_of(pilot)
        assert player.script.name == "self-compassion-break-3min"


async def test_todays_session_is_in_the_palette_and_no_key_before_a_course() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await app.workers.wait_for_complete()
        assert "f5" not in keys_of(app)  # nothing for today yet: the key is not offered
    for name in WEEK_ONE:
        practised(name)
    app = make_app(settings=Settings(checkins=False), conductor_factory=RecordingConductor)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await app.workers.wait_for_complete()
        await settle(pilot)
        await pilot.press("ctrl+p", *"today")
        await settle(pilot)
        await pilot.press("enter")  # the top entry: "Today: Self-compassion break (3 minutes)"
        player = await player_of(pilot)
        assert player.script.name == "self-compassion-break-3min"
