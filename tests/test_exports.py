"""Exports parsed back: .ics with icalendar and vobject, checklists with a Markdown parser, JSON round trips."""

from __future__ import annotations

import json
import sqlite3
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import icalendar
import pytest
import vobject
from markdown_it import MarkdownIt
from mdit_py_plugins.tasklists import tasklists_plugin

PARIS = ZoneInfo("Europe/Paris")


def as_json(result):
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def study_days(mlplan):
    """(date, hours) of every study day in the current plan's schedule, through `week --json`."""
    days, n = [], 1
    while True:
        result = mlplan("week", str(n), "--json")
        if result.exit_code:
            return days
        days += [(d["date"], d["hours"]) for d in json.loads(result.stdout)["days"]]
        n += 1


def sessions(calendar):
    return [e for e in calendar.walk("VEVENT") if isinstance(e.decoded("dtstart"), datetime)]


def milestones(calendar):
    return [e for e in calendar.walk("VEVENT") if not isinstance(e.decoded("dtstart"), datetime)]


@pytest.fixture
def paris_plan(mlplan, clock):
    """complete-course-15 from 22 March 2027, across the switch to summer time (28 March), at 19:00 Paris."""
    clock.set("2027-03-22")
    result = mlplan(
        "start",
        "complete-course-15",
        "--yes",
        "--hours",
        "6",
        "--days",
        "mon=2,wed=2,sat=2",
        "--tz",
        "Europe/Paris",
        "--at",
        "19:00",
    )
    assert result.exit_code == 0, result.output
    return result


def export_ics(mlplan, *args):
    result = mlplan("export", "ics", *args)
    assert result.exit_code == 0, result.output
    return result.stdout_bytes


def test_ics_has_one_timed_session_per_study_day_at_the_local_time(mlplan, paris_plan):
    data = export_ics(mlplan)
    assert b"\r\n" in data and b"BEGIN:VTIMEZONE" in data and b"TZID:Europe/Paris" in data
    calendar = icalendar.Calendar.from_ical(data)
    assert calendar["prodid"] and calendar["version"] == "2.0"
    expected = study_days(mlplan)
    found = sessions(calendar)
    assert len(found) == len(expected) > 60
    for event, (day, hours) in zip(sorted(found, key=lambda e: e.decoded("dtstart")), expected, strict=True):
        start, end = event.decoded("dtstart"), event.decoded("dtend")
        assert start == datetime.combine(date.fromisoformat(day), time(19), tzinfo=PARIS)
        assert end - start == timedelta(hours=hours)
        assert event["uid"] and event.get("dtstamp") and event["sequence"] == 0
        assert str(event["summary"]).startswith("ML study · Module ")


def test_ics_sessions_stay_at_19_local_across_the_dst_change(mlplan, paris_plan):
    calendar = icalendar.Calendar.from_ical(export_ics(mlplan, "--weeks", "2"))
    starts = sorted(e.decoded("dtstart") for e in sessions(calendar))
    before = [s for s in starts if s.date() < date(2027, 3, 28)]
    after = [s for s in starts if s.date() > date(2027, 3, 28)]
    assert before and after
    assert {s.astimezone(PARIS).time() for s in starts} == {time(19)}
    assert {s.utcoffset() for s in before} == {timedelta(hours=1)}
    assert {s.utcoffset() for s in after} == {timedelta(hours=2)}


def test_ics_reads_the_same_with_an_independent_parser(mlplan, paris_plan):
    data = export_ics(mlplan).decode("utf-8")
    parsed = vobject.readOne(data)
    events = parsed.vevent_list
    timed = [e for e in events if isinstance(e.dtstart.value, datetime)]
    all_day = [e for e in events if not isinstance(e.dtstart.value, datetime)]
    assert len(timed) == len(study_days(mlplan))
    assert {e.dtstart.value.astimezone(PARIS).time() for e in timed} == {time(19)}
    assert len(all_day) == 15 + 1  # the end of each of the 15 modules and the finish
    first = sorted(timed, key=lambda e: e.dtstart.value)[0]
    assert "m01.c1" in first.description.value and "\n" in first.description.value
    assert first.summary.value == "ML study · Module 1: Foundations of Machine Learning (Beginner) (2 h)"


def test_milestones_are_all_day_and_mark_unit_ends_and_the_finish(mlplan, paris_plan):
    calendar = icalendar.Calendar.from_ical(export_ics(mlplan))
    found = {str(e["summary"]): e.decoded("dtstart") for e in milestones(calendar)}
    status = as_json(mlplan("status", "--json"))
    assert found["Finish · complete-course-15"] == date.fromisoformat(status["planned_end"])
    assert any(s.startswith("Milestone · Module 15") for s in found)
    assert all(type(d) is date for d in found.values())


def test_uids_are_stable_across_exports_and_replans(mlplan, paris_plan, clock):
    first = icalendar.Calendar.from_ical(export_ics(mlplan))
    again = icalendar.Calendar.from_ical(export_ics(mlplan))
    assert [str(e["uid"]) for e in first.walk("VEVENT")] == [str(e["uid"]) for e in again.walk("VEVENT")]
    assert export_ics(mlplan) == export_ics(mlplan)  # byte for byte

    clock.set("2027-04-05")
    assert mlplan("replan", "--hours", "8", "--days", "mon=2,wed=2,sat=4").exit_code == 0
    after = icalendar.Calendar.from_ical(export_ics(mlplan, "--from-date", "2027-04-05"))
    before = {str(e["uid"]): e for e in sessions(first)}
    survivors = [e for e in sessions(after) if str(e["uid"]) in before]
    assert survivors  # Mondays and Wednesdays are still study days
    for event in survivors:
        assert event["sequence"] == 1 > before[str(event["uid"])]["sequence"]
        assert event.decoded("dtstart").date() == before[str(event["uid"])].decoded("dtstart").date()


def test_alarm_pending_only_from_date_and_weeks(mlplan, paris_plan):
    calendar = icalendar.Calendar.from_ical(export_ics(mlplan, "--alarm", "15m", "--weeks", "1"))
    events = sessions(calendar)
    assert len(events) == 3
    for event in events:
        (alarm,) = event.walk("VALARM")
        assert alarm["action"] == "DISPLAY" and alarm.decoded("trigger") == timedelta(minutes=-15)

    assert mlplan("done", "m01.c1", "m01.c2").exit_code == 0  # Monday 22 March's items
    pending = sessions(icalendar.Calendar.from_ical(export_ics(mlplan, "--pending-only", "--weeks", "1")))
    assert [e.decoded("dtstart").date().isoformat() for e in pending] == ["2027-03-24", "2027-03-27"]

    later = sessions(icalendar.Calendar.from_ical(export_ics(mlplan, "--from-date", "2027-03-27", "--weeks", "1")))
    assert [e.decoded("dtstart").date().isoformat() for e in later] == ["2027-03-27", "2027-03-29", "2027-03-31"]


def parse_tasks(markdown):
    md = MarkdownIt("commonmark").use(tasklists_plugin)
    html = md.render(markdown)
    return html.count('class="task-list-item-checkbox"'), html.count('checked="checked"'), html


def test_week_markdown_is_a_task_list_whose_ticks_follow_progress(mlplan, clock):
    mlplan("start", "--yes")
    mlplan("done", "w01.t1", "w01.t3")
    result = mlplan("week", "1", "--markdown")
    assert result.exit_code == 0, result.output
    week = as_json(mlplan("week", "1", "--json"))
    items = [i for d in week["days"] for i in d["items"]]
    unit = week["units"][0]
    total, checked, html = parse_tasks(result.stdout)
    assert total == len(items) + len(unit["deliverables"]) + len(unit["checks"]) + len(unit["outcomes"])
    assert checked == sum(1 for i in items if i["done"]) == 3  # w01.t1 and both parts of w01.t3
    assert '<a href="https://www.anaconda.com/products/distribution">Anaconda</a>' in html
    assert "<h3>Ethics checks</h3>" in html and "<h3>Outcomes</h3>" in html
    assert "`w01.t1`" in result.stdout


def test_export_checklist_all_weeks_and_one_week(mlplan, clock, tmp_path):
    mlplan("start", "bedrock-24", "--yes")
    mlplan("done", "m01")
    out = tmp_path / "plan.md"
    result = mlplan("export", "checklist", "--all", "--out", str(out))
    assert result.exit_code == 0, result.output
    total, checked, _ = parse_tasks(out.read_text(encoding="utf-8"))
    status = as_json(mlplan("status", "--json"))
    assert checked >= status["done_items"] == 9
    weeks = out.read_text(encoding="utf-8").count("\n## Week ")
    assert weeks == len(as_json(mlplan("plan", "bedrock-24", "--json"))["weeks"])
    one = mlplan("export", "checklist", "--week", "2")
    assert one.stdout.startswith("# Week 2 ·")
    assert mlplan("export", "checklist", "--week", "99").exit_code == 2


def test_json_export_and_import_round_trip_gives_the_same_status(mlplan, clock, tmp_path):
    mlplan("start", "--yes", "--tz", "Europe/Paris")
    mlplan("done", "w01.t1", "w01.t2")
    mlplan("skip", "w02")
    mlplan("log", "45m", "w01.t3", "--note", "loops")
    clock.set("2026-12-07")
    mlplan("replan", "--hours", "8")
    mlplan("undo")  # the log keeps the undone replan too
    mlplan("replan", "--hours", "12")
    before = as_json(mlplan("status", "--json"))
    today_before = as_json(mlplan("today", "--json"))
    ics_before = export_ics(mlplan)

    backup = tmp_path / "backup.json"
    assert mlplan("export", "json", "--out", str(backup)).exit_code == 0
    document = json.loads(backup.read_text(encoding="utf-8"))
    assert document["format"] == "mlplan-plan" and document["version"] == 1
    assert {"plan", "roadmap", "schedules", "events"} <= document.keys()

    assert mlplan("delete", "zero-to-engineer-16w", "--yes").exit_code == 0
    result = mlplan("import-plan", str(backup))
    assert result.exit_code == 0, result.output
    assert "Imported plan 'zero-to-engineer-16w'" in result.stdout
    assert as_json(mlplan("status", "--json")) == before
    assert as_json(mlplan("today", "--json")) == today_before
    assert export_ics(mlplan) == ics_before  # same UIDs: the calendar updates, no duplicates

    again = mlplan("import-plan", str(backup))  # the name is taken now
    assert "Imported plan 'zero-to-engineer-16w-2'" in again.stdout
    copy = as_json(mlplan("status", "--json", "--plan", "zero-to-engineer-16w-2"))
    assert copy | {"plan": before["plan"]} == before


def test_writing_files_safely(mlplan, clock, tmp_path):
    mlplan("start", "--yes")
    exports = tmp_path / "exports"
    exports.mkdir()
    target = exports / "plan.ics"
    assert mlplan("export", "ics", "--out", str(target)).exit_code == 0
    first = target.read_bytes()
    assert first.startswith(b"BEGIN:VCALENDAR")

    refused = mlplan("export", "ics", "--out", str(target), "--alarm", "10m")
    assert refused.exit_code == 2
    assert f"{target} exists; add --force" in refused.stderr
    assert target.read_bytes() == first

    assert mlplan("export", "ics", "--out", str(target), "--alarm", "10m", "--force").exit_code == 0
    assert b"VALARM" in target.read_bytes()
    assert sorted(p.name for p in exports.iterdir()) == ["plan.ics"]  # no temporary files left

    blocked = tmp_path / "a-file"
    blocked.write_text("x")
    result = mlplan("export", "checklist", "--out", str(blocked / "plan.md"))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"Error: cannot write {blocked / 'plan.md'}")
    assert len(result.stderr.strip().splitlines()) == 1

    dash = mlplan("export", "json", "--out", "-")
    assert json.loads(dash.stdout)["format"] == "mlplan-plan"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "not JSON (key must be a string at line 1"),
        ('{"format": "something-else"}', "not an mlplan plan export"),
        ('{"format": "mlplan-plan", "version": 9}', "export version 9 is not supported"),
        ('{"format": "mlplan-plan", "version": 1, "plan": {}}', "plan.name: is required"),
    ],
)
def test_import_plan_refuses_what_it_cannot_restore(mlplan, tmp_path, content, message, isolated_home):
    bad = tmp_path / "bad.json"
    bad.write_text(content, encoding="utf-8")
    result = mlplan("import-plan", str(bad))
    assert result.exit_code == 2
    assert message in result.stderr and str(bad) in result.stderr
    assert as_json(mlplan("plans", "--json")) == []


def test_import_plan_with_a_damaged_roadmap_names_the_field(mlplan, clock, tmp_path):
    mlplan("start", "--yes")
    document = json.loads(mlplan("export", "json").stdout)
    document["roadmap"]["stages"][0]["units"][0]["items"][0]["hours"] = 0
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(document), encoding="utf-8")
    result = mlplan("import-plan", str(bad))
    assert result.exit_code == 2
    assert f"{bad}: roadmap.stages[0].units[0].items[0].hours: must be greater than 0" in result.stderr
    assert len(as_json(mlplan("plans", "--json"))) == 1


def test_import_plan_of_a_missing_file(mlplan):
    result = mlplan("import-plan", "nowhere.json")
    assert result.exit_code == 2
    assert "nowhere.json: no such file" in result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["export", "ics", "--alarm", "soon"], "--alarm soon: not a duration such as 90m or 1h30m"),
        (["export", "ics", "--from-date", "someday"], "--from-date someday: not a date"),
        (["export", "ics", "--weeks", "0"], "--weeks"),
        (["export", "checklist", "--week", "2", "--all"], "give --week N or --all, not both"),
        (["export", "json", "--plan", "nope"], "unknown plan 'nope'"),
    ],
)
def test_export_errors(mlplan, clock, args, message):
    mlplan("start", "--yes")
    result = mlplan(*args)
    assert result.exit_code == 2, result.output
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_keys_a_newer_mlplan_stored_in_a_schedule_survive_replan_undo_and_backups(
    mlplan, clock, tmp_path, isolated_home
):
    mlplan("start", "--yes", "--tz", "Europe/Paris")
    mlplan("done", "w01.t1")

    def views():
        day = ("--date", "2026-11-24")
        return [as_json(mlplan(command, "--json", *day)) for command in ("today", "week", "status")]

    before = views()
    db = sqlite3.connect(isolated_home / "mlplan.db")
    with db:
        stored = json.loads(db.execute("SELECT schedule_json FROM schedules").fetchone()[0])
        stored["colour"] = "teal"
        stored["weeks"][0]["theme"] = "basics"
        stored["weeks"][0]["days"][1]["items"][0]["difficulty"] = 3
        db.execute("UPDATE schedules SET schedule_json = ?", (json.dumps(stored),))
    db.close()
    assert views() == before

    clock.set("2026-12-07")
    assert mlplan("replan", "--hours", "8").exit_code == 0
    assert mlplan("undo").exit_code == 0
    assert views() == before
    exported = as_json(mlplan("export", "json"))
    assert [s["schedule"] for s in exported["schedules"]][0] == stored

    backup = tmp_path / "backup.json"
    backup.write_text(json.dumps(exported), encoding="utf-8")
    assert mlplan("delete", "zero-to-engineer-16w", "--yes").exit_code == 0
    assert mlplan("import-plan", str(backup)).exit_code == 0
    assert as_json(mlplan("export", "json"))["schedules"] == exported["schedules"]
    assert views() == before
