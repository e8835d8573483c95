"""A new learner's whole journey through the CLI, with a fixed clock."""

from __future__ import annotations

import json
from datetime import date

import pytest


def as_json(result):
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_start_today_done_week_status_replan_today(mlplan, clock):
    # start: defaults without a terminal
    result = mlplan("start")
    assert result.exit_code == 0, result.output
    assert "Plan 'zero-to-engineer-16w' saved" in result.stdout
    assert "w01.t1" in result.stdout  # the first session is shown

    # today: Monday's session, with its resource links
    result = mlplan("today")
    assert result.exit_code == 0, result.output
    assert "Install Python via Anaconda or use Google Colab" in result.stdout
    assert "https://www.anaconda.com/products/distribution" in result.stdout
    day = as_json(mlplan("today", "--json"))
    assert day["date"] == "2026-11-23"
    assert [(i["id"], i["hours"], i["done"]) for i in day["items"]] == [("w01.t1", 2.0, False)]
    assert day["overdue"] == []

    # done
    result = mlplan("done", "w01.t1")
    assert result.exit_code == 0, result.output
    assert "Done: w01.t1" in result.stdout
    assert as_json(mlplan("today", "--json"))["items"][0]["done"] is True

    # two days later, Tuesday's part is still open: shown beside today's part, not twice
    clock.set("2026-11-25")
    day = as_json(mlplan("today", "--json"))
    assert day["overdue"] == []
    assert day["items"][0]["id"] == "w01.t2#2"
    assert day["items"][0]["earlier_open_hours"] > 0
    assert day["items"][0]["earlier_open_parts"] == [1]
    text = mlplan("today").stdout
    # the hours column is today's part alone: the open part is named with its own hours
    hours = day["items"][0]["earlier_open_hours"]
    assert "Overdue" not in text and f"(part 2 of 2; part 1 still open, {hours:g} h)" in text

    # week: a checklist by day with progress and the unit's deliverables
    week = as_json(mlplan("week", "--json"))
    assert week["index"] == 1
    first = week["days"][0]["items"][0]
    assert (first["id"], first["done"]) == ("w01.t1", True)
    assert "GitHub repo with `expense_tracker.py`" in week["units"][0]["deliverables"]
    text = mlplan("week").stdout
    assert "[x]" in text and "Deliverables" in text and "Outcomes" in text

    # status: 2 h planned before Wednesday beyond what was done
    status = as_json(mlplan("status", "--json"))
    assert status["done_items"] == 1 and status["total_items"] == 73
    assert status["done_hours"] == 2 and status["total_hours"] == 217.25
    assert status["behind_hours"] == 2
    assert status["planned_end"] == "2027-04-22"
    assert status["projected_end"] is not None
    assert status["suggest_replan"] is False

    # a week later with nothing more done: behind by more than a session
    clock.set("2026-11-30")
    status = as_json(mlplan("status", "--json"))
    assert status["behind_hours"] == 8 and status["suggest_replan"] is True
    assert "mlplan replan" in mlplan("today").stdout
    assert "mlplan replan" in mlplan("status").stdout

    # replan refits what is left from today, keeping what is done
    result = mlplan("replan")
    assert result.exit_code == 0, result.output
    assert "replanned" in result.stdout
    end = as_json(mlplan("status", "--json"))["planned_end"]
    last = (date.fromisoformat(end) - date(2026, 11, 23)).days // 7 + 1
    assert f"weeks 2–{last} of the plan  (2026-11-30 → {end})" in result.stdout  # numbered as `week N` does
    day = as_json(mlplan("today", "--json"))
    assert day["overdue"] == []
    assert day["items"][0]["id"] == "w01.t2#1"
    status = as_json(mlplan("status", "--json"))
    assert status["done_items"] == 1 and status["behind_hours"] == 0
    assert status["planned_end"] > "2027-04-22"

    # and undo brings the earlier schedule back
    assert "Undid the replan" in mlplan("undo").stdout
    assert [i["id"] for i in as_json(mlplan("today", "--json"))["overdue"]][:1] == ["w01.t2"]


def test_interactive_start_asks_with_defaults(mlplan, clock, monkeypatch):
    from mlplan import cli

    monkeypatch.setattr(cli, "_interactive", lambda: True)
    result = mlplan("start", input="2\n6\nmon,wed\n2026-12-01\n")
    assert result.exit_code == 0, result.output
    assert "Hours per week [10]" in result.stdout
    assert "Plan 'complete-course-15' saved" in result.stdout
    status = as_json(mlplan("status", "--json"))
    assert status["roadmap"] == "complete-course-15"
    plan = as_json(mlplan("today", "--json", "--date", "2026-12-02"))
    assert plan["items"] and all(i["hours"] <= 3 for i in plan["items"])


def test_interactive_start_asks_again_after_a_bad_answer(mlplan, clock, monkeypatch):
    from mlplan import cli

    monkeypatch.setattr(cli, "_interactive", lambda: True)
    result = mlplan("start", "bedrock-24", input="lots\n8\nmon,fir\nmon,fri\n\n")
    assert result.exit_code == 0, result.output
    assert "Error: 'lots': not a number of hours" in result.output
    assert "unknown weekday 'fir'" in result.output


def test_start_options_at_tz_name_and_plan_switching(mlplan, clock):
    assert mlplan("start", "bedrock-24", "--yes", "--at", "07:30", "--tz", "Europe/Paris").exit_code == 0
    assert mlplan("start", "bedrock-24", "--yes", "--hours", "5").exit_code == 0  # name taken: bedrock-24-2
    result = mlplan("start", "complete-course-15", "--yes", "--name", "evening")
    assert result.exit_code == 0, result.output

    plans = as_json(mlplan("plans", "--json"))
    assert [(p["name"], p["current"]) for p in plans] == [
        ("bedrock-24", False),
        ("bedrock-24-2", False),
        ("evening", True),
    ]

    assert mlplan("done", "m01", "--plan", "bedrock-24").exit_code == 0
    assert as_json(mlplan("status", "--json", "--plan", "bedrock-24"))["done_items"] == 9
    assert as_json(mlplan("status", "--json"))["done_items"] == 0  # the current plan is untouched

    assert "Current plan: bedrock-24" in mlplan("switch", "bedrock-24").stdout
    assert as_json(mlplan("status", "--json"))["plan"] == "bedrock-24"

    assert mlplan("delete", "evening", "--yes").exit_code == 0
    assert [p["name"] for p in as_json(mlplan("plans", "--json"))] == ["bedrock-24", "bedrock-24-2"]


def test_plan_env_variable_picks_the_plan(mlplan, clock, monkeypatch):
    mlplan("start", "bedrock-24", "--yes")
    mlplan("start", "complete-course-15", "--yes")
    monkeypatch.setenv("MLPLAN_PLAN", "bedrock-24")
    assert as_json(mlplan("status", "--json"))["plan"] == "bedrock-24"


def test_done_skip_reopen_units_parts_and_undo(mlplan, clock):
    mlplan("start", "--yes")
    assert "(5 items)" in mlplan("done", "w01").stdout  # a unit means all its items
    assert as_json(mlplan("status", "--json"))["done_items"] == 5
    assert mlplan("reopen", "w01.t2#1").exit_code == 0  # the item is open again; its part 2 (1 h) stays done
    assert mlplan("skip", "w02.t1", "w02.t2").exit_code == 0
    status = as_json(mlplan("status", "--json"))
    assert (status["done_items"], status["skipped_items"]) == (4, 2)
    assert status["left_hours"] == 217.25 - 10 - 1 - 7

    assert "Undid skip: w02.t1, w02.t2" in mlplan("undo").stdout
    assert "Undid reopen: w01.t2" in mlplan("undo").stdout
    assert "Undid done" in mlplan("undo").stdout
    assert mlplan("undo").stdout.strip() == "Nothing to undo."
    assert as_json(mlplan("status", "--json"))["done_items"] == 0


def test_marking_something_already_in_that_state_changes_nothing(mlplan, clock):
    mlplan("start", "--yes")
    mlplan("done", "w01.t1")
    result = mlplan("done", "w01.t1")
    assert result.exit_code == 0
    assert "Nothing to change" in result.stdout
    assert "Undid done: w01.t1" in mlplan("undo").stdout


def test_log_time_feeds_status_and_streak(mlplan, clock):
    mlplan("start", "--yes")
    assert "Logged 1.5 h on 2026-11-23 for w01.t1." in mlplan("log", "1h30m", "w01.t1", "--note", "setup").stdout
    clock.set("2026-11-24")
    mlplan("log", "90m")
    mlplan("log", "45m", "--date", "2026-11-19")  # Thursday; Friday had no study
    status = as_json(mlplan("status", "--json"))
    assert status["logged_hours"] == 3.75
    assert status["streak_days"] == 2
    clock.set("2026-11-26")  # Wednesday 25 had no study: the streak is broken
    assert as_json(mlplan("status", "--json"))["streak_days"] == 0


def test_today_on_a_free_day_shows_the_next_session(mlplan, clock):
    mlplan("start", "--yes")
    day = as_json(mlplan("today", "--json", "--date", "2026-11-28"))  # a Saturday
    assert day["items"] == []
    assert day["next"]["date"] == "2026-11-30"
    assert "Next session: Mon 30 Nov 2026" in mlplan("today", "--date", "2026-11-28").stdout


def test_paths_show_where_things_live(mlplan, isolated_home):
    data = as_json(mlplan("paths", "--json"))
    assert data["database"] == str(isolated_home / "mlplan.db")
    assert data["user_roadmaps"] == str(isolated_home / "roadmaps")
    assert f"database: {isolated_home / 'mlplan.db'}" in mlplan("paths").stdout


def test_plans_without_any_plan(mlplan):
    assert as_json(mlplan("plans", "--json")) == []
    assert "No plans yet" in mlplan("plans").stdout


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["today"], 1, "no plan yet: start one with `mlplan start`"),
        (["status"], 1, "no plan yet"),
        (["done", "w01.t1"], 1, "no plan yet"),
    ],
)
def test_commands_before_any_plan(mlplan, isolated_home, args, code, message):
    result = mlplan(*args)
    assert result.exit_code == code
    assert message in result.stderr
    assert not (isolated_home / "mlplan.db").exists()  # reading never creates the database


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["done", "w1.t1"], "unknown id 'w1.t1'; did you mean w01.t1"),
        (["done", "w01.t1", "nope"], "unknown id 'nope'"),
        (["skip", "w99"], "unknown id 'w99'"),
        (["today", "--plan", "zero"], "unknown plan 'zero'; did you mean zero-to-engineer-16w?"),
        (["switch", "other"], "unknown plan 'other'"),
        (["delete", "zero-to-engineer-16w"], "add --yes to confirm"),
        (["log", "soon"], "soon: not a duration such as 90m or 1h30m; give 1 min to 24 h"),
        (["log", "25h"], "25h: more than 24 h; give 1 min to 24 h"),
        (["log", "1h", "w01.x"], "unknown id 'w01.x'"),
        (["today", "--date", "2026-02-30"], "--date 2026-02-30: not a date"),
        (["week", "99"], "week 99 is not in the plan; give a week number from 1 to 22"),
        (["week", "--date", "2030-01-01"], "is outside the plan"),
        (["start", "--name", "my plan"], "--name my plan: use letters"),
        (["start", "--name", "zero-to-engineer-16w"], "a plan named 'zero-to-engineer-16w' exists"),
        (["start", "--at", "7pm"], "--at 7pm: write the time as HH:MM"),
        (["start", "--tz", "Europe/Pari"], "--tz Europe/Pari: unknown time zone; did you mean Europe/Paris"),
        (["start", "nope-roadmap"], "unknown roadmap 'nope-roadmap'"),
        (["replan", "--days", "mon,fir"], "unknown weekday 'fir'"),
        (["replan", "--from", "w99"], "unknown unit 'w99'"),
    ],
)
def test_errors_are_one_line_non_zero_and_change_nothing(mlplan, clock, args, message):
    mlplan("start", "--yes")
    before = mlplan("status", "--json").stdout
    result = mlplan(*args)
    assert result.exit_code == 2, result.output
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert "Traceback" not in result.output
    assert mlplan("status", "--json").stdout == before
    assert len(as_json(mlplan("plans", "--json"))) == 1


def test_today_as_a_real_process_takes_the_fast_path(mlplan, clock, isolated_home):
    import os
    import subprocess
    import sys

    mlplan("start", "--yes", "--start", "2026-11-23")
    run = [sys.executable, "-m", "mlplan", "today", "--date", "2026-11-23"]
    result = subprocess.run(run, capture_output=True, text=True, env=os.environ)
    assert result.returncode == 0, result.stderr
    assert "w01.t1" in result.stdout and "\x1b[" not in result.stdout  # piped: no colour
    bad = subprocess.run([*run[:-1], "2026-02-30"], capture_output=True, text=True, env=os.environ)
    assert bad.returncode == 2
    assert bad.stderr.strip().splitlines() == [
        "Error: --date 2026-02-30: not a date (day is out of range for month); "
        "write dates as YYYY-MM-DD, like 2026-12-24"
    ]


def test_colour_only_on_a_terminal_without_no_color(monkeypatch):
    from mlplan import cli
    from mlplan.daily_text import plain

    monkeypatch.setattr(cli.sys.stdout, "isatty", lambda: True, raising=False)
    assert cli._style() is not plain
    monkeypatch.setenv("NO_COLOR", "1")
    assert cli._style() is plain
