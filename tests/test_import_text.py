"""``session-player import-text``: a guided meditation written as plain text becomes a script that
passes check, is shown before it is written, and every line it can't map is reported by line."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from session_player.cli.main import main
from session_player.core.library.scripts import load_script_file
from session_player.core.script.from_text import import_text
from session_player.core.script.loader import load_text
from session_player.core.script.model import Script
from session_player.home import paths

MEDITATION = """\
# A kind pause

Settle into your seat.
Let your eyes close if that feels right.
[pause 10s]

[bell]

## Breathing
Notice the breath. [5s] Now let it be long.
[breathe box 2m]
Breathe with me. <break time="500ms"/> And rest. [PAUSE:20]

## Reflection
[ask: What would a friend say to you now?]
[write: Write a few words to yourself]
[breathe 4-7-8 4 breaths]
[breathe 2(4-6)+3(box)]
[2m]
Thank you for practising.
"""


def steps_of(text: str) -> list[dict[str, object]]:
    imported = import_text(text)
    document = tomllib.loads(imported.toml("Fallback", "#:schema script.schema.json"))
    steps: list[dict[str, object]] = document["step"]
    return steps


def test_every_mark_becomes_its_step_and_the_script_passes_check() -> None:
    imported = import_text(MEDITATION)
    assert imported.unmapped == []
    text = imported.toml("Fallback", "#:schema script.schema.json")
    script = load_text(text)
    assert isinstance(script, Script), script
    assert script.title == "A kind pause"
    assert steps_of(MEDITATION) == [
        {"say": "Settle into your seat. Let your eyes close if that feels right.", "pause": "10s"},
        {"chime": "bell"},
        {"section": "Breathing", "say": "Notice the breath.", "pause": "5s"},
        {"say": "Now let it be long."},
        {"breathe": "box", "for": "2m"},
        {"say": "Breathe with me.", "pause": "0.5s"},
        {"say": "And rest.", "pause": "20s"},
        {"section": "Reflection", "ask": "What would a friend say to you now?", "into": "answer1"},
        {"write": "Write a few words to yourself"},
        {"breathe": "4-7-8", "cycles": 4},
        {"breathe": "2(4-6)+3(box)"},
        {"silence": "2m"},
        {"say": "Thank you for practising."},
    ]


@pytest.mark.parametrize(
    "mark", ["[pause 90s]", "[90s]", "[PAUSE:90]", "[pause: 1m30s]", '<break time="90s"/>']
)
def test_each_way_of_writing_a_pause_is_the_pause_after_the_line(mark: str) -> None:
    assert steps_of(f"Rest here. {mark}\n\nGo on.") == [
        {"say": "Rest here.", "pause": "1m30s"},
        {"say": "Go on."},
    ]


def test_a_pause_with_no_line_before_it_is_a_silence_and_pauses_in_a_row_add_up() -> None:
    assert steps_of("[1m]\n[30s]\nHello.") == [{"silence": "1m30s"}, {"say": "Hello."}]


def test_what_cannot_be_mapped_is_reported_by_its_line() -> None:
    text = "# T\nHello. [dance wildly]\n[breathe bxo 2m]\n[bell gongg]\n# Again\n[pause soon]\n"
    found = dict(import_text(text, chimes=("bell", "gong")).unmapped)
    assert sorted(found) == [2, 3, 4, 5, 6]
    assert "[dance wildly] is not a mark the import knows" in found[2]
    assert "did you mean `box`?" in found[3]
    assert "did you mean `gong`?" in found[4]
    assert "a second title" in found[5]
    assert found[6].startswith("[pause soon]: ")


def test_text_that_says_nothing_is_reported_not_made_into_an_empty_script() -> None:
    imported = import_text("\n\n   \n")
    assert imported.steps == []
    assert imported.unmapped == [(1, "there is no text to say; write the guidance as paragraphs")]


def test_quotes_and_backslashes_in_the_text_survive_into_the_script() -> None:
    line = 'She said "be kind" \\ and\ttabbed.'
    assert steps_of(line) == [{"say": 'She said "be kind" \\ and tabbed.'}]


def test_the_command_shows_the_script_then_writes_it_with_yes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "My Kind Pause.txt"
    source.write_text(MEDITATION + "[hum]\n", encoding="utf-8")
    target = paths.user_scripts_dir() / "my-kind-pause.toml"
    assert main(["import-text", str(source)]) == 0  # not at a terminal: shown, not written
    shown = capsys.readouterr()
    assert shown.out.startswith("#:schema script.schema.json\n")
    assert 'title = "A kind pause"' in shown.out and "Not written." in shown.out
    assert f"{source}:21: [hum] is not a mark the import knows" in shown.err
    assert not target.exists()
    assert main(["import-text", str(source), "--yes"]) == 0
    entry = load_script_file(target, "yours")
    assert entry.ok and entry.script is not None and entry.script.title == "A kind pause"
    assert "# Not imported, line 21: [hum]" in target.read_text(encoding="utf-8")
    assert main(["import-text", str(source), "--yes"]) == 1  # never over one of the same name
    assert "add --force" in capsys.readouterr().err


def test_the_command_takes_a_name_and_refuses_what_it_cannot_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "a.txt"
    source.write_text("Hello.\n", encoding="utf-8")
    assert main(["import-text", str(source), "-o", "evening", "-y"]) == 0
    assert (paths.user_scripts_dir() / "evening.toml").is_file()
    assert main(["import-text", str(source), "-o", "../out"]) == 2
    assert "not a usable name" in capsys.readouterr().err
    assert main(["import-text", str(tmp_path / "missing.txt")]) == 1
    assert "missing.txt: no such file" in capsys.readouterr().err
    source.write_bytes(b"Hello\n\xff\n")
    assert main(["import-text", str(source)]) == 1
    assert "a.txt:2: is not UTF-8 text" in capsys.readouterr().err
    assert main(["import-text", str(tmp_path)]) == 1
    assert "cannot be read" in capsys.readouterr().err


def test_the_documented_example_is_what_the_import_makes() -> None:
    doc = (Path(__file__).parent.parent / "docs" / "script-format.md").read_text("utf-8")
    part = doc.split("\n## From plain text\n", 1)[1]
    text = part.split("```text\n", 1)[1].split("```", 1)[0]
    made = part.split("becomes\n\n```toml\n", 1)[1].split("```", 1)[0]
    assert import_text(text).toml("x", "#:schema script.schema.json") == made
    assert isinstance(load_text(made), Script)
