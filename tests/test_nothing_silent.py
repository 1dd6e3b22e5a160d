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

from session_player.audio.api import DEFAULT_FADE_MS, FADE_AHEAD_S
from session_player.conductor.listeners.grounding import CALM, RESUMING, SOFT
from session_player.conductor.listeners.prompts import check_in_said
from session_player.conductor.listeners.turns import LEAVE_FADE_MS
from session_player.core.care import grounding_words
from session_player.core.script.kinds._prompt import WAIT_GAP
from session_player.core.session.checkins import QUESTIONS
from session_player.home.settings import Settings

Sit = Callable[..., Sitting]
SILENT_AFTER = FADE_AHEAD_S + LEAVE_FADE_MS / 1000  # a faded voice is silent this soon

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
    s = sit(checkins=True, short_checkins=True, end_chime="bell")
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
    s = sit(checkins=True, short_checkins=True)
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
    s = sit(checkins=True, short_checkins=True, waiting_cues=False)
    s.to_end()
    s.conductor.asking("after")
    s.wait(30.0)
    assert not [sound for sound in s.out.sounds if sound.name == "waiting.wav"]


def test_the_grounding_pause_is_said_calmly_and_resuming_softly_after_it(sit: Sit) -> None:
    s = sit(crisis_line="Call Sam on 555 0100")
    assert s.conductor.grounding_pause.rendered.wait(10)  # in the background, after the lines
    s.wait(1.0)
    s.hand(s.session.pause())  # the grounding pause holds the session
    s.conductor.grounding()
    s.wait(10.0)
    s.hand(s.session.resume())
    s.conductor.grounded(True)
    s.to_end()
    assert s.out.voices_together() == []
    words = grounding_words("Call Sam on 555 0100")
    said = s.out.said()
    # Through the pause, once the line it interrupted has faded out.
    assert (pytest.approx(1.0 + FADE_AHEAD_S + DEFAULT_FADE_MS / 1000), words) in said
    assert s.speech.rates[words] == round(Settings().voice_rate * CALM)  # a little slower
    (resuming,) = [sound for sound in s.out.sounds if s.speech.texts[sound.name] == RESUMING]
    assert resuming.stretches()[0][0] == pytest.approx(11.0 + SILENT_AFTER)  # once faded
    assert resuming.volume == round(Settings().voice_volume * SOFT)
    # The welcome the pause interrupted is not resumed under what follows: it was let go.
    (welcome,) = [
        sound for sound in s.out.sounds if s.speech.texts[sound.name].startswith("Welcome")
    ]
    assert welcome.stretches()[-1][1] < 2.0


def test_ending_from_the_grounding_pause_fades_its_words_and_says_nothing_more(sit: Sit) -> None:
    s = sit()
    assert s.conductor.grounding_pause.rendered.wait(10)
    s.wait(1.0)
    s.hand(s.session.pause())
    s.conductor.grounding()
    s.wait(5.0)
    s.hand(s.session.stop("stopped"))
    s.conductor.grounded(False)
    s.wait(30.0)
    spoken = [sound for sound in s.out.sounds if sound.speech]
    assert [s.speech.texts[sound.name] for sound in spoken][-1] == grounding_words()
    assert spoken[-1].stretches()[-1][1] < 6.0 + SILENT_AFTER + 0.5


def test_a_grounding_pause_opened_before_its_words_are_ready_is_said_when_they_are(
    sit: Sit,
) -> None:
    s = sit()
    ready = s.conductor.grounding_pause.rendered
    assert ready.wait(10)
    s.conductor.grounding_pause._rendered = {}  # as if its words were still rendering
    s.hand(s.session.pause())
    s.conductor.grounding()
    assert not [x for x in s.out.sounds if s.speech.texts.get(x.name) == grounding_words()]
    s.conductor.grounding_pause.render()  # the render finishes while the pause is open
    assert ready.wait(10)  # set once what it had to say late has been started
    assert [x for x in s.out.sounds if s.speech.texts.get(x.name) == grounding_words()]
