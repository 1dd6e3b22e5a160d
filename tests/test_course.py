"""Courses: the format is checked like scripts, and the place in a course comes from the log."""

from __future__ import annotations

import json
import re
import shutil
import tomllib
import uuid
from datetime import UTC, datetime
from pathlib import Path

import jsonschema
import pytest

from session_player.cli.main import main
from session_player.core.library.course import Course, Part, load_course, place_line, where
from session_player.core.log import LogStore, SessionRecord
from session_player.home import paths
from session_player.home.paths import log_place

ROOT = Path(__file__).resolve().parent.parent
COURSES = ROOT / "courses"
SCHEMA = json.loads((ROOT / "docs" / "course.schema.json").read_text(encoding="utf-8"))
BUNDLED_SCRIPTS = {p.stem for p in (ROOT / "scripts").glob("*.toml")}
WORDS = ("missed", "behind", "failed", "should have", "streak", "overdue", "late")


def course_of(*weeks: tuple[str, ...]) -> Course:
    parts = tuple(Part(n, f"week {n}", "intro", w) for n, w in enumerate(weeks, 1))
    return Course("c", "C", "summary", "week", parts)


def test_the_bundled_course_is_eight_weeks_of_sessions_the_library_has() -> None:
    course = load_course(COURSES / "eight-weeks.toml", BUNDLED_SCRIPTS)
    assert isinstance(course, Course), [str(e) for e in course]
    assert len(course.parts) == 8 and course.unit == "week"
    firsts = [part.sessions[0] for part in course.parts]
    assert firsts[0].startswith("soothing") and "finding-your-phrases" in firsts
    assert firsts.index("finding-your-phrases") < firsts.index("compassionate-image-dialogue")
    # The order the approaches teach (#21): the three systems, the zones and the crisis line in
    # week 1; loving-kindness for someone easy, then oneself, in week 2; kind action by week 3;
    # the compassionate self before the critic; a lighter week between the heavy ones; taking
    # in the good to end; and a look back at the end of every week.
    week: dict[str, int] = {}  # the week that brings each session in
    for part in course.parts:
        for name in part.sessions:
            week.setdefault(name, part.number)
    first = course.parts[0]
    assert "three-systems" in first.sessions and "zone" in first.intro
    assert "emergency number" in first.intro and "crisis line" in first.intro
    assert "loving-kindness-5min" in course.parts[1].sessions
    order = [name for part in course.parts for name in part.sessions]
    assert week["what-do-i-need"] <= 3
    assert order.index("compassionate-self") < order.index("inner-critic")
    heavy = {week[n] for n in ("inner-critic", "rain", "self-forgiveness", "compassionate-letter")}
    assert week["inner-critic"] < week["receiving-compassion"] < week["rain"]
    assert not any(w + 1 in heavy and w + 2 in heavy for w in heavy)  # never three in a row
    assert "taking-in-the-good" in course.parts[-1].sessions
    assert all(part.sessions[-1] == "week-look-back" for part in course.parts)


@pytest.mark.parametrize("path", sorted(COURSES.glob("*.toml")), ids=lambda p: p.stem)
def test_bundled_courses_pass_the_schema_and_never_speak_of_guilt(path: Path) -> None:
    document = tomllib.loads(path.read_text(encoding="utf-8"))
    assert list(jsonschema.Draft202012Validator(SCHEMA).iter_errors(document)) == []
    text = path.read_text(encoding="utf-8").lower()
    assert not [w for w in WORDS if re.search(rf"\b{w}\b", text)]


def test_the_place_moves_on_when_a_week_is_practised_and_never_goes_back() -> None:
    course = course_of(("a", "b"), ("c",), ("d",))
    assert where(course, set()).part == course.parts[0] and where(course, set()).today == "a"
    assert where(course, {"a"}).today == "b"  # the next one not yet practised
    assert where(course, {"a", "b"}).part == course.parts[1]
    skipped_ahead = where(course, {"d"})  # skipping is normal: the place follows the person
    assert skipped_ahead.part is None
    longer = course_of(("a", "b"), ("c", "e"), ("d",))
    repeated = where(longer, {"a", "c"})  # week 1 again after starting week 2: still week 2
    assert repeated.part == longer.parts[1] and repeated.today == "e"
    line = place_line(course, where(course, {"a", "b"}), {"c": "Session C"})
    assert line == "Week 2 of 3: week 2. Today: Session C."
    assert "any of them is yours to return to" in place_line(course, skipped_ahead, {})


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "mine.toml"
    path.write_text(text, encoding="utf-8")
    return path


GOOD = 'title = "T"\nsummary = "S"\n\n[[week]]\ntitle = "One"\nintro = "I"\nsessions = ["a"]\n'


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (GOOD.replace('["a"]', '["a", "zz"]'), "7:1: week[1].sessions[2]: no session named 'zz'"),
        (GOOD.replace('intro = "I"\n', ""), "4:1: week[1].intro: is missing"),
        (GOOD + "extras = []\n", "8:1: week[1].extras: unknown key; did you mean `extra`?"),
        (GOOD.replace('summary = "S"\n', ""), "1:1: summary: is missing"),
        ('title = "T"\nsummary = "S"\n', "1:1: week: a course needs at least one [[week]]"),
        (GOOD + '\n[[day]]\ntitle = "D"\nintro = "I"\nsessions = ["a"]\n', "day: a course is in"),
        (GOOD.replace('sessions = ["a"]', "sessions = []"), "week[1].sessions: must be a list"),
        ('title = "T"\nsummary = \n', "2:11: TOML syntax"),
    ],
)
def test_a_bad_course_says_where(tmp_path: Path, text: str, expected: str) -> None:
    result = load_course(write(tmp_path, text), {"a", "b"})
    assert isinstance(result, list)
    shown = [str(e) for e in result]
    assert len(shown) == 1 and expected in shown[0], shown


def logged(
    *names: str, outcome: str = "completed", practised: float = 60.0, skips: int = 0
) -> None:
    now = datetime(2026, 1, 5, 8, 0, tzinfo=UTC)
    with LogStore.open(log_place()) as store:
        for name in names:
            store.save(
                SessionRecord(
                    str(uuid.uuid4()), name, name, "breathing", now, 0, 660.0, now,
                    practised_seconds=practised, outcome=outcome, ended_at=now,  # type: ignore[arg-type]
                    skips=skips,
                )
            )  # fmt: skip


def test_course_command_shows_the_place_from_the_log(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["course", "eight-weeks"]) == 0
    out = capsys.readouterr().out
    assert "Week 1 of 8: Soothing breath and touch. Today: Soothing rhythm breathing" in out
    assert "Skipping, repeating and pausing are all part of a course" in out
    assert not paths.database_path().exists()  # reading the place creates no log
    logged(
        "soothing-rhythm-breathing-3min",
        "three-systems",
        "soothing-touch",
        "week-look-back",
        practised=600.0,
    )
    logged(
        "self-compassion-break-3min", outcome="stopped", practised=600.0
    )  # a stopped one isn't practised
    assert main(["course"]) == 0
    out = capsys.readouterr().out
    assert "Week 2 of 8: The self-compassion break and loving-kindness." in out
    assert "Today: Self-compassion break (3 minutes)." in out
    assert "✓ Soothing touch (soothing-touch)" in out and "<- you are here" in out


def test_a_session_closing_every_week_counts_only_for_the_week_it_was_practised_in() -> None:
    course = course_of(("a", "look"), ("b", "look"), ("c", "look"))
    first_week = where(course, ["a", "look"])
    assert first_week.part == course.parts[1] and first_week.today == "b"
    assert first_week.done("look", 1) and not first_week.done("look", 2)
    midway = where(course, ["a", "look", "b"])  # week 2's look back is still to come
    assert midway.part == course.parts[1] and midway.today == "look"
    assert where(course, ["a", "look", "b", "look"]).part == course.parts[2]
    revisited = where(course, ["a", "look", "b", "a"])  # week 1 again counts for week 1
    assert revisited.part == course.parts[1] and revisited.done("a", 1)


def test_a_session_skipped_through_is_logged_so_and_does_not_move_the_course(
    capsys: pytest.CaptureFixture[str],
) -> None:
    logged("soothing-rhythm-breathing-3min", practised=47.0, skips=29)  # 47 s of 11 min
    assert main(["course", "eight-weeks"]) == 0
    out = capsys.readouterr().out
    assert "Week 1 of 8" in out and "Today: Soothing rhythm breathing" in out
    assert "✓" not in out
    assert main(["log"]) == 0
    out = capsys.readouterr().out
    assert "47 s of 11 min" in out and "skipped through" in out
    logged("soothing-rhythm-breathing-3min", practised=400.0, skips=3)  # most of it: practised
    assert main(["course", "eight-weeks"]) == 0
    assert "✓ Soothing rhythm breathing" in capsys.readouterr().out


def test_course_command_names_a_missing_or_broken_course(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["course", "nine-weeks"]) == 1
    err = capsys.readouterr().err
    assert "no course named 'nine-weeks'; did you mean `eight-weeks`? (courses: eight-weeks)" in err
    mine = paths.ensure(paths.user_courses_dir())
    (mine / "mine.toml").write_text(GOOD.replace('["a"]', '["nope"]'), encoding="utf-8")
    assert main(["course", "mine"]) == 1
    err = capsys.readouterr().err
    assert "mine.toml:7:1: week[1].sessions[1]: no session named 'nope'" in err
    assert "Traceback" not in err


def test_taplo_checks_the_bundled_course_against_its_schema(tmp_path: Path) -> None:
    from tests.test_taplo import taplo_check

    assert taplo_check(*sorted(COURSES.glob("*.toml"))) == (0, [])
    bad = tmp_path / "bad.toml"
    shutil.copy(COURSES / "course.schema.json", tmp_path / "course.schema.json")
    bad.write_text("#:schema course.schema.json\n" + GOOD + "extras = []\n", encoding="utf-8")
    status, found = taplo_check(bad)
    assert status != 0 and found
