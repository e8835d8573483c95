"""Hand-written YAML roadmaps through `mlplan import`: only ids and titles are required."""

from __future__ import annotations

import json

import pytest

MINIMAL = """\
id: my-plan
title: My plan
stages:
- id: s1
  title: Basics
  units:
  - id: u1
    title: First week
    items:
    - id: read
      title: Read chapter 1
    - id: course
      title: The course
      kind: resource
      resources:
      - title: Intro to ML, weeks 1-2
        url: https://www.coursera.org/learn/ml
        kind: course
    - id: typed
      title: Typed hours
      hours: 1h30m
    - id: minutes
      title: In minutes
      hours: 90 min
    - id: text-number
      title: A number as text
      hours: "2.5"
    - id: stated
      title: Stated hours
      hours: 3
    - id: book
      title: A book with no kind
      kind: resource
      resources:
      - title: Some book
"""


def _items(mlplan, roadmap_id: str) -> dict[str, dict]:
    shown = mlplan("show", roadmap_id, "--json")
    assert shown.exit_code == 0, shown.output
    data = json.loads(shown.stdout)
    return {item["id"]: item for stage in data["stages"] for unit in stage["units"] for item in unit["items"]} | {
        "": data
    }


def test_only_ids_and_titles_are_required(mlplan, tmp_path):
    source = tmp_path / "mine.yaml"
    source.write_text(MINIMAL, encoding="utf-8")
    result = mlplan("import", str(source))
    assert result.exit_code == 0, result.output
    items = _items(mlplan, "my-plan")
    assert items[""]["source"] == "mine.yaml"
    # No kind: a task; no hours: the estimation rule (a task is 3 h), marked estimated.
    assert (items["read"]["kind"], items["read"]["hours"], items["read"]["estimated"]) == ("task", 3.0, True)
    # A resource item takes its resource's hours: a course stating two weeks is 2 x 6 h.
    assert (items["course"]["hours"], items["course"]["estimated"]) == (12.0, True)
    # Hours as on the command line are stated hours.
    assert [(items[i]["hours"], items[i]["estimated"]) for i in ("typed", "minutes", "text-number", "stated")] == [
        (1.5, False),
        (1.5, False),
        (2.5, False),
        (3.0, False),
    ]
    assert items["book"]["resources"] == [{"title": "Some book", "url": None, "kind": "other"}]
    assert items["book"]["hours"] == 1.0


def test_a_saved_hand_written_roadmap_exports_complete(mlplan, tmp_path):
    source = tmp_path / "mine.yaml"
    source.write_text(MINIMAL, encoding="utf-8")
    assert mlplan("import", str(source)).exit_code == 0
    exported = mlplan("roadmaps", "export", "my-plan").stdout
    assert "hours: 1.5\n" in exported and "estimated: true\n" in exported and "source: mine.yaml\n" in exported


def _refusal(mlplan, tmp_path, text: str) -> list[str]:
    source = tmp_path / "bad.yaml"
    source.write_text(text, encoding="utf-8")
    result = mlplan("import", str(source))
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    return result.stderr.replace("Error: ", "").strip().splitlines()


@pytest.mark.parametrize(
    ("hours", "problem"),
    [
        ("lots", "'lots': not a number of hours or a duration"),
        ("1h20m", "'1h20m' is not a whole number of quarter hours"),
        ("500h", "'500h': more than 200 h"),
        ("nan", "'nan': not a number of hours or a duration"),
        ("5 min", "'5 min': less than 15 min"),
    ],
)
def test_typed_hours_that_are_not_are_named(mlplan, tmp_path, hours, problem):
    text = MINIMAL.replace("hours: 1h30m", f"hours: {hours}")
    (line,) = _refusal(mlplan, tmp_path, text)
    assert line.startswith(f"{tmp_path / 'bad.yaml'}: stages[0].units[0].items[2].hours: "), line
    assert problem in line, line


def test_at_most_five_problems_one_line_each_with_their_path(mlplan, tmp_path):
    bad_items = "".join(f"    - id: Bad Id {n}\n      title: ''\n" for n in range(4))
    text = MINIMAL.replace("    - id: read\n      title: Read chapter 1\n", bad_items)
    lines = _refusal(mlplan, tmp_path, text)
    assert len(lines) == 6, lines
    assert all(line.startswith(f"{tmp_path / 'bad.yaml'}: stages[0].units[0].items[") for line in lines[:5]), lines
    assert lines[0].endswith("items[0].id: must be lower-case letters, digits, '.', '-' or '_' (like m05.project)")
    assert lines[5].endswith("… and 3 more problems (fix these first)")


def test_ids_and_titles_are_still_required(mlplan, tmp_path):
    text = "id: my-plan\nstages:\n- id: s1\n  title: S\n  units:\n  - title: U\n    items:\n    - id: x\n"
    lines = _refusal(mlplan, tmp_path, text)
    assert [line.split(": ", 1)[1] for line in lines] == [
        "title: is required",
        "stages[0].units[0].id: is required",
        "stages[0].units[0].items[0].title: is required",
    ]
