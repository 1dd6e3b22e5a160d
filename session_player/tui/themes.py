"""Two calm themes of our own (muted colours, no alarm reds, enough contrast to read slowly),
and how the settings name them and the themes Textual brings."""

from __future__ import annotations

from collections.abc import Iterable

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


def theme_name(choice: str) -> str:
    """The Textual theme a settings choice names: ours for "dark" and "light", else itself."""
    return THEMES[choice].name if choice in THEMES else choice


def choice_of(name: str) -> str:
    """The settings choice for Textual theme ``name`` (the reverse of ``theme_name``)."""
    return next((choice for choice, theme in THEMES.items() if theme.name == name), name)


def theme_choices(available: Iterable[str]) -> list[tuple[str, str]]:
    """The Settings screen's choices, as (shown, choice): our two calm themes first, then every
    other theme Textual has, by name (the same ones the command palette offers)."""
    ours = {theme.name for theme in THEMES.values()}
    others = sorted(name for name in available if name not in ours)
    return [("Calm dark", "dark"), ("Calm light", "light")] + [(name, name) for name in others]
