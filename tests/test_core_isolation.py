"""The lower layers load only what is below them: checked in a fresh interpreter.

Every module of ``core``, ``home`` and ``conductor`` is imported in a subprocess, and what ended
up in ``sys.modules`` is looked at (harlequin's pattern): ``core`` loads no other part of the
package and none of the outside world's libraries; ``home`` and ``conductor`` load nothing of the
layers above them, and never Textual. (``tests/test_layers.py`` reads the same rules from the
source; this sees what importing really pulls in, through every library in between.)
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LAYERS = ("core", "home", "desktop", "audio", "conductor", "tui", "cli")
"""Bottom first: each layer may import only those before it."""

PROBE = """
import importlib, json, pkgutil, sys
layer = importlib.import_module(sys.argv[1])
names = [layer.__name__]
for info in pkgutil.walk_packages(layer.__path__, layer.__name__ + "."):
    names.append(info.name)
for name in names:
    importlib.import_module(name)
print(json.dumps({"modules": names, "loaded": sorted(sys.modules)}))
"""

OUTSIDE = ("platformdirs", "tomli_w", "textual", "simpleaudio", "pyttsx3")
"""The outside world's libraries (folders, settings files, the screen, sound, speech)."""
FORBIDDEN = {
    "core": OUTSIDE,
    "home": ("textual",),
    "desktop": ("textual", "simpleaudio"),
    "conductor": ("textual",),
}


def _probe(layer: str, home: Path) -> dict[str, list[str]]:
    env = {
        **os.environ,
        "SESSION_PLAYER_HOME": str(home),
        "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]),
    }
    done = subprocess.run(
        [sys.executable, "-c", PROBE, f"session_player.{layer}"],
        capture_output=True,
        text=True,
        env=env,
        cwd=home.parent,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    found: dict[str, list[str]] = json.loads(done.stdout.strip().splitlines()[-1])
    return found


def _layers_loaded(loaded: list[str]) -> set[str]:
    """The package's layers among ``loaded`` (the package's own ``__init__`` is no layer)."""
    return {m.split(".")[1] for m in loaded if m.startswith("session_player.")}


def _tops_loaded(loaded: list[str], names: tuple[str, ...]) -> list[str]:
    return sorted({m.split(".")[0] for m in loaded} & set(names))


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_a_lower_layer_loads_nothing_above_it(layer: str, tmp_path: Path) -> None:
    found = _probe(layer, tmp_path / "home")
    files = {
        p.relative_to(ROOT).with_suffix("").as_posix().replace("/", ".")
        for p in (ROOT / "session_player" / layer).rglob("*.py")
        if p.name != "__init__.py" and "__pycache__" not in p.parts
    }
    assert files, f"no modules found under session_player/{layer}"
    assert files <= set(found["modules"]), f"not imported: {sorted(files - set(found['modules']))}"
    below = set(LAYERS[: LAYERS.index(layer) + 1])
    above = sorted(f"session_player.{m}" for m in _layers_loaded(found["loaded"]) - below)
    assert above == [], f"session_player.{layer} loaded {above}"
    outside = _tops_loaded(found["loaded"], FORBIDDEN[layer])
    assert outside == [], f"session_player.{layer} loaded {outside}"


def test_the_probe_would_notice(tmp_path: Path) -> None:
    """Not vacuous: every forbidden library is installed, and the same probe run over the TUI
    sees it load Textual and the layers below it."""
    code = f"import importlib, sys; [importlib.import_module(m) for m in {OUTSIDE!r}]"
    code += f"; print(sorted(m for m in {OUTSIDE!r} if m in sys.modules))"
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.stdout.strip() == repr(sorted(OUTSIDE)), done.stderr
    found = _probe("tui", tmp_path / "home")
    assert "textual" in _tops_loaded(found["loaded"], OUTSIDE)
    assert {"core", "home", "conductor"} <= _layers_loaded(found["loaded"])
