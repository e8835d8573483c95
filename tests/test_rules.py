"""Rules a one-line change could break without any other test noticing (each was a surviving mutant)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import icalendar
import pytest

from mlplan.plan_data import Settings
from mlplan.progress import derive, study_streak
from mlplan.store import Event


def as_json(result):
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def start(mlplan, roadmap_id, *args):
    """Start a plan of ``roadmap_id`` on Monday 23 Nov 2026 (1 h a day, Monday to Friday, unless ``args`` say)."""
    result = mlplan("start", roadmap_id, "--yes", "--start", "2026-11-23", "--hours", "5", *args)
    assert result.exit_code == 0, result.output


@pytest.fixture
def ten_hours(make_roadmap, mlplan, clock):
    """Ten 1-hour tasks planned 1 h a day, Monday to Friday, from Monday 23 Nov 2026."""
    start(mlplan, make_roadmap({"u": [("task", 1)] * 10}))
    return clock


# --- how hours read ----------------------------------------------------------------------------


def test_an_hour_reads_1_h_and_less_than_an_hour_reads_in_minutes(mlplan, make_roadmap):
    out = mlplan("show", make_roadmap({"u": [("task", 1), ("task", 0.75), ("task", 1.25)]})).stdout
    out = out.replace("\u00a0", " ")  # hours are never broken across lines
    assert "Item 1 of u 1 h" in out and "60 min" not in out
    assert "Item 2 of u 45 min" in out and "Item 3 of u 1.25 h" in out


def test_a_five_minute_item_counts_a_quarter_hour_not_zero(mlplan, tmp_path):
    path = tmp_path / "tiny.md"
    path.write_text(
        "# Tiny course\n\n## Week 1: Basics\n\n- Watch the welcome video (5 min)\n- Read chapter 1 (2 hours)\n"
    )
    roadmap = as_json(mlplan("import", str(path), "--dry-run", "--json"))["roadmap"]
    hours = {i["title"]: i["hours"] for s in roadmap["stages"] for u in s["units"] for i in u["items"]}
    assert hours == {"Watch the welcome video": 0.25, "Read chapter 1": 2.0}


@pytest.mark.parametrize("days", ["mon..fri", "mon-fri", "mon,tue,wed,thu,fri", "fri..mon=2"])
def test_day_ranges_read_the_same_with_dots_or_a_dash(mlplan, days):
    schedule = as_json(mlplan("plan", "zero-to-engineer-16w", "--days", days, "--start", "2026-11-23", "--json"))
    weekdays = {date.fromisoformat(d["date"]).weekday() for w in schedule["weeks"] for d in w["days"]}
    assert weekdays == ({0, 1, 2, 3, 4} if "=" not in days else {4, 5, 6, 0})


def test_imported_courses_are_costed_by_the_rule_the_bundled_roadmaps_use(mlplan, tmp_path):
    path = tmp_path / "courses.md"
    path.write_text(
        "# My plan\n\n## Week 1: Foundations\n\n"
        "- [Coursera – Machine Learning (Weeks 1–3)](https://www.coursera.org/learn/machine-learning)\n"
        "- [Kaggle Learn: Intro to Machine Learning](https://www.kaggle.com/learn/intro-to-machine-learning)\n",
        encoding="utf-8",
    )
    roadmap = as_json(mlplan("import", str(path), "--dry-run", "--json"))["roadmap"]
    hours = {i["title"]: i["hours"] for s in roadmap["stages"] for u in s["units"] for i in u["items"]}
    # three course weeks at 6 h, and a micro-course (README: How hours are estimated)
    assert hours == {"Coursera – Machine Learning (Weeks 1–3)": 18.0, "Kaggle Learn: Intro to Machine Learning": 4.0}


# --- the scheduler at its edges --------------------------------------------------------------------


def test_a_half_hour_item_under_a_half_hour_cap_is_kept_whole_despite_a_longer_minimum_part(mlplan, make_roadmap):
    roadmap = make_roadmap({"u": [("task", 0.5), ("task", 0.5)]})
    args = ["--hours", "2.5", "--daily-cap", "0.5", "--min-part", "45m", "--start", "2026-11-23", "--json"]
    plan = as_json(mlplan("plan", roadmap, *args))
    days = [
        (d["date"], [(p["id"], p["hours"], p["parts"]) for p in d["items"]]) for w in plan["weeks"] for d in w["days"]
    ]
    assert days == [("2026-11-23", [("u.i1", 0.5, 1)]), ("2026-11-24", [("u.i2", 0.5, 1)])]


# --- pace, streak, projections --------------------------------------------------------------------


def test_a_day_off_neither_counts_nor_breaks_the_streak(mlplan, make_roadmap, clock):
    start(mlplan, make_roadmap({"u": [("task", 1)] * 5}), "--off", "2026-11-24")
    assert mlplan("done", "u.i1", "--date", "2026-11-23").exit_code == 0
    clock.set("2026-11-25")
    assert mlplan("done", "u.i2").exit_code == 0
    assert as_json(mlplan("status", "--json"))["streak_days"] == 2
    clock.set("2026-11-27")  # Thursday 26 was a study day with nothing done
    assert as_json(mlplan("status", "--json"))["streak_days"] == 0


def test_the_projected_end_counts_the_first_day_as_a_day_of_study(mlplan, ten_hours):
    ten_hours.set("2026-11-24")
    assert mlplan("done", "u.i1", "u.i2").exit_code == 0
    # 2 h in 2 days (Mon and Tue): 8 h left at 1 h a day is 8 days from Tuesday.
    assert as_json(mlplan("status", "--json"))["projected_end"] == "2026-12-02"


def test_the_finish_line_says_what_the_pace_so_far_is_after_a_missed_week(mlplan, ten_hours):
    ten_hours.set("2026-11-23")
    assert mlplan("done", "u.i1").exit_code == 0
    ten_hours.set("2026-12-02")  # nothing since the first Monday: 1 h in 10 days, 9 h left: 90 days
    view = as_json(mlplan("status", "--json"))
    assert (view["projected_end"], view["projected_from_days"]) == ("2027-03-02", 10)
    words = " ".join(mlplan("status").stdout.split())
    assert "at your pace so far (1 h in 10 days) 2027-03-02" in words


def test_replan_is_suggested_only_when_more_than_a_session_behind(mlplan, ten_hours):
    ten_hours.set("2026-11-24")  # Monday's hour not done: one session behind
    view = as_json(mlplan("today", "--json"))
    assert (view["behind_hours"], view["suggest_replan"]) == (1.0, False)
    assert "mlplan replan" not in mlplan("today").stdout
    ten_hours.set("2026-11-25")  # two sessions behind
    assert as_json(mlplan("today", "--json"))["suggest_replan"] is True
    assert "mlplan replan" in mlplan("today").stdout


def test_a_session_is_the_weeks_hours_over_its_study_days(mlplan, ten_hours):
    ten_hours.set("2026-11-25")
    status = as_json(mlplan("status", "--json"))
    assert (status["behind_hours"], status["behind_days"]) == (2.0, 2.0)  # 5 h over 5 days: 1 h a session


def test_skipping_a_finished_item_forgets_the_day_it_was_finished():
    # Logs written before `skip` left done items alone hold done-then-skip: that day is no longer study.
    def event(n, kind, on):
        return Event(n, n, kind, "u.i1", on, None, None, None, None, f"{on}T18:00:00+00:00")

    progress = derive([event(1, "done", "2026-11-23"), event(2, "skip", "2026-11-24")])
    assert progress.state == {"u.i1": "skipped"} and progress.done_on == {}
    settings = Settings(hours_per_week=5, weekdays=(0, 1, 2, 3, 4), start=date(2026, 11, 23))
    assert study_streak(progress, settings, date(2026, 11, 23)) == 0


# --- plans ------------------------------------------------------------------------------------------


def test_the_plans_table_marks_the_current_plan_on_its_row(mlplan, make_roadmap, clock):
    roadmap = make_roadmap({"u": [("task", 1)] * 3})
    start(mlplan, roadmap, "--name", "first")
    start(mlplan, roadmap, "--name", "second")
    assert mlplan("switch", "first").exit_code == 0
    rows = [line for line in mlplan("plans").stdout.splitlines() if "first" in line or "second" in line]
    marked = [line for line in rows if "*" in line.split("first")[0].split("second")[0]]
    assert len(rows) == 2 and len(marked) == 1 and "first" in marked[0]


# --- calendar exports ---------------------------------------------------------------------------


@pytest.fixture
def two_a_day(mlplan, make_roadmap, clock):
    """Two half-hour items a day, Monday to Friday, at 07:30 in Paris, from Monday 23 Nov 2026."""
    roadmap = make_roadmap({"u": [("task", 0.5)] * 4, "v": [("task", 0.5)] * 2})
    start(mlplan, roadmap, "--at", "07:30", "--tz", "Europe/Paris")
    return clock


def ics(mlplan, *args):
    result = mlplan("export", "ics", *args)
    assert result.exit_code == 0, result.output
    return icalendar.Calendar.from_ical(result.stdout_bytes)


def test_start_at_sets_the_time_of_every_session(mlplan, two_a_day):
    starts = [e.decoded("dtstart") for e in ics(mlplan).walk("VEVENT") if isinstance(e.decoded("dtstart"), datetime)]
    assert starts[0] == datetime(2026, 11, 23, 7, 30, tzinfo=ZoneInfo("Europe/Paris"))
    assert {(s.hour, s.minute) for s in starts} == {(7, 30)}


def test_pending_only_keeps_a_day_until_all_of_its_items_are_done(mlplan, two_a_day):
    def days():
        sessions = ics(mlplan, "--pending-only").walk("VEVENT")
        return [e.decoded("dtstart").date().isoformat() for e in sessions if isinstance(e.decoded("dtstart"), datetime)]

    assert mlplan("done", "u.i1").exit_code == 0
    assert days()[0] == "2026-11-23"  # one of Monday's two items is still open
    assert mlplan("done", "u.i2").exit_code == 0
    assert days()[0] == "2026-11-24"


def test_an_all_day_milestone_ends_the_next_day(mlplan, two_a_day):
    milestones = [e for e in ics(mlplan).walk("VEVENT") if not isinstance(e.decoded("dtstart"), datetime)]
    unit_u = next(e for e in milestones if "Unit u done" in str(e["summary"]))
    assert unit_u.decoded("dtstart") == date(2026, 11, 24)
    assert unit_u.decoded("dtend") - unit_u.decoded("dtstart") == timedelta(days=1)


# --- output as a terminal sees it ---------------------------------------------------------------------


COLOUR = re.compile(r"\x1b\[[0-9;]*(?:3[0-8]|4[0-8]|9[0-7])[;m]")


def _on_a_terminal(args: list[str], env: dict[str, str]) -> str:
    """Run mlplan with its stdout on a pseudo-terminal; returns what it wrote."""
    import pty

    controller, terminal = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "mlplan", *args], stdout=terminal, stderr=subprocess.DEVNULL, env=env
    )
    os.close(terminal)
    chunks = []
    while True:
        try:
            chunk = os.read(controller, 65536)
        except OSError:  # the terminal closed when mlplan ended
            break
        if not chunk:
            break
        chunks.append(chunk)
    process.wait(timeout=60)
    os.close(controller)
    return b"".join(chunks).decode("utf-8", "replace")


@pytest.mark.parametrize("command", [["show", "complete-course-15"], ["roadmaps"]])
def test_colour_on_a_terminal_and_none_with_no_color(command):
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "TERM")} | {"TERM": "xterm"}
    assert "\x1b[" in _on_a_terminal(command, env)
    assert not COLOUR.search(_on_a_terminal(command, env | {"NO_COLOR": "1"}))  # bold and dim may stay


def test_the_same_plan_whatever_the_hash_seed(mlplan):
    # Sets and dicts of strings iterate in a per-process order: a schedule must not depend on it.
    run = [sys.executable, "-m", "mlplan", "plan", "practitioner-23", "--days", "mon=2,wed=2,sat=5", "--json"]
    plans = {
        subprocess.run(run, capture_output=True, text=True, env=os.environ | {"PYTHONHASHSEED": seed}).stdout
        for seed in ("1", "2", "3")
    }
    assert len(plans) == 1 and json.loads(plans.pop())["weeks"]
