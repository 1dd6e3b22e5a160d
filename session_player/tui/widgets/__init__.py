"""Widgets of the player: pacer, outline, clock face, guidance and the prompt area."""
