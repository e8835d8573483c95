"""A plan's stored settings and schedules read into typed data and back without losing anything."""

from __future__ import annotations

import json
import shutil
import sqlite3
from datetime import date
from pathlib import Path

from mlplan.plan_data import Part, Schedule, Settings

FIXTURES = Path(__file__).parent / "fixtures" / "databases"

STORED = {
    "hours_per_week": 6.0,
    "weekdays": [0, 2, 5],
    "day_hours": {"0": 1.0, "2": 1.0, "5": 4.0},
    "daily_cap": 4.0,
    "min_part": 0.75,
    "start": "2026-11-02",
    "days_off": ["2026-12-24", "2026-12-25"],
    "from_unit": "u2",
    "skip": ["u3"],
    "at": "07:30",
    "tz": "Europe/Paris",
    "plan_start": "2026-10-05",
    "deadline": "2027-03-01",
    "breaks": [{"first": "2026-12-24", "last": "2026-12-25"}],
    "review_minutes": 10,
}


def test_every_stored_key_reads_as_typed_data():
    settings = Settings.from_dict(STORED)
    assert settings.day_hours == {0: 1.0, 2: 1.0, 5: 4.0}
    assert settings.start == date(2026, 11, 2) and settings.plan_start == date(2026, 10, 5)
    assert settings.breaks == ((date(2026, 12, 24), date(2026, 12, 25)),)
    assert settings.deadline == date(2027, 3, 1) and settings.review_minutes == 10
    assert settings.extra == {}


def test_a_round_trip_keeps_every_key_even_unknown_ones():
    newer = STORED | {"colour": "teal", "goals": {"weekly": 3}}
    settings = Settings.from_dict(newer)
    assert settings.extra == {"colour": "teal", "goals": {"weekly": 3}}
    assert settings.to_dict() == newer


def test_settings_of_an_early_plan_read_with_defaults_and_write_no_new_keys():
    early = {"hours_per_week": 5, "weekdays": [0, 1, 2, 3, 4], "start": "2026-11-02"}
    settings = Settings.from_dict(early)
    assert (settings.min_part, settings.days_off, settings.breaks) == (0.5, (), ())
    assert settings.plan_start is settings.deadline is settings.review_minutes is None
    assert not {"plan_start", "deadline", "breaks", "review_minutes"} & set(settings.to_dict())


def test_settings_in_the_frozen_databases_round_trip(tmp_path):
    for source in sorted(FIXTURES.glob("*.db")):
        copy = tmp_path / source.name
        shutil.copy(source, copy)
        with sqlite3.connect(copy) as db:
            rows = [json.loads(text) for (text,) in db.execute("SELECT settings_json FROM schedules")]
        assert rows, source.name
        for stored in rows:
            assert Settings.from_dict(stored).to_dict() == stored


def test_merged_applies_changes_as_stored_keys():
    settings = Settings.from_dict(STORED).merged({"tz": "UTC", "breaks": []})
    assert settings.tz == "UTC" and settings.breaks == ()
    assert settings.at == "07:30"


# --- the schedule -------------------------------------------------------------------------------

PART = {"id": "u1.i1", "title": "Item 1", "hours": 1.5, "part": 1, "parts": 2, "unit": "u1"}
SCHEDULE = {
    "start": "2026-11-23",
    "end": "2026-11-24",
    "hours_per_week": 6.0,
    "total_hours": 1.5,
    "study_weeks": 1,
    "split_items": 1,
    "weeks": [
        {
            "index": 1,
            "start": "2026-11-23",
            "end": "2026-11-29",
            "hours": 1.5,
            "units": ["u1"],
            "days": [{"date": "2026-11-24", "hours": 1.5, "items": [PART]}],
        },
        {"index": 2, "start": "2026-11-30", "end": "2026-12-06", "hours": 0, "units": [], "days": []},
    ],
}


def test_a_stored_schedule_reads_as_typed_data():
    schedule = Schedule.from_dict(SCHEDULE)
    assert (schedule.start, schedule.end) == (date(2026, 11, 23), date(2026, 11, 24))
    first, empty = schedule.weeks
    assert (first.number, first.end, first.units) == (1, date(2026, 11, 29), ("u1",))
    (day,) = first.days
    assert day.date == date(2026, 11, 24)
    assert day.parts == (Part("u1.i1", "Item 1", 1.5, 1, 2, "u1"),)
    assert empty.days == () and schedule.study_days() == [day]


def test_a_schedule_round_trip_keeps_every_key_even_unknown_ones_at_every_level():
    newer = json.loads(json.dumps(SCHEDULE))
    newer["colour"] = "teal"
    newer["weeks"][0]["theme"] = "basics"
    newer["weeks"][0]["days"][0]["place"] = {"room": "library"}
    newer["weeks"][0]["days"][0]["items"][0]["difficulty"] = 3
    schedule = Schedule.from_dict(newer)
    assert schedule.extra == {"colour": "teal"}
    assert schedule.weeks[0].days[0].parts[0].extra == {"difficulty": 3}
    assert schedule.to_dict() == newer


def test_a_part_restored_without_its_unit_is_written_back_without_one():
    bare = {k: v for k, v in PART.items() if k != "unit"}
    part = Part.from_dict(bare)
    assert part.unit_id is None and part.to_dict() == bare


def test_schedules_in_the_frozen_databases_round_trip_to_the_same_json_text(tmp_path):
    for source in sorted(FIXTURES.glob("*.db")):
        copy = tmp_path / source.name
        shutil.copy(source, copy)
        with sqlite3.connect(copy) as db:
            rows = [text for (text,) in db.execute("SELECT schedule_json FROM schedules")]
        assert rows, source.name
        for text in rows:
            assert json.dumps(Schedule.from_dict(json.loads(text)).to_dict()) == text
