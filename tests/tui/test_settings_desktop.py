"""The desktop's settings on the settings screen: each is switched, chosen or typed and kept;
macOS and Windows are told plainly that notifications are not held; reminders are shown."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Button, Input, Label, Select, Static, Switch

from session_player.desktop.remind import cron
from session_player.desktop.remind.manage import reminders_path
from session_player.desktop.remind.reminder import make, save
from session_player.home import paths
from session_player.home.settings import load_settings
from session_player.tui.app import SessionPlayerApp
from tests.desktop.test_remind import crontab

from .conftest import SIZE, settle
from .test_settings_screen import open_settings

Build = Callable[..., SessionPlayerApp]
__all__ = ["crontab"]  # the scheduler this machine stands in for


async def test_the_desktop_settings_are_kept(build: Build) -> None:
    async with build().run_test(size=SIZE) as pilot:
        screen = await open_settings(pilot)
        switch = screen.query_one("#setting-quiet_notifications", Switch)
        assert switch.value is True  # on by default
        switch.focus()
        await pilot.press("space")
        screen.query_one("#setting-end_notice", Select).value = "always"
        field = screen.query_one("#setting-on_end", Input)
        field.value = "notify-send 'Sat a while'"
        field.focus()
        await pilot.press("enter")
        await settle(pilot)
    saved, notices = load_settings(paths.config_path())
    assert notices == []
    assert (saved.quiet_notifications, saved.end_notice) == (False, "always")
    assert saved.on_end == "notify-send 'Sat a while'"


async def test_a_hook_whose_quote_never_closes_is_not_kept(build: Build) -> None:
    async with build().run_test(size=SIZE) as pilot:
        screen = await open_settings(pilot)
        field = screen.query_one("#setting-on_start", Input)
        field.value = "notify-send 'oops"
        field.focus()
        await pilot.press("enter")
        await settle(pilot)
        said = screen.query_one("#problem-on_start", Static)
        assert "should close every quote it opens" in str(said.render())
    assert load_settings(paths.config_path())[0].on_start == ""


@pytest.mark.parametrize("platform, word", [("darwin", "macOS"), ("win32", "Windows")])
async def test_macos_and_windows_are_told_notifications_are_not_held(
    build: Build, monkeypatch: pytest.MonkeyPatch, platform: str, word: str
) -> None:
    async with build().run_test(size=SIZE) as pilot:
        monkeypatch.setattr(sys, "platform", platform)
        screen = await open_settings(pilot)
        line = str(screen.query_one("#no-quiet", Static).render())
        monkeypatch.setattr(sys, "platform", "linux")
        assert line.startswith(word) and "not held" in line


async def test_linux_has_no_such_line(build: Build) -> None:
    async with build().run_test(size=SIZE) as pilot:
        screen = await open_settings(pilot)
        assert not screen.query("#no-quiet")


async def test_reminders_are_shown(build: Build) -> None:
    save(reminders_path(), [make("07:30", "mon-fri"), make("21:00", "daily", "body-scan")])
    async with build().run_test(size=SIZE) as pilot:
        screen = await open_settings(pilot)
        text = str(screen.query_one("#reminders", Label).render())
        assert "07:30 mon-fri; 21:00 every day (suggests body-scan)" in text
        assert not screen.query_one("#reminders-off").disabled


async def _told(pilot: Any, before: str) -> str:
    """The reminders' line once it says something other than ``before``: a button press starts
    its worker only when the press is handled, so waiting on the workers alone can be too soon."""
    said = before
    for _ in range(600):
        await settle(pilot)
        said = str(pilot.app.screen.query_one("#reminders", Label).render())
        if said != before:
            break
        await pilot.pause(0.05)
    return said


@pytest.mark.usefixtures("crontab")
async def test_a_reminder_is_added_and_all_removed_from_settings(
    build: Build, crontab: Path
) -> None:
    async with build().run_test(size=SIZE) as pilot:
        screen = await open_settings(pilot)
        before = pilot.app.settings  # type: ignore[attr-defined]
        field = screen.query_one("#reminder-at", Input)
        field.value = "7:5"
        field.focus()
        shown = str(screen.query_one("#reminders", Label).render())
        await pilot.press("enter")
        said = await _told(pilot, shown)
        assert "'7:5' is not a time of day" in said
        field.value = "07:05"
        await pilot.press("enter")
        said = await _told(pilot, said)
        assert said.startswith("Reminders to practise: 07:05 every day")
        assert said.endswith("Set for 07:05, through cron.")
        rows = crontab.read_text().splitlines()
        assert cron.parse(rows[1]).fires(5, 7, 5)
        assert pilot.app.settings == before  # type: ignore[attr-defined]  # not a setting
        screen.query_one("#reminders-off", Button).press()
        said = await _told(pilot, said)
        assert said.startswith("Reminders to practise: none")
    assert crontab.read_text() == "0 3 * * * /usr/bin/backup\n"
