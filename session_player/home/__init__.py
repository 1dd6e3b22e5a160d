"""The person's own folders and files: where things live, settings, timers, courses."""
