"""Importing the histories other timers export: Meditation Assistant's CSV (from its source) and
Insight Timer's, from files shaped exactly like theirs. All or nothing, and idempotent."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from session_player.core.log import LogImportError, LogStore
from session_player.core.log.exchange.foreign import (
    detect,
    fixed,
    parse_insight_timer,
    parse_meditation_assistant,
)
from session_player.home.paths import log_place

from .test_log_cli import run

HERE = Path(__file__).parent / "foreign"
MA = (HERE / "meditation-assistant.csv").read_text(encoding="utf-8")
IT = (HERE / "insight-timer.csv").read_text(encoding="utf-8")


def test_meditation_assistant_rows_become_completed_sessions_in_utc() -> None:
    first, second, third = parse_meditation_assistant(MA)
    s = first.session
    assert s.started_at == datetime(2024, 5, 1, 5, 30, tzinfo=UTC)
    assert (s.practised_seconds, s.outcome, s.practice) == (1200.0, "completed", "silent")
    assert (s.origin, s.note) == ("meditation-assistant", "A quiet morning")
    assert second.session.practised_seconds == 3900.0  # 01:05
    assert second.session.note == 'Rain, then birds; "calm"'  # quoting as opencsv writes it
    assert third.session.note is None  # an empty message is no note


def test_meditation_assistant_times_can_be_read_as_local() -> None:
    paris = timezone(timedelta(hours=2))
    [first, *_] = parse_meditation_assistant(MA, fixed(paris))
    assert first.session.started_at == datetime(2024, 5, 1, 3, 30, tzinfo=UTC)
    assert first.session.utc_offset == 7200


def test_insight_timer_rows_keep_activity_and_preset() -> None:
    zone = timezone(timedelta(hours=-4))
    sit, walk, breath = parse_insight_timer(IT, fixed(zone))
    assert sit.session.started_at == datetime(2026, 5, 1, 20, 3, 29, tzinfo=UTC)
    assert sit.session.practised_seconds == 21 * 60 + 4  # "0:21:4", not zero-padded
    assert (sit.session.title, sit.session.practice) == ("Meditation", "silent")
    assert walk.session.title == "Walking (Walking, mindful)"
    assert (breath.session.practice, breath.session.origin) == ("breathing", "insight-timer")
    assert breath.session.utc_offset == -4 * 3600


def test_the_header_tells_which_app_wrote_a_file() -> None:
    assert detect(MA) == "meditation-assistant"
    assert detect(IT) == "insight-timer"
    assert detect("Started At,Duration,Type,Activity\n") == "insight-timer"
    assert detect("date,minutes\n2024-01-01,20\n") is None


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (MA.replace('"00:10"', '"10 min"'), "line 4: Length: not hours:minutes: '10 min'"),
        (MA.replace('"2024-05-02 19:00"', '"yesterday"'), "line 3: Started: not a time"),
        (MA.replace(',"A quiet morning"', ""), "line 2: expected 5 columns, found 4"),
        (MA + MA, "header appears twice"),
        (IT.replace("0:45:37", "0:75:00"), "line 3: Duration: not hours:minutes:seconds"),
        (IT.replace("05/01/2026 16:03:29", "2026-05-01 16:03"), "line 2: Started At: not a"),
        (IT.replace("0:5:0", "0:0:0"), "line 4: a session is from a second to 24 hours"),
    ],
)
def test_a_bad_row_names_its_line(text: str, message: str) -> None:
    parse = parse_meditation_assistant if text.startswith('"ID"') else parse_insight_timer
    with pytest.raises(LogImportError, match=message):
        parse(text)


def test_import_is_all_or_nothing_and_a_second_time_adds_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], db_path: Path
) -> None:
    broken = tmp_path / "broken.csv"
    broken.write_text(MA.replace('"00:10"', '"ten"'), encoding="utf-8")
    assert run("import", str(broken)) == 1
    assert "line 4: Length" in capsys.readouterr().err
    assert not db_path.exists()  # the good rows before it were not kept either
    assert run("import", str(HERE / "meditation-assistant.csv")) == 0
    assert capsys.readouterr().out == "Imported 3 sessions.\n"
    assert run("import", str(HERE / "meditation-assistant.csv")) == 0
    assert capsys.readouterr().out == "Imported 0 sessions (3 already in your log).\n"
    assert run("import", "--from", "insight-timer", str(HERE / "insight-timer.csv")) == 0
    with LogStore.open(log_place()) as store:
        records = store.recent()
        stats = store.stats(datetime(2026, 5, 2).date(), days=3650)
    assert len(records) == 6
    assert {r.origin for r in records} == {"meditation-assistant", "insight-timer"}
    assert stats.sessions == 6  # imported sits count as practice


def test_a_file_no_app_wrote_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    other = tmp_path / "other.csv"
    other.write_text("date,minutes\n2024-01-01,20\n", encoding="utf-8")
    assert run("import", str(other)) == 1
    assert "not an export this app knows; try --from" in capsys.readouterr().err


def test_the_log_says_where_imported_sessions_came_from(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert run("import", str(HERE / "insight-timer.csv")) == 0
    assert run("import", str(HERE / "meditation-assistant.csv")) == 0
    capsys.readouterr()
    assert run("log") == 0
    lines = capsys.readouterr().out.splitlines()[1:]
    assert sum(line.endswith("completed (from Insight Timer)") for line in lines) == 3
    assert sum(line.endswith("completed (from Meditation Assistant)") for line in lines) == 3


def test_a_large_csv_is_refused_before_its_rows_are_read(tmp_path: Path) -> None:
    # Seen: the whole file was parsed into rows twice before its second line was looked at:
    # a 48 MB one took 40 s and 1.5 GB to be refused. Under 1 GiB it is refused by its count of
    # rows, before any is read; one under the limit is refused at its first wrong line.
    from guards import run_limited

    big = tmp_path / "big.csv"
    big.write_text("Started At,Duration,Preset,Activity\n" + "a,b\n" * 12_000_000)
    done = run_limited(["import", str(big)], tmp_path / "home")
    assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr[-500:]
    assert done.stderr == (
        f"session-player import: error: {big}: more than 100,000 rows; is this the right file?\n"
    )
    big.write_text("Started At,Duration,Preset,Activity\n" + "a,b\n" * 99_999)
    done = run_limited(["import", str(big)], tmp_path / "home")
    assert done.stderr == (
        f"session-player import: error: {big}: line 2: expected 4 columns, found 2\n"
    )


def test_more_sessions_than_one_file_holds_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    from session_player.core.log.exchange import foreign

    monkeypatch.setattr(foreign, "MAX_ROWS", 10)  # 100,000 in use: the same rule, sooner
    row = "12/01/2020 07:00:00,0:20:00,Morning,Meditation\n"
    header = "Started At,Duration,Preset,Activity\n"
    assert len(parse_insight_timer(header + row * 9)) == 9  # ten rows, the header one of them
    # Seen: 100,001 rows took 14 s to be refused, each made into a session before the last was
    # found one too many. The rows are counted first: no session is made of a file too long.
    made: list[object] = []
    monkeypatch.setattr(foreign, "_session", lambda *args: made.append(args))
    with pytest.raises(LogImportError, match=r"more than 10 rows; is this the right"):
        parse_insight_timer(header + row * 10)
    assert made == []


@pytest.mark.parametrize("source", [None, "insight-timer", "meditation-assistant"])
def test_a_file_that_is_not_utf8_is_named_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], source: str | None
) -> None:
    # Seen: with --from, the message named the file twice ("f.csv: f.csv:1:1: is not UTF-8").
    path = tmp_path / "f.csv"
    path.write_bytes(b"\xff\xfegarbage\n")
    chosen = ["--from", source] if source else []
    assert run("import", *chosen, str(path)) == 1
    assert capsys.readouterr().err == (
        f"session-player import: error: {path}:1:1: is not UTF-8 text (byte 0xff); "
        "save it as UTF-8\n"
    )


def test_a_long_value_is_echoed_cut_to_its_start_and_length() -> None:
    # Seen: a Duration of 5,000 digits was repeated whole in the one-line message.
    header = "Started At,Duration,Preset,Activity\n"
    with pytest.raises(LogImportError) as caught:
        parse_insight_timer(header + f"05/01/2026 16:03:29,{'9' * 5000},,Meditation\n")
    assert str(caught.value) == (
        f"line 2: Duration: not hours:minutes:seconds: '{'9' * 40}…(5,000 characters)'"
    )
