"""`mlplan plan`: previewing a schedule from the command line."""

from __future__ import annotations

import json

import pytest


@pytest.fixture(autouse=True)
def fixed_today(clock):
    return clock


def test_plan_shows_summary_and_weeks(mlplan, isolated_home):
    result = mlplan("plan", "zero-to-engineer-16w", "--hours", "13", "--days", "mon,tue,wed,thu,fri,sat,sun")
    assert result.exit_code == 0, result.output
    out = result.stdout.replace("\u00a0", " ")
    assert "Study weeks   17" in out
    assert "2026-11-23 → 2027-03-21" in out
    assert "217.25 h" in out
    assert "Week 1: Introduction to Python" in out
    assert "Checkpoint Capstone: Weeks 1–4" in out
    assert not isolated_home.exists()  # a preview saves nothing


def test_plan_json_has_the_documented_keys(mlplan):
    result = mlplan("plan", "bedrock-24", "--hours", "6", "--days", "mon=1,wed=1,sat=4", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert {"weeks", "end", "total_hours", "start", "study_weeks", "split_items"} <= data.keys()
    assert data["total_hours"] == 613.5
    week = data["weeks"][0]
    assert {"index", "start", "days"} <= week.keys()
    assert [day["date"] for day in week["days"]] == ["2026-11-23", "2026-11-25", "2026-11-28"]
    item = week["days"][0]["items"][0]
    assert {"id", "title", "hours", "part", "parts"} <= item.keys()
    saturday = week["days"][2]
    assert saturday["hours"] == 4
    last_day = data["weeks"][-1]["days"][-1]
    assert data["end"] == last_day["date"]


def test_start_date_days_off_from_and_skip(mlplan):
    args = ["plan", "complete-course-15", "--start", "2026-12-21", "--off", "2026-12-24..2027-01-01", "--json"]
    full = json.loads(mlplan(*args).stdout)
    dates = [day["date"] for week in full["weeks"] for day in week["days"]]
    assert dates[0] == "2026-12-21"
    assert not any("2026-12-24" <= d <= "2027-01-01" for d in dates)

    later = json.loads(mlplan(*args, "--from", "m05", "--skip", "m07,m06.c1").stdout)
    ids = [i["id"] for week in later["weeks"] for day in week["days"] for i in day["items"]]
    assert ids[0] == "m05.c1"
    assert not any(i.startswith("m07.") for i in ids) and "m06.c1" not in ids
    assert later["total_hours"] < full["total_hours"]


def test_hours_and_daily_cap_take_durations_as_min_part_does(mlplan):
    def plan(*args):
        return json.loads(mlplan("plan", "bedrock-24", *args, "--json").stdout)

    data = plan("--hours", "7h30m", "--daily-cap", "1h30m")
    assert data["hours_per_week"] == 7.5
    days = [day for week in data["weeks"] for day in week["days"]]
    assert max(day["hours"] for day in days) == 1.5
    assert plan("--hours", "450 min") == plan("--hours", "7.5")


def test_daily_cap_and_min_part(mlplan):
    data = json.loads(
        mlplan("plan", "bedrock-24", "--hours", "15", "--daily-cap", "3", "--min-part", "1h", "--json").stdout
    )
    days = [day for week in data["weeks"] for day in week["days"]]
    assert max(day["hours"] for day in days) == 3
    parts = [i for day in days for i in day["items"] if i["parts"] > 1]
    assert parts and all(p["hours"] >= 1 for p in parts)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--hours", "0"], "--hours 0: less than 15 min; give 15 min to 100 h a week"),
        (["--hours", "120"], "--hours 120: more than 100 h a week"),
        (["--days", ","], "at least one study day"),
        (["--days", "mon,fir"], "unknown weekday 'fir' in --days; did you mean fri? use mon, tue"),
        (["--days", "mon=1,wed=1,sat=4", "--hours", "10"], "--days gives 6 h a week but --hours says 10 h"),
        (["--days", "mon=1,wed"], "give hours for every day or for none"),
        (
            ["--start", "2026-02-30"],
            "--start 2026-02-30: not a date (day is out of range for month); write dates as YYYY-MM-DD",
        ),
        (["--start", "next monday"], "write dates as YYYY-MM-DD"),
        (["--off", "2027-01-01..2026-12-24"], "the range ends before it starts"),
        (["--off", "2026-12-32"], "--off 2026-12-32: not a date"),
        (["--from", "m5"], "unknown unit 'm5'; did you mean m05"),
        (["--skip", "m01,m02.x"], "unknown unit or item 'm02.x'"),
        (["--min-part", "30"], "--min-part 30: not a duration such as 90m or 1h30m"),
        (["--hours", "1", "--daily-cap", "0.25"], "cannot fit"),
        (["--hours", "lots"], "--hours lots: not a number of hours or a duration; give 15 min to 100 h a week"),
        (["--daily-cap", "2x"], "--daily-cap 2x: not a number of hours or a duration; give 15 min to 24 h a day"),
    ],
)
def test_bad_availability_is_one_line_exit_2(mlplan, args, message):
    result = mlplan("plan", "bedrock-24", *args)
    assert result.exit_code == 2, result.output
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.output


def test_unknown_roadmap_in_plan(mlplan):
    result = mlplan("plan", "bedrock")
    assert result.exit_code == 2
    assert "did you mean bedrock-24?" in result.stderr
