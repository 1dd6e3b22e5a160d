"""No wait before the first word: the voice is made in the order it is heard, the session starts
once what is heard first is made, and the rest is made while it plays, with the timing of a
voice made beforehand. A step reached before its voice waits at its start, time standing still.

A fake renderer makes each line only when the test lets it; a fake clock drives the session.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from conductor_fakes import FakeOutput, FakeSpeech

from session_player.conductor.ahead import heard_first
from session_player.conductor.dispatcher import Conductor
from session_player.conductor.listeners.prompts import check_in_said
from session_player.core.clock import FakeClock
from session_player.core.script.loader import load_text
from session_player.core.script.model import Script
from session_player.core.script.presets import PHASE_WORDS
from session_player.core.session import events as ev
from session_player.core.session.engine import Session
from session_player.home.settings import Settings

LINES = [f"Line {n}: let yourself rest here for a while, {'and breathe ' * n}." for n in range(8)]
STEPS = "\n".join(f'[[step]]\nsay = "{line}"\npause = "20s"\n' for line in LINES)
TEXT = f'title = "Long"\npractice = "custom"\n{STEPS}'


class GatedSpeech(FakeSpeech):
    """Makes each line, in the order asked, only once the test ``allow``s it; ``cached`` says
    what is made. A line lasts 1 s plus a tenth of a second a character (not the reading
    estimate, so a layout with real lengths differs from one without)."""

    def __init__(self, folder: Path) -> None:
        super().__init__(folder)
        self.made: dict[str, Path] = {}
        self.order: list[str] = []
        self._allowed = 0
        self._changed = threading.Condition()

    def allow(self, lines: int = 1_000) -> None:
        with self._changed:
            self._allowed += lines
            self._changed.notify_all()

    def wait_made(self, count: int) -> None:
        with self._changed:
            assert self._changed.wait_for(lambda: len(self.made) >= count, timeout=10)

    def cached(self, text: str, voice: str | None, rate: int) -> Path | None:
        return self.made.get(text)

    def render_missing(self, lines: Any, voice: str | None, rate: int, progress: Any) -> dict:
        todo = [t for t in lines if t not in self.made]
        for done, text in enumerate(todo, start=1):
            with self._changed:
                assert self._changed.wait_for(lambda: len(self.made) < self._allowed, 10)
                path = self.folder / f"{len(self.made)}.wav"
                self.made[text], _ = path, self.order.append(text)
                self._changed.notify_all()
            if progress is not None:
                progress(done, len(todo))
        return dict(self.made)

    def length_seconds(self, path: Path) -> float:
        text = next(t for t, p in self.made.items() if p == path)
        return 1.0 + len(text) / 10


def script_of(text: str = TEXT) -> Script:
    script = load_text(text)
    assert not isinstance(script, list), script
    return script


def conductor(tmp_path: Path, **settings: Any) -> tuple[Conductor, GatedSpeech]:
    speech = GatedSpeech(tmp_path)
    chosen = {"checkins": False, "start_chime": "none", "end_chime": "none", **settings}
    return Conductor(Settings(**chosen), output=FakeOutput(), speech=speech), speech  # type: ignore[arg-type]


def prepare_in_thread(played: Conductor, handed: Script) -> tuple[threading.Thread, list[Any]]:
    result: list[Any] = []
    thread = threading.Thread(
        target=lambda: result.append(played.prepare(handed, lambda d, t: None))
    )
    thread.start()
    return thread, result


def play(session: Session, clock: FakeClock, speech: GatedSpeech | None = None) -> list[Any]:
    """Every event of ``session`` to its end, looking every quarter second; with ``speech``,
    one more line is made before each look (the voice well ahead of the session)."""
    heard: list[Any] = session.start()
    while session.ended is None:
        if speech is not None:
            speech.allow(1)
            speech.wait_made(min(len(speech.made) + 1, len(LINES)))
        clock.advance(0.25)
        heard += session.poll()
    return heard


def test_lines_are_made_in_the_order_they_are_heard(tmp_path: Path) -> None:
    played, speech = conductor(tmp_path, checkins=True)
    speech.allow()
    played.prepare(script_of(), lambda done, total: None)
    before, after = check_in_said("before"), check_in_said("after")
    assert speech.order == [before, *LINES, after]


def test_breath_words_are_made_before_the_first_breathing_steps_lines(tmp_path: Path) -> None:
    text = 'title = "B"\npractice = "custom"\n[[step]]\nsay = "Arrive."\n[[step]]\n'
    text += 'breathe = "4-4"\nfor = "16s"\nlines = [{ at = "4s", say = "Follow the breath." }]\n'
    played, speech = conductor(tmp_path, breath_sounds="words")
    speech.allow()
    played.prepare(script_of(text), lambda done, total: None)
    assert speech.order[0] == "Arrive."
    assert speech.order[-1] == "Follow the breath."
    assert set(speech.order[1:-1]) == set(PHASE_WORDS.values())


def test_the_session_starts_once_its_first_line_is_made(tmp_path: Path) -> None:
    # Silent steps first: the session waits for the first step that says something, alone.
    silent = '[[step]]\nsilence = "2s"\n[[step]]\nchime = "bell"\n[[step]]'
    text = TEXT.replace("[[step]]", silent, 1)
    played, speech = conductor(tmp_path)
    thread, result = prepare_in_thread(played, script_of(text))
    speech.allow(1)
    thread.join(10)
    assert result and result[0].unfolding is not None  # started with the rest still to make
    assert speech.order == LINES[:1]
    played.close()


def test_a_check_in_first_starts_once_its_question_is_made(tmp_path: Path) -> None:
    played, speech = conductor(tmp_path, checkins=True)
    thread, result = prepare_in_thread(played, script_of())
    speech.allow(1)
    thread.join(10)
    assert result and speech.order == [check_in_said("before")]
    played.close()


def test_the_timing_is_that_of_a_voice_made_beforehand(tmp_path: Path) -> None:
    made_first, speech = conductor(tmp_path / "first")
    (tmp_path / "first").mkdir(), speech.allow()
    beforehand = made_first.prepare(script_of(), lambda done, total: None)
    assert beforehand.unfolding is None
    clock = FakeClock()
    expected = play(Session(beforehand, clock), clock)

    unfolding, gated = conductor(tmp_path)
    thread, result = prepare_in_thread(unfolding, script_of())
    gated.allow(3)
    thread.join(10)
    assert result[0].unfolding is not None
    clock = FakeClock()  # from the same start
    heard = play(Session(result[0], clock), clock, gated)
    assert len(gated.made) == len(LINES)  # made while it played
    plain = [e for e in heard if not isinstance(e, ev.SessionStarted)]
    assert plain == [e for e in expected if not isinstance(e, ev.SessionStarted)]
    assert not any(isinstance(e, ev.VoiceAwaited) for e in heard)
    assert heard[-1] == expected[-1]  # the same end, practised and planned


def test_a_step_reached_before_its_voice_waits_for_it(tmp_path: Path) -> None:
    played, speech = conductor(tmp_path)
    thread, result = prepare_in_thread(played, script_of())
    speech.allow(4)  # the first minute (three steps) and one more; then the machine stalls
    thread.join(10)
    speech.wait_made(4)
    clock = FakeClock()
    session = Session(result[0], clock)
    events = session.start()
    while not any(isinstance(e, ev.VoiceAwaited) for e in events):
        clock.advance(0.25)
        events = session.poll()
    waited = next(e for e in events if isinstance(e, ev.VoiceAwaited))
    assert waited.step == 4
    shown = [e.text for e in events if isinstance(e, ev.LineShown)]
    assert LINES[4] not in shown
    for _ in range(120):  # a long wait, looked at as a front end looks: nothing is said
        clock.advance(0.25)
        assert session.poll() == []
    assert session.practised == waited.at
    assert session.next_due() is not None  # the front end keeps looking
    speech.allow()
    speech.wait_made(len(LINES))
    clock.advance(0.25)
    resumed = session.poll()
    assert isinstance(resumed[0], ev.StepStarted) and resumed[0].index == 4
    assert resumed[0].at == waited.at  # the step begins where it waited
    line = next(e for e in resumed if isinstance(e, ev.LineShown))
    assert line.text == LINES[4] and line.at == waited.at
    while session.ended is None:
        clock.advance(1.0)
        session.poll()
    assert session.ended.practised == session.timeline.length  # the wait is not practice
    played.close()


def test_a_wait_for_the_voice_can_be_paused_or_skipped(tmp_path: Path) -> None:
    played, speech = conductor(tmp_path)
    thread, result = prepare_in_thread(played, script_of())
    speech.allow(3)
    thread.join(10)
    clock = FakeClock()
    session = Session(result[0], clock)
    session.start()
    events: list[Any] = []
    while not any(isinstance(e, ev.VoiceAwaited) for e in events):
        clock.advance(0.25)
        events = session.poll()
    at = session.practised
    assert isinstance(session.pause()[-1], ev.Paused)
    clock.advance(5.0)
    speech.allow(1)
    speech.wait_made(4)
    assert session.poll() == []  # paused: the ready step waits for the person, not the voice
    resumed = session.resume()
    assert any(isinstance(e, ev.StepStarted) and e.index == 3 for e in resumed)
    assert session.practised == at
    skipped = session.next_step()  # on to a step whose voice is not made: it waits
    assert [type(e) for e in skipped][-1] is ev.VoiceAwaited
    for _ in range(12):
        clock.advance(0.25)
        assert session.poll() == []
    assert session.practised == at  # waiting at step 4 from the moment of the skip
    played.close()


def test_a_play_closed_while_its_voice_is_made_makes_nothing_more_for_it(tmp_path: Path) -> None:
    played, speech = conductor(tmp_path)
    played.grounds = True  # the grounding pause's words come after the session's lines
    thread, _result = prepare_in_thread(played, script_of())
    speech.allow(3)
    thread.join(10)
    unfolding = played.unfolding
    assert unfolding is not None and not unfolding.done
    played.close()  # the person left: the line being made is the last
    speech.allow()
    with unfolding._changed:
        assert unfolding._changed.wait_for(lambda: unfolding.done, timeout=10)
    assert len(speech.made) <= 4
    assert not played.grounding_pause.rendered.is_set()  # its words were never asked for


def test_what_a_play_waits_for_can_be_made_ahead(tmp_path: Path) -> None:
    # While the library shows a session, its first line (or the check-in's question) is made.
    played, _speech = conductor(tmp_path)
    assert heard_first(played, script_of())[1] == LINES[:1]
    asked, _speech = conductor(tmp_path, checkins=True)
    assert heard_first(asked, script_of())[1] == [check_in_said("before")]
