"""The desktop around a session: notifications held, the machine kept awake, a notification at
the end, the person's hooks, the status line and reminders.

Every part is optional: a desktop that lacks one gets a one-line notice at most, never an error.
Nothing here imports Textual or the audio layer; the conductor wires it into a session's life.
"""
