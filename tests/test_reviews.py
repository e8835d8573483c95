"""Spaced reviews with FSRS: cards from finished topics, `today`'s reviews, `review`, `reviews`, undo, exports."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import timedelta

import pytest
from icalendar import Calendar

ROADMAP = """\
id: two-units
title: Two units
source: a roadmap written for these tests
stages:
- id: s1
  title: Only stage
  units:
  - id: u1
    title: Vectors
    outcomes: [Add and scale vectors by hand, Explain a dot product]
    items:
    - {id: u1.c1, title: What a vector is, kind: concept, hours: 1, estimated: false}
    - {id: u1.c2, title: Dot products, kind: concept, hours: 1, estimated: false,
       checklist: [Compute a dot product, Say what it measures]}
    - {id: u1.t1, title: Vector exercises, kind: task, hours: 2, estimated: false}
  - id: u2
    title: Matrices
    objectives: [Multiply matrices]
    items:
    - {id: u2.c1, title: Matrix product, kind: concept, hours: 1, estimated: false}
    - {id: u2.c2, title: Inverse, kind: concept, hours: 1, estimated: false}
    - {id: u2.c3, title: Determinant, kind: concept, hours: 1, estimated: false}
    - {id: u2.c4, title: Rank, kind: concept, hours: 1, estimated: false}
    - {id: u2.t1, title: Matrix exercises, kind: task, hours: 2, estimated: false}
"""


def as_json(result):
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.fixture
def plan(mlplan, clock, tmp_path):
    """A plan of the two units from Monday 23 Nov 2026, 1 h a day Monday to Friday."""
    path = tmp_path / "two-units.yaml"
    path.write_text(ROADMAP, encoding="utf-8")
    assert mlplan("import", str(path)).exit_code == 0
    result = mlplan("start", "two-units", "--hours", "5", "--start", "2026-11-23", "--tz", "Europe/Paris", "--yes")
    assert result.exit_code == 0, result.output
    return clock


def cards(mlplan, *date):
    return {c["id"]: c for c in as_json(mlplan("reviews", "--json", *date))["cards"]}


def test_finishing_a_concept_makes_a_card_due_on_a_whole_day(mlplan, plan):
    assert mlplan("done", "u1.c1").exit_code == 0
    assert mlplan("done", "u1.c2", "--rating", "easy").exit_code == 0
    assert mlplan("done", "u1.t1", "--rating", "again").exit_code == 0  # a task: only its unit gets a card
    made = cards(mlplan)
    assert set(made) == {"u1.c1", "u1.c2", "u1"}
    # Finishing counts as the first review; no fuzzing, so the dates are always these.
    assert made["u1.c1"]["due"] == "2026-11-25"  # good: 2 days
    assert made["u1.c2"]["due"] == "2026-12-01"  # easy: 8 days
    assert made["u1"]["due"] == "2026-11-24"  # again: tomorrow
    assert made["u1.c1"]["stability"] < made["u1.c2"]["stability"]
    assert made["u1"]["retrievability"] == 1.0 and made["u1"]["reviews"] == 1
    assert (made["u1.c1"]["unit_title"], made["u1"]["unit_title"]) == ("Vectors", None)


def test_today_lists_due_reviews_after_the_session_within_the_budget(mlplan, plan):
    assert mlplan("done", "u2", "--rating", "again").exit_code == 0  # 4 concepts and the unit, due tomorrow
    plan.set("2026-11-24")
    text = mlplan("today").stdout
    session, reviews = text.split("Reviews · ")
    assert "u1.c2" in session  # the study session comes first
    assert reviews.startswith("5 due · ~15 min")
    assert "Multiply matrices" in reviews  # the unit's objectives are its prompts
    assert "and 2 more due" in reviews
    view = as_json(mlplan("today", "--json"))
    assert [r["id"] for r in view["reviews"]] == ["u2", "u2.c1", "u2.c2"]
    first = {"id": "u2", "title": "Matrices", "due": "2026-11-24", "prompts": ["Multiply matrices"], "unit_title": None}
    assert view["reviews"][0] == first
    assert view["reviews"][1]["unit_title"] == "Matrices"  # an item's card says which unit it is from
    assert "u2.c1  Matrix product · Matrices  due Tue 24 Nov 2026" in reviews
    assert view["reviews_due"] == 5 and view["review_minutes"] == 15
    plan.set("2026-11-23")
    assert as_json(mlplan("today", "--json"))["reviews"] == []  # nothing due yet
    assert "Reviews" not in mlplan("today").stdout


def test_the_review_budget_is_set_per_plan_and_zero_turns_reviews_off(mlplan, plan):
    assert mlplan("done", "u2", "--rating", "again").exit_code == 0
    plan.set("2026-11-24")
    assert mlplan("replan", "--review-minutes", "5").exit_code == 0
    assert [r["id"] for r in as_json(mlplan("today", "--json"))["reviews"]] == ["u2"]
    assert mlplan("replan", "--hours", "6").exit_code == 0  # a replan keeps the budget
    assert len(as_json(mlplan("today", "--json"))["reviews"]) == 1
    assert mlplan("replan", "--review-minutes", "0").exit_code == 0
    assert "Reviews" not in mlplan("today").stdout
    bad = mlplan("replan", "--review-minutes", "-5")
    assert bad.exit_code == 2


def test_review_one_card_without_questions_and_undo_restores_it_exactly(mlplan, plan):
    assert mlplan("done", "u1.c1").exit_code == 0
    before = cards(mlplan, "--date", "2026-11-25")
    plan.set("2026-11-26")
    result = mlplan("review", "u1.c1", "--rating", "good", "--date", "2026-11-25")  # yesterday
    assert result.exit_code == 0, result.output
    assert "next review 2026-12-06" in result.stdout
    after = cards(mlplan, "--date", "2026-11-25")["u1.c1"]
    assert after["due"] == "2026-12-06" and after["reviews"] == 2
    assert after["stability"] > before["u1.c1"]["stability"]
    assert "Undid review: u1.c1" in mlplan("undo").stdout
    assert cards(mlplan, "--date", "2026-11-25") == before


def test_undoing_done_takes_its_cards_away(mlplan, plan):
    assert mlplan("done", "u1").exit_code == 0
    assert len(cards(mlplan)) == 3
    assert "Undid done: u1.c1, u1.c2, u1.t1" in mlplan("undo").stdout
    assert cards(mlplan) == {}


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["review", "u1.c9", "--rating", "good"], "unknown card 'u1.c9'; did you mean u1.c1"),
        (["review", "u1.c1", "--rating", "fine"], "--rating fine: use one of again, hard, good, easy"),
        (["done", "u1.c2", "--rating", "perfect"], "--rating perfect: use one of again, hard, good, easy"),
        (["review"], "give a card and a rating"),
        (["review", "u1.c1", "--rating", "good", "--date", "2026-11-24"], "2026-11-24 is in the future"),
    ],
)
def test_bad_reviews_are_refused_in_one_line(mlplan, plan, args, says):
    assert mlplan("done", "u1.c1").exit_code == 0
    before = cards(mlplan)
    result = mlplan(*args)
    assert result.exit_code == 2
    assert says in result.output and "Traceback" not in result.output
    assert cards(mlplan) == before


def test_no_cards_yet_says_how_to_get_one(mlplan, plan):
    assert "No review cards yet" in mlplan("reviews").stdout
    result = mlplan("review", "u1.c1", "--rating", "good")
    assert result.exit_code == 2 and "no review cards yet" in result.output


def test_review_on_a_terminal_walks_the_due_cards(mlplan, plan, monkeypatch):
    from mlplan import cli

    monkeypatch.setattr(cli, "_interactive", lambda: True)
    assert mlplan("done", "u2.c1", "u2.c2", "--rating", "again").exit_code == 0
    plan.set("2026-11-24")
    result = mlplan("review", input="maybe\ne\nh\n")
    assert result.exit_code == 0, result.output
    assert "Answer again, hard, good or easy" in result.output
    made = cards(mlplan)
    assert made["u2.c1"]["reviews"] == 2 and made["u2.c2"]["reviews"] == 2
    assert made["u2.c1"]["due"] > made["u2.c2"]["due"]  # easy waits longer than hard
    assert "No reviews due today." in mlplan("review").stdout


def test_review_of_one_card_on_a_terminal_asks_for_its_rating(mlplan, plan, monkeypatch):
    from mlplan import cli

    monkeypatch.setattr(cli, "_interactive", lambda: True)
    assert mlplan("done", "u1.c2").exit_code == 0
    result = mlplan("review", "u1.c2", input="e\n")
    assert result.exit_code == 0, result.output
    assert "Dot products" in result.output and "Compute a dot product" in result.output  # its prompts
    assert cards(mlplan)["u1.c2"]["reviews"] == 2
    unknown = mlplan("review", "u9", input="g\n")
    assert unknown.exit_code == 2 and "unknown card 'u9'" in unknown.output


def test_status_shows_reviews_due_done_and_how_much_is_remembered(mlplan, plan):
    assert mlplan("done", "u1.c1", "u1.c2").exit_code == 0
    plan.set("2026-11-27")
    assert mlplan("review", "u1.c1", "--rating", "good").exit_code == 0
    plan.set("2026-12-31")
    reviews = as_json(mlplan("status", "--json"))["reviews"]
    assert reviews["cards"] == 2 and reviews["due"] == 2 and reviews["done_this_week"] == 0
    assert 0.5 < reviews["retention"] < 0.95
    assert f"you still remember ~{reviews['retention']:.0%} of what you finished" in mlplan("status").stdout
    plan.set("2026-11-28")
    assert as_json(mlplan("status", "--json"))["reviews"]["done_this_week"] == 1


def test_the_calendar_gets_review_events_when_asked(mlplan, plan):
    assert mlplan("done", "u1.c1", "u1.c2").exit_code == 0
    plain = Calendar.from_ical(mlplan("export", "ics").stdout_bytes)
    assert not [e for e in plain.walk("VEVENT") if str(e["SUMMARY"]).startswith("ML review")]
    calendar = Calendar.from_ical(mlplan("export", "ics", "--reviews").stdout_bytes)
    reviews = [e for e in calendar.walk("VEVENT") if str(e["SUMMARY"]).startswith("ML review")]
    assert [str(e["SUMMARY"]) for e in reviews] == ["ML review · 2 cards (~10 min)"]
    later = Calendar.from_ical(mlplan("export", "ics", "--reviews", "--date", "2026-11-27").stdout_bytes)
    overdue = [e for e in later.walk("VEVENT") if str(e["SUMMARY"]).startswith("ML review")]
    assert [e.decoded("DTSTART").date().isoformat() for e in overdue] == ["2026-11-27"]  # due the 25th, overdue
    event = reviews[0]
    start = event.decoded("DTSTART")
    assert start.date().isoformat() == "2026-11-25" and str(start.tzinfo) == "Europe/Paris"
    assert (start.hour, start.minute) == (20, 0)  # right after the 1-hour session at 19:00
    assert event.decoded("DTEND") - start == timedelta(minutes=10)


def test_a_plan_backup_keeps_cards_and_their_history(mlplan, plan, tmp_path):
    assert mlplan("done", "u1").exit_code == 0
    plan.set("2026-11-25")
    assert mlplan("review", "u1.c1", "--rating", "hard").exit_code == 0
    before = cards(mlplan, "--date", "2026-12-01")
    backup = tmp_path / "backup.json"
    assert mlplan("export", "json", "--out", str(backup)).exit_code == 0
    result = mlplan("import-plan", str(backup), "--name", "copy")
    assert result.exit_code == 0, result.output
    assert cards(mlplan, "--date", "2026-12-01", "--plan", "copy") == before
    assert "Undid review: u1.c1" in mlplan("undo", "--plan", "copy").stdout
    assert cards(mlplan, "--plan", "copy")["u1.c1"]["reviews"] == 1


def test_today_does_not_load_the_memory_model(mlplan, plan):
    assert mlplan("done", "u1.c1", "--rating", "again").exit_code == 0
    code = (
        "import sys, runpy; sys.argv = ['mlplan', 'today', '--date', '2026-11-24'];"
        "import atexit; atexit.register(lambda: print('FSRS' if 'fsrs' in sys.modules else 'NO-FSRS'));"
        "runpy.run_module('mlplan', run_name='__main__')"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=os.environ)
    assert "Reviews · 1 due" in result.stdout
    assert result.stdout.rstrip().endswith("NO-FSRS")
