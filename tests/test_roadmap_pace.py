"""A roadmap that states its pace fits it: planned at those hours, it takes the weeks it promises."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from mlplan import catalog

EVERY_DAY = "mon..sun"  # as the issue wrote it; mon-sun and a list of the seven days work too
MONDAY, WEDNESDAY = "2027-01-04", "2027-01-06"
README = Path(__file__).parents[1] / "README.md"


def plan(mlplan, roadmap_id: str, *args: str) -> dict:
    result = mlplan("plan", roadmap_id, *args, "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.mark.parametrize("start", [MONDAY, WEDNESDAY])
def test_the_52_week_roadmap_takes_week_0_and_52_weeks_at_25_hours(mlplan, start):
    schedule = plan(mlplan, "distinguished-52w", "--hours", "25", "--days", EVERY_DAY, "--start", start)
    assert schedule["study_weeks"] <= 53
    assert schedule["total_hours"] == 25 * 52 + sum(i.hours for i in catalog.load("distinguished-52w").units()[0].items)


@pytest.mark.parametrize(("hours", "most_weeks"), [(14, 16), (13, 17)])
@pytest.mark.parametrize("start", [MONDAY, WEDNESDAY])
def test_the_16_week_roadmap_fits_its_12_to_14_hours_a_week(mlplan, hours, most_weeks, start):
    schedule = plan(mlplan, "zero-to-engineer-16w", "--hours", str(hours), "--start", start)
    assert schedule["study_weeks"] <= most_weeks


def test_every_roadmap_that_states_a_pace_keeps_it(mlplan):
    paced = [r for r in catalog.load_all() if r.hours_per_week and r.weeks]
    assert {r.id for r in paced} >= {"distinguished-52w", "zero-to-engineer-16w"}
    for roadmap in paced:
        schedule = plan(mlplan, roadmap.id, "--hours", f"{roadmap.hours_per_week:g}", "--start", MONDAY)
        assert schedule["study_weeks"] <= roadmap.weeks, roadmap.id


def test_roadmaps_lists_total_hours_and_stated_pace(mlplan):
    rows = {row["id"]: row for row in json.loads(mlplan("roadmaps", "--json").stdout)}
    assert (rows["distinguished-52w"]["hours_per_week"], rows["distinguished-52w"]["weeks"]) == (25, 53)
    assert (rows["zero-to-engineer-16w"]["hours_per_week"], rows["zero-to-engineer-16w"]["weeks"]) == (14, 16)
    assert all("weeks" in row for row in rows.values())
    table = mlplan("roadmaps").stdout
    assert "25 h/week, 53 weeks" in table and "14 h/week, 16 weeks" in table
    assert f"{rows['distinguished-52w']['hours']:g}" in table


def readme_durations() -> dict[str, tuple[str, str, str]]:
    """The rows of the README's "How long each takes" table: id → (hours, at its pace, at 10 h a week)."""
    text = README.read_text(encoding="utf-8")
    section = text.split("### How long each takes", 1)[1].split("\n#", 1)[0]
    rows = re.findall(r"^\| `([a-z0-9-]+)` \| ([^|]+) \| ([^|]+) \| ([^|]+) \|$", section, re.M)
    return {rid: (hours.strip(), paced.strip(), ten.strip()) for rid, hours, paced, ten in rows}


def test_readme_says_how_long_each_roadmap_takes_as_mlplan_plan_does(mlplan):
    rows = readme_durations()
    assert sorted(rows) == sorted(catalog.ids())
    for roadmap in catalog.load_all():
        at_ten = plan(mlplan, roadmap.id, "--hours", "10", "--start", MONDAY)
        expected_paced = "–"
        if roadmap.hours_per_week:
            paced = plan(mlplan, roadmap.id, "--hours", f"{roadmap.hours_per_week:g}", "--start", MONDAY)
            expected_paced = f"{paced['study_weeks']} weeks at {roadmap.hours_per_week:g} h/week"
        expected = (f"{at_ten['total_hours']:g} h", expected_paced, f"{at_ten['study_weeks']} weeks")
        assert rows[roadmap.id] == expected, roadmap.id
