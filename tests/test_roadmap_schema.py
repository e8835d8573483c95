"""A broken roadmap file is reported as `file: path.to.field: what is wrong`, never a traceback."""

from __future__ import annotations

import re
from typing import Annotated

import pytest
import yaml
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from pydantic import AfterValidator, BaseModel, BeforeValidator, Field, StringConstraints, TypeAdapter, ValidationError

from mlplan import catalog, models
from mlplan.hours import is_quarter
from mlplan.models import Roadmap, Stage, _first_inconsistent_id
from mlplan.safe_text import paragraphs

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


def _errors(call):
    """``call``'s result, or its validation errors as (where, type, message)."""
    try:
        return call()
    except ValidationError as exc:
        return [(e["loc"], e["type"], e["msg"]) for e in exc.errors()]


def _roadmap_with_item(**fields):
    item = {"id": "u1.a", "kind": "task", "title": "A", "hours": 1, "estimated": True} | fields
    return VALID | {"stages": [{"id": "s1", "title": "S", "units": [{"id": "u1", "title": "U", "items": [item]}]}]}


# What pydantic's strip_whitespace and Python's strip could disagree on, and what one_line changes.
_AWKWARD = st.sampled_from(
    [" ", "\t", "\n", "\r\n", "\x1c", "\x1f", "\x1b", "\x85", "\xa0", "\u2028", "\u3000", "\u200b"]
)
_TEXTS = st.lists(st.one_of(_AWKWARD, st.text(max_size=4)), max_size=6).map("".join)


_TEXT = TypeAdapter(models.Text)
# Text as it was: pydantic's constraints after the cleaning
_PLAIN_TEXT = TypeAdapter(
    Annotated[str, StringConstraints(strip_whitespace=True, min_length=1), BeforeValidator(models._line_text)]
)


@settings(max_examples=250, deadline=None)
@given(st.one_of(_TEXTS, st.none(), st.integers(), st.lists(st.text(max_size=2), max_size=1)))
def test_text_is_checked_as_pydantic_strips_and_measures_it(value):
    # Text strips and measures in its cleaning call instead of StringConstraints: same text, same error,
    # and the same again when met again (the call's cache answers then)
    for _ in range(2):
        assert _errors(lambda: _TEXT.validate_python(value)) == _errors(lambda: _PLAIN_TEXT.validate_python(value))


@settings(max_examples=200, deadline=None)
@given(_TEXTS)
def test_paragraphs_are_cleaned_as_the_plain_call_cleans_them(text):
    # printable text but for its line breaks is returned without the substitutions; met again, from the cache
    for _ in range(2):
        assert models._paragraph_text(text) == paragraphs(text)


def test_text_given_as_bytes_is_decoded_and_cleaned():
    # YAML's !!binary gives bytes; pydantic decodes them, and the text is cleaned like any other
    assert _TEXT.validate_python(b" \x1b[31mRed\x1b[0m ") == "[31mRed[0m"
    problems = _errors(lambda: _TEXT.validate_python(b" \n "))
    assert problems == [((), "string_too_short", "String should have at least 1 character")]


def test_paragraphs_given_as_bytes_are_decoded_and_cleaned():
    # cleaned after pydantic's str check, as text is (before, bytes were decoded after the cleaning and kept it all)
    roadmap = Roadmap.model_validate({**VALID, "summary": b"Line one\x1b[31m\nLine two\x07"})
    assert roadmap.summary == paragraphs("Line one\x1b[31m\nLine two\x07") == "Line one[31m\nLine two"


def _quarter_after(hours: float) -> float:
    if not is_quarter(hours):
        raise ValueError("must be a multiple of a quarter hour (0.25)")
    return hours


def _typed_before(value):
    return models._typed_hours(value) if isinstance(value, str) else value


_HOURS = st.one_of(
    st.floats(),
    st.floats(min_value=-1, max_value=201).map(lambda h: round(h * 8) / 8),  # quarters, and eighths that are not
    st.integers(min_value=-5, max_value=300),
    st.booleans(),  # None is an item without hours: estimated (see the next test)
    st.decimals(min_value=-1, max_value=201, places=2),
    st.sampled_from(["1h30m", "90 min", "2.5", "1h20m", "lots", "nan", "0", "250h", " 3 "]),
    st.sampled_from([b"0.3", b"1.25", b"x"]),
)


class _PlainHours(BaseModel):  # Item.hours as it was: its quarters checked after the field's own checks
    hours: Annotated[float, BeforeValidator(_typed_before), AfterValidator(_quarter_after)] = Field(gt=0, le=200)


@settings(max_examples=400, deadline=None)
@given(_HOURS)
def test_hours_are_checked_as_the_field_then_the_quarters_were(value):
    # one before-validator checks quarters in the field's range instead of an after-validator: same errors
    expected = _errors(lambda: _PlainHours(hours=value).hours)
    got = _errors(lambda: Roadmap.model_validate(_roadmap_with_item(hours=value)).items()[0].hours)
    if isinstance(expected, list):
        expected = [(("stages", 0, "units", 0, "items", 0, *loc), kind, msg) for loc, kind, msg in expected]
    assert got == expected or (got != got and expected != expected)  # NaN is not NaN


_LEFT_OUT = st.sets(st.sampled_from(["kind", "hours", "estimated", "resource kind", "title"]))
_ODD = st.sampled_from([{}, {"hours": None}, {"kind": "lecture"}, {"hours": 1.1}, {"extra": 1}, {"id": "A B"}])


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(_LEFT_OUT, _ODD), min_size=1, max_size=4), st.booleans())
def test_roadmaps_leaving_fields_out_validate_as_if_filled_in_first(items, reference):
    # Roadmap validates data as given, and fills in only when that fails: the same as filling in first
    entries = []
    for n, (left_out, odd) in enumerate(items):
        resource = {"title": "R", "url": "https://example.org/r", "kind": "course"}
        item = {"id": f"u1.{n}", "kind": "resource", "title": "T", "hours": 2, "estimated": False}
        item |= {
            "resources": [{k: v for k, v in resource.items() if not (k == "kind" and "resource kind" in left_out)}]
        }
        entries.append({k: v for k, v in item.items() if k not in left_out} | odd)
    data = VALID | {"stages": [{"id": "s1", "title": "S", "units": [{"id": "u1", "title": "U", "items": entries}]}]}
    if reference:
        data |= {"reference": [{"title": "Books", "resources": [{"title": "A book"}]}]}
    as_given = _errors(lambda: Roadmap.model_validate(data))
    filled_first = _errors(lambda: Roadmap.model_validate(models._with_defaults(data)))
    assert as_given == filled_first


def test_what_a_hand_written_roadmap_leaves_out_is_filled_in():
    data = _roadmap_with_item(resources=[{"title": "Docs", "url": "https://example.org/docs"}])
    item = data["stages"][0]["units"][0]["items"][0]
    del item["kind"], item["hours"], item["estimated"]
    data["reference"] = [{"title": "Books", "resources": [{"title": "A book"}]}]
    roadmap = Roadmap.model_validate(data)
    item = roadmap.items()[0]
    assert (item.kind, item.hours, item.estimated, item.resources[0].kind) == ("task", 3.0, True, "other")
    assert roadmap.reference[0].resources[0].kind == "other"


def test_a_bad_address_given_twice_is_refused_twice():
    # the address check is remembered for each address, and a refusal must not be
    bad = {"title": "x", "url": "https://example org/x", "kind": "docs"}
    problems = _errors(lambda: Roadmap.model_validate(_roadmap_with_item(resources=[bad, bad])))
    assert [loc[-2:] for loc, _, _ in problems] == [(0, "url"), (1, "url")]


def _plain_web_address(url: str) -> str:
    if models.WEB_URL.match(url) is None:
        raise ValueError(
            "must be an http(s) address without spaces, quotes, <> or control characters, like https://example.org/page"
        )
    return url


_URL = TypeAdapter(Annotated[str, AfterValidator(models._web_address)])
_PLAIN_URL = TypeAdapter(Annotated[str, AfterValidator(_plain_web_address)])
_GIVEN_ADDRESSES = ["https://a.org/x", "http://b.c", "https://a org/x", "ftp://a.org", "https://a.org/\x85"]
_ADDRESSES = st.sampled_from(_GIVEN_ADDRESSES) | st.text(max_size=8).map("https://a.org/".__add__)


@settings(max_examples=200, deadline=None)
@given(st.lists(_ADDRESSES, max_size=6))
def test_addresses_are_checked_as_the_pattern_checks_them_when_met_again_too(urls):
    # the cache is the validator: an address met before is not checked again, and must get the same answer
    for url in urls + urls:
        assert _errors(lambda: _URL.validate_python(url)) == _errors(lambda: _PLAIN_URL.validate_python(url))  # noqa: B023
