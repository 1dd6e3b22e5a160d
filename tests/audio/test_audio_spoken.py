"""Nothing silent that should speak, as ALSA receives it: the closing check-in after a session
stopped from the stop question (which pauses it while it is open)."""

from __future__ import annotations

from alsa_capture import Child
from heard_at_alsa import CUED, audible, sitting, together

from session_player.core.script.kinds._prompt import WAIT_GAP
from session_player.core.session.timeline import STRIKE

STOPPED = """
time.sleep(1.5)
conductor.handle(session.pause())  # the stop question opens
time.sleep(1.0)
mark("stopped")
conductor.handle(session.stop("stopped"))  # and the person stops
welcome = conductor.stage.voice
conductor.asking("after")  # said in its turn (once made): wait until it has been heard
until = time.monotonic() + 30
while conductor.stage.voice is welcome and time.monotonic() < until:
    time.sleep(0.05)
conductor.stage.voice.wait(30)
conductor.close()
"""

WELCOME = """title = "Welcome"
practice = "custom"
[[step]]
say = "Welcome. Let yourself arrive, and settle into the seat beneath you."
pause = "20s"
"""


def test_the_closing_check_in_is_said_after_stopping_from_the_stop_question(
    child: Child,
) -> None:
    body = sitting(
        WELCOME, STOPPED, end_chime="bell", checkins=True, short_checkins=True, waiting_cues=False
    )
    capture = child(body, paced=True, timeout=120)
    assert len(capture.streams) == 2  # the welcome, and the question after the stop
    _welcome, asked = capture.streams
    assert asked.peak() > 3000  # a voice
    begins, ends = audible(asked)
    assert begins >= capture.events["stopped"]
    assert ends - begins > 5.0  # the question and its scale, not a fragment
    assert together(capture.streams) == []


TIMER = """
import os, threading
from session_player.cli.main import main
from session_player.conductor import dispatcher

# Someone at the terminal: standard input is a terminal, so the check-ins are asked.
person, terminal = os.openpty()
os.dup2(terminal, 0)
asked, said_by = threading.Event(), []
asking = dispatcher.Conductor.asking

def ask(conductor, moment):  # the conductor the timer made says a question
    asking(conductor, moment)
    said_by.append(conductor)
    asked.set()

dispatcher.Conductor.asking = ask

def answers():  # each question heard out before it is answered
    for reply in (b"4\\n", b"6\\n"):
        assert asked.wait(60)
        asked.clear()
        said_by[-1].stage.voice.wait(60)
        os.write(person, reply)

threading.Thread(target=answers, daemon=True).start()
# A two-second sit is short: its check-ins are asked because the person chose them there too.
from session_player.home import paths
paths.config_path().parent.mkdir(parents=True, exist_ok=True)
paths.config_path().write_text("short_checkins = true\\n")
code = main(["timer", "2s", "--plain", "--start-chime", "none", "--end-chime", "none"])
assert code == 0, code
"""


def test_the_timers_check_ins_are_said_before_and_after_the_sit(child: Child) -> None:
    capture = child(TIMER, paced=True, timeout=120)
    voices = [s for s in capture.streams if s.peak() > 3000 and s.seconds > 3.0]
    assert len(voices) == 2, [(s.start, s.seconds, s.peak()) for s in capture.streams]
    for voice in voices:  # each question with its scale, heard whole
        begins, ends = audible(voice)
        assert ends - begins > 5.0
    assert together(capture.streams) == []


GROUNDED = """
assert conductor.grounding_pause.rendered.wait(60)  # its words, rendered in the background
time.sleep(1.5)
mark("grounding")
conductor.handle(session.pause())  # g: the session waits
conductor.grounding()
time.sleep(6.0)
mark("resumed")
conductor.handle(session.resume())  # r
conductor.grounded(True)
time.sleep(3.0)
conductor.handle(session.stop("stopped"))
conductor.close()
"""


def test_the_grounding_pause_is_said_and_resuming_softly(child: Child) -> None:
    capture = child(sitting(WELCOME, GROUNDED, grounds=True), paced=True, timeout=120)
    # The welcome, the pause said, "Resuming.": the welcome is let go, not resumed (a fourth)
    assert len(capture.streams) == 3, [(s.start, s.seconds) for s in capture.streams]
    _welcome, grounding, resuming = capture.streams
    begins, ends = audible(grounding)
    assert capture.events["grounding"] <= begins < capture.events["grounding"] + 1.0
    assert ends - begins > 5.0  # said through the pause, until the person resumed
    assert ends < capture.events["resumed"] + 0.5  # and faded then
    assert audible(resuming)[0] > ends
    assert 3000 < resuming.peak() < 0.8 * grounding.peak()  # said, softly
    assert together(capture.streams) == []


TUI_TIMER = (
    CUED
    + """
import asyncio, queue
from session_player.audio import player
from session_player.cli.main import main
from session_player.home import paths
from session_player.tui.app import SessionPlayerApp

paths.config_path().parent.mkdir(parents=True, exist_ok=True)
paths.config_path().write_text(
    'voice_id = "gmw/en-us"\\nvoice_rate = 250\\nshort_checkins = true\\n'
    'soundscape = "none"\\nend_notice = "never"\\nkeep_awake = false\\n'
    'quiet_notifications = false\\n'
)
start = player._Voice.start

def labelled(voice, fade_in_ms):  # each stream named after the sound it plays
    alsa_capture.label(voice.sound.name)
    start(voice, fade_in_ms)

player._Voice.start = labelled
async def person(pilot):  # hears each question and its cue out, then answers it
    for rating in ("4", "6"):
        try:
            cue = await asyncio.to_thread(cued.get, True, 30)
            await asyncio.to_thread(cue.wait, 10)
        except queue.Empty:
            pass  # never cued: answered all the same, and the test says what was missing
        mark(f"answered {rating}")
        await pilot.press(rating, "enter")
    await pilot.pause()
    pilot.app.exit()

def run(app, **kwargs):  # the app as `session-player timer` builds it, its keys a person's
    async def headless():
        async with app.run_test(size=(100, 32)) as pilot:
            await person(pilot)
    asyncio.run(headless())

SessionPlayerApp.run = run
code = main(["timer", "1m", "--bell-every", "20s", "--delay", "10s", "--speed", "20"])
assert code == 0, code
"""
)
NOT_SPEECH = {"bell", "waiting"}
LATE = 0.2  # seconds a bell may reach ALSA after it was rung (a device opened on a busy machine)


def test_the_tui_timers_check_ins_are_said_with_their_cues_never_over_a_chime(
    child: Child,
) -> None:
    capture = child(TUI_TIMER, paced=True, timeout=120)
    streams = capture.streams
    bells = [s for s in streams if s.label == "bell"]
    cues = [s for s in streams if s.label == "waiting"]
    voices = [s for s in streams if s.label not in NOT_SPEECH]
    assert len(bells) == 4, [(s.label, s.start) for s in streams]  # start, 2 interval, end
    assert len(voices) == 2, [(s.label, s.start, s.seconds) for s in streams]
    before, after = (audible(v) for v in voices)
    for begins, ends in (before, after):  # each question with its scale, heard whole
        assert ends - begins > 4.0
    # Each question is followed by its waiting cue, once it has been said.
    assert len(cues) == 2
    for (_begins, ends), cue in zip((before, after), cues, strict=True):
        assert ends + WAIT_GAP - 0.2 < audible(cue)[0] < ends + WAIT_GAP + 1.0
    # Before: answered once heard, and the start bell comes after it. After: once the end bell
    # has struck, and no bell strikes while a question is said.
    start_bell, *_, end_bell = bells
    assert before[1] < audible(start_bell)[0]
    assert after[0] >= audible(end_bell)[0] + STRIKE - LATE
    for bell in bells:
        struck = audible(bell)[0]
        for begins, ends in (before, after):
            assert not begins - STRIKE + LATE < struck < ends, (struck, begins, ends)
    assert together(voices + cues) == []
