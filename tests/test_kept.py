"""Kept answers: a script keeps what a person told it, and a later session uses it.

The checker's refusals (with key paths) are in the bad corpus (tests/corpus/bad/kept-*.toml);
here: what a kept answer changes in what is said, the kept-answers file, and the flow between
the bundled sessions the issue names (the image's name, your own phrases).
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from session_player.conductor.dispatcher import Conductor
from session_player.core.clock import FakeClock
from session_player.core.log.errors import LogImportError, LogUnavailable
from session_player.core.log.kept import KeptAnswer, KeptStore, from_json, to_json
from session_player.core.script.kept import phrases_from, with_kept
from session_player.core.script.loader import load_script, load_text
from session_player.core.session.engine import Session
from session_player.core.session.timeline import compile_timeline
from session_player.home.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
SCRIPTS = ROOT / "scripts"
USES = """title = "Uses"
practice = "custom"
[kept]
image_name = "your compassionate image"
[[step]]
say = "Hello, {image_name}. Braces {{stay}}."
[[step]]
phrases = ["May I be safe."]
kept = "my_phrases"
"""


def checked(text: str) -> Any:
    result = load_text(text)
    assert not isinstance(result, list), [str(e) for e in result]
    return result


def said(script: Any) -> list[str]:
    """Every line the session would show, in order, as the engine fills it in."""
    clock = FakeClock()
    session = Session(compile_timeline(script), clock)
    events = session.start()
    lines: list[str] = []
    while True:
        lines += [e.text for e in events if getattr(e, "text", "")]
        if session.ended is not None:
            return lines
        if session.prompt is not None:
            events = session.answer("")
        else:
            clock.advance(4.0)
            events = session.poll()


def test_a_kept_answer_is_greeted_by_name_and_the_fallback_reads_naturally() -> None:
    script = checked(USES)
    assert script.kept == (("image_name", "your compassionate image"),)
    assert "Hello, your compassionate image. Braces {stay}." in said(script)
    named = with_kept(script, {"image_name": "Willow {the tree}"})
    assert "Hello, Willow {the tree}. Braces {stay}." in said(named)


def test_kept_phrases_replace_the_scripts_own_and_its_own_are_the_fallback() -> None:
    script = checked(USES)
    assert "May I be safe." in said(with_kept(script, {}))
    mine = with_kept(script, {"my_phrases": "- May I rest.\n\n2. May I be gentle with myself."})
    lines = said(mine)
    assert "May I rest." in lines and "May I be gentle with myself." in lines
    assert "May I be safe." not in lines


def test_phrases_come_one_a_line_or_one_a_sentence() -> None:
    assert phrases_from("May I be safe. May I rest!\n  \n* may you be well") == (
        "May I be safe.",
        "May I rest!",
        "may you be well",
    )
    assert phrases_from("   \n") == ()


def test_the_store_keeps_edits_and_forgets(tmp_path: Path) -> None:
    path = tmp_path / "data" / "kept.sqlite3"
    store = KeptStore(path)
    assert store.values() == {} and not path.exists()  # reading creates nothing
    assert store.delete("image_name") is False and not path.exists()
    store.keep("image_name", "Willow", script="compassionate-image", prompt="Its name?")
    store.keep("image_name", "Oak", script="compassionate-image", prompt="Its name?")
    assert store.values() == {"image_name": "Oak"}  # the latest answer wins
    assert store.edit("image_name", "Old oak") and store.values() == {"image_name": "Old oak"}
    assert store.edit("nothing", "x") is False
    [answer] = store.answers()
    assert answer.script == "compassionate-image" and answer.prompt == "Its name?"
    assert store.delete("image_name") and store.values() == {}


def test_a_store_from_a_newer_app_or_in_a_bad_place_says_why(tmp_path: Path) -> None:
    newer = tmp_path / "newer.sqlite3"
    with sqlite3.connect(newer) as conn:
        conn.execute("PRAGMA user_version = 99")
    with pytest.raises(LogUnavailable, match="newer version"):
        KeptStore(newer).values()
    blocked = tmp_path / "file"
    blocked.write_text("not a folder", "utf-8")
    with pytest.raises(LogUnavailable):
        KeptStore(blocked / "kept.sqlite3").keep("a", "b", script="s", prompt="p")


def test_import_keeps_the_newer_words(tmp_path: Path) -> None:
    now = datetime(2026, 1, 2, 8, 0, tzinfo=UTC)
    store = KeptStore(tmp_path / "kept.sqlite3", clock=lambda: now)
    store.keep("image_name", "Oak", script="s", prompt="p")
    older = KeptAnswer("image_name", "Willow", "s", "p", now - timedelta(days=1))
    newer = KeptAnswer("my_phrases", "May I rest.", "s", "p", now)
    assert store.merge(from_json([to_json(older), to_json(newer)])) == 1
    assert store.values() == {"image_name": "Oak", "my_phrases": "May I rest."}


@pytest.mark.parametrize(
    ("data", "where"),
    [
        ({}, "kept: expected a list"),
        ([{"name": "x"}], "kept[0].prompt: missing"),
        (
            [{"name": "a b", "text": "", "script": "", "prompt": "", "updated_at": ""}],
            "kept[0].name",
        ),
        (
            [{"name": "a", "text": "", "script": "", "prompt": "", "updated_at": "soon"}],
            "kept[0].updated_at",
        ),
    ],
)
def test_an_import_with_bad_kept_answers_names_the_place(data: Any, where: str) -> None:
    with pytest.raises(LogImportError, match=where.replace("[", r"\[").replace("]", r"\]")):
        from_json(data)


def play(
    script: Any, store: KeptStore, answers: list[str], notices: list[str] | None = None, **kw: Any
) -> list[str]:
    """Play ``script`` through a conductor keeping answers in ``store``; answer the prompts in
    turn (ratings are skipped)."""
    settings = Settings(start_chime="none", end_chime="none", **kw)
    conductor = Conductor(settings, kept=store)
    timeline = conductor.prepare(script, lambda done, total: None)
    clock = FakeClock()
    session = Session(timeline, clock)
    conductor.begin(session)
    events = session.start()
    lines: list[str] = []
    while True:
        conductor.handle(events)
        lines += [e.text for e in events if getattr(e, "text", "")]
        if session.ended is not None:
            break
        if session.prompt is not None and session.prompt.kind == "check_in":
            events = session.answer("")  # ratings are skipped here
        elif session.prompt is not None:
            events = session.answer(answers.pop(0) if answers else "")
        else:
            clock.advance(4.0)
            events = session.poll()
    conductor.close()  # waits for the answers to be kept
    if notices is not None:
        notices.extend(conductor.notices)
    return lines


def bundled(name: str) -> Any:
    result = load_script(SCRIPTS / f"{name}.toml")
    assert not isinstance(result, list), result
    return result


def test_the_image_named_once_is_greeted_in_the_dialogue_and_the_letter(tmp_path: Path) -> None:
    store = KeptStore(tmp_path / "kept.sqlite3")
    dialogue = bundled("compassionate-image-dialogue")
    before = play(dialogue, store, [])
    assert any("bring to mind your compassionate image" in line for line in before)
    play(bundled("compassionate-image"), store, ["Willow"])
    assert store.values()["image_name"] == "Willow"
    after = play(dialogue, store, [])
    assert any("tell Willow what has been hard" in line for line in after)
    letter = play(bundled("compassionate-letter"), store, [])
    assert any("bring to mind Willow" in line for line in letter)


def test_your_own_phrases_become_the_loving_kindness_phrases(tmp_path: Path) -> None:
    store = KeptStore(tmp_path / "kept.sqlite3")
    session = bundled("loving-kindness-5min")
    assert "May I be safe." in play(session, store, [])  # nothing kept yet: its own
    mine = "May I rest when I am tired.\nMay I know that I matter."
    play(bundled("finding-your-phrases"), store, ["safety", "you matter", mine])
    for name in ("loving-kindness-5min", "loving-kindness-20min", "loving-kindness-for-yourself"):
        lines = play(bundled(name), store, [])
        assert "May I know that I matter." in lines, name
        assert "May I be safe." not in lines, name


def test_nothing_is_kept_when_the_person_keeps_no_writing_or_skips(tmp_path: Path) -> None:
    store = KeptStore(tmp_path / "kept.sqlite3")
    play(bundled("compassionate-image"), store, ["Willow"], keep_text=False)
    play(bundled("compassionate-image"), store, [""])  # skipped
    assert store.values() == {}


def test_an_unreadable_store_means_the_fallbacks_and_a_notice(tmp_path: Path) -> None:
    bad = tmp_path / "kept.sqlite3"
    bad.write_bytes(b"this is not a database" * 100)
    notices: list[str] = []
    lines = play(bundled("compassionate-image-dialogue"), KeptStore(bad), [], notices)
    assert any("bring to mind your compassionate image" in line for line in lines)
    assert any("kept answers could not be read" in n for n in notices)


def test_a_preview_keeps_nothing(tmp_path: Path) -> None:
    store = KeptStore(tmp_path / "kept.sqlite3")
    conductor = Conductor(Settings(start_chime="none", end_chime="none"), kept=store, speed=8.0)
    clock = FakeClock()
    session = Session(conductor.prepare(checked(KEEPS), lambda d, t: None), clock)
    conductor.begin(session)
    conductor.handle(session.start())
    conductor.handle(session.answer("Willow"))
    conductor.close()
    assert store.values() == {} and not store.path.exists()


KEEPS = (
    'title = "K"\npractice = "custom"\n[[step]]\nask = "Name?"\ninto = "n"\nkeep = "image_name"\n'
)


def test_the_kept_command_lists_and_forgets(capsys: pytest.CaptureFixture[str]) -> None:
    from session_player.cli.main import main
    from session_player.home import paths

    assert main(["kept"]) == 0 and capsys.readouterr().out == "Nothing kept yet.\n"
    KeptStore(paths.kept_path()).keep("image_name", "Willow\x1b[2J", script="s", prompt="Name?")
    assert main(["kept"]) == 0
    out = capsys.readouterr().out
    assert "image_name  (kept by s: Name?)" in out and "  Willow\\x1b[2J" in out
    assert main(["kept", "--delete", "image_name"]) == 0
    assert "Forgotten: image_name." in capsys.readouterr().out
    assert main(["kept", "--delete", "image_name"]) == 1
    assert "nothing is kept as 'image_name'" in capsys.readouterr().err


def test_something_other_than_a_file_is_never_opened(tmp_path: Path) -> None:
    import os

    fifo = tmp_path / "kept.sqlite3"
    os.mkfifo(fifo)
    with pytest.raises(LogUnavailable):
        KeptStore(fifo).values()  # refused at once, never waiting on the pipe
    with pytest.raises(LogUnavailable):
        KeptStore(fifo).keep("a", "b", script="s", prompt="p")


def test_a_letter_written_in_parts_is_kept_whole(tmp_path: Path) -> None:
    store = KeptStore(tmp_path / "kept.sqlite3")
    letter = checked(
        'title = "L"\npractice = "letter"\n'
        '[[step]]\nwrite = "Begin your letter."\ninto = "letter"\n'
        '[[step]]\nwrite = "Go on, if you like."\ninto = "letter"\nappend = true\n'
        'keep = "letter"\n'
    )
    play(letter, store, ["Dear me,", "you are doing your best."])
    assert store.values()["letter"] == "Dear me,\n\nyou are doing your best."


def test_a_damaged_kept_file_never_stops_the_sessions_being_exported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Seen: `export --format json` refused, and blamed the log for the kept file's damage.
    import json

    from session_player.cli.main import main
    from session_player.home import paths

    assert main(["log", "add", "20m"]) == 0
    paths.kept_path().write_bytes(b"SQLite format 3\x00 and then not a database at all")
    capsys.readouterr()
    out = tmp_path / "out.json"
    assert main(["export", "--format", "json", "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert err.splitlines() == [
        f"Exported 1 session to {out}.",
        f"note: the kept answers in {paths.kept_path()} could not be read (the file is "
        "damaged); the sessions were exported without them",
    ]
    document = json.loads(out.read_text(encoding="utf-8"))
    assert len(document["sessions"]) == 1 and "kept" not in document
