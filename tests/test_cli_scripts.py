"""``session-player list`` and ``new``, as a person runs them."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from session_player.cli.main import main
from session_player.core.library.card import length_text
from session_player.core.library.scripts import discover, load_script_file
from session_player.core.script.practices import PRACTICES
from session_player.core.session.timeline import compile_timeline
from session_player.home import paths

BROKEN = 'title = "Broken"\npractice = "breathing"\n\n[[step]]\nbreathe = "soothing"\n'


def listed(capsys: pytest.CaptureFixture[str]) -> list[list[str]]:
    assert main(["list"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["NAME", "PRACTICE", "LENGTH", "SOURCE"]
    return [line.split() for line in lines[1:]]


def test_list_shows_every_script_with_its_practice_length_and_source(
    capsys: pytest.CaptureFixture[str],
) -> None:
    folder = paths.ensure(paths.user_scripts_dir())
    (folder / "broken.toml").write_text(BROKEN, encoding="utf-8")
    rows = {row[0]: row for row in listed(capsys)}
    bundled = [e for e in discover(paths.library_folders()) if e.source == "bundled"]
    assert len(bundled) >= 10
    for entry in bundled:
        assert entry.script is not None
        row = rows[entry.name]
        assert row[1] == entry.script.practice and row[-1] == "bundled"
    assert rows["broken"] == ["broken", "-", "invalid", "(1", "error)", "yours"]


def test_list_agrees_with_a_fresh_check_after_an_edit(
    capsys: pytest.CaptureFixture[str],
) -> None:
    folder = paths.ensure(paths.user_scripts_dir())
    mine = folder / "mine.toml"
    assert main(["new", "mine"]) == 0
    capsys.readouterr()
    before = {row[0]: row for row in listed(capsys)}["mine"]
    mine.write_text(mine.read_text(encoding="utf-8").replace('"1m"', '"15m"'), encoding="utf-8")
    after = {row[0]: row for row in listed(capsys)}["mine"]
    entry = load_script_file(mine, "yours")
    assert entry.script is not None
    assert before != after  # the edit shows, though the first listing was kept
    timeline = compile_timeline(entry.script)
    planned = length_text(timeline.length, estimated=timeline.estimated)
    assert " ".join(after[2:-1]) == planned


def test_new_writes_a_script_that_passes_check_and_keeps_an_existing_one(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["new", "evening-calm", "--practice", "breathing"]) == 0
    target = paths.user_scripts_dir() / "evening-calm.toml"
    entry = load_script_file(target, "yours")
    assert entry.ok and entry.script is not None
    assert entry.script.title == "Evening calm" and entry.script.practice == "breathing"
    target.write_text("# my own edits\n" + target.read_text(encoding="utf-8"), encoding="utf-8")
    assert main(["new", "evening-calm"]) == 1
    assert "add --force" in capsys.readouterr().err
    assert target.read_text(encoding="utf-8").startswith("# my own edits")
    assert main(["new", "evening-calm", "--force"]) == 0
    assert not target.read_text(encoding="utf-8").startswith("# my own edits")


def test_new_refuses_a_name_that_is_not_a_plain_file_name(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["new", "../escape"]) == 2
    assert "not a usable name" in capsys.readouterr().err
    assert not (paths.user_scripts_dir().parent / "escape.toml").exists()


def test_new_lists_its_practices_in_help(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["new", "--help"])
    # argparse wraps help at hyphens ("compassionate-" then "self"): read it as one word
    shown = re.sub(r"-\s+", "-", " ".join(capsys.readouterr().out.split()))
    for practice in PRACTICES:
        assert practice in shown


@pytest.mark.parametrize("practice", PRACTICES)
def test_new_gives_each_practice_a_starter_of_its_own(practice: str) -> None:
    assert main(["new", f"mine-{practice}", "--practice", practice]) == 0
    entry = load_script_file(paths.user_scripts_dir() / f"mine-{practice}.toml", "yours")
    assert entry.ok and entry.script is not None, [str(e) for e in entry.errors]
    kinds = {step.kind for step in entry.script.steps}
    wanted = STARTER_KINDS[practice]
    assert wanted <= kinds, f"{practice}: {sorted(kinds)}"


# The step kinds that make each practice's starter its own (a plain "say" alone never does).
STARTER_KINDS: dict[str, set[str]] = {
    "loving-kindness": {"phrases"},
    "soothing-touch": {"touch"},
    "compassionate-image": {"breathe", "ask"},
    "breathing": {"breathe"},
    "self-compassion-break": {"touch"},
    "safe-place": {"ask", "silence"},
    "letter": {"write"},
    "rain": {"check_in", "touch"},
    "noticing": {"silence"},
    "self-talk": {"write"},
    "inner-critic": {"write"},
    "compassionate-self": {"breathe"},
    "kind-action": {"write"},
    "body-scan": {"silence"},
    "journal": {"write"},
    "silent": {"silence"},
    "custom": {"breathe", "silence"},
}


def test_starters_differ_between_practices() -> None:
    bodies = set()
    for practice in PRACTICES:
        assert main(["new", f"s-{practice}", "--practice", practice]) == 0
        text = (paths.user_scripts_dir() / f"s-{practice}.toml").read_text(encoding="utf-8")
        bodies.add(text.split("[[step]]", 2)[2])  # after the shared opening step
    assert len(bodies) == len(PRACTICES)


def test_check_takes_the_names_play_takes(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "box-breathing"]) == 0
    out = capsys.readouterr().out
    assert "box-breathing.toml: ok" in out and "Box breathing" in out
    assert main(["check", "no-such-session"]) == 1
    err = capsys.readouterr().err
    assert "no-such-session: no script named 'no-such-session'" in err and ":1:1:" not in err


def test_check_of_a_missing_file_says_so(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "gone.toml"]) == 1
    assert "no such file" in capsys.readouterr().err


def test_a_warm_list_loads_neither_the_checker_nor_the_timeline(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from session_player.cli.main import main\n"
        "main(['list'])\n"
        "loaded = [m for m in ('session_player.core.script.loader',"
        " 'session_player.core.session.timeline',"
        " 'tomllib', 'tomli_w') if m in sys.modules]\n"
        "print('LOADED', *loaded, file=sys.stderr)\n"
    )
    env = {**os.environ, "SESSION_PLAYER_HOME": str(tmp_path)}
    for _ in range(2):  # the first lists from a full check, the second from the cards kept
        run = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert run.returncode == 0 and len(run.stdout.splitlines()) > 10  # the heading and each
    assert run.stderr.split()[-1:] == ["LOADED"], run.stderr


def test_the_library_command_loads_no_loader_checker_or_timeline() -> None:
    # The library's first frame needs none of them: ``play`` and ``timer`` load them when used.
    code = (
        "import sys\n"
        "from session_player.cli import main, play\n"
        "loaded = [m for m in ('session_player.core.script.loader',"
        " 'session_player.core.script.checker', 'session_player.core.session.timeline',"
        " 'session_player.core.session.engine', 'session_player.core.library.scripts',"
        " 'session_player.cli.plain') if m in sys.modules]\n"
        "print('LOADED', *loaded)\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert run.stdout.split() == ["LOADED"], run.stdout + run.stderr


ROOT = Path(__file__).resolve().parent.parent


def test_check_passes_every_bundled_script_and_course_in_one_call(
    capsys: pytest.CaptureFixture[str],
) -> None:
    files = sorted(str(p) for p in (ROOT / "scripts").glob("*.toml"))
    courses = sorted(str(p) for p in (ROOT / "courses").glob("*.toml"))
    assert main(["check", "-q", *files, *courses]) == 0
    assert capsys.readouterr().err == ""
    assert main(["check", *courses]) == 0
    out = capsys.readouterr().out
    assert "course · 8 weeks" in out and "no session named" not in out


def test_check_on_a_course_names_each_problem_with_its_place(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    course = tmp_path / "mine.toml"
    course.write_text(
        '#:schema course.schema.json\ntitle = "Mine"\nsummary = "s"\n'
        '[[week]]\ntitle = "One"\nintro = "i"\nsessions = ["box-breathin"]\n'
    )
    assert main(["check", str(course)]) == 1
    err = capsys.readouterr().err
    assert f"{course}:7:1: week[1].sessions[1]: no session named 'box-breathin'" in err
    assert "Traceback" not in err
