"""The JSON Schema in docs/ agrees with the loader.

Every bundled script passes it; every corpus file whose problem a schema can express is refused by
it too, at a matching key path; a few valid edge cases pass both; and its names (practices,
presets, placements, chimes, keys) are the loader's own.
"""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError

from session_player.core.bundled import bundled_sounds
from session_player.core.script.durations import DurationError, parse_duration
from session_player.core.script.keys import BREATH_KEYS, TOP_KEYS
from session_player.core.script.kinds import ACTION_KEYS, STEP_KEYS
from session_player.core.script.loader import load_script, load_text
from session_player.core.script.model import ACTIONS, Script
from session_player.core.script.practices import PRACTICES
from session_player.core.script.presets import BREATHING_PRESETS, TOUCH_PLACEMENTS
from session_player.core.script.text import TemplateError, variables_in

ROOT = Path(__file__).resolve().parent.parent
BAD_FILES = sorted((ROOT / "tests" / "corpus" / "bad").glob("*.toml"))
GOOD_FILES = sorted((ROOT / "scripts").glob("*.toml"))
HEADER = 'title = "A test"\npractice = "breathing"\n'
SCHEMA_PATH = ROOT / "docs" / "script.schema.json"
SCHEMA: dict[str, Any] = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
VALIDATOR = Draft202012Validator(SCHEMA)
DEFS: dict[str, Any] = SCHEMA["$defs"]
STEP: dict[str, Any] = DEFS["step"]
NOT_HERE = {"$ref": "#/$defs/notHere"}

# Loader messages about things only the loader can know, wherever they appear.
LOADER_ONLY = ("is used before it is asked",)


@pytest.fixture(autouse=True)
def _home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SESSION_PLAYER_HOME", str(tmp_path / "home"))


def marker(path: Path, name: str) -> str | None:
    """The text after ``# name:`` in a corpus file's leading comments (see test_corpus.py)."""
    for raw in path.read_bytes().removeprefix(b"\xef\xbb\xbf").split(b"\n"):
        line = raw.decode("latin-1")
        if not line.startswith("#"):
            break
        match = re.match(rf"^#\s*{name}:\s*(.*?)\s*$", line)
        if match:
            return match[1]
    return None


def schema_skip(path: Path) -> str | None:
    """Why the schema cannot see a corpus file's problem (``# schema: skip (reason)``)."""
    found = marker(path, "schema")
    if found is None or not found.startswith("skip"):
        return None
    return found.removeprefix("skip").strip(" ()") or "no reason given"


def schema_errors(document: object) -> list[ValidationError]:
    """Every schema error, including those inside anyOf/oneOf alternatives."""

    def walk(errors: list[ValidationError]) -> Iterator[ValidationError]:
        for error in errors:
            yield error
            yield from walk(list(error.context or []))

    return list(walk(list(VALIDATOR.iter_errors(document))))


def key_path(path: str) -> list[str | int]:
    """``step[3].breathe.out`` as a JSON path: ``["step", 2, "breathe", "out"]``."""
    parts: list[str | int] = []
    for piece in path.split(".") if path else []:
        name, *indexes = re.split(r"\[(\d+)\]", piece)
        parts.append(name)
        parts.extend(int(i) - 1 for i in indexes if i)
    return parts


def related(a: list[str | int], b: list[str | int]) -> bool:
    """One path is the other or lies inside it."""
    shortest = min(len(a), len(b))
    return a[:shortest] == b[:shortest]


# -- the schema itself ---------------------------------------------------------------------------


def test_schema_is_valid_draft_2020_12() -> None:
    Draft202012Validator.check_schema(SCHEMA)
    assert SCHEMA["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_top_description_names_what_only_the_loader_checks() -> None:
    text = SCHEMA["description"]
    for words in ("variable", "exist", "24 hours", "1 MiB"):
        assert words in text


def _properties(schema: object, where: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    if isinstance(schema, dict):
        for name, sub in schema.get("properties", {}).items():
            yield f"{where}.{name}", sub
        for key, sub in schema.items():
            if key != "properties":
                yield from _properties(sub, f"{where}/{key}")
        for name, sub in schema.get("properties", {}).items():
            yield from _properties(sub, f"{where}.{name}")
    elif isinstance(schema, list):
        for index, sub in enumerate(schema):
            yield from _properties(sub, f"{where}[{index}]")


def test_every_key_has_a_description() -> None:
    described = [
        (where, "description" in sub)
        for where, sub in _properties(SCHEMA)
        if sub is not True and sub != NOT_HERE  # an action's keys: allowed, or not here
    ]
    assert described
    assert [where for where, ok in described if not ok] == []
    for name, definition in DEFS.items():
        assert "description" in definition, name


def test_tables_are_closed() -> None:
    # Closed key by key (a false schema on each unknown key's value), so Taplo reports an
    # unknown key once, at the key's value, not once for every line of the table.
    assert DEFS["notHere"]["allOf"] == [False]
    assert SCHEMA["additionalProperties"] == NOT_HERE
    assert DEFS["breathTable"]["additionalProperties"] == NOT_HERE
    for action in ACTIONS:
        assert DEFS[f"{action}Step"]["additionalProperties"] == NOT_HERE


def test_names_match_the_loader() -> None:
    assert set(SCHEMA["properties"]) == set(TOP_KEYS)
    assert set(STEP["properties"]) == set(STEP_KEYS)
    assert set(DEFS["breathTable"]["properties"]) == set(BREATH_KEYS)
    assert SCHEMA["properties"]["practice"]["enum"] == list(PRACTICES)
    assert STEP["properties"]["breathe"]["then"]["else"]["enum"] == list(BREATHING_PRESETS)
    assert STEP["properties"]["touch"]["else"]["enum"] == list(TOUCH_PLACEMENTS)
    assert set(DEFS["sound"]["else"]["enum"]) == set(bundled_sounds())
    assert DEFS["chimeChoice"]["else"]["enum"] == ["none", *DEFS["sound"]["else"]["enum"]]


@pytest.mark.parametrize("action", ACTIONS)
def test_each_action_allows_the_loaders_keys(action: str) -> None:
    kind = DEFS[f"{action}Step"]
    allowed = {key for key, sub in kind["properties"].items() if sub is True}
    assert allowed == {"section", action, *ACTION_KEYS[action]}
    assert set(kind["properties"]) == set(STEP_KEYS)


def test_limits() -> None:
    steps = SCHEMA["properties"]["step"]
    assert (steps["minItems"], steps["maxItems"]) == (1, 2000)
    repeat, cycles = STEP["properties"]["repeat"], STEP["properties"]["cycles"]
    assert (repeat["minimum"], repeat["maximum"]) == (1, 100)
    assert (cycles["minimum"], cycles["maximum"]) == (1, 1000)


# -- bundled scripts pass -----------------------------------------------------------------------


@pytest.mark.parametrize("path", GOOD_FILES, ids=lambda p: p.stem)
def test_bundled_script_passes_the_schema(path: Path) -> None:
    document = tomllib.loads(path.read_text(encoding="utf-8-sig"))
    assert [e.message for e in VALIDATOR.iter_errors(document)] == []


@pytest.mark.parametrize("path", GOOD_FILES, ids=lambda p: p.stem)
def test_schema_comment_points_at_the_schema(path: Path) -> None:
    # Relative to the script, and to a file beside it: true in the source, in an installed
    # copy, and in the person's folder, where the app keeps the schema too (tests/test_taplo.py).
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first == "#:schema script.schema.json"
    assert (path.parent / "script.schema.json").resolve() == SCHEMA_PATH


# -- invalid examples: the schema refuses what the loader refuses -------------------------------

SCHEMA_CASES = [p for p in BAD_FILES if schema_skip(p) is None]
SKIPPED = [p for p in BAD_FILES if schema_skip(p) is not None]


def test_most_of_the_corpus_is_for_the_schema_too() -> None:
    assert len(SCHEMA_CASES) >= 60
    for path in SKIPPED:
        assert schema_skip(path) != "no reason given", f"{path.name}: say why the schema skips"


@pytest.mark.parametrize("path", SCHEMA_CASES, ids=lambda p: p.stem)
def test_schema_refuses_what_the_loader_refuses(path: Path) -> None:
    document = tomllib.loads(path.read_text(encoding="utf-8-sig"))
    found = schema_errors(document)
    assert found, "the schema accepts a script the loader refuses"
    loaded = load_script(path)
    assert isinstance(loaded, list)
    if marker(path, "xfail"):
        return  # the loader's own report is a known bug; the schema's refusal is what counts here
    for error in loaded:
        if any(words in error.message for words in LOADER_ONLY):
            continue
        wanted = key_path(error.path)
        assert any(related(list(e.absolute_path), wanted) for e in found), (
            f"no schema error near {error.path}: "
            + "; ".join(f"{list(e.absolute_path)}: {e.message}" for e in found)
        )


def test_schema_refuses_more_than_2000_steps() -> None:
    document = tomllib.loads(HEADER + '\n[[step]]\nsay = "Hi."\n' * 2001)
    assert any(list(e.absolute_path) == ["step"] for e in schema_errors(document))
    document["step"] = document["step"][:2000]
    assert schema_errors(document) == []


# -- valid edge cases pass both ------------------------------------------------------------------

VALID_EDGES = {
    "free-text-placement": '[[step]]\ntouch = "one hand on your cheek"\nsay = "Gently."\n',
    "breath-table-with-top-up": (
        "[[step]]\nbreathe = { in = 2, top_up = 1, hold = 0, out = 6, rest = 1 }\ncycles = 5\n"
    ),
    "breath-table-as-text": '[[step]]\nbreathe = { in = "4s", out = "6s" }\nfor = "1m"\n',
    "numeric-durations": '[[step]]\nsay = "Hello."\npause = 2.5\n\n[[step]]\nsilence = 90\n',
    "compound-durations": (
        '[[step]]\nsilence = "1m30s"\nbell_every = "45s"\n\n'
        '[[step]]\nsay = "Hi."\npause = "500ms"\n'
    ),
    "variables-and-literal-braces": (
        '[[step]]\nask = "A name?"\ninto = "image"\ndefault = "your friend"\n\n'
        '[[step]]\nsay = "Hello {image}, {{not a variable}}."\n\n'
        '[[step]]\nwrite = "Write to {image}."\nfor = "3m"\ninto = "letter"\n\n'
        '[[step]]\ncheck_in = "From 0 to 10?"\ninto = "rating"\n'
    ),
    "every-preset": "".join(
        f'[[step]]\nbreathe = "{name}"\ncycles = 1\n\n' for name in BREATHING_PRESETS
    ),
    "breath-patterns": (
        '[[step]]\nbreathe = "4-7-8"\ncycles = 2\n\n[[step]]\nbreathe = "4-4-4-4"\nfor = "1m"\n\n'
        '[[step]]\nbreathe = "5(4-0-6-0)+10(box)"\n\n[[step]]\nbreathe = "3 (2.5-5)"\n'
    ),
    "sections-phrases-chimes": (
        '[[step]]\nsection = "Wishes"\nphrases = ["May I be safe.", "May I be well."]\n'
        'repeat = 3\npause = "4s"\nround_pause = "8s"\n\n[[step]]\nchime = "bowl"\n'
    ),
    "markup-is-text": '[[step]]\nsay = "[bold]Not bold[/bold] \\u001b[31m"\n',
}
TOP_EDGES = 'format = 1\nlanguage = "en-GB"\nstart_chime = "none"\nend_chime = "wood"\n'


@pytest.mark.parametrize("name", sorted(VALID_EDGES))
def test_valid_edge_case_passes_both(name: str) -> None:
    text = HEADER + TOP_EDGES + "\n" + VALID_EDGES[name]
    result = load_text(text)
    assert isinstance(result, Script), "\n".join(str(e) for e in result)
    assert [e.message for e in VALIDATOR.iter_errors(tomllib.loads(text))] == []


def test_wav_beside_the_script_passes_both(tmp_path: Path) -> None:
    (tmp_path / "sounds").mkdir()
    (tmp_path / "sounds" / "gong.WAV").write_bytes(b"RIFF\x00\x00\x00\x00WAVE")
    script = tmp_path / "gong.toml"
    script.write_text(HEADER + '\n[[step]]\nchime = "sounds/gong.WAV"\n')
    assert isinstance(load_script(script), Script)
    assert schema_errors(tomllib.loads(script.read_text())) == []


# -- the braces rule: the schema's pattern is the loader's template parser ----------------------

TEMPLATE = re.compile(DEFS["template"]["allOf"][1]["pattern"])


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="{}ab_0 :!.[]", max_size=12))
def test_template_pattern_matches_the_loader(text: str) -> None:
    try:
        variables_in(text)
        loader_ok = True
    except TemplateError:
        loader_ok = False
    assert (TEMPLATE.search(text) is not None) == loader_ok


# -- durations: the schema's rule is the loader's ------------------------------------------------

DURATION = Draft202012Validator({"$defs": DEFS, "$ref": "#/$defs/duration"})


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="0123456789.hmsHMS -", max_size=10))
def test_duration_text_the_schema_takes_is_what_the_loader_takes(text: str) -> None:
    # (Over a day, written as text, is refused by the loader alone, as the schema says.)
    try:
        parse_duration(text)
        loader_ok = True
    except DurationError:
        loader_ok = False
    assert DURATION.is_valid(text) == loader_ok, text


@settings(max_examples=200, deadline=None)
@given(st.one_of(st.integers(-10, 100_000), st.floats(-10, 100_000, allow_nan=False)))
def test_duration_numbers_the_schema_takes_are_what_the_loader_takes(number: float) -> None:
    result = load_text(HEADER + f"\n[[step]]\nsilence = {number!r}\n")
    assert DURATION.is_valid(number) == isinstance(result, Script), number


@pytest.mark.parametrize("text", ["2M", "1H", "30S", "1M30S"])
def test_upper_case_units_are_refused_by_both_and_the_loader_says_why(text: str) -> None:
    assert not DURATION.is_valid(text)
    with pytest.raises(DurationError, match="lower case"):
        parse_duration(text)
