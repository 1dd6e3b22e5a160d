"""Plain mode as a person (or a screen reader, or a pipe) uses it: the installed command."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

SHORT = """title = "A short practice"
practice = "custom"
pause = "1s"

[[step]]
section = "Arriving"
say = "Welcome. You can stop at any time."

[[step]]
ask = "What would you like to call your image?"
into = "image"

[[step]]
write = "Tell {image} about your day."
for = "20s"

[[step]]
breathe = { in = 2, out = 3 }
cycles = 2

[[step]]
check_in = "How settled do you feel, 0 to 10?"

[[step]]
section = "Closing"
say = "Thank you, {image}. [bold]not bold[/bold] \\u001b[31m"
"""


def play(
    script: Path, *args: str, stdin: str = "", home: Path, timeout: float = 60
) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SESSION_PLAYER_HOME": str(home)}
    return subprocess.run(
        [sys.executable, "-m", "session_player", "play", str(script), "--plain", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        timeout=timeout,
    )


def write_script(tmp_path: Path, text: str = SHORT) -> Path:
    path = tmp_path / "short.toml"
    path.write_text(text, encoding="utf-8")
    return path


def sessions(home: Path) -> list[tuple[str, float]]:
    db = home / "data" / "log.sqlite3"
    with sqlite3.connect(db) as conn:
        return [tuple(r) for r in conn.execute("select outcome, practised_seconds from sessions")]


def test_a_session_prints_each_line_and_takes_answers_from_stdin(tmp_path: Path) -> None:
    script = write_script(tmp_path)
    result = play(
        script, "--speed", "20", "--no-sound", stdin="Sol\nA long day.\n7\n", home=tmp_path
    )
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Welcome. You can stop at any time." in out
    assert "Tell Sol about your day." in out
    assert "Breathe in · 2s" in out and "Breathe out · 3s" in out
    assert "Thank you, Sol. [bold]not bold[/bold] \\x1b[31m" in out  # text is data, never markup
    assert "\x1b" not in out
    assert "You practised" in out
    assert "Traceback" not in result.stderr
    # A run at --speed is a preview: it says so, and leaves the log as it was (no file at all).
    assert out.rstrip().endswith("Preview: not kept in your log.")
    assert not (tmp_path / "data" / "log.sqlite3").exists()


def test_end_of_input_skips_questions_instead_of_waiting(tmp_path: Path) -> None:
    script = write_script(tmp_path)
    started = time.monotonic()
    result = play(script, "--speed", "20", "--no-sound", stdin="", home=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Tell your image about your day." in result.stdout  # the unanswered default
    assert time.monotonic() - started < 30


def test_a_bad_script_gets_the_checkers_message_and_exit_1(tmp_path: Path) -> None:
    script = write_script(tmp_path, 'title = "x"\npractice = "breathing"\n[[step]]\nsya = "hi"\n')
    result = play(script, home=tmp_path)
    assert result.returncode == 1
    assert "short.toml:4:1: step[1].sya: unknown key; did you mean `say`?" in result.stderr
    assert "Traceback" not in result.stderr


def test_an_unknown_name_says_how_to_find_scripts(tmp_path: Path) -> None:
    result = play(Path("no-such-practice"), home=tmp_path)
    assert result.returncode == 1
    assert "session-player list" in result.stderr


@pytest.mark.parametrize(
    ("sig", "outcome"), [(signal.SIGINT, "stopped"), (signal.SIGTERM, "interrupted")]
)
def test_ctrl_c_or_a_kill_ends_kindly_and_is_logged(
    tmp_path: Path, sig: signal.Signals, outcome: str
) -> None:
    script = write_script(tmp_path, SHORT.replace('for = "20s"', 'for = "10m"'))
    env = {**os.environ, "SESSION_PLAYER_HOME": str(tmp_path)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "session_player", "play", str(script), "--plain", "--no-sound"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert proc.stdin and proc.stdout
    proc.stdin.write("Sol\n")
    proc.stdin.flush()
    for line in proc.stdout:
        if "Tell Sol" in line:
            break
    time.sleep(1.5)
    proc.send_signal(sig)
    out, err = proc.communicate(timeout=20)
    assert proc.returncode == 0, err
    assert "Stopping when you need to is part of practice." in out
    assert "Traceback" not in err
    [(logged, practised)] = sessions(tmp_path)
    assert logged == outcome
    assert 1 <= practised < 30


def test_before_and_after_check_ins_in_plain_mode() -> None:
    import io

    from session_player.cli.plain import run_plain
    from session_player.conductor.dispatcher import Conductor
    from session_player.core.clock import monotonic
    from session_player.core.script.loader import load_text
    from session_player.core.session.timeline import compile_timeline
    from session_player.home.settings import Settings

    # Played in real time: a preview would keep nothing.
    script = load_text('title = "T"\npractice = "custom"\npause = "0.1s"\n[[step]]\nsay = "Hi."\n')
    assert not isinstance(script, list)
    conductor = Conductor.create(Settings(), sound=False)
    out = io.StringIO()
    run_plain(
        compile_timeline(script),
        clock=monotonic,
        handler=conductor,
        stdin=io.StringIO("eleven\n²\n+5\n3\n7\n"),
        stdout=out,
        check_ins=True,
    )
    conductor.close()
    text = out.getvalue()
    assert "how safe and settled do you feel right now?" in text
    # "eleven", "²" (once a traceback) and "+5" are each asked again, kindly
    assert text.count("a whole number from 0 to 10, or Enter to skip") == 3
    from session_player.home.paths import database_path

    with sqlite3.connect(database_path()) as conn:
        rows = conn.execute("select moment, value from check_ins order by id").fetchall()
    assert rows == [("before", 3), ("after", 7)]


def test_plain_mode_runs_where_there_is_no_sighup(tmp_path: Path) -> None:
    # As on Windows, where the signal module has no SIGHUP.
    script = write_script(tmp_path)
    start = (
        "import runpy, signal, sys; del signal.SIGHUP; "
        f"sys.argv = ['session-player', 'play', {str(script)!r}, '--plain', '--no-sound', "
        "'--speed', '50']; runpy.run_module('session_player', run_name='__main__')"
    )
    env = {**os.environ, "SESSION_PLAYER_HOME": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-c", start],
        input="Sol\n",
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    assert "Thank you, Sol." in done.stdout
    assert "Preview: not kept in your log." in done.stdout  # at --speed, nothing is logged
    assert not (tmp_path / "data" / "log.sqlite3").exists()


def test_a_script_that_checks_in_on_itself_is_asked_only_its_own() -> None:
    import io

    from session_player.cli.plain import run_plain
    from session_player.core.clock import monotonic
    from session_player.core.script.loader import load_text
    from session_player.core.session.checkins import QUESTIONS
    from session_player.core.session.timeline import compile_timeline

    script = load_text(
        'title = "T"\npractice = "custom"\n'
        '[[step]]\ncheck_in = "How distressed do you feel?"\nlow = "calm"\nhigh = "very"\n'
        '[[step]]\nsay = "Hi."\npause = "0.1s"\n'
    )
    assert not isinstance(script, list)
    out = io.StringIO()
    run_plain(
        compile_timeline(script),
        clock=monotonic,
        stdin=io.StringIO("4\n\n"),
        stdout=out,
        check_ins=True,
    )
    text = out.getvalue()
    assert QUESTIONS["before"] not in text  # the script's own check-in opens it
    assert "? How distressed do you feel? From 0, calm, to 10, very." in text
    assert QUESTIONS["after"] in text  # it doesn't close with one: the app asks after


LETTER = """title = "A letter in parts"
practice = "letter"
pause = "1s"

[[step]]
write = "Perhaps begin your letter."
into = "letter"
for = "20s"

[[step]]
write = "And how might it close?"
into = "letter"
append = true
for = "20s"

[[step]]
read_back = "letter"
for = "10s"

[[step]]
say = "Thank you for writing."
"""


def test_a_letter_in_parts_is_printed_so_far_and_read_back(tmp_path: Path) -> None:
    script = write_script(tmp_path, LETTER)
    stdin = "Dear me, this was hard.\nWith love, me.\n"
    result = play(script, "--speed", "20", "--no-sound", stdin=stdin, home=tmp_path)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    # The second part is asked for under the first.
    so_far = "  (written so far)\n  | Dear me, this was hard.\n? And how might it close?"
    assert so_far in out
    # Then the whole letter, as typed, before the session goes on.
    letter = "  | Dear me, this was hard.\n  |\n  | With love, me.\n"
    assert letter in out
    assert out.index(letter) < out.index("Thank you for writing.")
