"""What ``check`` says names the real cause and the thing to do, and never floods the terminal."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from session_player.core.script.loader import load_script

HEAD = 'title = "Messages"\npractice = "custom"\n'


def errors_of(path: Path, body: str) -> list[str]:
    path.write_text(HEAD + body, encoding="utf-8")
    result = load_script(path)
    assert isinstance(result, list), "the script should not pass"
    return [str(e) for e in result]


def test_an_empty_key_is_named_as_such(tmp_path: Path) -> None:
    [message] = errors_of(tmp_path / "s.toml", '"" = 1\n[[step]]\nsay = "Hello."\n')
    assert 'a key with an empty name ("" = …) means nothing here; remove it' in message
    assert "title, practice" in message  # the keys that do


def test_a_huge_name_is_echoed_by_its_start_and_length(tmp_path: Path) -> None:
    name = "a" * 500_000
    [message] = errors_of(tmp_path / "s.toml", f'[[step]]\nsay = "Hello, {{{name}}}."\n')
    assert len(message) < 400
    assert "{" + "a" * 40 + "…(500,000 characters)} is used before it is asked" in message


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_a_fifo_or_folder_named_like_a_sound_is_said_to_be_one(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.wav")
    (tmp_path / "folder.wav").mkdir()
    body = '[[step]]\nchime = "pipe.wav"\n[[step]]\nchime = "folder.wav"\n'
    first, second = errors_of(tmp_path / "s.toml", body)
    assert first.endswith("pipe.wav is a named pipe (FIFO), not a sound file; use a WAV file")
    assert second.endswith("folder.wav is a folder, not a sound file; use a WAV file")


def test_a_sound_named_without_wav_points_to_the_file_beside_the_script(tmp_path: Path) -> None:
    (tmp_path / "gong.wav").write_bytes(b"")
    [message] = errors_of(tmp_path / "s.toml", '[[step]]\nchime = "gong"\n')
    assert "unknown sound 'gong'; for the file beside the script write \"gong.wav\"" in message
