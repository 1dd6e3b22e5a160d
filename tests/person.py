"""What a person does to a playing session, by name: the property tests' random moves."""

from __future__ import annotations

from session_player.core.session.engine import Session
from session_player.core.session.events import Event

ACTIONS = ("next", "back", "pause", "resume", "answer", "stop")
ANSWERS = {"ask": "Robin", "write": "Something kind, written slowly.", "check_in": "5"}


def doing(session: Session, action: str) -> list[Event]:
    """The events of ``action``: a key, or an answer to the question on show (none if none)."""
    if action == "next":
        return session.next_step()
    if action == "back":
        return session.previous_step()
    if action == "pause":
        return session.pause()
    if action == "resume":
        return session.resume()
    if action == "stop":
        return session.stop("stopped")
    if session.prompt is not None:
        return session.answer(ANSWERS[session.prompt.kind])
    return []
