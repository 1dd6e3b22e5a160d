"""Nothing silent that should speak: the closing check-in after a session stopped from the stop
question (which pauses it first), the app's check-in followed by the soft cue that the session
waits, and the grounding pause said aloud.

Sounds go to an output that keeps when each would be heard (tests/timed_output.py), on
manual clocks.
What reaches ALSA: tests/audio/test_audio_spoken.py.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from conductor_fakes import manual_workers, script
from timed_output import Sitting, said_seconds

from session_player.conductor.listeners.prompts import check_in_said
from session_player.core.script.kinds._prompt import WAIT_GAP
from session_player.core.session.checkins import QUESTIONS

Sit = Callable[..., Sitting]

STEPS = """
[[step]]
say = "Welcome. Let yourself arrive, and settle into the seat beneath you."
pause = "20s"
"""


@pytest.fixture
def sit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Sit:
    workers = manual_workers(monkeypatch)

    def make(steps: str = STEPS, head: str = "", **settings: object) -> Sitting:
        return Sitting(script(head, steps), tmp_path, workers, **settings)

    return make


def test_a_session_stopped_from_the_stop_question_says_its_closing_check_in(sit: Sit) -> None:
    s = sit(checkins=True, end_chime="bell")
    s.wait(2.0)
    s.hand(s.session.pause())  # the stop question holds the session while it is open
    s.wait(3.0)
    s.hand(s.session.stop("stopped"))
    s.conductor.asking("after")
    s.wait(20.0)
    said = [words for _, words in s.out.said()]
    assert said[-1] == check_in_said("after")
    assert said[-1].startswith(QUESTIONS["after"])
    assert s.out.voices_together() == []


def test_the_apps_check_in_is_followed_by_the_soft_cue_that_it_waits(sit: Sit) -> None:
    s = sit(checkins=True)
    s.to_end()
    ended = s.timers.now
    s.conductor.asking("after")
    s.wait(30.0)
    question = check_in_said("after")
    (asked,) = [at for at, words in s.out.said() if words == question]
    cues = [sound.start for sound in s.out.sounds if sound.name == "waiting.wav"]
    assert cues == [pytest.approx(asked + said_seconds(question) + WAIT_GAP)]
    assert asked >= ended
    # Answered before the cue: it never sounds.
    s.conductor.asking("after")
    s.wait(1.0)
    s.conductor.check_in("after", "settled", 6)
    s.wait(30.0)
    assert len([sound for sound in s.out.sounds if sound.name == "waiting.wav"]) == 1


def test_no_waiting_cue_when_the_person_turned_them_off(sit: Sit) -> None:
    s = sit(checkins=True, waiting_cues=False)
    s.to_end()
    s.conductor.asking("after")
    s.wait(30.0)
    assert not [sound for sound in s.out.sounds if sound.name == "waiting.wav"]
