"""Reminders as each scheduler takes them: systemd units checked by ``systemd-analyze verify``,
cron lines read back, the launchd agent parsed as a property list, the Task Scheduler XML
against its shape; and the command, through a crontab of the test's own."""

from __future__ import annotations

import os
import plistlib
import subprocess
import sys
from datetime import date
from pathlib import Path
from xml.etree import ElementTree

import pytest

from session_player.desktop.remind import cron, launchd, schtasks, systemd
from session_player.desktop.remind.reminder import Reminder, ReminderError, make, parse_days
from tests.desktop.bus_fixture import need

COMMAND = [sys.executable, "-m", "session_player", "remind", "--notify"]
WEEKDAYS = make("07:30", "mon-fri", "body-scan")
DAILY = make("21:05")


def test_days_are_read_as_people_write_them() -> None:
    assert parse_days("mon-fri") == ("mon", "tue", "wed", "thu", "fri")
    assert parse_days("Sat,Sun") == ("sat", "sun")
    assert parse_days("fri-mon") == ("mon", "fri", "sat", "sun")
    assert parse_days("mon,wed-thu") == ("mon", "wed", "thu")
    assert len(parse_days("daily")) == 7
    for bad in ("funday", "mo", "mon-", "7"):
        with pytest.raises(ReminderError, match="is not a day"):
            parse_days(bad)
    for bad in ("7.30", "24:00", "7:60", "seven"):
        with pytest.raises(ReminderError, match="is not a time of day"):
            make(bad)


def _verify(
    folder: Path, files: dict[str, str], tmp_path: Path
) -> subprocess.CompletedProcess[str]:
    for name, text in files.items():
        (folder / name).write_text(text)
    runtime = tmp_path / "runtime"
    runtime.mkdir(mode=0o700, exist_ok=True)
    return subprocess.run(
        ["systemd-analyze", "verify", "--user", *(str(folder / n) for n in files)],
        capture_output=True, text=True, check=False,
        env={**os.environ, "XDG_RUNTIME_DIR": str(runtime)},
    )  # fmt: skip


@pytest.mark.parametrize("reminder", [WEEKDAYS, DAILY], ids=["weekdays", "daily"])
def test_the_systemd_timer_and_service_pass_systemd_analyze_verify(
    reminder: Reminder, tmp_path: Path
) -> None:
    need("systemd-analyze")
    units = systemd.units(reminder, COMMAND, {"SESSION_PLAYER_HOME": "/tmp/a home"})
    done = _verify(tmp_path, units, tmp_path)
    assert done.returncode == 0, done.stderr
    said = subprocess.run(
        ["systemd-analyze", "calendar", "--iterations=6", systemd.calendar(reminder)],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    elapses = [row.split(":", 1)[1].strip() for row in said.splitlines() if "lapse" in row]
    days = {when.split()[0].lower() for when in elapses}
    assert days <= set(reminder.days) and all(reminder.time + ":00" in w for w in elapses)


def test_systemd_analyze_verify_catches_a_broken_unit(tmp_path: Path) -> None:
    # The check above can fail: a unit with an impossible calendar is refused.
    need("systemd-analyze")
    units = systemd.units(WEEKDAYS, COMMAND)
    timer = f"{WEEKDAYS.name}.timer"
    units[timer] = units[timer].replace("Mon,", "Mun,")
    assert _verify(tmp_path, units, tmp_path).returncode != 0


def test_a_cron_line_reads_back_as_the_reminder() -> None:
    env = {"DBUS_SESSION_BUS_ADDRESS": "unix:path=/run/user/1000/bus", "X": "50%"}
    row = cron.line(WEEKDAYS, COMMAND, env)
    entry = cron.parse(row)
    assert entry.command[:2] == ["DBUS_SESSION_BUS_ADDRESS=unix:path=/run/user/1000/bus",
                                 "X=50%"]  # fmt: skip
    assert entry.command[2:] == COMMAND
    monday, saturday = date(2026, 12, 7).weekday(), date(2026, 12, 12).weekday()
    assert entry.fires(monday, 7, 30) and not entry.fires(saturday, 7, 30)
    assert not entry.fires(monday, 7, 31)
    every = cron.parse(cron.line(DAILY, COMMAND, {}))
    assert every.fires(saturday, 21, 5) and every.day_of_week == "*"


def test_only_our_cron_lines_are_taken_out() -> None:
    theirs = "0 3 * * * /usr/bin/backup\n"
    ours = cron.line(WEEKDAYS, COMMAND, {}) + "\n" + cron.line(DAILY, COMMAND, {}) + "\n"
    assert cron.without(theirs + ours, "07:30") == theirs + cron.line(DAILY, COMMAND, {}) + "\n"
    assert cron.without(theirs + ours) == theirs


def test_the_launchd_agent_is_a_property_list_of_the_right_shape() -> None:
    agent = plistlib.loads(launchd.plist(WEEKDAYS, COMMAND, {"SESSION_PLAYER_HOME": "/h"}))
    assert agent["Label"] == "org.session-player.remind.0730"
    assert agent["ProgramArguments"] == COMMAND
    assert agent["StartCalendarInterval"] == [
        {"Weekday": day, "Hour": 7, "Minute": 30} for day in (1, 2, 3, 4, 5)
    ]
    assert agent["EnvironmentVariables"] == {"SESSION_PLAYER_HOME": "/h"}
    daily = plistlib.loads(launchd.plist(DAILY, COMMAND, {}))
    assert daily["StartCalendarInterval"] == [{"Hour": 21, "Minute": 5}]
    assert "EnvironmentVariables" not in daily


def test_the_task_scheduler_xml_has_the_shape_schtasks_takes() -> None:
    ns = {"t": schtasks.NAMESPACE}
    command = ["C:\\Program Files\\sp\\session-player.exe", "remind", "--notify", "--session",
               "body scan & rest"]  # fmt: skip
    xml = schtasks.task_xml(WEEKDAYS, command)
    root = ElementTree.fromstring(xml.split("\n", 1)[1])  # the declaration names UTF-16
    assert root.tag == f"{{{schtasks.NAMESPACE}}}Task"
    trigger = root.find("t:Triggers/t:CalendarTrigger", ns)
    assert trigger is not None
    assert trigger.findtext("t:StartBoundary", namespaces=ns).endswith("T07:30:00")
    days = trigger.find("t:ScheduleByWeek/t:DaysOfWeek", ns)
    assert days is not None
    assert [d.tag.split("}")[1] for d in days] == [
        "Monday", "Tuesday", "Wednesday", "Thursday", "Friday"
    ]  # fmt: skip
    assert root.findtext("t:Actions/t:Exec/t:Command", namespaces=ns) == command[0]
    args = root.findtext("t:Actions/t:Exec/t:Arguments", namespaces=ns)
    assert args == 'remind --notify --session "body scan & rest"'
    daily = ElementTree.fromstring(schtasks.task_xml(DAILY, command).split("\n", 1)[1])
    assert daily.find("t:Triggers/t:CalendarTrigger/t:ScheduleByDay", ns) is not None


# -- the command, through a crontab of the test's own -----------------------------------------

FAKE_CRONTAB = """#!/bin/sh
# crontab -l prints the table; crontab - replaces it (as cron's own crontab does).
if [ "$1" = "-l" ]; then
  [ -f "{table}" ] && cat "{table}" && exit 0
  echo "no crontab" >&2; exit 1
fi
if [ "$1" = "-" ]; then cat > "{table}"; exit 0; fi
exit 2
"""


@pytest.fixture
def crontab(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    table = tmp_path / "crontab"
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    fake = bin_dir / "crontab"
    fake.write_text(FAKE_CRONTAB.format(table=table))
    fake.chmod(0o755)
    # A systemctl with no user manager to reach, as on a machine without systemd (and never
    # the developer's own): the command falls back to cron.
    (bin_dir / "systemctl").write_text("#!/bin/sh\necho 'Failed to connect to bus' >&2\nexit 1\n")
    (bin_dir / "systemctl").chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_dir}:{Path(sys.executable).parent}:/bin")
    table.write_text("0 3 * * * /usr/bin/backup\n")
    return table


def _remind(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "session_player", "remind", *args],
        capture_output=True, text=True, check=False,
    )  # fmt: skip


def test_remind_adds_lists_and_removes_through_cron(crontab: Path) -> None:
    added = _remind("07:30", "--days", "mon-fri")
    assert added.returncode == 0, added.stderr
    assert added.stdout == "Reminder set: 07:30 mon-fri, through cron.\n"
    rows = crontab.read_text().splitlines()
    assert rows[0] == "0 3 * * * /usr/bin/backup"
    entry = cron.parse(rows[1])
    assert entry.fires(0, 7, 30) and "--notify" in entry.command
    assert _remind("21:00").returncode == 0
    assert _remind("--list").stdout == "07:30 mon-fri\n21:00 every day\n"
    off = _remind("--off", "7:30")
    assert off.stdout == "Removed: 07:30 mon-fri.\n"
    assert [cron.parse(r).hour for r in crontab.read_text().splitlines()[1:]] == ["21"]
    assert _remind("--off").returncode == 0
    assert crontab.read_text() == "0 3 * * * /usr/bin/backup\n"
    assert _remind("--list").stdout.startswith("No reminders.")


def test_remind_refuses_bad_words_kindly(crontab: Path) -> None:
    for args, said in (
        (["7.30"], "is not a time of day"),
        (["07:30", "--days", "someday"], "is not a day"),
        (["07:30", "--session", "no-such-session"], "no session named 'no-such-session'"),
        ([], "say when"),
    ):
        done = _remind(*args)
        assert done.returncode == 1 and said in done.stderr, done.stderr
        assert "Traceback" not in done.stderr
    assert crontab.read_text() == "0 3 * * * /usr/bin/backup\n"


def test_the_reminder_itself_shows_a_notification_and_opens_nothing(
    desktop: object, tmp_path: Path
) -> None:
    from tests.desktop.bus_fixture import Desktop

    assert isinstance(desktop, Desktop)
    shown = desktop.start_dunst()
    done = subprocess.run(
        [sys.executable, "-m", "session_player", "remind", "--notify", "--session", "body-scan"],
        env=desktop.env, capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert done.stdout == ""
    from tests.desktop.bus_fixture import eventually

    eventually(shown.exists, "the reminder reached dunst")
    assert shown.read_text().split("\t")[1:] == [
        "A few minutes for yourself?", "When you are ready: session-player play body-scan\n"
    ]  # fmt: skip


def test_on_windows_the_reminder_is_a_toast(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from session_player.cli.main import main

    said = tmp_path / "said"
    fake = tmp_path / "bin" / "powershell"  # Windows PowerShell, noting the words it was handed
    fake.parent.mkdir()
    fake.write_text(
        f'#!/bin/sh\nprintf "%s|%s\\n" "$SESSION_PLAYER_SUMMARY" "$SESSION_PLAYER_BODY" > {said}\n'
    )
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", f"{fake.parent}:/usr/bin:/bin")
    monkeypatch.setattr(sys, "platform", "win32")
    assert main(["remind", "--notify", "--session", "body-scan"]) == 0
    assert capsys.readouterr().out == ""
    assert said.read_text() == (
        "A few minutes for yourself?|When you are ready: session-player play body-scan\n"
    )
