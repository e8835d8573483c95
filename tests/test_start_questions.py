"""`mlplan start` asking for what its command line left out: on a terminal, and with answers piped in."""

from __future__ import annotations

import json

import pytest


def as_json(result):
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def settings(mlplan, plan=None):
    """The plan's first settings (roadmap, hours, days, start) as its backup holds them."""
    backup = as_json(mlplan("export", "json", *(["--plan", plan] if plan else [])))
    return backup["plan"]["roadmap_id"], backup["schedules"][0]["settings"]


@pytest.fixture
def terminal(monkeypatch):
    """Answers typed on a terminal (CliRunner's input stands for the keyboard)."""
    from mlplan import cli

    monkeypatch.setattr(cli, "_interactive", lambda: True)


def test_the_roadmap_list_shows_title_total_hours_and_pace(mlplan, clock, terminal):
    result = mlplan("start", input="\n\n\n\n")
    assert result.exit_code == 0, result.output
    for n, row in enumerate(as_json(mlplan("roadmaps", "--json")), 1):
        pace = f", {row['hours_per_week']:g} h/week suggested" if row["hours_per_week"] else ""
        assert f"  {n}. {row['id']}  {row['title']}  ({row['hours']:g} h{pace})\n" in result.stdout
    assert "h/week suggested)" in result.stdout  # at least one roadmap states its pace


def test_each_bad_answer_is_refused_when_given_and_asked_again(mlplan, clock, terminal):
    answers = ["bedrok", "9", "bedrock-24", "6", "mon=1,wed=1", "mon=3,wed=3", "2026-11-01", "y"]
    result = mlplan("start", input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.output
    assert "Error: unknown roadmap 'bedrok'; did you mean bedrock-24?" in result.stderr
    assert "there is no roadmap 9; give a number from 1 to 5" in result.stderr
    assert "mon=1,wed=1 adds up to 2 h a week but you study 6 h a week" in result.stderr
    assert "2026-11-01 is in the past; start today (2026-11-23) instead?" in result.stdout
    roadmap, chosen = settings(mlplan)
    assert roadmap == "bedrock-24"
    assert (chosen["hours_per_week"], chosen["weekdays"], chosen["start"]) == (6.0, [0, 2], "2026-11-23")


def test_a_past_start_date_can_be_kept_on_a_terminal(mlplan, clock, terminal):
    result = mlplan("start", "bedrock-24", input="\n\n2026-11-01\nn\n")
    assert result.exit_code == 0, result.output
    assert settings(mlplan)[1]["start"] == "2026-11-01"


def test_days_given_as_options_are_checked_against_the_hours_answer(mlplan, clock, terminal):
    result = mlplan("start", "bedrock-24", "--hours", "5", input="mon=2,sat=4\nmon=1,sat=4\n\n")
    assert result.exit_code == 0, result.output
    assert "adds up to 6 h a week but you study 5 h a week" in result.stderr
    assert settings(mlplan)[1]["day_hours"] == {"0": 1.0, "5": 4.0}


def test_piped_answers_are_read_in_order(mlplan, clock):
    result = mlplan("start", input="bedrock-24\n6\nmon,wed\n2026-12-01\n")
    assert result.exit_code == 0, result.output
    assert "Note:" not in result.stderr
    roadmap, chosen = settings(mlplan)
    assert roadmap == "bedrock-24"
    assert (chosen["hours_per_week"], chosen["weekdays"], chosen["start"]) == (6.0, [0, 2], "2026-12-01")


def test_piped_answers_that_end_early_say_which_defaults_were_used(mlplan, clock):
    result = mlplan("start", input="2\n")
    assert result.exit_code == 0, result.output
    assert (
        "Note: standard input ended before these answers, so they take their defaults: "
        "hours per week 10, study days mon-fri, start date 2026-11-23" in result.stderr
    )
    assert settings(mlplan)[0] == "complete-course-15"


@pytest.mark.parametrize(
    ("answers", "message"),
    [
        ("bedrok\n", "Error: Roadmap: unknown roadmap 'bedrok'; did you mean bedrock-24?"),
        ("1\nlots\n", "Error: Hours per week: 'lots': not a number of hours"),
        ("1\n6\nmon=1,wed=1\n", "Error: Study days: mon=1,wed=1 adds up to 2 h a week but you study 6 h a week"),
        ("1\n6\nmon,wed\n2026-11-01\n", "Error: Start date: start date 2026-11-01 is in the past"),
    ],
)
def test_a_bad_piped_answer_is_refused_in_one_line_and_saves_nothing(mlplan, clock, isolated_home, answers, message):
    result = mlplan("start", input=answers)
    assert result.exit_code == 2, result.output
    assert result.stderr.strip().splitlines() == [result.stderr.strip()]
    assert message in result.stderr
    assert not (isolated_home / "mlplan.db").exists()


def test_yes_asks_nothing_and_reads_nothing(mlplan, clock):
    result = mlplan("start", "--yes", input="bedrock-24\n")
    assert result.exit_code == 0, result.output
    assert settings(mlplan)[0] == "zero-to-engineer-16w"
    assert "Note:" not in result.stderr


def test_a_second_start_asks_for_a_name_on_a_terminal(mlplan, clock, terminal):
    assert mlplan("start", "bedrock-24", "--yes").exit_code == 0
    result = mlplan("start", "bedrock-24", input="\n\n\nmy plan\nbedrock-24\nevenings\n")
    assert result.exit_code == 0, result.output
    assert "A plan named 'bedrock-24' exists. Name of this one [bedrock-24-2]:" in result.stdout
    assert "use letters, digits" in result.stderr
    assert "a plan named 'bedrock-24' exists; choose another name" in result.stderr
    assert "Plan 'evenings' saved" in result.stdout
    assert [p["name"] for p in as_json(mlplan("plans", "--json"))] == ["bedrock-24", "evenings"]


def test_a_second_start_without_a_terminal_says_what_name_it_chose(mlplan, clock):
    assert mlplan("start", "bedrock-24", "--yes").exit_code == 0
    result = mlplan("start", "bedrock-24", "--yes")
    assert result.exit_code == 0, result.output
    assert "Plan 'bedrock-24-2' saved" in result.stdout
    assert "Note: a plan named 'bedrock-24' exists, so this one is saved as 'bedrock-24-2'" in result.stderr
    assert "`mlplan switch bedrock-24` goes back to the other" in result.stderr
