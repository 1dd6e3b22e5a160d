"""Widgets of the player: pacer, outline, timer, guidance and the prompt area."""
