"""mako and SwayNotificationCenter need a Wayland compositor, which can't run here: each is
played by a small stand-in for its control tool (``makoctl``, ``swaync-client``) that keeps
the server's state in a file as the server would, and notes what was on disk when it was
asked to go quiet, so the order (state written first, then changed) is seen too."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from session_player.desktop.bus import Bus
from session_player.desktop.neighbour import Neighbour, Sitting
from session_player.home.settings import Settings

SIT = Sitting("Silent timer", "sitting", 600.0, open_ended=False, sit=True)

SWAYNC = """#!/bin/sh
state={state}
[ "$1" = "--skip-wait" ] && shift
case "$1" in
  --get-dnd) cat "$state" ;;
  --dnd-on) cat {held}/held-*.json > {seen} 2>/dev/null; echo true > "$state" ;;
  --dnd-off) echo false > "$state" ;;
  *) exit 2 ;;
esac
"""
MAKOCTL = """#!/bin/sh
state={state}
[ "$1" = "mode" ] || exit 2
shift
case "$1" in
  "") cat "$state" ;;
  -a) cat {held}/held-*.json > {seen} 2>/dev/null; echo "$2" >> "$state"; cat "$state" ;;
  -s) shift; : > "$state"; for m in "$@"; do echo "$m" >> "$state"; done; cat "$state" ;;
  *) exit 2 ;;
esac
"""


def _tool(folder: Path, name: str, body: str, state: str) -> tuple[Path, Path]:
    bin_dir = folder / "bin"
    bin_dir.mkdir(exist_ok=True)
    held = folder / "state"
    held.mkdir(exist_ok=True)
    state_file, seen = folder / f"{name}.state", folder / f"{name}.seen"
    state_file.write_text(state)
    tool = bin_dir / name
    tool.write_text(body.format(state=state_file, held=held, seen=seen))
    tool.chmod(0o755)
    return state_file, seen


def _session(folder: Path) -> Neighbour:
    neighbour = Neighbour(Settings(), folder / "state", note=lambda _: None, bus=Bus())
    neighbour.started(SIT)
    neighbour.settled()
    return neighbour


@pytest.mark.parametrize("before", ["false", "true"])
def test_swaync_do_not_disturb_during_and_as_it_was_after(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, before: str
) -> None:
    state, seen = _tool(tmp_path, "swaync-client", SWAYNC, before + "\n")
    monkeypatch.setenv("PATH", f"{tmp_path / 'bin'}:/usr/bin:/bin")
    neighbour = _session(tmp_path)
    assert state.read_text().strip() == "true"
    if before == "false":  # asked to go quiet only when it wasn't: what was, already on disk
        assert json.loads(seen.read_text())["saved"] == {"swaync": False}
    neighbour.ended(600.0, "completed")
    neighbour.close()
    assert state.read_text().strip() == before


def test_mako_gets_exactly_its_modes_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    state, seen = _tool(tmp_path, "makoctl", MAKOCTL, "default\nwork\n")
    monkeypatch.setenv("PATH", f"{tmp_path / 'bin'}:/usr/bin:/bin")
    neighbour = _session(tmp_path)
    assert state.read_text().split() == ["default", "work", "do-not-disturb"]
    assert json.loads(seen.read_text())["saved"] == {"mako": ["default", "work"]}
    neighbour.close()  # the app quits mid-session
    assert state.read_text().split() == ["default", "work"]
