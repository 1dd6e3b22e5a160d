"""The practice log with 100,000 sessions (decades of daily practice, with check-ins).

Times the history screen's data and ``stats`` against a plain ``SELECT count(*), sum(...)`` over
the same table in the same run (goal: stats at most 100 ms), ``log --csv`` of everything (in
process and as the real command), a JSON export, ``quick_check``, and reports the file's size
and the peak RSS of each command that reads the whole log (goal: 50 MiB at any log size).
Everything lives in a temporary folder; the real log is never touched.
"""

from __future__ import annotations

import io
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from session_player.core.log import CheckIn, Entry, LogStore, SessionDetail, SessionRecord
from session_player.core.log.exchange.export import write_csv, write_json
from session_player.home.paths import log_place

SESSIONS = 100_000
GOAL_MS = 100.0
PRACTICES = (
    ("breathing", "Soothing rhythm breathing", 300),
    ("loving-kindness", "Loving-kindness for ourselves", 900),
    ("self-compassion-break", "A self-compassion break", 300),
    ("rain", "RAIN", 1200),
    ("silent", "Silent sitting", 1200),
    ("letter", "A compassionate letter", 900),
)


def generate(count: int, today: date, seed: int = 5) -> Iterator[SessionDetail]:
    """``count`` sessions ending ``today``: most days one to eight sessions, some days none,
    each with before and after check-ins, and a written entry every tenth."""
    rng = random.Random(seed)
    day = today
    made = 0
    while made < count:
        for _ in range(rng.choice((0, 1, 2, 3, 4, 5, 6, 7, 8))):
            if made == count:
                break
            practice, title, planned = PRACTICES[rng.randrange(len(PRACTICES))]
            start = datetime(day.year, day.month, day.day, rng.randrange(5, 23), tzinfo=UTC)
            start += timedelta(seconds=rng.randrange(3600))
            outcome = rng.choices(("completed", "stopped", "interrupted"), (85, 12, 3))[0]
            practised = planned if outcome == "completed" else rng.uniform(10, planned)
            end = start + timedelta(seconds=practised + rng.uniform(0, 60))
            record = SessionRecord(
                uuid=str(uuid.UUID(int=rng.getrandbits(128), version=4)),
                script_name=practice,
                title=title,
                practice=practice,
                started_at=start,
                utc_offset=3600 * rng.choice((0, 1, 2)),
                planned_seconds=float(planned),
                practised_seconds=practised,
                outcome=outcome,  # type: ignore[arg-type]
                ended_at=end,
                updated_at=end,
                pauses=rng.randrange(3),
                skips=rng.randrange(2),
                last_step=rng.randrange(1, 30),
            )
            before = rng.randrange(11)
            check_ins = (
                CheckIn("before", "How distressed do you feel right now?", before, start),
                CheckIn("after", "How distressed do you feel right now?", max(0, before - 2), end),
            )
            entries: tuple[Entry, ...] = ()
            if made % 10 == 0:
                entries = (Entry(3, "What do you need to hear?", "Something kind. " * 12, end),)
            yield SessionDetail(record, check_ins, entries)
            made += 1
        day -= timedelta(days=1)


def timed(func: Callable[[], object], runs: int = 9) -> tuple[float, float]:
    """(first, median) in milliseconds over ``runs``: the first run is the coldest."""
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        func()
        samples.append((time.perf_counter() - start) * 1000)
    return samples[0], statistics.median(samples)


def row(name: str, first: float, median: float, base: float | None = None) -> None:
    ratio = f"   {median / base:6.1f}x baseline" if base else ""
    print(f"  {name:<48} {first:9.1f} ms {median:9.1f} ms{ratio}")


MEMORY_GOAL_MIB = 50.0
PEAKED = (
    ("log", "--csv"),
    ("export", "--format", "health"),
    ("export", "--format", "json"),
    ("export", "--format", "csv"),
)


_MEASURE = """
import os, subprocess, sys
with open(os.devnull, "w") as sink:
    child = subprocess.Popen(sys.argv[1:], stdout=sink)
    _, status, usage = os.wait4(child.pid, 0)
print(os.waitstatus_to_exitcode(status), usage.ru_maxrss)
"""


def peak_mib(command: list[str], env: dict[str, str]) -> float:
    """The peak resident memory of one command to /dev/null, in MiB, from ``wait4``.

    A small Python starts the command: Linux carries a process's high-water mark into the
    program it ``exec``s, so a child forked straight from this (large) process would report
    this process's peak rather than its own."""
    launched = [sys.executable, "-c", _MEASURE, *command]
    result = subprocess.run(launched, env=env, capture_output=True, text=True, check=True)
    code, kilobytes = (int(word) for word in result.stdout.split())
    if code:
        raise SystemExit(f"{' '.join(command)} failed with {code}")
    return kilobytes / 1024  # kilobytes on Linux


def peaks(env: dict[str, str]) -> None:
    """Peak RSS of the commands that read the whole log, against Python with the package's log
    loaded and nothing read (memory doesn't depend on load; the load is printed anyway)."""
    base = [sys.executable, "-c", "import session_player.cli.log"]
    floor = peak_mib(base, env)
    print(f"peak RSS, {SESSIONS:,} sessions (load {os.getloadavg()[0]:.1f}):")
    print(f"  {'python -c import session_player.cli.log':<48} {floor:>9.1f} MiB")
    for args in PEAKED:
        peak = peak_mib([sys.executable, "-m", "session_player", *args], env)
        verdict = "met" if peak <= MEMORY_GOAL_MIB else "NOT met"
        name = "session-player " + " ".join(args)
        print(f"  {name:<48} {peak:>9.1f} MiB  goal {MEMORY_GOAL_MIB:.0f}: {verdict}")


def main() -> None:
    today = datetime.now().astimezone().date()
    with tempfile.TemporaryDirectory() as folder:
        home = Path(folder)
        path = home / "data" / "log.sqlite3"
        start = time.perf_counter()
        with LogStore.open(log_place(path)) as store:
            store.add(generate(SESSIONS, today))
            store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        build = time.perf_counter() - start

        with LogStore.open(log_place(path)) as store:
            n = store.count()
            oldest = store.conn.execute("SELECT min(local_date) FROM sessions").fetchone()[0]
            check_ins = store.conn.execute("SELECT count(*) FROM check_ins").fetchone()[0]
            print(
                f"{n:,} sessions from {oldest} to {today} ({check_ins:,} check-ins), "
                f"generated and imported in {build:.1f} s"
            )
            size = path.stat().st_size
            print(f"database size: {size / 1e6:.1f} MB ({size / n:.0f} bytes a session)")
            print(f"  {'':<48} {'first':>12} {'median':>12}")

            def baseline() -> object:
                sql = "SELECT count(*), sum(practised_seconds) FROM sessions"
                return store.conn.execute(sql).fetchone()

            base_first, base = timed(baseline)
            row("SELECT count(*), sum(practised_seconds)", base_first, base)
            stats_first, stats_median = timed(lambda: store.stats(today))
            row("stats (totals, practices, days, weeks, streaks)", stats_first, stats_median, base)
            row(
                "stats with change per question (the stats command)",
                *timed(lambda: store.stats(today, changes=True)),
                base,
            )
            row("recent(limit=50)", *timed(lambda: store.recent(limit=50)))
            newest = store.recent(limit=1)[0].id or 0
            row("one session with check-ins and entries", *timed(lambda: store.session(newest)))

            def history() -> object:
                return store.stats(today), store.recent(limit=50)

            history_first, history_median = timed(history)
            row("history screen data (stats + recent 50)", history_first, history_median, base)
            row(
                "open the log (no quick_check)",
                *timed(lambda: LogStore.open(log_place(path)).close()),
            )
            check = store.conn.execute
            row(
                "PRAGMA quick_check (not run on open)",
                *timed(lambda: check("PRAGMA quick_check").fetchall(), 3),
            )

            def csv_all() -> object:
                return write_csv(store.iter_details(), io.StringIO())

            def json_all() -> object:
                return write_json(
                    store.iter_details(), io.StringIO(), exported_at=datetime.now(UTC)
                )

            row("CSV of everything (in process)", *timed(csv_all, 3))
            row("JSON export of everything (in process)", *timed(json_all, 3))

        env = {**os.environ, "SESSION_PLAYER_HOME": str(home)}
        command = [sys.executable, "-m", "session_player", "log", "--csv"]

        def cli() -> object:
            with open(os.devnull, "w") as sink:
                return subprocess.run(command, env=env, stdout=sink, check=True)

        row("session-player log --csv > /dev/null", *timed(cli, 3))
        peaks(env)
        verdict = "met" if history_median <= GOAL_MS else "NOT met"
        print(f"goal: history data and stats within {GOAL_MS:.0f} ms: {verdict}")


if __name__ == "__main__":
    main()
