"""What people and scripts read: text taken literally, tables that fit, JSON with one type per key."""

from __future__ import annotations

import json

import pytest
import yaml

TITLE = "[/] Odd [bold]titles[/bold] [Optional]"


def as_json(result):
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.fixture
def bracketed(mlplan, tmp_path):
    """bedrock-24 imported as 'odd', with square brackets (rich markup) in every kind of title."""
    data = yaml.safe_load(mlplan("roadmaps", "export", "bedrock-24").stdout)
    data["id"] = "odd"
    data["title"] = TITLE
    data["stages"] = data["stages"][:1]
    stage = data["stages"][0]
    stage["title"] = "[Stage] one [/]"
    unit = stage["units"][0]
    unit["title"] = "[Unit] [red]one[/red]"
    unit["outcomes"] = ["[Outcome] [/]"]
    item = unit["items"][0]
    item["title"] = "[Item] [/] first"
    item["checklist"] = ["[Deliverable] [/]"]
    path = tmp_path / "odd.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = mlplan("import", str(path))
    assert result.exit_code == 0, result.output
    return path


def test_titles_with_square_brackets_are_printed_as_written_in_every_view(mlplan, clock, bracketed):
    views = {
        "roadmaps": mlplan("roadmaps"),
        "show": mlplan("show", "odd"),
        "plan": mlplan("plan", "odd"),
        "dry run": mlplan("import", str(bracketed), "--id", "odd2", "--dry-run"),
        "start": mlplan("start", "odd", "--yes"),
    }
    views |= {
        "today": mlplan("today"),
        "week": mlplan("week"),
        "status": mlplan("status"),
        "replan": mlplan("replan"),
        "plans": mlplan("plans"),
    }
    for name, result in views.items():
        assert result.exit_code == 0, f"{name}: {result.output}"
    for name in ("roadmaps", "show", "plan", "dry run", "start", "replan"):
        assert TITLE in views[name].stdout, name
    for name in ("show", "plan", "dry run", "week"):
        assert "[Unit] [red]one[/red]" in views[name].stdout, name
    for name in ("show", "dry run", "status"):
        assert "[Stage] one [/]" in views[name].stdout, name
    for name in ("show", "dry run", "today", "week", "start"):
        assert "[Item] [/] first" in views[name].stdout, name
    assert "[Outcome] [/]" in views["week"].stdout
    assert "[Deliverable] [/]" in views["week"].stdout


LONG_NAME = "a-plan-name-long-enough-to-be-cut-in-a-table-at-80-columns-x"[:60]


@pytest.mark.parametrize("columns", ["80", None], ids=["80 columns", "piped"])
def test_roadmaps_and_plans_never_cut_names_or_titles(mlplan, clock, monkeypatch, columns):
    if columns is None:
        monkeypatch.delenv("COLUMNS")
    else:
        monkeypatch.setenv("COLUMNS", columns)
    assert mlplan("start", "bedrock-24", "--yes", "--name", LONG_NAME).exit_code == 0
    assert mlplan("start", "zero-to-engineer-16w", "--yes").exit_code == 0

    listed = mlplan("roadmaps")
    assert listed.exit_code == 0, listed.output
    lines = listed.stdout.splitlines()
    for row in as_json(mlplan("roadmaps", "--json")):
        assert any(row["id"] in line and row["title"] in line for line in lines), row["title"]
    assert "…" not in listed.stdout

    plans = mlplan("plans")
    lines = plans.stdout.splitlines()
    assert any(LONG_NAME in line for line in lines)
    assert any(line.startswith("* zero-to-engineer-16w") for line in lines)
    assert "…" not in plans.stdout


def test_a_wide_console_keeps_the_tables(mlplan, clock, monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")
    assert mlplan("start", "bedrock-24", "--yes").exit_code == 0
    assert "┃ id" in mlplan("roadmaps").stdout
    assert "┃ name" in mlplan("plans").stdout


def test_week_is_one_table_by_weekday_with_aligned_columns(mlplan, clock):
    assert mlplan("start", "zero-to-engineer-16w", "--yes").exit_code == 0
    text = mlplan("week").stdout
    assert "Week 1 · Mon 23 Nov – Sun 29 Nov" in text
    rows = [line for line in text.splitlines() if "[ ]" in line and "w01." in line]
    assert [row.split()[0] for row in rows if not row.startswith(" ")] == ["Mon", "Tue", "Wed", "Thu", "Fri"]
    assert len({row.index("[ ]") for row in rows}) == 1
    assert len({row.index("w01.") for row in rows}) == 1


def test_counts_of_one_are_singular(mlplan, clock):
    assert mlplan("start", "zero-to-engineer-16w", "--yes").exit_code == 0
    assert mlplan("done", "w01.t1").exit_code == 0
    status = mlplan("status").stdout
    assert "Streak   1 study day\n" in status
    clock.set("2026-11-25")
    status = mlplan("status").stdout
    assert "behind the plan (1 study day)" in status
    assert "Streak   0 study days" in status


@pytest.mark.parametrize(
    ("count", "noun", "many", "words"),
    [
        (1, "item", None, "1 item"),
        (0, "item", None, "0 items"),
        (2.5, "hour", None, "2.5 hours"),
        (1, "study day", None, "1 study day"),
        (3, "match", "matches", "3 matches"),
    ],
)
def test_plural(count, noun, many, words):
    from mlplan.wording import plural

    assert plural(count, noun, many) == words
