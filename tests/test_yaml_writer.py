"""The quick YAML writer (libyaml fed events directly) writes exactly what yaml.dump writes, for any plain data."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from mlplan import yaml_writer
from mlplan.roadmap_file import load_roadmap_file

ROADMAPS = Path(__file__).parents[1] / "data" / "roadmaps"

# Words and characters that change how libyaml writes a string: indicators, quotes, line and
# paragraph breaks, characters it escapes (tab, emoji, byte-order mark), values that read as
# another type, and long runs that fold at 100 columns.
_PIECES = st.sampled_from(
    ["word", "longer-word", "x", " ", "  ", "\n", "\n\n", "'", '"', "\\", ": ", ":", " #", "#", "- ", "-", "?", "---",
     "é", "€", "\u00a0", "\u2028", "\t", "\ufeff", "🚀", "true", "null", "1.5", "2020-01-01", "~", "http://a.b/c?d#e"]
)  # fmt: skip
_TEXT = st.lists(_PIECES, max_size=60).map("".join)
_SCALARS = _TEXT | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.booleans() | st.none()
_KEYS = st.sampled_from(["id", "title", "details", "a_longer_key_name", "k", "items"])
_DATA = st.recursive(_SCALARS, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_KEYS, inner, max_size=3))


def _pyyaml(data: object) -> str:
    return yaml.dump(data, Dumper=yaml.CSafeDumper, sort_keys=False, allow_unicode=True, width=100)


def _written(data: dict, **options: bool) -> str:
    out = io.BytesIO()
    yaml_writer.write(data, out, **options)
    return out.getvalue().decode("utf-8")


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(_KEYS, _DATA, min_size=1, max_size=4))
def test_plain_data_is_written_as_pyyaml_writes_it(data):
    assert _written(data) == _pyyaml(data)


@settings(max_examples=200, deadline=None)
@given(_TEXT, st.integers(min_value=0, max_value=6))
def test_long_strings_fold_as_pyyaml_folds_them(text, depth):
    data: object = {"details": text * 3, "title": text}
    for level in range(depth):
        data = {"items": [data]} if level % 2 else {"unit": data}
    assert _written(data) == _pyyaml(data)  # type: ignore[arg-type]


def _whole_floats_as_ints(data: object) -> object:
    if isinstance(data, dict):
        return {key: _whole_floats_as_ints(value) for key, value in data.items()}
    if isinstance(data, list):
        return [_whole_floats_as_ints(value) for value in data]
    return int(data) if type(data) is float and data.is_integer() else data


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(_KEYS, _DATA | st.floats(), min_size=1, max_size=4))
def test_whole_floats_are_written_as_the_ints_they_are(data):
    assert _written(data, whole_floats_as_int=True) == _pyyaml(_whole_floats_as_ints(data))


def test_data_left_to_pyyaml_has_its_whole_floats_written_as_ints_too():
    data = {"day": date(2026, 1, 5), "hours": [3.0, 1.5, -0.0], "pace": 1e20}
    assert _written(data) == _pyyaml(data)
    assert _written(data, whole_floats_as_int=True) == _pyyaml(_whole_floats_as_ints(data))


@settings(max_examples=500, deadline=None)
@given(_TEXT | st.text(max_size=8))
def test_strings_read_back_as_strings_exactly_when_the_resolver_says_so(text):
    resolved = yaml.resolver.Resolver().resolve(yaml.ScalarNode, text, (True, False))
    assert yaml_writer._reads_as_string(text) == (resolved == "tag:yaml.org,2002:str")


def test_every_bundled_roadmap_is_written_as_pyyaml_writes_it():
    for path in sorted(ROADMAPS.glob("*.yaml")):
        data = load_roadmap_file(path).model_dump(mode="json", exclude_defaults=True)
        assert _written(data) == _pyyaml(data), path.name
        assert _written(data, whole_floats_as_int=True) == _pyyaml(_whole_floats_as_ints(data)), path.name


def test_what_the_stream_held_is_kept_and_data_left_to_pyyaml_replaces_only_what_was_emitted():
    # far more than libyaml's output buffer is emitted into the stream before the date is met
    data = {"items": [{"id": f"i{n}", "title": "a title " * 10} for n in range(500)], "day": date(2026, 1, 5)}
    out = io.BytesIO()
    out.write(b"# a comment\n")
    yaml_writer.write(data, out)
    assert out.getvalue() == b"# a comment\n" + _pyyaml(data).encode("utf-8")


def test_string_events_made_again_once_their_store_is_full_are_the_same(monkeypatch):
    monkeypatch.setattr(yaml_writer, "_STRING_EVENTS_KEPT", 3)
    data = {"items": [{"id": f"i{n % 5}", "title": ["a", "true", "b: c", "d"][n % 4], "hours": 1.0} for n in range(40)]}
    assert _written(data) == _pyyaml(data)


def test_without_libyaml_the_python_emitter_writes_the_same(monkeypatch):
    monkeypatch.setattr(yaml_writer, "_Dumper", yaml.SafeDumper)
    for path in sorted(ROADMAPS.glob("*.yaml"))[:2]:
        data = load_roadmap_file(path).model_dump(mode="json", exclude_defaults=True)
        assert _written(data, whole_floats_as_int=True) == _pyyaml(_whole_floats_as_ints(data)), path.name
