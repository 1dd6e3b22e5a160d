"""A session as it plays: the timeline, the engine against a clock, its events and check-ins."""
