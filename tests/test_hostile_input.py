"""Hostile and careless input on the command line: refused in one line, with nothing changed.

Every case runs against a learner who already has a plan, and checks what the
learner would notice: the exit code (2 for a usage error), one ``Error:`` line
that names the value and the fix, no traceback, and a database file that is
byte for byte what it was.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from mlplan import paths

ROADMAP = "zero-to-engineer-16w"
HUGE = "9" * 400

# (arguments, exit code, what the one error line must say)
CASES: list[tuple[list[str], int, str]] = [
    # numbers that are not numbers, in every numeric option
    (["plan", ROADMAP, "--hours", "nan"], 2, "--hours nan: not a number of hours"),
    (["plan", ROADMAP, "--hours", "inf"], 2, "--hours inf: more than 100 h a week; give 15 min to 100 h a week"),
    (["plan", ROADMAP, "--hours", "-inf"], 2, "less than 15 min; give 15 min to 100 h a week"),
    (["plan", ROADMAP, "--hours", "1e309"], 2, "more than 100 h a week"),
    (["plan", ROADMAP, "--hours", "-0"], 2, "--hours -0: less than 15 min"),
    (["plan", ROADMAP, "--hours", "-3"], 2, "--hours -3: less than 15 min"),
    (["plan", ROADMAP, "--hours", HUGE], 2, "more than 100 h a week"),
    (["plan", ROADMAP, "--hours", "0.1"], 2, "--hours 0.1: less than 15 min"),
    (["start", "--hours", "nan", "--yes"], 2, "--hours nan: not a number of hours"),
    (["replan", "--hours", "inf"], 2, "--hours inf: more than 100 h a week"),
    (["plan", ROADMAP, "--daily-cap", "nan"], 2, "--daily-cap nan: not a number of hours"),
    (["plan", ROADMAP, "--daily-cap", "inf"], 2, "--daily-cap inf: more than 24 h a day; give 15 min to 24 h a day"),
    (["plan", ROADMAP, "--daily-cap", "-0"], 2, "--daily-cap -0: less than 15 min"),
    (["plan", ROADMAP, "--daily-cap", "25"], 2, "--daily-cap 25: more than 24 h a day"),
    (["replan", "--daily-cap", "1e309"], 2, "more than 24 h a day"),
    (["plan", ROADMAP, "--days", "mon=nan"], 2, "--days mon=nan: not a number of hours"),
    (["plan", ROADMAP, "--days", "mon=inf"], 2, "--days mon=inf: not a number of hours"),
    (["plan", ROADMAP, "--days", "mon=1e309"], 2, "--days mon=1e309: not a number of hours"),
    (["plan", ROADMAP, "--days", "mon=-0"], 2, "--days mon=-0: less than 15 min; give 15 min to 24 h a day"),
    (["plan", ROADMAP, "--days", f"mon={HUGE}"], 2, "more than 24 h a day; give 15 min to 24 h a day, like mon=1.5"),
    (["plan", ROADMAP, "--days", "mon=200"], 2, "--days mon=200: more than 24 h a day"),
    (["plan", ROADMAP, "--days", "mon=1_0"], 2, "--days mon=1_0: not a number of hours"),
    (["start", "--days", "tue=25", "--yes"], 2, "--days tue=25: more than 24 h a day"),
    (["replan", "--days", "mon=-1"], 2, "--days mon=-1: less than 15 min"),
    (["plan", ROADMAP, "--min-part", "nan"], 2, "--min-part nan: not a duration"),
    (["plan", ROADMAP, "--min-part", f"{HUGE}h"], 2, "more than 24 h; give 15 min to 24 h"),
    (["plan", ROADMAP, "--min-part", "0m"], 2, "--min-part 0m: less than 15 min"),
    (["replan", "--keep-end", "--max-hours", "nan"], 2, "--max-hours nan: not a number of hours"),
    (["replan", "--keep-end", "--max-hours", "inf"], 2, "--max-hours inf: more than 100 h a week"),
    (["replan", "--keep-end", "--max-hours", "-0"], 2, "--max-hours -0: less than 15 min"),
    (["export", "ics", "--weeks", HUGE], 2, "'--weeks'"),
    (["export", "ics", "--weeks", "99999999999999999999"], 2, "not in the range 1<=x<=2610"),
    (["export", "ics", "--weeks", "0"], 2, "not in the range 1<=x<=2610"),
    (["export", "ics", "--alarm", "nan"], 2, "--alarm nan: not a duration"),
    (["export", "ics", "--alarm", f"{HUGE}m"], 2, "more than 168 h; give 1 min to 168 h"),
    (["export", "ics", "--alarm", "0m"], 2, "--alarm 0m: less than 1 min"),
    (["export", "ics", "--alarm", "15"], 2, "--alarm 15: not a duration such as 90m"),
    (["log", "nan"], 2, "nan: not a duration"),
    (["log", f"{HUGE}h"], 2, "more than 24 h; give 1 min to 24 h"),
    (["log", "0m"], 2, "0m: less than 1 min"),
    (["week", HUGE], 2, "is not in the plan; give a week number from 1 to"),
    (["week", "99999999999999999999"], 2, "give a week number from 1 to"),
    (["export", "checklist", "--week", "0"], 2, "give a week number from 1 to"),
    # impossible availability
    (["plan", ROADMAP, "--hours", "100", "--days", "mon,tue"], 2, "at most 48 h a week; add study days"),
    (
        ["plan", ROADMAP, "--hours", "20", "--days", "mon,tue", "--daily-cap", "2"],
        2,
        "--hours 20 on 2 study days is more than they hold (--daily-cap 2 h): at most 4 h a week",
    ),
    (["plan", ROADMAP, "--days", "mon=4,sat=2", "--daily-cap", "3"], 2, "--days mon=4 is more than --daily-cap 3 h"),
    (["plan", ROADMAP, "--days", "mon-sun=15"], 2, "--days mon-sun=15: 105 h a week is more than 100 h"),
    (["plan", ROADMAP, "--days", "mon-fri,wed"], 2, "wed is given twice"),
    (["plan", ROADMAP, "--days", "mon-fir"], 2, "unknown weekday 'fir' in --days; did you mean fri?"),
    # dates at the edges of the calendar
    (["plan", ROADMAP, "--start", "9999-12-31"], 2, "--start 9999-12-31: out of range; give a date from 1900-01-01"),
    (["plan", ROADMAP, "--start", "9999-12-20"], 2, "out of range; give a date from 1900-01-01 to 9899-12-31"),
    (["plan", ROADMAP, "--start", "0001-01-01"], 2, "--start 0001-01-01: out of range"),
    (["plan", ROADMAP, "--start", "1899-12-31"], 2, "--start 1899-12-31: out of range"),
    (["plan", ROADMAP, "--start", "10000-01-01"], 2, "--start 10000-01-01: not a date"),
    (["start", "--start", "9999-12-31", "--yes"], 2, "--start 9999-12-31: out of range"),
    (["plan", ROADMAP, "--by", "9999-12-31"], 2, "--by 9999-12-31: out of range"),
    (["plan", ROADMAP, "--off", "0001-01-01..2026-12-31"], 2, "--off 0001-01-01: out of range"),
    (["plan", ROADMAP, "--off", "1900-01-01..9899-12-31"], 2, "longer than a plan can last (50 years)"),
    (["plan", ROADMAP, "--break", "9999-12-31"], 2, "--break 9999-12-31: out of range"),
    (["today", "--date", "9999-12-31"], 2, "--date 9999-12-31: out of range"),
    (["today", "--date", "0001-01-01"], 2, "--date 0001-01-01: out of range"),
    (["week", "--date", "9999-12-31"], 2, "--date 9999-12-31: out of range"),
    (["status", "--date", "9999-12-31"], 2, "--date 9999-12-31: out of range"),
    (["log", "1h", "--date", "0001-01-01"], 2, "--date 0001-01-01: out of range"),
    (["replan", "--from-date", "9999-12-31"], 2, "--from-date 9999-12-31: out of range"),
    (["replan", "--from-date", "9999-12-20"], 2, "--from-date 9999-12-20: out of range"),
    (["replan", "--by", "9999-12-31"], 2, "--by 9999-12-31: out of range"),
    (["replan", "--break", "1800-01-01..2026-12-01"], 2, "--break 1800-01-01: out of range"),
    (["export", "ics", "--from-date", "9999-12-31"], 2, "--from-date 9999-12-31: out of range"),
    (["export", "ics", "--from-date", "0001-01-01"], 2, "--from-date 0001-01-01: out of range"),
]


@pytest.fixture(scope="module")
def saved_home(tmp_path_factory) -> Path:
    """A home with one started plan, made once and copied into each test's home."""
    from typer.testing import CliRunner

    from mlplan import clock
    from mlplan.cli import app

    home = tmp_path_factory.mktemp("hostile") / "home"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("MLPLAN_HOME", str(home))
        patch.setattr(clock, "today", lambda: __import__("datetime").date(2026, 11, 23))
        result = CliRunner().invoke(app, ["start", "--yes"])
    assert result.exit_code == 0, result.output
    return home


@pytest.fixture
def learner(saved_home, isolated_home, clock) -> Path:
    """The test's home holding a copy of the started plan; returns the database path."""
    shutil.copytree(saved_home, isolated_home)
    return paths.database_path()


def _files(home: Path) -> dict[str, bytes]:
    """Every file of the learner's home; an empty write-ahead log counts as none, the shared-memory index not at all."""
    files = {str(p.relative_to(home)): p.read_bytes() for p in sorted(home.rglob("*")) if p.is_file()}
    return {name: data for name, data in files.items() if not name.endswith("-shm") and (data or "-wal" not in name)}


@pytest.mark.parametrize(("args", "code", "message"), CASES, ids=[" ".join(c[0])[:60] for c in CASES])
def test_refused_in_one_line_with_nothing_changed(mlplan, learner, isolated_home, args, code, message):
    before = _files(isolated_home)
    result = mlplan(*args)
    assert result.exit_code == code, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.stderr
    assert message in lines[0]
    assert "Traceback" not in result.output
    assert _files(isolated_home) == before


def test_hours_round_to_the_nearest_quarter_with_a_note(mlplan):
    result = mlplan("plan", ROADMAP, "--hours", "7.3", "--json")
    assert result.exit_code == 0, result.output
    assert "Note: --hours 7.3: rounded to 7.25 h (the nearest quarter hour)" in result.stderr
    assert json.loads(result.stdout)["hours_per_week"] == 7.25


def test_day_hours_round_too(mlplan):
    result = mlplan("plan", ROADMAP, "--days", "mon=1.1,sat=2h10m", "--json")
    assert result.exit_code == 0, result.output
    assert "--days mon=1.1: rounded to 1 h" in result.stderr
    assert "--days sat=2h10m: rounded to 2.25 h" in result.stderr
    assert json.loads(result.stdout)["hours_per_week"] == 3.25


@pytest.mark.parametrize(
    ("days", "study"),
    [
        ("mon-fri", ["Mon", "Tue", "Wed", "Thu", "Fri"]),
        ("sat-sun", ["Sat", "Sun"]),
        ("fri-mon", ["Mon", "Fri", "Sat", "Sun"]),
        ("mon-wed,sat", ["Mon", "Tue", "Wed", "Sat"]),
    ],
)
def test_days_take_ranges(mlplan, clock, days, study):
    result = mlplan("plan", ROADMAP, "--days", days, "--json")
    assert result.exit_code == 0, result.output
    weekdays = {
        __import__("datetime").date.fromisoformat(day["date"]).strftime("%a")
        for week in json.loads(result.stdout)["weeks"]
        for day in week["days"]
    }
    assert sorted(weekdays, key=["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"].index) == study


def test_a_range_with_hours_gives_each_day_those_hours(mlplan, clock):
    result = mlplan("plan", ROADMAP, "--days", "mon-wed=2,sat=4", "--json")
    assert result.exit_code == 0, result.output
    first = json.loads(result.stdout)["weeks"][0]["days"]
    assert [day["hours"] for day in first] == [2, 2, 2, 4]


def test_a_daily_cap_on_the_default_hours_says_the_real_weekly_hours(mlplan, clock):
    result = mlplan("plan", ROADMAP, "--daily-cap", "1", "--json")
    assert result.exit_code == 0, result.output
    assert "your 5 study days hold 5 h a week, so the plan uses that (not 10 h)" in result.stderr
    weeks = json.loads(result.stdout)["weeks"]
    assert all(day["hours"] <= 1 for week in weeks for day in week["days"])
    assert sum(day["hours"] for day in weeks[1]["days"]) == 5


def test_a_daily_cap_on_replan_lowers_the_plans_hours_with_a_note(mlplan, learner):
    result = mlplan("replan", "--daily-cap", "1.5")
    assert result.exit_code == 0, result.output
    assert "hold 7.5 h a week, so the plan uses that (not 10 h)" in result.stderr
    today = json.loads(mlplan("status", "--json").stdout)
    assert today["hours_per_week"] == 7.5


def test_the_latest_start_date_still_plans(mlplan):
    result = mlplan("plan", ROADMAP, "--start", "9899-12-31", "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["end"].startswith("9900-")


def test_a_plan_never_runs_past_the_calendar():
    from datetime import date

    from mlplan.errors import UsageError
    from mlplan.scheduler import Availability, StudyItem, build_schedule

    items = [StudyItem(f"i{n}", "item", 2.0, "u") for n in range(20)]
    with pytest.raises(UsageError, match=r"run past the end of the calendar \(9999-12-31\)"):
        build_schedule(items, Availability(hours_per_week=2, start=date(9999, 11, 1)))
