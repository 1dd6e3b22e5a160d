"""A Task Scheduler task on Windows, as the XML ``schtasks /Create /XML`` takes."""

from __future__ import annotations

import subprocess
from xml.sax.saxutils import escape

from .reminder import DAYS, Reminder

NAMESPACE = "http://schemas.microsoft.com/windows/2004/02/mit/task"
WEEKDAYS = {
    "mon": "Monday", "tue": "Tuesday", "wed": "Wednesday", "thu": "Thursday", "fri": "Friday",
    "sat": "Saturday", "sun": "Sunday",
}  # fmt: skip


def task_name(reminder: Reminder) -> str:
    """The task's name: ``session-player\\remind-0730``."""
    return f"session-player\\remind-{reminder.hour:02d}{reminder.minute:02d}"


def task_xml(reminder: Reminder, command: list[str]) -> str:
    """The task: a calendar trigger at the time on the days, running the command hidden."""
    start = f"2025-01-01T{reminder.time}:00"
    if reminder.days == DAYS:
        schedule = "<ScheduleByDay><DaysInterval>1</DaysInterval></ScheduleByDay>"
    else:
        days = "".join(f"<{WEEKDAYS[d]} />" for d in reminder.days)
        schedule = (
            f"<ScheduleByWeek><DaysOfWeek>{days}</DaysOfWeek>"
            "<WeeksInterval>1</WeeksInterval></ScheduleByWeek>"
        )
    arguments = subprocess.list2cmdline(command[1:])
    return f"""<?xml version="1.0" encoding="UTF-16"?>
<Task version="1.2" xmlns="{NAMESPACE}">
  <RegistrationInfo>
    <Description>session-player: a gentle reminder to practise</Description>
  </RegistrationInfo>
  <Triggers>
    <CalendarTrigger>
      <StartBoundary>{start}</StartBoundary>
      <Enabled>true</Enabled>
      {schedule}
    </CalendarTrigger>
  </Triggers>
  <Principals>
    <Principal id="Author"><LogonType>InteractiveToken</LogonType></Principal>
  </Principals>
  <Settings>
    <MultipleInstancesPolicy>IgnoreNew</MultipleInstancesPolicy>
    <DisallowStartIfOnBatteries>false</DisallowStartIfOnBatteries>
    <StartWhenAvailable>false</StartWhenAvailable>
    <ExecutionTimeLimit>PT1M</ExecutionTimeLimit>
    <Hidden>true</Hidden>
  </Settings>
  <Actions Context="Author">
    <Exec><Command>{escape(command[0])}</Command><Arguments>{escape(arguments)}</Arguments></Exec>
  </Actions>
</Task>
"""
