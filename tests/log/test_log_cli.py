"""The log's commands, driven through argparse as the main CLI will drive them."""

from __future__ import annotations

import argparse
import csv
import io
import json
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from session_player.cli.log import register
from session_player.core.log import LogStore
from session_player.core.log.exchange.formats import EXPORTS
from session_player.home.paths import log_place

from .conftest import MakeDetail


def run(*argv: str) -> int:
    parser = argparse.ArgumentParser(prog="session-player")
    register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    code: int = args.func(args)
    return code


def _now() -> datetime:
    return datetime.now().astimezone()


@pytest.fixture
def logged(db_path: Path, make_detail: MakeDetail) -> list[str]:
    """Three sessions over the last three days, newest last; their uuids."""
    now = _now()
    details = [
        make_detail(now - timedelta(days=2), 600, practice="breathing",
                    check_ins=(("before", "Distress", 6), ("after", "Distress", 4))),
        make_detail(now - timedelta(days=1), 900, practice="rain", title="RAIN",
                    entries=((3, "What do you need?", "patience"),)),
        make_detail(now - timedelta(hours=1), 125, practice="breathing", outcome="stopped"),
    ]  # fmt: skip
    with LogStore.open(log_place()) as store:
        store.add(details)
    return [d.session.uuid for d in details]


def test_no_log_yet_is_no_sessions_and_creates_nothing(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run("log") == 0
    assert capsys.readouterr().out == "No sessions yet.\n"
    assert run("stats") == 0
    assert "No sessions yet." in capsys.readouterr().out
    assert run("log", "--json") == 0
    assert json.loads(capsys.readouterr().out)["sessions"] == []
    assert not db_path.exists()


def test_log_table(logged: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert run("log") == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["When", "Practice", "Title", "Practised", "Ended"]
    assert len(lines) == 4
    assert "2 min of 10 min" in lines[1] and "stopped early" in lines[1]
    assert "RAIN" in lines[2] and "15 min" in lines[2] and "completed" in lines[2]
    assert run("log", "--limit", "1") == 0
    assert len(capsys.readouterr().out.splitlines()) == 2


def test_log_since(logged: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    since = (_now() - timedelta(days=1)).date().isoformat()
    assert run("log", "--since", since) == 0
    assert len(capsys.readouterr().out.splitlines()) == 3
    assert run("log", "--since", "2999-01-01") == 0
    assert capsys.readouterr().out == "No sessions since then.\n"


def test_log_json_and_csv(logged: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert run("log", "--json") == 0
    sessions = json.loads(capsys.readouterr().out)["sessions"]
    assert [s["uuid"] for s in sessions] == logged  # oldest first, like an export
    assert run("log", "--json", "--limit", "2") == 0
    sessions = json.loads(capsys.readouterr().out)["sessions"]
    assert [s["uuid"] for s in sessions] == logged[1:]
    assert run("log", "--csv") == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [r["uuid"] for r in rows] == logged


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (("log", "--since", "2024-13-40"), "--since: '2024-13-40' is not a day on the calendar"),
        (("log", "--since", "2024-02-30"), "'2024-02-30' is not a day on the calendar (day is"),
        (("log", "--since", "last tuesday"), "--since: not a date"),
        (("log", "--limit", "0"), "--limit: must be at least 1"),
        (("export", "--since", "soon"), "--since: not a date"),
    ],
)
def test_usage_errors_are_one_line_and_exit_2(
    logged: list[str], capsys: pytest.CaptureFixture[str], argv: tuple[str, ...], message: str
) -> None:
    assert run(*argv) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and message in err
    assert err.startswith(f"session-player {argv[0]}: error: ")


def test_stats_are_gentle(logged: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert run("stats") == 0
    out = capsys.readouterr().out
    assert out.startswith("3 sessions, 27 min of practice in all.")
    assert "rain" in out and "1 session, 15 min" in out
    assert "breathing  2 sessions, 12 min" in out
    assert "in a row" not in out.lower() and "streak" not in out.lower()
    # Each heading names what is under it: the year is one line, the weeks have their own.
    lines = out.splitlines()
    year = next(i for i, line in enumerate(lines) if line.startswith("Last 12 months:"))
    assert not lines[year + 1].startswith("  week of")
    heading = next(i for i, line in enumerate(lines) if line.startswith("Week by week"))
    weeks = [line for line in lines[heading + 1 :] if line.startswith("  week of")]
    assert lines[heading] == f"Week by week, the last {len(weeks)} weeks" and len(weeks) == 8
    assert run("stats", "--streaks") == 0
    assert "Days in a row:" in capsys.readouterr().out


def test_stats_json(logged: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert run("stats", "--json") == 0
    document = json.loads(capsys.readouterr().out)
    assert document["sessions"] == 3
    assert document["minutes"] == round(1625 / 60, 1)
    assert "current_streak_days" not in document
    assert run("stats", "--json", "--streaks") == 0
    document = json.loads(capsys.readouterr().out)
    assert document["longest_streak_days"] >= 2


@pytest.mark.parametrize("kind", EXPORTS)
def test_export_to_stdout_and_file(
    logged: list[str], capsys: pytest.CaptureFixture[str], tmp_path: Path, kind: str
) -> None:
    assert run("export", "--format", kind) == 0
    printed = capsys.readouterr().out
    target = tmp_path / f"out.{kind}"
    assert run("export", "--format", kind, "-o", str(target)) == 0
    assert "Exported 3 sessions" in capsys.readouterr().err
    written = target.read_text(encoding="utf-8")
    if kind == "csv":
        assert written == printed
    else:
        first, second = json.loads(written), json.loads(printed)
        first.pop("exported_at"), second.pop("exported_at")
        assert first == second
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temp left


def test_export_offers_every_format_with_what_it_is_for(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit):
        run("export", "--help")
    shown = " ".join(capsys.readouterr().out.split())
    assert f"--format {{{','.join(EXPORTS)}}}" in shown  # the choices are the registry's
    for name, export in EXPORTS.items():
        assert f"{name} ({export.summary})" in shown


def test_export_to_an_unwritable_place(
    logged: list[str], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    assert run("export", "-o", str(tmp_path / "no" / "such" / "dir.json")) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "can't write" in err


def test_import(
    logged: list[str], capsys: pytest.CaptureFixture[str], tmp_path: Path, db_path: Path
) -> None:
    target = tmp_path / "export.json"
    assert run("export", "-o", str(target)) == 0
    assert run("import", str(target)) == 0
    assert "Imported 0 sessions (3 already in your log)." in capsys.readouterr().out
    db_path.unlink()
    assert run("import", str(target)) == 0
    assert capsys.readouterr().out == "Imported 3 sessions.\n"
    with LogStore.open(log_place()) as store:
        detail = store.session_by_uuid(logged[1])
        assert detail is not None and detail.entries[0].text == "patience"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "in.json: there is no such file"),
        ("{not json", "not valid JSON"),
        ('{"sessions": []}', "not a session-player log export"),
        ('{"format": "session-player-log", "version": 1, "sessions": [1]}', "sessions[0]"),
    ],
)
def test_import_errors_are_one_line(
    db_path: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    content: str | None,
    message: str,
) -> None:
    path = tmp_path / "in.json"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    assert run("import", str(path)) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and message in err and "Traceback" not in err


def test_a_damaged_log_is_set_aside_by_a_command_that_writes(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Reading leaves a damaged log alone (tests/log/test_log_reading.py); import sets it aside."""
    db_path.parent.mkdir(parents=True)
    db_path.write_bytes(b"garbage" * 1000)
    export = tmp_path / "empty.json"
    export.write_text('{"format": "session-player-log", "version": 1, "sessions": []}')
    assert run("import", str(export)) == 0
    assert "moved aside" in capsys.readouterr().err
    assert run("log") == 0
    assert capsys.readouterr().out == "No sessions yet.\n"


def test_an_unusable_log_is_one_line(db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db_path.mkdir(parents=True)  # a folder where the file should be
    assert run("stats") == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "can't be used right now" in err


def test_the_log_layer_never_imports_textual() -> None:
    code = (
        "import sys, session_player.core.log, session_player.cli.log; "
        "sys.exit('textual' in sys.modules)"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


def test_kept_answers_travel_in_the_json_export_and_back(
    logged: list[str], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    from session_player.core.log.kept import KeptStore
    from session_player.home.paths import kept_path

    KeptStore(kept_path()).keep("image_name", "Willow", script="compassionate-image", prompt="?")
    target = tmp_path / "export.json"
    assert run("export", "-o", str(target)) == 0
    document = json.loads(target.read_text(encoding="utf-8"))
    assert [(k["name"], k["text"]) for k in document["kept"]] == [("image_name", "Willow")]
    kept_path().unlink()
    assert run("import", str(target)) == 0
    assert "Kept answers: 1 of 1 brought in" in capsys.readouterr().out
    assert KeptStore(kept_path()).values() == {"image_name": "Willow"}
    KeptStore(kept_path()).edit("image_name", "Oak")  # a newer answer here is not overwritten
    assert run("import", str(target)) == 0
    assert KeptStore(kept_path()).values() == {"image_name": "Oak"}


def test_an_export_without_kept_answers_has_no_kept_list(
    logged: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert run("export") == 0
    assert "kept" not in json.loads(capsys.readouterr().out)


def test_a_bad_kept_answer_in_an_import_adds_nothing(
    logged: list[str], capsys: pytest.CaptureFixture[str], tmp_path: Path, db_path: Path
) -> None:
    target = tmp_path / "export.json"
    assert run("export", "-o", str(target)) == 0
    document = json.loads(target.read_text(encoding="utf-8"))
    document["kept"] = [{"name": "bad name"}]
    target.write_text(json.dumps(document), encoding="utf-8")
    db_path.unlink()
    capsys.readouterr()
    assert run("import", str(target)) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "kept[0]" in err
    with LogStore.open(log_place()) as store:
        assert store.session_by_uuid(logged[1]) is None
