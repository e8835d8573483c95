"""Several plans: which one is current after deleting or importing one, and the dates the listing gives."""

from __future__ import annotations

import json


def as_json(result):
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def current(mlplan):
    return [p["name"] for p in as_json(mlplan("plans", "--json")) if p["current"]]


def test_deleting_the_current_plan_makes_the_one_left_current(mlplan, clock):
    assert mlplan("start", "bedrock-24", "--yes").exit_code == 0
    assert mlplan("start", "complete-course-15", "--yes").exit_code == 0
    result = mlplan("delete", "complete-course-15", "--yes")
    assert result.exit_code == 0, result.output
    assert "Current plan is now 'bedrock-24'." in result.stdout
    assert current(mlplan) == ["bedrock-24"]
    assert as_json(mlplan("today", "--json"))["plan"] == "bedrock-24"

    result = mlplan("delete", "bedrock-24", "--yes")
    assert "No plans left: `mlplan start`" in result.stdout


def test_deleting_the_current_plan_among_several_names_the_ones_to_switch_to(mlplan, clock):
    for roadmap in ("bedrock-24", "complete-course-15", "practitioner-23"):
        assert mlplan("start", roadmap, "--yes").exit_code == 0
    result = mlplan("delete", "practitioner-23", "--yes")
    assert result.exit_code == 0, result.output
    assert "pick one with `mlplan switch NAME` (bedrock-24, complete-course-15)" in result.stdout
    assert current(mlplan) == []
    assert "mlplan switch NAME" in mlplan("today").stderr


def test_deleting_another_plan_keeps_the_current_one_and_says_nothing_more(mlplan, clock):
    assert mlplan("start", "bedrock-24", "--yes").exit_code == 0
    assert mlplan("start", "complete-course-15", "--yes").exit_code == 0
    result = mlplan("delete", "bedrock-24", "--yes")
    assert result.stdout == "Deleted plan 'bedrock-24'.\n"
    assert current(mlplan) == ["complete-course-15"]


def test_import_plan_says_whether_the_restored_plan_is_current(mlplan, clock, tmp_path):
    assert mlplan("start", "bedrock-24", "--yes").exit_code == 0
    backup = tmp_path / "backup.json"
    assert mlplan("export", "json", "--out", str(backup)).exit_code == 0

    result = mlplan("import-plan", str(backup))
    assert result.exit_code == 0, result.output
    assert "Imported plan 'bedrock-24-2' (bedrock-24); your current plan is still 'bedrock-24'" in result.stdout
    assert "`mlplan switch bedrock-24-2` to use it" in result.stdout

    assert mlplan("delete", "bedrock-24", "--yes").exit_code == 0
    assert mlplan("delete", "bedrock-24-2", "--yes").exit_code == 0
    result = mlplan("import-plan", str(backup))
    assert "Imported plan 'bedrock-24' (bedrock-24); it is your current plan." in result.stdout
    assert current(mlplan) == ["bedrock-24"]


def test_plans_dates_run_from_the_plans_first_day_after_a_replan(mlplan, clock):
    assert mlplan("start", "--yes").exit_code == 0  # Monday 2026-11-23, the default roadmap
    clock.set("2026-12-02")
    assert mlplan("replan", "--hours", "6").exit_code == 0
    (row,) = as_json(mlplan("plans", "--json"))
    assert row["start"] == "2026-11-23"
    assert row["end"] == as_json(mlplan("status", "--json"))["planned_end"]
