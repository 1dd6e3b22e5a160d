"""One voice at a time: skipping, going back and stopping fade the voice of the step left
before the next step speaks; breath words and counts give way to a line said over the pacer,
and a count never sounds into the next phase's word.

Sounds go to an output that keeps when each would be heard (tests/timed_output.py), on
manual clocks: nothing here waits. What the real player does with a fade is checked at ALSA in
tests/audio/test_audio_one_voice.py.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conductor_fakes import manual_workers, script
from timed_output import Sitting, TimedSpeech, said_seconds

from session_player.audio.api import DEFAULT_FADE_MS, FADE_AHEAD_S
from session_player.conductor.listeners.ducking import ducked
from session_player.conductor.listeners.turns import LEAVE_FADE_MS
from session_player.core.script.presets import PHASE_WORDS, count_word
from session_player.core.session import events as ev
from session_player.core.session.checkins import QUESTIONS
from session_player.core.session.timeline import STRIKE
from session_player.home.settings import Settings

SILENT_AFTER = FADE_AHEAD_S + LEAVE_FADE_MS / 1000  # a left step's voice is silent this soon

THREE = """
[[step]]
say = "The first line is a long one, and it goes on for quite a few words before it ends."
pause = "3s"
[[step]]
say = "The second line also takes its time, many words, one after another, slowly."
pause = "3s"
[[step]]
say = "The third line."
"""


Sit = Callable[..., Sitting]


@pytest.fixture
def sit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Sit:
    workers = manual_workers(monkeypatch)

    def make(steps: str, head: str = "", **settings: object) -> Sitting:
        return Sitting(script(head, steps), tmp_path, workers, **settings)

    return make


def test_skipping_fades_the_line_before_the_next_step_speaks(sit: Sit) -> None:
    s = sit(THREE)
    s.wait(1.0)
    s.hand(s.session.next_step())
    assert s.out.voices_together() == []
    (first, second) = s.out.sounds
    # The first line was cut short by a quick fade, and the second begins once it is silent.
    assert first.stretches() == [(0.0, pytest.approx(1.0 + SILENT_AFTER))]
    assert second.stretches()[0][0] == pytest.approx(1.0 + SILENT_AFTER)


class HeldSpeech(TimedSpeech):
    """Makes the first line at once and the others only once ``go`` is set (a busy computer
    whose voice is behind the person); ``cached`` says what is made."""

    def __init__(self, folder: Path) -> None:
        super().__init__(folder)
        self.go = threading.Event()

    def cached(self, text: str, voice: str | None, rate: int) -> Path | None:
        return self.lines.get(text)

    def render_missing(self, lines: Any, voice: str | None, rate: int, progress: Any) -> dict:
        lines = list(lines)
        made = super().render_missing(lines[:1], voice, rate, progress)
        progress(1, len(lines))  # the session starts on the first line
        assert self.go.wait(10)
        return {**made, **super().render_missing(lines[1:], voice, rate, progress)}


def test_skipping_to_a_step_whose_voice_is_still_made_fades_the_line_at_once(
    sit: Sit, tmp_path: Path
) -> None:
    speech = HeldSpeech(tmp_path)
    s = sit(THREE, speech=speech)
    try:
        s.wait(1.0)
        skipped = s.session.next_step()
        assert isinstance(skipped[-1], ev.VoiceAwaited)  # the second step waits for its voice
        s.hand(skipped)
        (first,) = s.out.sounds
        # The person is not kept listening to the line they skipped while the next is made.
        assert first.stretches() == [(0.0, pytest.approx(1.0 + SILENT_AFTER))]
    finally:
        speech.go.set()
    for thread in threading.enumerate():
        if thread.name == "voice-ahead":
            thread.join(10)
    s.wait(1.0)
    assert s.out.voices_together() == []
    assert [text[:10] for _, text in s.out.said()] == ["The first ", "The second"]


def test_skipping_through_quickly_never_stacks_voices(sit: Sit) -> None:
    s = sit(THREE)
    for _ in range(2):
        s.wait(0.3)
        s.hand(s.session.next_step())
    s.wait(0.2)
    s.hand(s.session.previous_step())
    s.wait(0.1)
    s.hand(s.session.previous_step())
    s.to_end()
    assert s.out.voices_together() == []
    assert len(s.out.said()) >= 5  # each step still spoke as it was reached


def test_stopping_fades_the_voice_and_the_closing_check_in_follows_it(sit: Sit) -> None:
    s = sit(THREE, checkins=True, short_checkins=True)
    s.wait(2.0)
    s.hand(s.session.stop("stopped"))
    s.conductor.asking("after")
    s.wait(30)
    assert s.out.voices_together() == []
    (_, _welcome), (asked_at, asked) = s.out.said()
    assert asked.startswith(QUESTIONS["after"])
    assert asked_at == pytest.approx(2.0 + SILENT_AFTER)


def test_a_skip_fades_the_bell_of_the_step_left_and_a_bell_arrived_at_waits_for_the_fade(
    sit: Sit,
) -> None:
    s = sit(THREE, start_chime="bell")
    s.wait(0.5)  # in the opening bell's strike
    s.hand(s.session.next_step())
    s.wait(3.0)  # the second line is being said
    s.hand(s.session.previous_step())  # back to the first step, whose opening rings again
    s.to_end()
    assert s.out.voices_together() == []
    bells = [sound.stretches() for sound in s.out.sounds if sound.name == "bell.wav"]
    second = next(x for x in s.out.sounds if s.speech.texts.get(x.name, "").startswith("The sec"))
    # The bell of the step left fades like its voice; the line waits until it is silent.
    assert bells[0] == [(0.0, pytest.approx(0.5 + SILENT_AFTER))]
    assert second.stretches() == [
        (pytest.approx(0.5 + SILENT_AFTER), pytest.approx(3.5 + SILENT_AFTER))
    ]
    # Back again: the bell strikes once the second line is silent, never under it, and the
    # first line waits for its strike, as it did at the start (not 1.55 s into it).
    assert bells[1][0][0] == pytest.approx(3.5 + SILENT_AFTER)
    first = [x for x in s.out.sounds if s.speech.texts.get(x.name, "").startswith("The first")]
    assert first[-1].stretches()[0][0] == pytest.approx(bells[1][0][0] + STRIKE)


def test_going_back_while_paused_rings_the_bell_on_resuming_and_its_line_after_the_strike(
    sit: Sit,
) -> None:
    s = sit(THREE, start_chime="bell")
    s.wait(4.0)
    s.hand(s.session.next_step())
    s.wait(1.0)  # the second line is being said
    s.hand(s.session.pause())
    s.wait(5.0)
    s.hand(s.session.previous_step())  # what the pause held ends unheard
    s.wait(3.0)
    resumed = s.timers.now
    s.hand(s.session.resume())
    s.to_end()
    assert s.out.voices_together() == []
    bell = [x for x in s.out.sounds if x.name == "bell.wav"][1]
    first = [x for x in s.out.sounds if s.speech.texts.get(x.name, "").startswith("The first")]
    assert bell.stretches()[0][0] == pytest.approx(resumed)
    assert first[1].stretches()[0][0] == pytest.approx(resumed + STRIKE)  # not seconds late


def test_a_stop_in_the_opening_bell_says_the_closing_check_in_once_the_bell_has_faded(
    sit: Sit,
) -> None:
    s = sit(THREE, checkins=True, short_checkins=True, start_chime="bell")
    s.wait(0.5)  # the bell's strike: nothing is said yet
    s.hand(s.session.stop("stopped"))
    s.conductor.asking("after")
    s.wait(30)
    bell, asked = s.out.sounds[:2]
    assert bell.name == "bell.wav" and s.speech.texts[asked.name].startswith(QUESTIONS["after"])
    faded = 0.5 + FADE_AHEAD_S + DEFAULT_FADE_MS / 1000  # a stop fades every sound
    assert bell.stretches() == [(0.0, pytest.approx(faded))]
    assert asked.stretches()[0][0] == pytest.approx(faded)  # never over the strike


LINE = "Let the holds be soft, like a natural pause at the top and the bottom of the breath."
BOX = """
[[step]]
breathe = { in = 4, hold = 4, out = 4, rest = 4 }
say = "Let the holds be soft, like a natural pause at the top and the bottom of the breath."
for = "48s"
"""


@pytest.mark.parametrize("mode", ["words", "counts"])
def test_breath_words_give_way_to_a_line_over_the_pacer_and_come_back_after_it(
    sit: Sit, mode: str
) -> None:
    s = sit(BOX, breath_sounds=mode)
    s.to_end()
    assert s.out.voices_together() == []
    said = s.out.said()
    # The step's `say` is due at 0 with the first "in": the word is said first and the line
    # follows it at once (a word is short), never the line alone with its phase unsaid.
    (word_at, word), (line, first_line) = said[:2]
    assert (word_at, word, first_line) == (0.0, PHASE_WORDS["in"], LINE)
    assert line == pytest.approx(said_seconds(word))
    line_ends = line + said_seconds(LINE)
    breath_words = {*PHASE_WORDS.values(), *(count_word(n) for n in range(2, 10))}
    during = [w for at, w in said if w in breath_words and line <= at < line_ends]
    assert during == []
    # The first phase that begins after the line has ended is said, with its counts.
    first_after = next(at for at in range(0, 48, 4) if at >= line_ends)
    phase = ["in", "hold", "out", "rest"][first_after // 4 % 4]
    assert (pytest.approx(first_after), PHASE_WORDS[phase]) in said
    if mode == "counts":
        assert (pytest.approx(first_after + 1), count_word(2)) in said


def test_a_count_never_runs_into_the_next_phase_word(sit: Sit) -> None:
    s = sit('[[step]]\nbreathe = { in = 5.5, out = 5.5 }\nfor = "22s"\n', breath_sounds="counts")
    s.to_end()
    assert s.out.voices_together(floor=0.0) == []
    said = [w for _, w in s.out.said()]
    # "six" at 5 s would still sound at the boundary at 5.5 s: it is not said; two to five are.
    assert said[:6] == ["in", count_word(2), count_word(3), count_word(4), count_word(5), "out"]


LETTER = """
[[step]]
write = "Write to yourself."
into = "letter"
[[step]]
read_back = "letter"
for = "45s"
speak = true
[[step]]
say = "Thank you."
"""


def test_a_letter_read_back_is_heard_whole_before_the_next_line(sit: Sit) -> None:
    s = sit(LETTER)
    s.wait(3.0)
    letter = " ".join(["kind"] * 150)  # a minute to say, in a 45-second step
    s.hand(s.session.answer(letter))
    s.to_end()
    assert s.out.voices_together() == []
    said = dict((words, at) for at, words in s.out.said())
    (read,) = [sound for sound in s.out.sounds if s.speech.texts.get(sound.name) == letter]
    assert read.stretches() == [(pytest.approx(3.0), pytest.approx(3.0 + said_seconds(letter)))]
    assert said["Thank you."] >= 3.0 + said_seconds(letter)


ANSWERED = """
[[step]]
ask = "Which word would you like to keep with you?"
into = "word"
[[step]]
say = "You said {word}. Let it rest with you for a moment, and breathe with it."
pause = "1s"
[[step]]
say = "And the next line."
"""


def test_answering_a_question_while_it_is_said_fades_it_before_the_next_line(sit: Sit) -> None:
    s = sit(ANSWERED)
    s.wait(1.0)  # the question takes longer than this to say
    s.hand(s.session.answer("Robin"))
    s.to_end()
    assert s.out.voices_together() == []
    question, answered = s.out.sounds[:2]
    assert question.stretches() == [(0.0, pytest.approx(1.0 + SILENT_AFTER))]
    assert answered.stretches()[0][0] == pytest.approx(1.0 + SILENT_AFTER)
    assert s.speech.texts[answered.name].startswith("You said Robin.")


@pytest.mark.parametrize("late", [0.5, 2.0, 3.4, 6.0])
def test_a_line_with_an_answer_ready_late_is_never_said_over_the_next(
    sit: Sit, late: float
) -> None:
    s = sit(ANSWERED)
    s.render_at_once = False
    s.wait(4.0)
    s.hand(s.session.answer("Robin"))
    s.wait(late)
    s.workers.run()  # its voice is ready only now
    s.to_end()
    assert s.out.voices_together() == []
    said = [words for _, words in s.out.said()]
    assert said[-1] == "And the next line."
    answer_line = "You said Robin. Let it rest with you for a moment, and breathe with it."
    # Said late if it still ends within its step; otherwise dropped, and the next on time.
    ends = 4.0 + s.session.timeline.steps[1].length
    assert (answer_line in said) == (4.0 + late + said_seconds(answer_line) <= ends)
    assert ("And the next line.", pytest.approx(ends)) in [(w, at) for at, w in s.out.said()]


def test_breath_tones_are_ducked_under_a_line(sit: Sit) -> None:
    s = sit(BOX + '[[step]]\nbreathe = "box"\nlines = ["Two more."]\ncycles = 3\n')
    s.to_end()
    full = Settings().breath_volume
    speech = [stretch for sound in s.out.sounds if sound.speech for stretch in sound.stretches()]
    tones = [sound for sound in s.out.sounds if not sound.speech]
    assert len(tones) > 12
    for tone in tones:
        ((a, b),) = tone.stretches()
        under = any(min(b, d) - max(a, c) > 0 for c, d in speech)
        assert tone.volume == (ducked(full) if under else full), (a, tone.name)
    assert {tone.volume for tone in tones} == {full, ducked(full)}  # both are heard


def test_the_waiting_cue_never_sounds_over_the_prompt_it_follows(sit: Sit) -> None:
    # At speed (a preview) the engine times the cue on the session's clock, while the prompt
    # is said in real time: the cue waits until it has been said.
    s = sit(
        '[[step]]\nask = "What would you like to call your companion today?"\ninto = "name"\n',
        speed=3,
    )
    s.wait(10.0)
    (prompt,) = [x for x in s.out.sounds if x.speech]
    (cue,) = [x for x in s.out.sounds if x.name == "waiting.wav"]
    assert cue.stretches()[0][0] >= prompt.stretches()[-1][1]


def test_going_on_while_paused_in_a_bell_waits_for_the_pauses_fade_of_it(sit: Sit) -> None:
    s = sit(THREE, start_chime="bell")
    s.wait(1.0)  # in the opening bell's strike
    s.hand(s.session.pause())
    s.hand(s.session.next_step())
    s.hand(s.session.resume())  # at once
    s.wait(10.0)
    bell = next(x for x in s.out.sounds if x.name == "bell.wav")
    second = next(x for x in s.out.sounds if x.speech)
    assert bell.stretches()[-1][1] == pytest.approx(1.0 + FADE_AHEAD_S + DEFAULT_FADE_MS / 1000)
    assert second.stretches()[0][0] >= bell.stretches()[-1][1]  # never over the fading bell
