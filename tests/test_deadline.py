"""Deadlines and breaks: `--by`, `replan --keep-end`, the deadline in `status`, `--break`."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from icalendar import Calendar

from mlplan.deadline import DeadlineMissed, OverMaxHours, fewest_hours, keep_end, most_hours, with_weekly_hours
from mlplan.errors import UsageError
from mlplan.scheduler import Availability, StudyItem, build_schedule

MONDAY = date(2026, 11, 23)


@pytest.fixture(autouse=True)
def fixed_today(clock):
    return clock


def as_json(result):
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def study_dates(schedule: dict) -> list[str]:
    return [day["date"] for week in schedule["weeks"] for day in week["days"]]


# --- plan to a date -----------------------------------------------------------------------------


def test_plan_by_finds_the_fewest_quarter_hours_and_says_so(mlplan):
    args = ["plan", "zero-to-engineer-16w", "--days", "mon,wed,fri", "--by", "2027-06-30"]
    result = mlplan(*args)
    assert result.exit_code == 0, result.output
    assert "Finishing by 2027-06-30 needs 7 h a week on Mon, Wed, Fri" in result.stdout

    data = as_json(mlplan(*args, "--json"))
    assert (data["hours_per_week"], data["deadline"]) == (7, "2027-06-30")
    assert data["end"] <= "2027-06-30"
    # the hours it found are the fewest: a quarter hour less ends after the date
    less = as_json(mlplan("plan", "zero-to-engineer-16w", "--days", "mon,wed,fri", "--hours", "6.75", "--json"))
    assert less["end"] > "2027-06-30"


def test_plan_by_keeps_per_day_hours_in_proportion(mlplan):
    data = as_json(mlplan("plan", "bedrock-24", "--days", "mon=1,wed=1,sat=4", "--by", "2027-09-30", "--json"))
    saturday = [d for d in data["weeks"][0]["days"] if d["date"] == "2026-11-28"][0]
    monday = data["weeks"][0]["days"][0]
    assert saturday["hours"] >= 3 * monday["hours"]
    assert data["end"] <= "2027-09-30"


def test_an_impossible_deadline_is_refused_with_the_hours_and_the_earliest_date(mlplan):
    result = mlplan("plan", "distinguished-52w", "--days", "mon,wed,fri", "--by", "2027-01-30")
    assert result.exit_code == 2
    message = result.stderr.strip()
    assert len(message.splitlines()) == 1 and "Traceback" not in result.output
    assert "needs" in message and "a week on Mon, Wed, Fri" in message
    assert "at most 72 h a week (24 h a day)" in message
    assert "earliest finish is 2027-03-29" in message

    capped = mlplan("plan", "zero-to-engineer-16w", "--daily-cap", "2", "--by", "2027-01-15")
    assert capped.exit_code == 2
    assert "at most 10 h a week (--daily-cap 2 h)" in capped.stderr


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--by", "2027-06-30", "--hours", "8"], "give --hours or --by, not both"),
        (["--by", "2026-11-01"], "--by 2026-11-01 is before the plan starts (2026-11-23)"),
        (["--by", "30/06/2027"], "--by 30/06/2027: not a date"),
        (["--break", "2027-01-03..2026-12-21"], "--break 2027-01-03..2026-12-21: the range ends before it starts"),
    ],
)
def test_bad_deadline_options_are_one_line_usage_errors(mlplan, args, says):
    result = mlplan("plan", "zero-to-engineer-16w", *args)
    assert result.exit_code == 2
    assert says in result.stderr and len(result.stderr.strip().splitlines()) == 1


# --- a stored deadline, falling behind and keeping the end --------------------------------------


def test_a_deadline_is_kept_watched_and_kept_by_raising_hours(mlplan, clock):
    result = mlplan("start", "zero-to-engineer-16w", "--days", "mon,wed,fri", "--by", "2027-06-30")
    assert result.exit_code == 0, result.output
    assert "needs 7 h a week on Mon, Wed, Fri" in result.stdout

    status = as_json(mlplan("status", "--json"))
    assert (status["deadline"], status["on_track"]) == ("2027-06-30", True)
    assert "on track for June 30, 2027" in mlplan("status").stdout

    # four weeks later, nothing done: late, and status says what keeping the date takes
    clock.set("2026-12-21")
    status = as_json(mlplan("status", "--json"))
    assert status["on_track"] is False
    assert status["end_at_current_hours"] > "2027-06-30"
    needed = status["keep_end_hours_per_week"]
    assert 7 < needed <= 12.75
    text = " ".join(mlplan("status").stdout.split())  # rich wraps long lines at the terminal width
    assert "at this pace (7 h a week from today) you finish July 28, 2027, 4 weeks late" in text
    assert f"`mlplan replan --keep-end` needs {needed:g} h a week" in text

    result = mlplan("replan", "--keep-end")
    assert result.exit_code == 0, result.output
    assert f"Hours a week: {needed:g} h (was 7 h)" in result.stdout
    status = as_json(mlplan("status", "--json"))
    assert status["on_track"] is True and status["planned_end"] <= "2027-06-30"
    # the backlog is spread: no day of the new schedule is heavier than the new weekly share
    week = as_json(mlplan("week", "--json"))
    assert week["start"] == "2026-12-21"
    assert max(day["hours"] for day in week["days"]) <= needed / 3 + 0.25
    assert week["planned_hours"] <= needed


def test_keep_end_beyond_max_hours_proposes_a_date_and_changes_nothing(mlplan, clock):
    mlplan("start", "zero-to-engineer-16w", "--days", "mon,wed,fri", "--by", "2027-03-31")
    before = as_json(mlplan("week", "--json"))
    clock.set("2027-01-18")
    result = mlplan("replan", "--keep-end")
    assert result.exit_code == 1
    message = result.stderr.strip()
    assert "finishing by 2027-03-31 needs" in message and "more than --max-hours" in message
    assert "`mlplan replan --by 20" in message and "Nothing was changed" in message
    clock.set("2026-11-23")
    assert as_json(mlplan("week", "--json")) == before

    # the date it proposes works, and moves the stored deadline
    clock.set("2027-01-18")
    proposed = message.split("`mlplan replan --by ")[1][:10]
    result = mlplan("replan", "--by", proposed)
    assert result.exit_code == 0, result.output
    status = as_json(mlplan("status", "--json"))
    assert status["deadline"] == proposed and status["on_track"] is True


def test_replan_by_a_later_date_can_lower_the_hours(mlplan):
    mlplan("start", "zero-to-engineer-16w", "--hours", "12")
    result = mlplan("replan", "--by", "2027-12-31")
    assert result.exit_code == 0, result.output
    assert "(was 12 h)" in result.stdout
    status = as_json(mlplan("status", "--json"))
    assert status["deadline"] == "2027-12-31" and status["planned_end"] <= "2027-12-31"


def test_keep_end_and_hours_do_not_mix(mlplan):
    mlplan("start", "zero-to-engineer-16w")
    result = mlplan("replan", "--keep-end", "--hours", "12")
    assert result.exit_code == 2 and "not both" in result.stderr
    result = mlplan("replan", "--keep-end", "--by", "2027-12-31")
    assert result.exit_code == 2 and "not both" in result.stderr


def test_a_plan_without_deadline_has_null_deadline_keys(mlplan):
    mlplan("start", "zero-to-engineer-16w")
    status = as_json(mlplan("status", "--json"))
    assert status["deadline"] is None and status["on_track"] is None
    assert "Deadline" not in mlplan("status").stdout


# --- breaks -------------------------------------------------------------------------------------


def test_a_break_has_no_study_and_is_one_calendar_event(mlplan):
    result = mlplan("start", "zero-to-engineer-16w", "--break", "2026-12-21..2027-01-03")
    assert result.exit_code == 0, result.output
    dates = study_dates(as_json(mlplan("export", "json"))["schedules"][0]["schedule"])
    assert not any("2026-12-21" <= d <= "2027-01-03" for d in dates)

    calendar = Calendar.from_ical(mlplan("export", "ics").stdout_bytes)
    breaks = [e for e in calendar.walk("VEVENT") if str(e["SUMMARY"]) == "Break"]
    assert len(breaks) == 1
    assert breaks[0].decoded("DTSTART") == date(2026, 12, 21)
    assert breaks[0].decoded("DTEND") == date(2027, 1, 4)  # all-day: the day after the last
    sessions = [e for e in calendar.walk("VEVENT") if "study" in [str(c) for c in e["CATEGORIES"].cats]]
    assert sessions and not any(date(2026, 12, 21) <= e.decoded("DTSTART").date() <= date(2027, 1, 3) for e in sessions)
    later = Calendar.from_ical(mlplan("export", "ics", "--from-date", "2027-02-01").stdout_bytes)
    assert not [e for e in later.walk("VEVENT") if str(e["SUMMARY"]) == "Break"]


def test_with_a_deadline_a_break_raises_the_hours_instead_of_moving_the_end(mlplan, clock):
    mlplan("start", "zero-to-engineer-16w", "--by", "2027-05-31")
    clock.set("2026-12-07")
    result = mlplan("replan", "--break", "2026-12-21..2027-01-03")
    assert result.exit_code == 0, result.output
    assert "Hours a week:" in result.stdout and "to finish by 2027-05-31" in result.stdout
    status = as_json(mlplan("status", "--json"))
    assert status["on_track"] is True and status["planned_end"] <= "2027-05-31"
    calendar = Calendar.from_ical(mlplan("export", "ics").stdout_bytes)
    assert len([e for e in calendar.walk("VEVENT") if str(e["SUMMARY"]) == "Break"]) == 1

    # without a deadline, a break moves the end and keeps the hours
    mlplan("start", "zero-to-engineer-16w", "--name", "free", "--hours", "10")
    before = as_json(mlplan("status", "--json", "--plan", "free"))["planned_end"]
    result = mlplan("replan", "--plan", "free", "--break", "2026-12-21..2027-01-03")
    assert result.exit_code == 0, result.output
    assert "Hours a week:" not in result.stdout
    assert as_json(mlplan("status", "--json", "--plan", "free"))["planned_end"] > before


# --- properties ---------------------------------------------------------------------------------

item_hours = st.integers(min_value=1, max_value=24).map(lambda q: q / 4)
weekday_sets = st.lists(st.integers(0, 6), min_size=1, max_size=7, unique=True).map(lambda d: tuple(sorted(d)))


@st.composite
def availabilities(draw) -> Availability:
    weekdays = draw(weekday_sets)
    day_hours = None
    if draw(st.booleans()):
        day_hours = {d: draw(st.integers(1, 16)) / 4 for d in weekdays}
    cap = draw(st.one_of(st.none(), st.integers(4, 40).map(lambda q: q / 4)))
    off = draw(st.lists(st.integers(0, 60), max_size=10).map(lambda ns: frozenset(MONDAY + timedelta(n) for n in ns)))
    hours = sum(day_hours.values()) if day_hours else draw(st.integers(4, 80)) / 4
    return Availability(hours, MONDAY, weekdays, day_hours, cap, draw(st.sampled_from([0.25, 0.5, 1.0])), off)


items_lists = st.lists(item_hours, min_size=1, max_size=40).map(
    lambda hs: [StudyItem(f"i{n}", f"Item {n}", h, f"u{n // 4}") for n, h in enumerate(hs)]
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(items=items_lists, availability=availabilities(), days=st.integers(0, 120))
def test_by_hours_finish_by_the_date_and_a_quarter_hour_less_does_not(items, availability, days):
    by = MONDAY + timedelta(days)
    try:
        fit = fewest_hours(items, availability, by)
    except DeadlineMissed:
        # then not even the most the days hold finishes by the date
        most = build_schedule(items, with_weekly_hours(availability, most_hours(availability))).end
        assert most is not None and most > by
        return
    except UsageError:  # an item cannot fit even the longest day the caps allow
        assume(False)
    assert fit.schedule.end is not None and fit.schedule.end <= by
    assert fit.schedule == build_schedule(items, fit.availability)
    if fit.hours_per_week > 0.25:
        try:
            less = build_schedule(items, with_weekly_hours(availability, fit.hours_per_week - 0.25)).end
        except UsageError:
            return  # the items no longer fit such short days: a quarter less cannot finish
        assert less is not None and less > by


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(
    items=items_lists,
    availability=availabilities(),
    done=st.integers(0, 40),
    today_offset=st.integers(0, 90),
    deadline=st.one_of(st.none(), st.integers(0, 30)),
)
def test_keep_end_never_ends_later_and_never_schedules_a_past_day(items, availability, done, today_offset, deadline):
    try:
        planned = build_schedule(items, availability).end
    except UsageError:
        assume(False)
    assert planned is not None
    # the date to keep: the planned end, or a deadline a few days after it
    end = planned + timedelta(deadline) if deadline is not None else planned
    today = MONDAY + timedelta(today_offset)
    left = items[min(done, len(items) - 1) :]
    try:
        fit = keep_end(left, replace(availability, start=today), end, max_hours=10_000)
    except OverMaxHours:
        assume(False)  # not feasible even at full days: nothing is applied
    days = fit.schedule.study_days()
    assert days[0].date >= today
    assert fit.schedule.end is not None and fit.schedule.end <= end


def test_keep_end_after_the_end_has_passed_proposes_a_date(mlplan, clock):
    mlplan("start", "complete-course-15", "--hours", "20")
    clock.set("2027-09-01")
    result = mlplan("replan", "--keep-end")
    assert result.exit_code == 1
    assert "2027-01-12 has passed; at 30 h a week you finish" in result.stderr
    assert "Nothing was changed" in result.stderr


def test_max_hours_without_a_date_to_keep_is_refused_not_ignored(mlplan, clock):
    assert mlplan("start", "--yes").exit_code == 0  # no deadline: only --keep-end or --by search the hours
    before = as_json(mlplan("week", "--json"))
    result = mlplan("replan", "--max-hours", "12h")
    assert result.exit_code == 2 and len(result.stderr.strip().splitlines()) == 1
    assert "--max-hours bounds the weekly hours that --keep-end or --by find; add one of them" in result.stderr
    assert as_json(mlplan("week", "--json")) == before
    assert mlplan("replan", "--keep-end", "--max-hours", "12h").exit_code == 0
