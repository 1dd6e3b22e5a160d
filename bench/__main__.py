"""Run the benchmarks: ``python -m bench`` (all) or ``python -m bench scripts timing``."""

from __future__ import annotations

import importlib
import sys

NAMES = (
    "scripts",
    "shapes",
    "library",
    "timing",
    "log",
    "audio",
    "breath",
    "voices",
    "tui",
    "peers",
    "soundscape",
    "status",
    "render",
    "writing",
    "editor",
    "first_word",
    "first_frame",
    "wakes",
)


def main(argv: list[str]) -> int:
    chosen = argv or list(NAMES)
    unknown = [n for n in chosen if n not in NAMES]
    if unknown:
        print(f"unknown benchmark: {', '.join(unknown)} (choose from {', '.join(NAMES)})")
        return 2
    for name in chosen:
        print(f"\n## {name}\n", flush=True)
        module = importlib.import_module(f"bench.bench_{name}")
        module.main()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
