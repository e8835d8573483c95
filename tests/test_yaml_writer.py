"""The quick YAML writer (libyaml fed events directly) writes exactly what yaml.dump writes, for any plain data."""

from __future__ import annotations

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


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(_KEYS, _DATA, min_size=1, max_size=4))
def test_plain_data_is_written_as_pyyaml_writes_it(data):
    assert yaml_writer.dump(data) == _pyyaml(data)


@settings(max_examples=200, deadline=None)
@given(_TEXT, st.integers(min_value=0, max_value=6))
def test_long_strings_fold_as_pyyaml_folds_them(text, depth):
    data: object = {"details": text * 3, "title": text}
    for level in range(depth):
        data = {"items": [data]} if level % 2 else {"unit": data}
    assert yaml_writer.dump(data) == _pyyaml(data)  # type: ignore[arg-type]


def test_every_bundled_roadmap_is_written_as_pyyaml_writes_it():
    for path in sorted(ROADMAPS.glob("*.yaml")):
        data = load_roadmap_file(path).model_dump(mode="json", exclude_defaults=True)
        assert yaml_writer.dump(data) == _pyyaml(data), path.name
