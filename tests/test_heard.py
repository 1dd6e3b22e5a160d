"""One play, one timeline: a play is handed the checked script, and the conductor compiles it
as heard once, after its voice is rendered; the voice renders what the person will hear (kept
answers and all) ahead. Counted over a whole play, from the file to the end, in plain mode too
(the TUI's is in tests/tui/test_player_conductor.py)."""

from __future__ import annotations

import io
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from conductor_fakes import FakeOutput, RecordingSpeech

from session_player.cli.main import main
from session_player.conductor.dispatcher import Conductor
from session_player.core.clock import FakeClock
from session_player.core.library.scripts import load_script_file
from session_player.core.log.kept import KeptStore
from session_player.core.script.kinds import KINDS
from session_player.core.script.model import Script
from session_player.core.session import timeline as timeline_module
from session_player.core.session.engine import Session
from session_player.core.session.timeline import Timeline
from session_player.home.settings import Settings

SCRIPTS = Path(__file__).resolve().parent.parent / "scripts"


class Counts:
    """How many timelines were built, and how many times each step was laid out."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.timelines = 0
        self.layouts: dict[int, int] = {}
        counts = self

        class Counted(Timeline):
            def __init__(self, *args: Any, **kwargs: Any) -> None:
                counts.timelines += 1
                super().__init__(*args, **kwargs)

        monkeypatch.setattr(timeline_module, "Timeline", Counted)
        for name, kind in KINDS.items():
            monkeypatch.setitem(KINDS, name, replace(kind, cues=self._counting(kind.cues)))

    def _counting(self, cues: Any) -> Any:
        def counted(step: Any, speak: Any) -> Any:
            self.layouts[step.number] = self.layouts.get(step.number, 0) + 1
            return cues(step, speak)

        return counted


def library_script(name: str) -> Script:
    """The script the player is handed: checked when the file is loaded, never laid out."""
    found = load_script_file(SCRIPTS / f"{name}.toml", "bundled")
    assert found.script is not None, found.errors
    return found.script


def conductor(tmp_path: Path, **settings: Any) -> tuple[Conductor, RecordingSpeech]:
    speech = RecordingSpeech(tmp_path)
    kept = KeptStore(tmp_path / "kept.sqlite3")
    kept.keep("image_name", "Willow", script="compassionate-image", prompt="Its name?")
    played = Conductor(Settings(**settings), output=FakeOutput(), speech=speech, kept=kept)  # type: ignore[arg-type]
    return played, speech


def play_through(played: Conductor, timeline: Timeline) -> None:
    """Play ``timeline`` to its end a second at a time, every question left unanswered."""
    clock = FakeClock()
    session = Session(timeline, clock)
    played.begin(session)
    played.handle(session.start())
    while session.ended is None:
        if session.prompt is not None:
            played.handle(session.answer(""))
        clock.advance(1.0)
        played.handle(session.poll())


@pytest.mark.parametrize(
    ("name", "settings"),
    [
        ("self-compassion-break", {}),
        ("compassionate-image-dialogue", {}),  # kept answers filled in
        ("compassionate-image-dialogue", {"speak_read_backs": True}),  # read-backs said too
    ],
)
def test_one_play_compiles_its_timeline_once(
    name: str, settings: dict[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    counts = Counts(monkeypatch)
    handed = library_script(name)
    played, _speech = conductor(tmp_path, **settings)
    timeline = played.prepare(handed, lambda done, total: None)
    play_through(played, timeline)
    played.close()
    assert counts.timelines == 1
    # Each step is laid out twice: alone, to find what its voice says before it is rendered,
    # then as heard, with the rendered lines' lengths. The play's changes are in what is heard.
    assert counts.layouts == {step.number: 2 for step in handed.steps}
    changed = [s for s, was in zip(timeline.script.steps, handed.steps, strict=True) if s != was]
    assert bool(changed) == (name != "self-compassion-break")


def test_a_plain_play_from_its_file_compiles_one_timeline(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    counts = Counts(monkeypatch)
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    path = str(SCRIPTS / "self-compassion-break.toml")
    assert main(["play", "--plain", "--no-sound", "--speed", "200", path]) == 0
    assert "You practised" in capsys.readouterr().out
    assert counts.timelines == 1


def test_the_voice_renders_the_kept_answer_not_its_placeholder(tmp_path: Path) -> None:
    played, speech = conductor(tmp_path)
    timeline = played.prepare(library_script("compassionate-image-dialogue"), lambda d, t: None)
    played.close()
    rendered = list(speech.lines)
    assert any("bring to mind Willow" in line for line in rendered)
    assert not any("image_name" in line or "your compassionate image" in line for line in rendered)
    said = {c.said or c.text for p in timeline.steps for c in p.cues if c.speak}
    assert {line for line in said if "{" not in line} <= set(rendered)
