"""Reminders to practise, kept by the operating system's own scheduler: a systemd user timer
(cron where there is no systemd), a launchd agent on macOS, a Task Scheduler task on Windows.
One module per scheduler; nothing of ours runs in the background."""
