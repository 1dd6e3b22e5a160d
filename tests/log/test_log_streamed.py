"""Exports at any log size: the health document written in one pass, and ``log --csv``
spooled to a temporary file rather than gathered in memory, still all or nothing."""

from __future__ import annotations

import io
import json
import sys
from datetime import UTC, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from session_player.cli import log_edge
from session_player.core.log import SessionDetail
from session_player.core.log.exchange import health
from session_player.core.log.exchange.health import (
    health_connect_record,
    healthkit_record,
    write_health,
)
from session_player.core.script.text import json_shown

from .test_log_export import _details

AT = datetime(2024, 5, 1, 8, tzinfo=UTC)


class _Ascii(io.StringIO):
    """A stream whose encoding can't hold every character (the C locale)."""

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return "ascii"


def _whole_document(details: list[SessionDetail], unicode: bool) -> str:
    """The document as it was written before it streamed: built whole and dumped at once."""
    kit = [healthkit_record(d) for d in details]
    connect = [health_connect_record(d) for d in details]
    document = {
        "format": "session-player-health",
        "version": 2,
        "exported_at": "2024-05-01T08:00:00.000000Z",
        "healthkit": [k for k in kit if k is not None],
        "health_connect": [c for c in connect if c is not None],
    }
    return json_shown(json.dumps(document, ensure_ascii=not unicode, indent=2)) + "\n"


@settings(max_examples=60, deadline=None)
@given(
    st.lists(_details(), max_size=6, unique_by=lambda d: d.session.uuid),
    st.booleans(),
    st.sampled_from([1, 4 * 1024 * 1024]),
)
def test_the_streamed_health_document_is_the_whole_one_to_the_character(
    details: list[SessionDetail], unicode: bool, spool: int
) -> None:
    out = io.StringIO() if unicode else _Ascii()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(health, "_SPOOL_CHARACTERS", spool)  # 1: spooled to a file at once
        n = write_health(iter(details), out, exported_at=AT)  # read once, as the log streams
    assert out.getvalue() == _whole_document(details, unicode)
    assert n == sum(healthkit_record(d) is not None for d in details)


def test_log_output_spools_to_a_file_and_is_written_whole(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    stdout = _Ascii()
    monkeypatch.setattr(sys, "stdout", stdout)
    with log_edge.whole(sys.stdout) as spool:
        assert spool.fileno() >= 0  # a real temporary file, not text held in memory
        assert spool.encoding == "ascii"  # so JSON written into it is escaped for the stream
        spool.write("line one\r\nline two: \u00e9\n")
        assert stdout.getvalue() == ""  # nothing reaches the stream before the end
    assert stdout.getvalue() == "line one\r\nline two: \u00e9\n"


def test_a_log_that_fails_half_way_prints_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    stdout = io.StringIO()
    monkeypatch.setattr(sys, "stdout", stdout)
    with pytest.raises(OSError), log_edge.whole(sys.stdout) as spool:
        spool.write("half a document")
        raise OSError("the disk went away")
    assert stdout.getvalue() == ""
