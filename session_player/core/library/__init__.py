"""What the library holds: scripts found and checked, their cards, courses and the quick timer."""
