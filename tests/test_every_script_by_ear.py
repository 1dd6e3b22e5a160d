"""Every bundled script can be followed to the end by ear: played through the real conductor
with the voice on, each thing the session shows (a line, a prompt, a touch, a breath phase, the
read-back of what was written) is heard as it appears, and no line is said over a bell's strike.
A read-back shown without `speak` (the default for what the person wrote) is announced aloud by
the line just before it.

Sounds go to a recording output; the session's clock, the conductor's timers and the voice's
answers thread all move when the test says, so a twenty-minute script plays in a moment.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conductor_fakes import FakeOutput, ManualTimers, SlowSpeech, manual_workers

from session_player.conductor.dispatcher import Conductor
from session_player.core.bundled import bundled_scripts_dir
from session_player.core.clock import FakeClock
from session_player.core.script.loader import load_script
from session_player.core.session import events as ev
from session_player.core.session.engine import Session
from session_player.core.session.timeline import STRIKE
from session_player.home.settings import Settings

SCRIPTS = sorted(bundled_scripts_dir().glob("*.toml"))
STEP = 0.25  # seconds of session time a turn
ANSWER_AFTER = 6.0  # a person takes a moment before answering
ANSWERS = {"ask": "Robin", "write": "Something kind, written slowly.", "check_in": "5"}
HEARD = (ev.LineShown, ev.Prompted, ev.TouchCue, ev.BreathPhase, ev.ChimeRang)


def test_there_are_bundled_scripts() -> None:
    assert len(SCRIPTS) > 20


@pytest.mark.parametrize("path", SCRIPTS, ids=lambda p: p.stem)
def test_every_bundled_script_can_be_followed_by_ear(
    path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    workers = manual_workers(monkeypatch)
    timers = ManualTimers()
    out, speech = FakeOutput(), SlowSpeech(tmp_path)
    settings = Settings(start_chime="bell", end_chime="bell", checkins=False)
    c = Conductor(settings, output=out, speech=speech, wall=timers.wall, timers=timers)  # type: ignore[arg-type]
    script = load_script(path)
    assert not isinstance(script, list), script
    timeline = c.prepare(script, lambda done, total: None)
    clock = FakeClock()
    session = Session(timeline, clock)
    c.begin(session)

    unheard: list[str] = []
    bells: list[float] = []
    spoken: list[tuple[float, str]] = []
    ahead: set[tuple[float, str]] = set()  # phases whose tone was started as they were told

    def hand(events: list[ev.Event]) -> None:
        for event in events:
            before = len(out.played())
            c.handle([event])
            if isinstance(event, ev.Answered):
                workers.run()  # lines with the answer in them are rendered now
            if isinstance(event, ev.BreathComing) and len(out.played()) > before:
                ahead.add((event.due, event.phase))  # heard on the boundary, started ahead
            if not isinstance(event, HEARD):
                continue
            if isinstance(event, ev.ChimeRang):
                if event.sound is None:
                    continue
                bells.append(event.at)
            elif not isinstance(event, ev.BreathPhase):
                spoken.append((event.at, type(event).__name__))
            if isinstance(event, ev.LineShown) and not event.speak:
                # What the person wrote is read back on screen by default (#21): the line before
                # it says so aloud, so the ear knows what the quiet is for.
                spoken.pop()  # shown, not said
                before_it = spoken[-1:]
                announced = event.written and any(
                    kind == "LineShown" and event.at - 30 <= at for at, kind in before_it
                )
                if not announced:
                    unheard.append(f"shown, never said: {event.text!r}")
                continue
            elif (
                len(out.played()) == before and (event.at, getattr(event, "phase", "")) not in ahead
            ):
                unheard.append(f"{type(event).__name__} at {event.at:.1f} s made no sound")

    hand(session.start())
    asked_at: float | None = None
    for _ in range(int(4 * 3600 / STEP)):
        if session.ended is not None:
            break
        clock.advance(STEP)
        timers.advance(STEP)
        hand(session.poll())
        prompt = session.prompt
        if prompt is None:
            asked_at = None
        elif asked_at is None:
            asked_at = session.practised
        elif session.practised - asked_at >= ANSWER_AFTER:
            hand(session.answer(ANSWERS[prompt.kind]))
    assert session.ended is not None and session.ended.reason == "completed"
    c.close()

    assert unheard == []
    # Nothing is said over a bell while it strikes.
    for bell in bells:
        over = [(at, kind) for at, kind in spoken if bell <= at < bell + STRIKE - 1e-6]
        assert over == [], (bell, over)
