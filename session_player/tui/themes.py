"""Two calm themes: muted colours, no alarm reds, enough contrast to read slowly."""

from __future__ import annotations

from textual.theme import Theme

DARK = Theme(
    name="session-dark",
    primary="#7fa3b8",
    secondary="#5f7f8f",
    accent="#b9a27a",
    warning="#c9a66b",
    error="#c48a8a",
    success="#8fb39a",
    foreground="#d8dde0",
    background="#1c2226",
    surface="#232a2f",
    panel="#2b3339",
    dark=True,
)

LIGHT = Theme(
    name="session-light",
    primary="#3f6a80",
    secondary="#5f7f8f",
    accent="#8a6d3b",
    warning="#8a6d3b",
    error="#9a5a5a",
    success="#4d7a5a",
    foreground="#263238",
    background="#f4f1ea",
    surface="#ebe7de",
    panel="#e0dbd0",
    dark=False,
)

THEMES = {"dark": DARK, "light": LIGHT}
"""The settings' theme names and the Textual themes they pick."""
