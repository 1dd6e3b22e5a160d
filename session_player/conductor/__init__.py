"""The conductor: hands each session event to its listeners, for both front ends."""
