"""Where libpulse may make its runtime folder (``home/pulse.py``): in our cache only where no
sound server has made its own, and never for the person's own commands.

The real effect (a fresh HOME left empty by ``render`` with an espeak-ng voice) is
``tests/e2e/test_own_folders.py``; these are the choices around it.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from session_player.desktop.hooks import HookFacts, run_hook
from session_player.home import pulse


def _environ(tmp_path: Path, **more: str) -> dict[str, str]:
    return {"HOME": str(tmp_path / "home"), **more}


def test_a_fresh_home_points_libpulse_into_our_cache(tmp_path: Path) -> None:
    environ = _environ(tmp_path)
    assert pulse.keep_pulse_in(lambda: tmp_path / "cache", environ, "linux")
    assert environ[pulse.RUNTIME] == str(tmp_path / "cache" / "pulse")


@pytest.mark.parametrize("runtime", [False, True])
def test_where_a_sound_server_made_its_folder_nothing_changes(
    tmp_path: Path, runtime: bool
) -> None:
    if runtime:
        environ = _environ(tmp_path, XDG_RUNTIME_DIR=str(tmp_path / "run"))
        (tmp_path / "run" / "pulse").mkdir(parents=True)
    else:
        environ = _environ(tmp_path)
        (tmp_path / "home" / ".config" / "pulse").mkdir(parents=True)
    before = dict(environ)
    assert not pulse.keep_pulse_in(lambda: tmp_path / "cache", environ, "linux")
    assert environ == before


def test_a_runtime_folder_of_the_persons_own_is_kept(tmp_path: Path) -> None:
    environ = _environ(tmp_path, PULSE_RUNTIME_PATH="/run/mine")
    assert not pulse.keep_pulse_in(lambda: tmp_path / "cache", environ, "linux")
    assert environ[pulse.RUNTIME] == "/run/mine"


def test_other_systems_have_no_libpulse_to_keep(tmp_path: Path) -> None:
    environ = _environ(tmp_path)
    assert not pulse.keep_pulse_in(lambda: tmp_path / "cache", environ, "darwin")
    assert pulse.RUNTIME not in environ


def test_a_hook_is_given_the_environment_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(pulse.RUNTIME)
    monkeypatch.setattr(pulse, "_set_here", None)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    assert pulse.keep_pulse_in(lambda: tmp_path / "cache")
    out = tmp_path / "seen"
    show = f"import os; open({str(out)!r}, 'w').write(os.environ.get({pulse.RUNTIME!r}, '-'))"
    facts = HookFacts("start", "T", "custom", 1.0)
    assert run_hook("on_start", f"{sys.executable} -c {show!r}", facts) is None
    assert out.read_text() == "-"
