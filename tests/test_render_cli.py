"""`session-player render` at the command line: what a person sees when something stops it,
and that nothing half-written is ever left behind."""

from __future__ import annotations

import importlib.util
import io
import threading
from pathlib import Path

import pytest

from session_player.audio import mixdown
from session_player.cli.main import main
from session_player.cli.render import Bar
from session_player.conductor import saving
from session_player.core.clock import FakeClock
from session_player.core.script.loader import load_text
from session_player.home.settings import Settings

SHORT = """title = "Two breaths"
practice = "custom"
start_chime = "none"

[[step]]
section = "Breathing"
breathe = { in = 1, out = 1 }
cycles = 2
"""


def written(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text)
    return path


@pytest.fixture
def short(tmp_path: Path) -> Path:
    return written(tmp_path, "two-breaths.toml", SHORT)


def test_an_existing_file_is_kept_without_force_and_replaced_with_it(
    short: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "out.wav"
    target.write_bytes(b"mine")
    assert main(["render", str(short), "-o", str(target), "--no-voice"]) == 1
    assert target.read_bytes() == b"mine"
    assert "exists; add --force to replace it" in capsys.readouterr().err
    assert main(["render", str(short), "-o", str(target), "--no-voice", "--force"]) == 0
    assert target.read_bytes()[:4] == b"RIFF"
    assert "Wrote" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["-o", "out.aac"], "the extension says the format; use one of .wav"),
        (["-o", "missing/out.wav"], "is not a folder"),
        ([], "say where to save it with -o FILE"),
    ],
)
def test_what_stops_a_render_is_said_in_one_line(
    short: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    args: list[str],
    said: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["render", str(short), *args]) == 1
    err = capsys.readouterr().err
    assert said in err
    assert err.count("\n") == 1 and "Traceback" not in err


def test_without_the_render_extra_it_says_how_to_add_it(
    short: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: None if name == "pyloudnorm" else real(name)
    )
    assert main(["render", str(short), "-o", str(tmp_path / "out.wav")]) == 1
    err = capsys.readouterr().err
    assert "pyloudnorm" in err and "pip install 'session-player[render]'" in err
    assert not (tmp_path / "out.wav").exists()


def test_the_schedule_lists_each_sound_at_its_moment_in_the_file(
    short: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["render", str(short), "--schedule", "--no-voice"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["0:00.0", "[Breathing]"]
    assert [line.split()[1] for line in lines[1:5]] == ["in", "out", "in", "out"]
    assert [line.split()[0] for line in lines[1:5]] == ["0:00.0", "0:01.0", "0:02.0", "0:03.0"]
    assert lines[5].split()[:2] == ["0:04.0", "bell"]  # the end chime, after the last breath
    assert lines[-1].split()[0] == "0:09.0"  # the bell's 5 s, rung out


@pytest.mark.parametrize("name", ["out.flac", "out.mp3"])  # MP3: its encoder's thread too
@pytest.mark.parametrize("stop", [KeyboardInterrupt, mixdown.Cancelled])
def test_stopping_while_the_file_is_written_leaves_nothing_behind(
    tmp_path: Path, stop: type[BaseException], name: str
) -> None:
    script = load_text(SHORT)
    assert not isinstance(script, list)
    target = tmp_path / name
    target.write_bytes(b"the one before")  # replaced whole or not at all

    def progress(share: float, doing: str) -> None:
        if doing.startswith("writing") and share > saving.MASTER:
            raise stop

    with pytest.raises(stop):
        saving.save(script, Settings(voice=False), None, target, progress=progress)
    assert [p.name for p in tmp_path.iterdir()] == [name]
    assert target.read_bytes() == b"the one before"
    assert "mp3 encoder" not in [t.name for t in threading.enumerate()]  # nothing left working


def test_a_script_without_sections_is_saved_with_no_chapters(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Seen: it ended in a traceback (zip() argument 2 is longer than argument 1).
    path = tmp_path / "plain.toml"
    path.write_text(SHORT.replace('section = "Breathing"\n', ""))
    target = tmp_path / "plain.wav"
    assert main(["render", str(path), "-o", str(target), "--no-voice"]) == 0
    assert "Wrote" in capsys.readouterr().out
    assert target.read_bytes()[:4] == b"RIFF"


ASKING = """title = "Asking"
practice = "custom"
start_chime = "none"

[[step]]
ask = "What would help right now?"
into = "help"

[[step]]
section = "Writing"
write = "A few words to yourself."
for = 90

[[step]]
read_back = "help"

[[step]]
silence = 5
"""


@pytest.fixture
def asking(tmp_path: Path) -> Path:
    return written(tmp_path, "asking.toml", ASKING)


def test_the_schedule_shows_each_question_and_writing_as_its_quiet_space(
    asking: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["render", str(asking), "--schedule", "--no-voice"]) == 0
    lines = [line.split(maxsplit=1) for line in capsys.readouterr().out.splitlines()]
    assert ["0:00.0", "(ask) 30s of quiet to answer"] in lines
    assert ["0:30.0", "[Writing]"] in lines
    assert ["0:30.0", "(write) 1m 30s of quiet to write"] in lines
    assert not any("read" in text for _, text in lines)  # nothing written: nothing read back
    assert lines[-1] == ["2:10.0", "end (the last sound rung out)"]  # 30 + 90 + 5, the bell


def test_check_shows_the_schedule_a_rendered_file_keeps(
    asking: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", str(asking), "--schedule", "--render"]) == 0
    out = capsys.readouterr().out
    assert "0:00.0  ask [30s]: What would help right now?" in out
    assert "0:30.0  write [1m 30s]: A few words to yourself." in out
    assert "read back" not in out
    assert "2:05.0  end" in out


def test_the_bar_tells_the_time_left_from_the_pace_so_far() -> None:
    clock, out = FakeClock(0.0), io.StringIO()
    bar = Bar(clock, out)
    bar.show(0.02, "voicing the lines")
    assert out.getvalue().rstrip().endswith("2% voicing the lines")  # too soon to tell
    clock.advance(10.0)
    bar.show(0.25, "measuring the loudness")
    assert "[########----------------------]  25% measuring the loudness, about 30 s left" in (
        out.getvalue()
    )
    clock.advance(20.0)
    bar.show(0.75, "writing MP3")
    assert out.getvalue().rstrip().endswith("75% writing MP3, about 10 s left")
    bar.show(1.0, "done")
    assert out.getvalue().rstrip().endswith("100% done")  # no time left to tell
    bar.clear()
    assert out.getvalue().endswith("\r" + " " * 79 + "\r")
