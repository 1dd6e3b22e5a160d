"""The peers' own virtual environment: termdown and countdown-cli, pinned, installed from the
package registry on first use into ``bench/.peers`` (never into the project's). Both the peer
benchmark and the TUI benchmark (its countdown-cli row) run them from here."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

PEERS = ("termdown==2.0.0", "countdown-cli==2.2.1")
VENV = Path(__file__).parent / ".peers"


def peers_bin() -> Path:
    """The peers' virtual environment's bin folder, made (once) from the package registry."""
    bin_dir = VENV / "bin"
    if not (bin_dir / "termdown").exists() or not (bin_dir / "countdown").exists():
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
        subprocess.run(
            [str(bin_dir / "python"), "-m", "pip", "install", "-q", *PEERS],
            check=True,
        )
    return bin_dir
