"""``session_player.core`` never imports Textual: checked in a fresh interpreter."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

PROBE = """
import importlib, json, pkgutil, sys
import session_player.core as core
names = [core.__name__]
for info in pkgutil.walk_packages(core.__path__, core.__name__ + "."):
    names.append(info.name)
for name in names:
    importlib.import_module(name)
textual = sorted(m for m in sys.modules if m.split(".")[0] == "textual")
print(json.dumps({"modules": names, "textual": textual}))
"""


def test_core_never_imports_textual(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "SESSION_PLAYER_HOME": str(tmp_path / "home"),
        "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]),
    }
    done = subprocess.run(
        [sys.executable, "-c", PROBE],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    found = json.loads(done.stdout.strip().splitlines()[-1])
    modules = found["modules"]
    assert "session_player.core.script.loader" in modules
    assert "session_player.core.session.timeline" in modules
    files = {
        p.relative_to(ROOT).with_suffix("").as_posix().replace("/", ".")
        for p in (ROOT / "session_player" / "core").rglob("*.py")
        if p.name != "__init__.py" and "__pycache__" not in p.parts
    }
    assert files <= set(modules), f"not imported: {sorted(files - set(modules))}"
    assert found["textual"] == [], f"session_player.core imported {found['textual']}"


def test_the_probe_would_notice_textual() -> None:
    """Not vacuous: Textual is installed, and importing it shows up in sys.modules."""
    code = "import sys, textual; print('textual' in sys.modules)"
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.stdout.strip() == "True", done.stderr
