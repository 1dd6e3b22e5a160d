"""The journal: every written text newest first, FTS5 search, Markdown, and deleting a session
deleting its writing (from the index too)."""

from __future__ import annotations

import argparse
from datetime import timedelta
from pathlib import Path

import pytest
from guards import capped

from session_player.cli.journal import register
from session_player.core.log import LogStore
from session_player.core.log.journal import match_query
from session_player.home.paths import log_place

from .conftest import START, MakeDetail


def journal(*argv: str) -> int:
    parser = argparse.ArgumentParser(prog="session-player")
    register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(["journal", *argv])
    code: int = args.func(args)
    return code


@pytest.fixture
def written(make_detail: MakeDetail) -> list[int]:
    details = [
        make_detail(START, title="Compassionate letter",
                    entries=((2, "Dear friend", "Kindness came slowly today."),)),
        make_detail(START + timedelta(days=1), title="Inner critic",
                    entries=((1, "What does the critic say?", "That I am lazy."),
                             (3, "And kindly?", "Rest is allowed. Be kind."),
                             (4, "Kept private", None))),
        make_detail(START + timedelta(days=2), title="Breathing"),  # nothing written
    ]  # fmt: skip
    with LogStore.open(log_place()) as store:
        store.add(details)
        return [r.id for r in store.recent() if r.id is not None]


def test_every_text_newest_first_with_its_session(
    written: list[int], capsys: pytest.CaptureFixture[str]
) -> None:
    assert journal() == 0
    out = capsys.readouterr().out
    assert out.index("Rest is allowed") < out.index("That I am lazy") < out.index("Kindness came")
    assert "2024-05-02 06:00  Inner critic\n  And kindly?\n\n  Rest is allowed. Be kind." in out
    assert "Kept private" not in out  # text not kept: nothing to read


def test_search_finds_words_from_their_start_and_all_of_them(written: list[int]) -> None:
    with LogStore.open(log_place()) as store:
        assert [e.text for e in store.journal(search="kind")] == [
            "Rest is allowed. Be kind.",
            "Kindness came slowly today.",
        ]
        assert [e.title for e in store.journal(search="kind rest")] == ["Inner critic"]
        assert store.journal(search='"came slowly"')[0].title == "Compassionate letter"
        assert store.journal(search='"slowly came"') == []
        # What is typed is never FTS5 syntax: operators and stray quotes are just words.
        assert store.journal(search='lazy OR NEAR( "') == []
        assert [e.text for e in store.journal(search="LAZY")] == ["That I am lazy."]
        # A NUL (pasted into the search box) ended in "unterminated string" from SQLite.
        assert [e.text for e in store.journal(search="lazy\x00")] == ["That I am lazy."]


SEARCHES = Path(__file__).parent.parent / "corpus" / "hostile" / "journal" / "searches.txt"


def test_a_search_is_never_syntax_whatever_is_typed(written: list[int]) -> None:
    typed = SEARCHES.read_text(encoding="utf-8").splitlines()
    typed += ["a " * 20_000, "x" * 1_000_000, "(" * 10_000]  # too long to keep in the corpus
    with LogStore.open(log_place()) as store:
        everything = {e.text for e in store.journal()}
        for search in typed:
            with capped():  # a gigabyte more at most, as for every hostile input
                found = {e.text for e in store.journal(search=search)}
            assert found <= everything, search[:40]  # an answer, never an error
        assert {e.text for e in store.journal(search=typed[0])} == set()  # lazy OR NEAR( "


def test_search_finds_a_word_in_its_other_forms(make_detail: MakeDetail) -> None:
    detail = make_detail(START, entries=((1, "What does the critic say?", "Blaming myself."),))
    with LogStore.open(log_place()) as store:
        store.add([detail])
        assert [e.text for e in store.journal(search="blame")] == ["Blaming myself."]
        assert [e.text for e in store.journal(search="blamed")] == ["Blaming myself."]
        assert store.journal(search="blank") == []


def test_a_log_made_before_stems_were_searched_finds_them_once_opened(
    make_detail: MakeDetail,
) -> None:
    from session_player.core.log.schema import MIGRATIONS

    detail = make_detail(START, entries=((1, "Say?", "Blaming myself again."),))
    with LogStore.open(log_place()) as store:
        store.add([detail])
        # As version 3 left it: the index without stems.
        for statement in (*MIGRATIONS[3][:4], *MIGRATIONS[1][-5:]):
            store.conn.execute(statement)
        store.conn.execute("PRAGMA user_version = 3")
        store.conn.commit()
        assert store.journal(search="blame") == []
    with LogStore.open(log_place()) as store:
        assert [e.text for e in store.journal(search="blame")] == ["Blaming myself again."]


def test_the_query_quotes_every_term() -> None:
    assert match_query('kind "be gentle" x*') == '"kind"* "be gentle" "x*"*'
    assert match_query('  ""  ') is None


def test_deleting_a_session_deletes_its_writing_from_the_index(
    written: list[int], db_path: Path
) -> None:
    with LogStore.open(log_place()) as store:
        critic = next(r for r in store.recent() if r.title == "Inner critic")
        assert critic.id is not None
        store.delete_session(critic.id)
        assert store.journal(search="lazy") == []
        left = store.conn.execute(
            "SELECT count(*) FROM entries_search WHERE entries_search MATCH 'lazy'"
        ).fetchone()[0]
        assert left == 0
        assert [e.title for e in store.journal()] == ["Compassionate letter"]
    # Closed, the log is one file: the word is in none of its pages, the index's old segments
    # and freed pages included.
    assert b"lazy" not in db_path.read_bytes()


def test_markdown_keeps_the_persons_words_literal(
    make_detail: MakeDetail, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with LogStore.open(log_place()) as store:
        words = "# not a heading\n\n*still me*"
        store.add([make_detail(START, title="Letter", entries=((1, "Dear me", words),))])
    target = tmp_path / "journal.md"
    assert journal("--markdown", "-o", str(target)) == 0
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# Journal\n\n## 2024-05-01 06:00 · Letter\n\n*Dear me*\n")
    assert "\\# not a heading" in text and "\\*still me\\*" in text


def test_no_log_yet_is_nothing_written(capsys: pytest.CaptureFixture[str], db_path: Path) -> None:
    assert journal() == 0
    assert capsys.readouterr().out == "Nothing written yet.\n"
    assert journal("--search", "kind") == 0
    assert not db_path.exists()
