"""Openings and endings that don't collide: the first line waits for the opening's strike, the
end chime waits for the last line, and the plan, the schedule and the engine agree."""

from __future__ import annotations

from pathlib import Path

import pytest

from session_player.cli.main import main
from session_player.conductor.heard import as_heard, opening_for
from session_player.core.clock import FakeClock
from session_player.core.script.loader import load_text
from session_player.core.script.model import Script, SoundFile
from session_player.core.session import events as ev
from session_player.core.session.engine import Session
from session_player.core.session.timeline import END_QUIET, Opening, compile_timeline
from session_player.home import paths
from session_player.home.settings import Settings

BELL = SoundFile("bell", Path("bell.wav"))


def script(steps: str, head: str = "") -> Script:
    result = load_text(f'title = "T"\npractice = "custom"\n{head}\n{steps}')
    assert not isinstance(result, list), result
    return result


def run(session: Session, clock: FakeClock, seconds: float) -> list[ev.Event]:
    events = session.start()
    for _ in range(int(seconds * 4)):
        clock.advance(0.25)
        events += session.poll()
    return events


def test_the_first_line_waits_for_the_strike_of_a_single_chime() -> None:
    s = script('[[step]]\nsay = "Welcome."\npause = "1s"\n')
    clock = FakeClock()
    timeline = compile_timeline(s, opening=Opening(BELL, 1, 5.0))
    events = run(Session(timeline, clock), clock, 3)
    chimes = [e for e in events if isinstance(e, ev.ChimeRang)]
    lines = [e for e in events if isinstance(e, ev.LineShown)]
    assert [(c.at, c.purpose) for c in chimes] == [(0.0, "start")]
    assert lines[0].at == pytest.approx(2.0)  # the strike, not the bell's 5 s tail


def test_a_short_sound_is_waited_for_to_its_end() -> None:
    assert Opening(BELL, 1, 0.45).length == pytest.approx(0.45)


def test_the_first_line_waits_for_all_three_chimes() -> None:
    s = script('[[step]]\nsay = "Welcome."\npause = "1s"\n')
    clock = FakeClock()
    timeline = compile_timeline(s, opening=Opening(BELL, 3, 5.0))
    events = run(Session(timeline, clock), clock, 12)
    chimes = [e.at for e in events if isinstance(e, ev.ChimeRang)]
    first_line = next(e for e in events if isinstance(e, ev.LineShown))
    assert chimes == [0.0, 4.0, 8.0]
    assert first_line.at == pytest.approx(10.0)
    plain_length = compile_timeline(s).length
    assert timeline.length == pytest.approx(plain_length + 10.0)  # the plan counts the opening


def test_extending_a_first_breathing_step_keeps_its_breaths_after_the_opening() -> None:
    s = script('[[step]]\nbreathe = "box"\ncycles = 1\n')
    clock = FakeClock()
    timeline = compile_timeline(s, opening=Opening(BELL, 1, 5.0))
    session = Session(timeline, clock)
    events = session.start() + session.extend(10)
    for _ in range(4 * 40):
        clock.advance(0.25)
        events += session.poll()
    breaths = [e.at for e in events if isinstance(e, ev.BreathPhase)]
    assert breaths[:4] == [2.0, 6.0, 10.0, 14.0]
    assert len(breaths) == 8  # 10 s more is one more whole breath (16 s)
    ended = next(e for e in events if isinstance(e, ev.SessionEnded))
    assert ended.at == pytest.approx(2.0 + 32.0)


def test_the_end_chime_waits_for_quiet_after_the_last_line() -> None:
    s = script('[[step]]\nsay = "Thank you."\npause = "0.5s"\n')
    spoken = compile_timeline(s).steps[0].cues[0].seconds
    timeline = compile_timeline(s, end_chime=True)
    assert timeline.length == pytest.approx(spoken + END_QUIET)
    roomy = script('[[step]]\nsay = "Thank you."\npause = "5s"\n')
    assert compile_timeline(roomy, end_chime=True).length == compile_timeline(roomy).length


def test_settings_choose_the_opening() -> None:
    s = script('[[step]]\nsay = "Hi."\n')
    assert opening_for(s, Settings(start_chime="none")) is None
    three = opening_for(s, Settings(start_chime="bell", three_chimes=True))
    assert three is not None and three.chimes == 3 and three.seconds == pytest.approx(5.0)
    own = script('[[step]]\nsay = "Hi."\n', head='start_chime = "none"')
    assert opening_for(own, Settings(start_chime="bell")) is None
    wood = opening_for(s, Settings(start_chime="wood"))
    assert wood is not None and wood.length == pytest.approx(0.45, abs=0.01)


def test_check_schedule_shows_the_opening_and_agrees_with_the_plan(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "s.toml"
    path.write_text(
        'title = "T"\npractice = "custom"\n[[step]]\nsay = "Welcome."\npause = "0.5s"\n'
    )
    paths.ensure(paths.config_path().parent)
    paths.config_path().write_text('three_chimes = true\nstart_chime = "bell"\n')
    assert main(["check", "--schedule", str(path)]) == 0
    out = capsys.readouterr().out.splitlines()
    opening = [line.split() for line in out if "(opening)" in line]
    assert [row[0] for row in opening] == ["0:00.0", "0:04.0", "0:08.0"]
    said = next(line.split() for line in out if "say:" in line)
    assert said[0] == "0:10.0"
    heard = as_heard(load_text(path.read_text()), Settings(three_chimes=True))  # type: ignore[arg-type]
    end = next(line.split() for line in out if line.strip().endswith("end"))
    assert end[0] == f"0:{heard.length:04.1f}"


def test_list_and_check_give_one_length_and_the_schedule_ends_with_the_end_chime(
    capsys: pytest.CaptureFixture[str],
) -> None:
    paths.ensure(paths.config_path().parent)
    paths.config_path().write_text('start_chime = "bell"\nend_chime = "bowl"\n')
    assert main(["list"]) == 0
    row = next(line for line in capsys.readouterr().out.splitlines() if "soothing-touch" in line)
    assert main(["check", "--schedule", "soothing-touch"]) == 0
    out = capsys.readouterr().out.splitlines()
    length = out[1].rsplit(" · ", 1)[1]
    assert f" {length} " in f" {row} "  # the same length as the list, the opening apart
    chime, end = out[-2].split(), out[-1].split()
    assert chime[1:] == ["end", "chime", "(bowl)"] and chime[0] == end[0]
