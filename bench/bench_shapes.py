"""Checking files of every awkward shape, up to the 1 MiB limit: time linear in size, each
under 1 s and 200 MB.

Each shape is generated at a quarter of the limit and at the limit; each check runs in a
process of its own, whose peak memory is read from the kernel. The baseline, measured in the
same run, is ``tomllib.loads`` of an ordinary script (many plain steps) of the same size. The
growth column is the time at 1 MiB over the time at 256 KiB: 4.0 is linear.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

LIMIT = 1 << 20
HEADER = 'title = "Shapes"\npractice = "custom"\n'

CHILD = """
import sys, time
from pathlib import Path
data = Path(sys.argv[1]).read_bytes()
mode = sys.argv[2]
if mode == "tomllib":
    import tomllib
    start = time.process_time()
    tomllib.loads(data.decode())
elif mode in ("course", "settings", "timers"):
    from session_player.core.library.course import load_course
    from session_player.home.settings import load_settings
    from session_player.home.timers import load_timers
    start = time.process_time()
    if mode == "course":
        errors = load_course(Path(sys.argv[1]), set())
        said = [str(e) for e in errors] if isinstance(errors, list) else []
    else:
        said = (load_settings if mode == "settings" else load_timers)(Path(sys.argv[1]))[1]
    seconds = time.process_time() - start
    print(seconds, f"{len(said)}: {said[0].split(': ', 1)[-1][:50]}" if said else "ok", sep="\\t")
    sys.exit(0)
else:
    from session_player.core.script.loader import load_bytes
    from session_player.core.bundled import bundled_sounds
    sounds = bundled_sounds()
    start = time.process_time()
    result = load_bytes(data, file="shape.toml", folder=Path(sys.argv[1]).parent, sounds=sounds)
seconds = time.process_time() - start
summary = ""
if mode != "tomllib":
    summary = "ok" if not isinstance(result, list) else f"{len(result)}: {result[-1].message[:50]}"
print(seconds, summary, sep="\\t")
"""


def repeat(head: str, unit: str, tail: str, size: int) -> str:
    """``head``, then ``unit`` as often as fits in ``size`` bytes, then ``tail``."""
    room = max(0, size - len(head.encode()) - len(tail.encode()))
    return head + unit * (room // len(unit.encode())) + tail


def steps(size: int) -> str:
    """An ordinary script: plain steps of a line of guidance each."""
    unit = '\n[[step]]\nsay = "Let the breath settle, just as it is, and rest here."\n'
    return repeat(HEADER, unit, "", size)


def keys(head: str, tail: str, size: int) -> str:
    """Numbered unknown keys between ``head`` and ``tail``, ``size`` bytes in all."""
    lines, used, n = [], len(head) + len(tail), 0
    while used + len(f"k{n} = 1\n") <= size:
        lines.append(f"k{n} = 1\n")
        used += len(lines[-1])
        n += 1
    return head + "".join(lines) + tail


def nested(opening: str, closing: str) -> Callable[[int], str]:
    def make(size: int) -> str:
        depth = (size - 200) // (len(opening) + len(closing))
        return HEADER + "x = " + opening * depth + "1" + closing * depth + "\n"

    return make


def variables(size: int) -> str:
    asks = "".join(
        f'\n[[step]]\nask = "A word?"\ninto = "v{n}"\ndefault = "x"\n' for n in range(1000)
    )
    uses = "".join(f"{{v{n}}} " for n in range(1000))
    return repeat(HEADER + asks, f'\n[[step]]\nsay = "{uses}"\n', "", size)


SHAPES: dict[str, Callable[[int], str]] = {
    "ordinary steps": steps,
    "a long dotted key": lambda n: repeat(HEADER + "a", ".a", " = 1\n", n),
    "a long dotted header": lambda n: repeat(HEADER + "[a", ".a", "]\n", n),
    "a long key": lambda n: repeat(HEADER, "k", " = 1\n", n),
    "unknown keys in one step": lambda n: keys(HEADER + '[[step]]\nsay = "Hi."\n', "", n),
    "unknown top-level keys": lambda n: keys("", HEADER + '[[step]]\nsay = "Hi."\n', n),
    "a bad duration in every step": lambda n: repeat(HEADER, '[[step]]\nsilence = "soon"\n', "", n),
    "2,000 steps of long text": lambda n: (
        HEADER
        + "".join(
            f'[[step]]\nsay = "{"Breathe in, breathe out. " * max(1, (n // 2000 - 20) // 25)}"\n'
            for _ in range(2000)
        )
    ),
    "too many steps": lambda n: repeat(HEADER, '[[step]]\nsay = "Hi."\n', "", n),
    "deep inline tables": nested("{a = ", "}"),
    "deep arrays": nested("[", "]"),
    "one huge line of text": lambda n: repeat(HEADER + '[[step]]\nsay = "', "calm ", '"\n', n),
    "a huge multi-line string": lambda n: repeat(
        HEADER + '[[step]]\nsay = """', "calm.\n", '"""\n', n
    ),
    "many braces": lambda n: repeat(HEADER + '[[step]]\nsay = "', "{{}} ", '"\n', n),
    "many variables": variables,
    "many tables": lambda n: (
        HEADER + "".join(f"[t{i}]\nx = 1\n" for i in range(n // 16)) + '[[step]]\nsay = "Hi."\n'
    ),
    "errors in 2,000 steps": lambda n: (
        HEADER
        + "".join(
            '[[step]]\nsilence = "soon"\n'
            + "".join(f"k{k} = 1\n" for k in range((n // 2000 - 40) // 8))
            for _ in range(2000)
        )
    ),
    "dots in every line of text": lambda n: repeat(
        HEADER, '[[step]]\nsay = "' + "Rest. " * 20 + '"\n', "", n
    ),
    "many phrases": lambda n: repeat(
        HEADER + "[[step]]\nphrases = [", '"May I be well.", ', '"x"]\n', n
    ),
    "comments": lambda n: repeat(HEADER + '[[step]]\nsay = "Hi."\n', "# a.b.c " * 8 + "\n", "", n),
}


def run(path: Path, mode: str) -> tuple[float, int, str]:
    """Seconds, peak RSS in bytes and a summary of checking ``path`` in a fresh process."""
    process = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(path), mode], stdout=subprocess.PIPE, text=True
    )
    assert process.stdout is not None
    out = process.stdout.read()
    _pid, status, usage = os.wait4(process.pid, 0)
    if status != 0:
        return float("nan"), usage.ru_maxrss * 1024, f"exit status {status}"
    seconds, summary = out.rstrip("\n").split("\t", 1)
    return float(seconds), usage.ru_maxrss * 1024, summary


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        base = folder / "base.toml"
        base.write_text(steps(LIMIT), encoding="utf-8")
        base_seconds, base_rss, _ = run(base, "tomllib")
        print(
            f"baseline: tomllib.loads of ordinary steps, 1 MiB: {base_seconds * 1000:.0f} ms, "
            f"peak RSS {base_rss / 2**20:.0f} MiB"
        )
        print(f"{'shape':<30} {'1 MiB':>8} {'ratio':>6} {'growth':>6} {'peak RSS':>9}  result")
        for name, make in SHAPES.items():
            times = []
            for size in (LIMIT // 4, LIMIT):
                path = folder / "shape.toml"
                text = make(size)
                path.write_text(text, encoding="utf-8")
                seconds, rss, summary = run(path, "check")
                times.append(seconds)
            growth = times[1] / times[0] if times[0] > 0 else float("nan")
            print(
                f"{name:<30} {times[1] * 1000:6.0f}ms {times[1] / base_seconds:5.2f}x "
                f"{growth:6.1f} {rss / 2**20:6.0f} MiB  {summary}",
                flush=True,
            )

    readers()


# The other TOML files a person may write, each read by the one bounded reader at its own cap.
READERS = {"course": 256 * 1024, "settings": 1 << 16, "timers": 1 << 16}


def readers() -> None:
    """Every shape through the course, settings and timers readers, at a quarter of each
    one's cap and at the cap: the same goals as scripts (linear, under 1 s and 200 MB)."""
    print(f"\n{'shape':<30} {'reader':<9} {'at cap':>8} {'growth':>6} {'peak RSS':>9}  result")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "shape.toml"
        for name, make in SHAPES.items():
            for reader, cap in READERS.items():
                times, rss, summary = [], 0, ""
                for size in (cap // 4, cap):
                    path.write_text(make(size), encoding="utf-8")
                    seconds, rss, summary = run(path, reader)
                    times.append(seconds)
                growth = times[1] / times[0] if times[0] > 0 else float("nan")
                print(
                    f"{name:<30} {reader:<9} {times[1] * 1000:6.1f}ms {growth:6.1f} "
                    f"{rss / 2**20:6.0f} MiB  {summary}",
                    flush=True,
                )


if __name__ == "__main__":
    main()
