"""Property tests: the loader never raises, and valid scripts compile to consistent timelines.

(a) generated TOML documents, built from the real key names plus junk and values of every TOML
type, always give a Script or a non-empty list of located errors; (b) random bytes and text, and
valid scripts with random edits, never make ``load_bytes`` raise; (c) generated valid scripts
compile to a timeline whose length is the sum of its steps and whose cues run forward.
"""

from __future__ import annotations

import math
import string
from collections.abc import Iterator
from datetime import UTC, datetime, time, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from session_player.core.errors import ScriptError
from session_player.core.script.keys import BREATH_KEYS, TOP_KEYS
from session_player.core.script.kinds import STEP_KEYS
from session_player.core.script.loader import load_bytes, load_text
from session_player.core.script.model import ACTIONS, Script
from session_player.core.script.practices import PRACTICES
from session_player.core.script.presets import BREATHING_PRESETS, TOUCH_PLACEMENTS
from session_player.core.session.timeline import compile_timeline, planned_length

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = [p.read_bytes() for p in sorted((ROOT / "scripts").glob("*.toml"))]
SOUNDS = ("bell", "bowl", "wood")
FUZZ = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A script folder with one real WAV, so sound paths are really looked up."""
    where = tmp_path_factory.mktemp("scripts")
    (where / "sounds").mkdir()
    (where / "sounds" / "gong.wav").write_bytes(b"RIFF\x00\x00\x00\x00WAVE")
    return where


@pytest.fixture(autouse=True)
def _home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SESSION_PLAYER_HOME", str(tmp_path_factory.mktemp("home")))


def check_result(result: Script | list[ScriptError]) -> None:
    """A Script, or a non-empty list of errors that can all be shown."""
    if isinstance(result, Script):
        return
    assert isinstance(result, list) and result, "neither a script nor errors"
    for error in result:
        assert isinstance(error, ScriptError)
        assert error.line >= 1 and error.column >= 1
        assert error.message
        assert str(error).startswith(f"{error.file}:{error.line}:{error.column}: ")


# -- (a) generated TOML documents ------------------------------------------------------------------

text = st.text(max_size=30)
JUNK_KEYS = st.text(string.ascii_letters + string.digits + "_- .", min_size=1, max_size=10)
PLAUSIBLE_STRINGS = st.sampled_from(
    [
        *PRACTICES,
        *BREATHING_PRESETS,
        *TOUCH_PLACEMENTS,
        *SOUNDS,
        "none",
        "en",
        "en-GB",
        "",
        " ",
        "0s",
        "90s",
        "1m30s",
        "2m",
        "1h",
        "500ms",
        "-5s",
        "1000h",
        "1e400",
        "inf",
        "nan",
        "5 minutes",
        "Hello {name}",
        "{{braces}}",
        "{",
        "}",
        "{0}",
        "{a!r}",
        "[bold]x[/]",
        "\x1b[31m",
        "sounds/gong.wav",
        "sounds/missing.wav",
        "../x.wav",
        "/etc/x.wav",
        "~/x.wav",
        "C:\\x.wav",
        "x.mp3",
        "sounds/../sounds/gong.wav",
        "image",
        "my image",
        "one hand on your cheek",
    ]
)
numbers = st.one_of(
    st.integers(-(2**63), 2**63 - 1),
    st.sampled_from([0, 1, -1, 3, 60, 100, 101, 1000, 1001, 86400, 86401]),
    st.floats(allow_nan=True, allow_infinity=True),
)
moments = st.one_of(
    st.datetimes(min_value=datetime(1, 1, 2), max_value=datetime(9999, 12, 30)),
    st.datetimes(
        min_value=datetime(1, 1, 2),
        max_value=datetime(9999, 12, 30),
        timezones=st.sampled_from([UTC, timezone(timedelta(hours=-5, minutes=-30))]),
    ),
    st.dates(),
    st.times(),
)
scalars = st.one_of(
    text, PLAUSIBLE_STRINGS, numbers, st.booleans(), moments, st.sampled_from([time(0, 0)])
)


def tables(keys: st.SearchStrategy[str], values: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.dictionaries(keys, values, max_size=5)


any_value = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        tables(st.one_of(JUNK_KEYS, st.sampled_from(BREATH_KEYS)), inner),
    ),
    max_leaves=8,
)
breath_tables = tables(
    st.one_of(st.sampled_from(BREATH_KEYS), JUNK_KEYS),
    st.one_of(numbers, PLAUSIBLE_STRINGS, st.sampled_from([0, 0.5, 4, 6, 60, 61])),
)
step_values = st.one_of(any_value, breath_tables, st.lists(st.one_of(text, PLAUSIBLE_STRINGS)))
steps = tables(
    st.one_of(st.sampled_from(STEP_KEYS), st.sampled_from(STEP_KEYS), JUNK_KEYS), step_values
)
documents = st.dictionaries(
    st.one_of(st.sampled_from(TOP_KEYS), JUNK_KEYS),
    st.one_of(any_value, st.lists(steps, max_size=4)),
    max_size=8,
)


def with_required(doc: dict[str, Any], draw_steps: list[dict[str, Any]]) -> dict[str, Any]:
    """Most documents get a title, a practice and steps, so the checks go deep."""
    return {"title": "T", "practice": "custom", "step": draw_steps, **doc}


deep_documents = st.builds(with_required, documents, st.lists(steps, min_size=1, max_size=4))


@FUZZ
@given(doc=st.one_of(documents, deep_documents), in_folder=st.booleans())
def test_generated_documents_never_raise(
    doc: dict[str, Any], in_folder: bool, folder: Path
) -> None:
    source = tomli_w.dumps(doc)
    check_result(load_text(source, file="fuzz.toml", folder=folder if in_folder else None))


# -- (b) random bytes and text -------------------------------------------------------------------

NEAR_TOML = "[]{}=\"'#\n\r\t .,-_:0123456789aeinorstuxyz\\"


@st.composite
def edited_scripts(draw: st.DrawFn) -> bytes:
    """A bundled script with a few random byte edits."""
    data = bytearray(draw(st.sampled_from(BUNDLED)))
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(data)))
        what = draw(st.sampled_from(["delete", "insert", "replace"]))
        chunk = draw(
            st.binary(min_size=1, max_size=4)
            | st.text(NEAR_TOML, min_size=1, max_size=4).map(str.encode)
        )
        if what == "delete":
            del data[at : at + len(chunk)]
        elif what == "insert":
            data[at:at] = chunk
        else:
            data[at : at + len(chunk)] = chunk
    return bytes(data)


raw_inputs = st.one_of(
    st.binary(max_size=300),
    st.text(max_size=300).map(str.encode),
    st.text(NEAR_TOML, max_size=300).map(str.encode),
    edited_scripts(),
    st.binary(max_size=50).map(lambda b: b"\xef\xbb\xbf" + b),
    st.tuples(st.integers(1, 3000), st.sampled_from(["[", "{a = "])).map(
        lambda pair: ("x = " + pair[1] * pair[0]).encode()  # deep nesting, left open
    ),
)


@FUZZ
@given(data=raw_inputs)
def test_random_bytes_never_raise(data: bytes, folder: Path) -> None:
    check_result(load_bytes(data, file="fuzz.toml", folder=folder))


# -- (c) valid scripts compile to consistent timelines -------------------------------------------

words = st.lists(
    st.sampled_from(["you", "may", "rest", "here", "gently", "breathe", "notice"]),
    min_size=1,
    max_size=12,
)
lines = words.map(lambda w: " ".join(w).capitalize() + ".")


def duration(low: float, high: float) -> st.SearchStrategy[Any]:
    """A duration between low and high seconds, as a number or as text."""
    seconds = st.integers(math.ceil(low), int(high))
    return st.one_of(
        seconds,
        st.floats(low, high, allow_nan=False),
        seconds.map(lambda s: f"{s}s"),
        seconds.map(lambda s: f"{s // 60}m{s % 60}s" if s >= 60 else f"{s}s"),
        seconds.map(lambda s: f"{s * 1000}ms"),
    )


phase = st.sampled_from([0.5, 1, 2, 3, 4, 5.5, 6, 8])
breath = st.one_of(
    st.sampled_from(list(BREATHING_PRESETS)),
    st.fixed_dictionaries(
        {"in": phase, "out": phase},
        optional={"hold": st.just(0) | phase, "rest": st.just(0) | phase, "top_up": phase},
    ),
)


valid_steps = st.one_of(
    st.fixed_dictionaries({"say": lines}, optional={"pause": duration(1, 30)}),
    st.fixed_dictionaries(
        {"breathe": breath},
        optional={"section": lines},
    ).flatmap(
        lambda step: st.one_of(
            st.fixed_dictionaries({"for": duration(1, 300)}),
            st.fixed_dictionaries({"cycles": st.integers(1, 10)}),
        ).map(lambda extra: {**step, **extra})
    ),
    st.fixed_dictionaries(
        {"phrases": st.lists(lines, min_size=1, max_size=4)},
        optional={
            "repeat": st.integers(1, 4),
            "pause": duration(1, 20),
            "round_pause": duration(1, 30),
        },
    ),
    st.fixed_dictionaries(
        {"touch": st.sampled_from(list(TOUCH_PLACEMENTS)) | st.just("a hand on your arm")},
        optional={"say": lines, "for": duration(1, 120)},
    ),
    st.fixed_dictionaries({"silence": st.integers(30, 600)}).flatmap(
        lambda step: st.fixed_dictionaries(
            {},
            optional={
                "bell_every": st.integers(10, step["silence"] - 1),
                "bell": st.sampled_from(SOUNDS),
            },
        ).map(lambda extra: {**step, **extra})
    ),
    st.fixed_dictionaries({"chime": st.sampled_from(SOUNDS)}),
    st.fixed_dictionaries(
        {"ask": lines, "into": st.sampled_from(["image", "name", "place"])},
        optional={"default": lines, "for": duration(5, 120)},
    ),
    st.fixed_dictionaries(
        {"write": lines},
        optional={"into": st.just("letter"), "for": duration(10, 600)},
    ),
    st.fixed_dictionaries({"check_in": lines}, optional={"into": st.just("rating")}),
)
valid_scripts = st.fixed_dictionaries(
    {
        "title": lines,
        "practice": st.sampled_from(PRACTICES),
        "step": st.lists(
            st.one_of(valid_steps, valid_steps.map(lambda s: {"section": "Part", **s})),
            min_size=1,
            max_size=15,
        ),
    },
    optional={"pause": duration(1, 10), "summary": lines, "language": st.just("en-GB")},
)


def action(step: dict[str, Any]) -> str:
    """The action of a generated step (a touch step may also carry ``say``)."""
    return "touch" if "touch" in step else next(k for k in ACTIONS if k in step)


def cue_offsets(timeline: Any) -> Iterator[tuple[Any, list[float]]]:
    for planned in timeline.steps:
        yield planned, [cue.at for cue in planned.cues]


@FUZZ
@given(doc=valid_scripts)
def test_valid_scripts_compile_consistently(doc: dict[str, Any]) -> None:
    script = load_text(tomli_w.dumps(doc))
    assert isinstance(script, Script), "\n".join(map(str, script))
    assert [s.kind for s in script.steps] == [action(step) for step in doc["step"]]
    timeline = compile_timeline(script)
    assert len(timeline.steps) == len(doc["step"])
    total = sum(planned.length for planned in timeline.steps)
    assert timeline.length == pytest.approx(total, abs=1e-6 * len(timeline.steps))
    start = 0.0
    for planned, offsets in cue_offsets(timeline):
        assert planned.start == pytest.approx(start, abs=1e-5)
        start = planned.end
        assert planned.length >= 0
        assert offsets, "a step with no cues"
        assert offsets == sorted(offsets), f"cues run backwards in {planned.step.kind}"
        assert offsets[0] >= 0
        assert offsets[-1] <= planned.length + 1e-6
    sections = [s for s in doc["step"] if "section" in s]
    assert len(timeline.sections) == len(sections)
    assert planned_length(script) == pytest.approx(timeline.length, abs=1e-5)
