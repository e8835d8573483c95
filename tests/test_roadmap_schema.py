"""A broken roadmap file is reported as `file: path.to.field: what is wrong`, never a traceback."""

from __future__ import annotations

import re

import pytest
import yaml
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from mlplan import catalog
from mlplan.models import Roadmap, Stage, _first_inconsistent_id

VALID = {
    "id": "tiny",
    "title": "Tiny",
    "source": "tiny.md",
    "stages": [
        {
            "id": "s1",
            "title": "Stage",
            "units": [
                {
                    "id": "u1",
                    "title": "One",
                    "items": [
                        {"id": "u1.a", "kind": "concept", "title": "A", "hours": 1, "estimated": True},
                    ],
                },
                {
                    "id": "u2",
                    "title": "Two",
                    "prerequisites": ["u1"],
                    "items": [
                        {
                            "id": "u2.a",
                            "kind": "task",
                            "title": "B",
                            "hours": 2.5,
                            "estimated": False,
                            "resources": [{"title": "Docs", "url": "https://example.org/docs", "kind": "docs"}],
                        },
                    ],
                },
            ],
        }
    ],
}


@pytest.fixture
def roadmap_dir(tmp_path, monkeypatch):
    """A bundled-roadmaps folder holding only what the test writes."""
    folder = tmp_path / "roadmaps"
    folder.mkdir()
    monkeypatch.setattr(catalog, "bundled_roadmaps_dir", lambda: folder)
    return folder


def write(folder, data, name="tiny"):
    (folder / f"{name}.yaml").write_text(yaml.safe_dump(data), encoding="utf-8")


def broken(**changes):
    data = yaml.safe_load(yaml.safe_dump(VALID))
    item = data["stages"][0]["units"][1]["items"][0]
    for key, value in changes.items():
        if key == "prereq":
            data["stages"][0]["units"][1]["prerequisites"] = [value]
        elif key == "dup":
            item["id"] = "u1.a"
        else:
            item[key] = value
    return data


def test_a_valid_file_shows(mlplan, roadmap_dir):
    write(roadmap_dir, VALID)
    result = mlplan("show", "tiny")
    assert result.exit_code == 0, result.output
    assert "u2.a" in result.stdout


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"hours": 0}, "data/roadmaps/tiny.yaml: stages[0].units[1].items[0].hours: must be greater than 0"),
        ({"hours": 1.1}, "stages[0].units[1].items[0].hours: must be a multiple of a quarter hour"),
        ({"kind": "lecture"}, "stages[0].units[1].items[0].kind: must be one of"),
        (
            {"resources": [{"title": "x", "url": "ftp://example.org/x", "kind": "docs"}]},
            "stages[0].units[1].items[0].resources[0].url: must be an http(s) address",
        ),
        ({"houres": 3}, "stages[0].units[1].items[0].houres: unknown field"),
        ({"id": "U2 A"}, "stages[0].units[1].items[0].id: must be lower-case"),
        ({"dup": True}, "stages[0].units[1].items[0].id: id 'u1.a' is already used at stages[0].units[0].items[0].id"),
        ({"prereq": "u9"}, "stages[0].units[1].prerequisites[0]: 'u9' is not a unit listed before 'u2'"),
    ],
)
def test_validation_errors_name_file_and_field(mlplan, roadmap_dir, changes, expected):
    write(roadmap_dir, broken(**changes))
    result = mlplan("show", "tiny")
    assert result.exit_code == 2
    assert expected in result.stderr
    assert "Traceback" not in result.output


def test_missing_field_is_named(mlplan, roadmap_dir):
    data = yaml.safe_load(yaml.safe_dump(VALID))
    del data["stages"][0]["units"][0]["items"][0]["title"]  # ids and titles are required (estimated is not)
    write(roadmap_dir, data)
    result = mlplan("show", "tiny")
    assert result.exit_code == 2
    assert "data/roadmaps/tiny.yaml: stages[0].units[0].items[0].title: is required" in result.stderr


def test_file_that_is_not_yaml_is_reported_with_its_line(mlplan, roadmap_dir):
    (roadmap_dir / "tiny.yaml").write_text("id: tiny\nstages: [\n  - oops: {\n", encoding="utf-8")
    result = mlplan("show", "tiny")
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: data/roadmaps/tiny.yaml: line ")
    assert len(result.stderr.strip().splitlines()) == 1


def test_file_name_and_id_must_agree(mlplan, roadmap_dir):
    write(roadmap_dir, VALID, name="other")
    result = mlplan("show", "other")
    assert result.exit_code == 2
    assert "other.yaml: id: is 'tiny' but the file name says 'other'" in result.stderr


_IDS = st.sampled_from(["a", "b", "c", "a.1", "b.1"])
_UNITS = st.lists(st.tuples(_IDS, st.lists(_IDS, max_size=2), st.lists(_IDS, min_size=1, max_size=2)), max_size=4)


def _item(item_id):
    return {"id": item_id, "title": "T", "kind": "task", "hours": 1, "estimated": False}


@settings(max_examples=300, deadline=None)
@given(_UNITS, _UNITS)
def test_ids_and_prerequisites_are_refused_exactly_as_the_plain_walk_words_it(first, second):
    # the validator checks the whole roadmap at once and walks it unit by unit only to word a problem
    def stage(n, units):
        units = [{"id": uid, "title": "U", "prerequisites": prereqs, "items": [_item(i) for i in ids]}
                 for uid, prereqs, ids in units]  # fmt: skip
        return {"id": f"s{n}", "title": "S", "units": units}

    stages = [stage(n, units) for n, units in enumerate((first, second), 1) if units]
    assume(stages)
    try:
        _first_inconsistent_id([Stage.model_validate(s) for s in stages])
    except ValueError as exc:
        with pytest.raises(ValidationError, match=re.escape(str(exc))):
            Roadmap.model_validate(VALID | {"stages": stages})
    else:
        assert Roadmap.model_validate(VALID | {"stages": stages}).units()
