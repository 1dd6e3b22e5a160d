"""Pilot, snapshot and settings tests of the terminal front end."""
