"""session-player: timed, guided self-compassion and mindfulness practice in the terminal."""

__version__ = "0.1.0"
