"""The daily loop as a learner lives it: parts, skips, past days, the log, falling behind, replans.

Week 1 of zero-to-engineer-16w at the defaults (10 h, Monday to Friday, from Monday 2026-11-23):
Mon w01.t1 2 h · Tue w01.t2#1 2 h · Wed w01.t2#2 1 h + w01.t3#1 1 h · Thu w01.t3#2 2 h · Fri w01.t4 2 h.
"""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mlplan.progress import DONE, Progress, lived_week, timeline, week_of
from mlplan.scheduler import Availability, StudyItem, build_schedule


def as_json(result):
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def ok(result):
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.fixture
def started(mlplan, clock):
    ok(mlplan("start", "--yes"))
    return mlplan


def week_items(mlplan, *args):
    week = as_json(mlplan("week", "--json", *args))
    return {item["id"]: item["done"] for day in week["days"] for item in day["items"]}


# --- 1. parts are finished one at a time ---------------------------------------------------------


def test_done_on_a_part_finishes_that_part_only(started, clock):
    mlplan = started
    clock.set("2026-11-24")
    assert "Done: w01.t2#1" in ok(mlplan("done", "w01.t2#1"))
    status = as_json(mlplan("status", "--json"))
    assert (status["done_items"], status["done_hours"]) == (0, 2)  # the part's 2 h, not the item's 3 h
    assert week_items(mlplan)["w01.t2#1"] is True
    assert week_items(mlplan)["w01.t2#2"] is False  # tomorrow's part is still to do

    clock.set("2026-11-25")
    first = as_json(mlplan("today", "--json"))["items"][0]
    assert (first["id"], first["done"]) == ("w01.t2#2", False)
    out = ok(mlplan("done", "w01.t2#2"))
    assert "Done: w01.t2#2" in out and "w01.t2 is done: all its parts are." in out
    status = as_json(mlplan("status", "--json"))
    assert (status["done_items"], status["done_hours"]) == (1, 3)
    assert "Undid done: w01.t2" in ok(mlplan("undo"))  # one undo takes back the part and the item
    assert as_json(mlplan("status", "--json"))["done_hours"] == 2


def test_todays_part_names_the_earlier_parts_still_open_apart_from_its_own_hours(mlplan, clock):
    # an hour a day: w01.t2 (3 h) is split Wed, Thu, Fri; by Friday its first two parts are still open
    ok(mlplan("start", "--yes", "--days", "mon=1,tue=1,wed=1,thu=1,fri=1"))
    ok(mlplan("done", "w01.t1"))
    clock.set("2026-11-27")
    day = as_json(mlplan("today", "--json"))
    today = day["items"][0]
    assert (today["id"], today["hours"], today["earlier_open_parts"], today["earlier_open_hours"]) == (
        "w01.t2#3",
        1.0,
        [1, 2],
        2.0,
    )
    line = next(line for line in ok(mlplan("today")).splitlines() if "w01.t2#3" in line)
    assert line.endswith("(part 3 of 3; parts 1 and 2 still open, 2 h)  1 h")
    ok(mlplan("done", "w01.t2#1", "--date", "2026-11-25"))
    line = next(line for line in ok(mlplan("today")).splitlines() if "w01.t2#3" in line)
    assert line.endswith("(part 3 of 3; part 2 still open, 1 h)  1 h")


def test_several_parts_at_once_finish_their_item(started):
    out = ok(started("done", "w01.t2#1", "w01.t2#2"))
    assert "Done: w01.t2#1, w01.t2#2 (2 parts)" in out and "w01.t2 is done: all its parts are." in out
    assert as_json(started("status", "--json"))["done_items"] == 1


def test_done_on_an_item_still_finishes_all_its_parts(started):
    ok(started("done", "w01.t3"))
    items = week_items(started)
    assert items["w01.t3#1"] and items["w01.t3#2"]


def test_a_part_that_does_not_exist_is_refused_with_the_valid_ones(started):
    result = started("done", "w01.t2#5", "w01.t1")
    assert result.exit_code == 2
    assert "w01.t2#5: no such part; its parts are w01.t2#1, w01.t2#2" in result.stderr
    assert "nothing was changed" in result.stderr
    result = started("done", "w01.t1#2")
    assert result.exit_code == 2 and "not split into parts: use w01.t1" in result.stderr
    assert as_json(started("status", "--json"))["done_items"] == 0


def test_a_replan_fits_only_what_is_left_of_a_half_done_item(started, clock):
    mlplan = started
    ok(mlplan("done", "w01.t1", "w01.t2#1", "--date", "2026-11-23"))
    clock.set("2026-11-30")
    ok(mlplan("replan"))
    first = as_json(mlplan("today", "--json"))["items"][0]
    assert (first["id"], first["hours"]) == ("w01.t2#2", 1)  # numbered after the part already done
    assert "w01.t2 is done: all its parts are." in ok(mlplan("done", "w01.t2#2"))
    assert as_json(mlplan("status", "--json"))["done_hours"] == 5


# --- 2. skip never overwrites what is done ------------------------------------------------------


def test_skip_of_a_unit_skips_its_open_items_and_reopen_brings_back_only_those(started):
    mlplan = started
    ok(mlplan("done", "w01.t1", "w01.t2"))
    assert "Skipped: w01.t3, w01.t4, w01.project (3 items)" in ok(mlplan("skip", "w01"))
    status = as_json(mlplan("status", "--json"))
    assert (status["done_items"], status["skipped_items"]) == (2, 3)
    assert "Reopened: w01.t3, w01.t4, w01.project (3 items)" in ok(mlplan("reopen", "w01"))
    status = as_json(mlplan("status", "--json"))
    assert (status["done_items"], status["skipped_items"]) == (2, 0)


def test_skip_of_a_done_item_leaves_it_done_and_says_how(started):
    ok(started("done", "w01.t1"))
    out = ok(started("skip", "w01.t1"))
    assert "w01.t1 is done: skip leaves it as it is (`mlplan reopen w01.t1` first" in out
    assert as_json(started("status", "--json"))["done_items"] == 1


# --- 3. "I did this yesterday" ------------------------------------------------------------------


@pytest.mark.parametrize("command", ["today", "done", "skip", "reopen", "log", "status", "replan", "week"])
def test_every_date_dependent_command_takes_date(mlplan, command):
    assert "--date" in ok(mlplan(command, "--help"))


def test_done_yesterday_counts_for_yesterday(started, clock):
    mlplan = started
    clock.set("2026-11-24")
    ok(mlplan("done", "w01.t1", "--date", "2026-11-23"))
    ok(mlplan("done", "w01.t2#1"))
    assert as_json(mlplan("status", "--json"))["streak_days"] == 2
    rows = as_json(mlplan("history", "--json"))
    assert [(r["date"], r["item"]) for r in rows] == [("2026-11-23", "w01.t1"), ("2026-11-24", "w01.t2#1")]


@pytest.mark.parametrize("command", [("log", "1h"), ("done", "w01.t1"), ("skip", "w01.t1"), ("reopen", "w01.t1")])
def test_a_future_date_is_refused_when_recording(started, command):
    result = started(*command, "--date", "2026-11-24")
    assert result.exit_code == 2
    assert "--date 2026-11-24 is in the future (today is 2026-11-23)" in result.stderr
    assert as_json(started("history", "--json")) == []


# --- 4. the study log is visible ----------------------------------------------------------------


def test_log_without_arguments_shows_the_study_log(started, clock):
    mlplan = started
    ok(mlplan("log", "1h30m", "w01.t1", "--note", "setup took a while"))
    ok(mlplan("done", "w01.t1"))
    ok(mlplan("log", "45m", "--date", "2026-11-20", "--note", "reading"))
    ok(mlplan("skip", "w01.t4"))
    ok(mlplan("undo"))  # undone changes are not in the log

    rows = as_json(mlplan("log", "--json"))
    assert rows == as_json(mlplan("history", "--json"))
    assert [(r["date"], r["kind"], r["hours"], r["item"], r["note"]) for r in rows] == [
        ("2026-11-20", "log", 0.75, None, "reading"),
        ("2026-11-23", "log", 1.5, "w01.t1", "setup took a while"),
        ("2026-11-23", "done", None, "w01.t1", None),
    ]
    text = ok(mlplan("log"))
    assert "setup took a while" in text and "1.5" in text and "studied" in text
    assert "2.25 h logged on 2 days" in text.replace("\u00a0", " ")


def test_log_with_a_date_and_no_duration_shows_that_days_log(started):
    mlplan = started
    ok(mlplan("log", "45m", "w01.t3", "--date", "2026-11-20", "--note", "loops"))
    ok(mlplan("log", "1h", "--date", "2026-11-21"))
    ok(mlplan("done", "w01.t1"))
    rows = as_json(mlplan("log", "--date", "2026-11-20", "--json"))
    assert [(r["date"], r["hours"], r["item"], r["note"]) for r in rows] == [("2026-11-20", 0.75, "w01.t3", "loops")]
    assert rows == as_json(mlplan("history", "--date", "2026-11-20", "--json"))
    text = ok(mlplan("log", "--date", "2026-11-20"))
    assert "loops" in text and "w01.t1" not in text
    assert "Nothing recorded on 2026-11-19." in ok(mlplan("log", "--date", "2026-11-19"))
    refused = mlplan("log", "--note", "loops")
    assert refused.exit_code == 2 and "--note needs a DURATION" in refused.stderr


def test_an_empty_study_log(started):
    assert as_json(started("history", "--json")) == []
    assert "Nothing recorded yet" in ok(started("log"))


# --- 8. the overdue list stays short ------------------------------------------------------------


def test_overdue_list_is_at_most_five_lines_with_the_hours_behind(started, clock):
    mlplan = started
    clock.set("2026-12-16")  # three weeks and more of nothing done
    day = as_json(mlplan("today", "--json"))
    assert len(day["overdue"]) > 5
    assert not {i["id"] for i in day["overdue"]} & {i["item_id"] for i in day["items"]}
    text = ok(mlplan("today")).replace("\u00a0", " ")
    lines = text.splitlines()
    start = next(n for n, line in enumerate(lines) if line.startswith("Overdue"))
    assert f"Overdue · {len(day['overdue'])} items, " in lines[start]
    assert "from earlier days" in lines[start]
    listed = [line for line in lines[start + 1 :] if line.startswith("  ")]
    assert len(listed) == 5
    assert listed[-1].startswith(f"  … and {len(day['overdue']) - 4} more")
    assert "(`mlplan week` / `mlplan status`)" in listed[-1]


# --- 9. history survives a replan ---------------------------------------------------------------


def test_weeks_before_a_replan_keep_what_was_planned_and_done(started, clock):
    mlplan = started
    ok(mlplan("done", "w01.t1"))
    clock.set("2026-11-26")  # Thursday: replan from here
    ok(mlplan("replan", "--hours", "6"))

    week1 = as_json(mlplan("week", "1", "--json"))
    assert (week1["start"], week1["end"]) == ("2026-11-23", "2026-11-29")
    dates = [day["date"] for day in week1["days"]]
    assert dates[:3] == ["2026-11-23", "2026-11-24", "2026-11-25"]  # planned then
    assert [(i["id"], i["done"]) for i in week1["days"][0]["items"]] == [("w01.t1", True)]
    assert [i["id"] for i in week1["days"][1]["items"]] == ["w01.t2#1"]
    assert all(d >= "2026-11-26" for d in dates[3:])  # the replan's days from Thursday on
    assert as_json(mlplan("week", "--json", "--date", "2026-11-24"))["index"] == 1
    week2 = as_json(mlplan("week", "2", "--json"))
    assert week2["start"] == "2026-11-30"  # one numbering from the plan's first day
    assert as_json(mlplan("today", "--json"))["week"]["index"] == 1

    checklist = ok(mlplan("export", "checklist", "--all"))
    assert "## Week 1 · Mon 23 Nov 2026" in checklist
    assert "- [x] `w01.t1`" in checklist


def test_a_replan_moves_what_was_still_open_off_its_day_so_no_hour_is_planned_twice(started, clock, monkeypatch):
    mlplan = started
    ok(mlplan("done", "w01.t1"))  # Monday's item, done on Monday
    clock.set("2026-11-26")  # Tuesday and Wednesday were missed: replan from Thursday
    ok(mlplan("replan", "--hours", "6"))

    week1 = as_json(mlplan("week", "1", "--json"))
    monday, tuesday = week1["days"][0]["items"][0], week1["days"][1]["items"][0]
    assert (monday["id"], monday["moved"], monday["done"]) == ("w01.t1", False, True)
    assert (tuesday["id"], tuesday["moved"], tuesday["moved_to"]) == ("w01.t2#1", True, "2026-11-26")
    assert week1["moved_hours"] == 4  # Tuesday's 2 h and Wednesday's 2 h now sit on later days
    monkeypatch.setenv("COLUMNS", "200")  # each row on one line
    row = next(line for line in ok(mlplan("week", "1")).splitlines() if "w01.t2#1" in line)
    assert row.split()[3:5] == ["[>]", "w01.t2#1"] and "(part 1 of 2)  → moved to Thu 26 Nov" in row
    assert "2 of 4.25 h done · 4 h moved by a replan" in ok(mlplan("week", "1"))
    checklist = ok(mlplan("export", "checklist", "--all"))
    moved = (
        "- `w01.t2#1` Learn basics: variables, strings, lists, dictionaries (part 1 of 2) → moved to Thu 26 Nov 2026"
    )
    assert moved in checklist
    assert "- [ ] `w01.t2#1`" in checklist  # ticked where the replan put it, once

    total = as_json(mlplan("status", "--json"))["total_hours"]
    planned, number = 0.0, 1
    while (week := mlplan("week", str(number), "--json")).exit_code == 0:
        planned += json.loads(week.stdout)["planned_hours"]
        number += 1
    assert planned == pytest.approx(total)  # every hour of the roadmap planned once across the weeks


# --- 10. replan never schedules on days gone ----------------------------------------------------


def test_replan_from_a_past_date_is_refused(started, clock):
    mlplan = started
    clock.set("2026-11-30")
    result = mlplan("replan", "--from-date", "2026-11-25")
    assert result.exit_code == 2
    assert "--from-date 2026-11-25 is in the past (today is 2026-11-30)" in result.stderr
    result = mlplan("replan", "--date", "2026-12-07", "--from-date", "2026-12-01")
    assert result.exit_code == 2 and "(today is 2026-12-07)" in result.stderr
    assert "Nothing to undo." in ok(mlplan("undo"))


def test_a_replan_puts_nothing_on_days_already_gone(started, clock, tmp_path):
    mlplan = started
    clock.set("2026-12-02")
    ok(mlplan("replan", "--date", "2026-12-01"))
    data = json.loads(ok(mlplan("export", "json")))
    days = [d["date"] for w in data["schedules"][-1]["schedule"]["weeks"] for d in w["days"]]
    assert days and min(days) >= "2026-12-01"


# --- 11. units left out at start can come back ---------------------------------------------------


def test_a_unit_left_out_by_start_from_comes_back_with_reopen(mlplan, clock):
    ok(mlplan("start", "--yes", "--from", "w03"))
    before = as_json(mlplan("status", "--json"))["total_items"]
    result = mlplan("reopen", "w01")
    assert result.exit_code == 0, result.output
    assert "Reopened: w01.t1" in result.stdout
    assert "5 items not in your schedule yet: `mlplan replan` fits them in" in result.stderr
    assert as_json(mlplan("status", "--json"))["total_items"] == before + 5
    day = as_json(mlplan("today", "--json"))
    assert day["unscheduled"][:1] == ["w01.project"] and day["finished"] is False
    assert "5 items reopened, not scheduled: `mlplan replan` fits them in." in ok(mlplan("today"))
    ok(mlplan("replan"))
    assert as_json(mlplan("today", "--json"))["items"][0]["id"] == "w01.t1"


def test_skip_of_a_unit_left_out_at_start_says_how_to_bring_it_back(mlplan, clock):
    ok(mlplan("start", "--yes", "--from", "w02"))
    out = ok(mlplan("skip", "w01"))
    assert "Not in your plan (left out at start): w01.t1" in out and "`mlplan reopen ID` brings" in out
    assert as_json(mlplan("status", "--json"))["skipped_items"] == 0


def test_replan_from_an_earlier_unit_brings_back_what_from_left_out(mlplan, clock):
    ok(mlplan("start", "--yes", "--from", "w03", "--skip", "w02"))
    ok(mlplan("replan", "--from", "w01"))
    today = as_json(mlplan("today", "--json"))
    assert today["items"][0]["id"] == "w01.t1"
    units = [u for w in as_json(mlplan("export", "json"))["schedules"][-1]["schedule"]["weeks"] for u in w["units"]]
    assert "w02" not in units  # what --skip left out stays out until reopened

    ok(mlplan("replan", "--from", "w04"))  # skips w01 and w03 (w02 was never in)
    ok(mlplan("replan", "--from", "w03"))  # and w03 comes back
    assert as_json(mlplan("today", "--json"))["items"][0]["item_id"] == "w03.t1"


# --- 12. status tells the truth; the finish is announced ------------------------------------------


def test_status_never_says_on_schedule_beside_a_far_projected_finish(started, clock):
    mlplan = started
    ok(mlplan("done", "w01.t1"))
    clock.set("2026-12-28")
    ok(mlplan("replan"))
    status = as_json(mlplan("status", "--json"))
    assert status["behind_hours"] == 0
    assert status["projected_days_late"] > 60
    text = ok(mlplan("status"))
    assert "on schedule" not in text
    assert "at your pace so far you finish" in text and "after the planned end" in text


def test_finishing_the_last_item_is_announced_that_day(mlplan, clock):
    ok(mlplan("start", "--yes", "--from", "final"))
    assert as_json(mlplan("status", "--json"))["finished"] is False
    ok(mlplan("done", "final.interview"))
    assert "Plan complete" not in ok(mlplan("today"))
    assert "Plan complete: every item is done or skipped" in ok(mlplan("skip", "final.community"))
    assert "Plan complete: every item is done or skipped" in ok(mlplan("today"))
    status = as_json(mlplan("status", "--json"))
    assert (status["finished"], status["finished_on"]) == (True, "2026-11-23")
    text = ok(mlplan("status"))
    assert "plan complete" in text and "on schedule" not in text


def test_a_day_whose_parts_are_all_done_leaves_the_pending_calendar(started):
    assert "20261125T" in ok(started("export", "ics", "--pending-only"))
    ok(started("done", "w01.t2#2", "w01.t3#1"))  # Wednesday's two parts; neither item is finished
    assert as_json(started("status", "--json"))["done_items"] == 0
    assert "20261125T" not in ok(started("export", "ics", "--pending-only"))


def test_skipping_a_half_done_item_counts_its_hours_once(started):
    ok(started("done", "w01.t2#1"))
    ok(started("skip", "w01.t2"))
    status = as_json(started("status", "--json"))
    assert (status["done_hours"], status["left_hours"]) == (0, 217.25 - 3)


# --- the timeline, as a property ------------------------------------------------------------------


@settings(max_examples=60, deadline=None)
@given(
    hours=st.lists(st.integers(1, 16).map(lambda q: q / 4), min_size=1, max_size=12),
    offsets=st.lists(st.integers(1, 20), max_size=4),
    first=st.integers(0, 6),
    finished=st.dictionaries(st.integers(0, 11), st.integers(0, 60)),
)
def test_timeline_takes_each_day_from_the_schedule_live_then(hours, offsets, first, finished):
    items = [StudyItem(f"i{n}", f"Item {n}", h, "u") for n, h in enumerate(hours)]
    start = date(2026, 11, 23) + timedelta(days=first)
    schedules = {1: build_schedule(items, Availability(6, start))}
    replans, day = [], start
    for version, offset in enumerate(offsets, start=2):
        day += timedelta(days=offset)
        schedules[version] = build_schedule(items, Availability(4, day, weekdays=(1, 3, 5)))
        replans.append((version, day.isoformat()))
    progress = Progress()
    for n, days_in in finished.items():  # item n finished days_in days after the start
        progress.state[f"i{n}"] = DONE
        progress.done_on[f"i{n}"] = (start + timedelta(days=days_in)).isoformat()
    lived = timeline(schedules, replans, start, progress)

    dates = [d.date for d in lived.study_days()]
    assert dates == sorted(set(dates))
    for week in lived.weeks:
        assert week.start == start + timedelta(days=7 * (week.number - 1))
        assert all(week.start <= d.date <= week.end for d in week.days)
        assert week.hours == pytest.approx(sum(p.hours for d in week.days for p in d.parts))
    bounds = [(1, date.min)] + [(v, date.fromisoformat(on)) for v, on in replans] + [(0, date.max)]
    for (version, since), (_, until) in zip(bounds, bounds[1:], strict=False):
        expected = [d for d in schedules[version].study_days() if since <= d.date < until]
        got = [d for d in lived.study_days() if since <= d.date < until]
        assert [d.date for d in got] == [d.date for d in expected]
        for planned, kept in zip(expected, got, strict=True):
            moved = [p for p, _ in lived.moved.get(planned.date, [])]
            assert sorted(kept.parts + tuple(moved)) == sorted(planned.parts)  # each part kept or moved
            for p in moved:  # moved: not finished before the replan took over
                assert progress.done_on.get(p.item_id, "9999") >= until.isoformat()
            for p in kept.parts:
                assert until == date.max or progress.done_on.get(p.item_id, "9999") < until.isoformat()
    for moves in lived.moved.values():
        for p, to in moves:
            if to is not None:  # where a moved part went, it is planned (or moved on again by a later replan)
                there = [q for d in lived.study_days() if d.date == to for q in d.parts]
                assert any(q.item_id == p.item_id for q in there + [q for q, _ in lived.moved.get(to, [])])
    for on in (start + timedelta(days=n) for n in range(-8, 7 * (len(lived.weeks) + 2), 3)):
        assert lived_week(schedules, replans, start, on, progress) == week_of(lived, on)  # today's week, alone


def test_today_puts_each_units_title_above_its_items(mlplan, clock, make_roadmap):
    # Imported courses repeat item titles ("YouTube video lecture") in every unit: the unit says which.
    make_roadmap({"u1": [("concept", 1)], "u2": [("concept", 0.5), ("concept", 0.5)]})
    ok(mlplan("start", "tiny", "--yes", "--hours", "10", "--days", "mon-fri"))
    lines = ok(mlplan("today")).splitlines()
    assert lines[1:6] == [
        "Today's session · 2 h",
        "  Unit u1",
        "  [ ] u1.i1  Item 1 of u1  1 h",
        "  Unit u2",
        "  [ ] u2.i1  Item 1 of u2  30 min",
    ]
    assert lines[6] == "  [ ] u2.i2  Item 2 of u2  30 min"  # one title for a run of one unit's items
