"""Pictures of progress: the burn-up in `status`, the study calendar, `status --svg`."""

from __future__ import annotations

import json
import re

import pytest
from rich.console import Console

from mlplan import charts


@pytest.fixture
def ten_steps(mlplan, clock, make_roadmap):
    """20 h in ten 2-hour items, planned Mondays and Thursdays from Mon 2 Nov 2026 (4 h a week, 5 weeks).

    Items finished: two on Thu 5 Nov (4 h), one on Thu 12 Nov (2 h): 2 h behind by the 12th.
    """
    roadmap = make_roadmap({"u1": [("task", 2)] * 5, "u2": [("task", 2)] * 5}, "ten-steps")
    result = mlplan("start", roadmap, "--hours", "4", "--days", "mon,thu", "--start", "2026-11-02", "--yes")
    assert result.exit_code == 0, result.output
    clock.set("2026-11-05")
    assert mlplan("done", "u1.i1", "u1.i2").exit_code == 0
    clock.set("2026-11-12")
    assert mlplan("done", "u1.i3").exit_code == 0
    return clock


def chart_lines(output: str) -> list[str]:
    """The burn-up's rows, from its top label down to the row with the today marker."""
    lines = output.splitlines()
    first = next(i for i, line in enumerate(lines) if line.startswith("Burn-up"))
    axis = next(i for i in range(first, len(lines)) if "└" in lines[i])
    return lines[first + 1 : axis + 2]


def column(lines: list[str], at: int) -> str:
    """The characters of one chart column, bottom row first (the axis and marker rows left out)."""
    return "".join(line[at] if at < len(line) else " " for line in reversed(lines[:-2]))


def test_done_line_reaches_the_height_of_the_hours_done(mlplan, ten_steps):
    result = mlplan("status", "--chart")
    assert result.exit_code == 0, result.output
    lines = chart_lines(result.stdout)
    today = lines[-1].index("▲")
    # 20 h over 10 rows is 2 h a row: 6 h done fill 3 rows; the plan asked 8 h by the end of this week.
    assert column(lines, today) == "███•      "
    week_one = column(lines, today - (today - charts.LABEL_WIDTH) // 2 - 1)
    assert week_one.startswith("██") and week_one.count("█") == 2
    assert lines[0].lstrip().startswith("20 h")


def test_future_weeks_show_the_projection_and_the_plan_line(mlplan, ten_steps):
    lines = chart_lines(mlplan("status", "--chart").stdout)
    last = column(lines, len(lines[0]) - 1)
    assert last.endswith("•") and "░" in last and "█" not in last
    assert "at your pace" in mlplan("status", "--chart").stdout


def test_the_chart_data_for_scripts(mlplan, ten_steps):
    view = json.loads(mlplan("status", "--json", "--chart").stdout)
    weeks = view["burnup"]["weeks"]
    assert [w["planned"] for w in weeks[:5]] == [4.0, 8.0, 12.0, 16.0, 20.0]
    assert [w["done"] for w in weeks[:3]] == [4.0, 6.0, None]
    assert weeks[1]["end"] == "2026-11-15"
    assert "burnup" not in json.loads(mlplan("status", "--json").stdout)


def test_no_chart_when_piped_or_in_json_unless_asked(mlplan, ten_steps):
    assert "Burn-up" not in mlplan("status").stdout
    assert "Burn-up" not in mlplan("status", "--no-chart").stdout
    assert "Burn-up" in mlplan("status", "--chart").stdout
    json.loads(mlplan("status", "--json").stdout)


ANSI = re.compile(r"\x1b\[[0-9;]*m")
COLOUR = re.compile(r"\x1b\[[0-9;]*(?:3[0-8]|4[0-8]|9[0-7])[;m]")


def terminal(monkeypatch, width: int, **env: str) -> None:
    """Make `status` believe it writes to a terminal of this width."""
    from mlplan import render

    for key, value in env.items():
        monkeypatch.setenv(key, value)
    monkeypatch.setattr(render, "console", lambda stderr=False: Console(force_terminal=True, width=width))


def test_a_wide_terminal_shows_the_chart_and_no_chart_hides_it(mlplan, ten_steps, monkeypatch):
    terminal(monkeypatch, 100)
    assert "Burn-up" in mlplan("status").stdout
    assert "Burn-up" not in mlplan("status", "--no-chart").stdout


def test_a_narrow_terminal_degrades_to_the_table_without_broken_lines(mlplan, ten_steps, monkeypatch):
    terminal(monkeypatch, 60, NO_COLOR="1")
    result = mlplan("status")
    assert "Burn-up" not in result.stdout
    assert "Done " in result.stdout
    plain = ANSI.sub("", result.stdout)
    assert all(len(line) <= 60 for line in plain.splitlines())
    words = " ".join(plain.split())
    assert "Finish planned 2026-12-03" in words


def test_no_color_keeps_the_shapes(mlplan, ten_steps, monkeypatch):
    terminal(monkeypatch, 100, NO_COLOR="1")
    out = mlplan("status").stdout
    assert not COLOUR.search(out)
    out = ANSI.sub("", out)
    assert "███•" in "".join(column(chart_lines(out), chart_lines(out)[-1].index("▲")))


def test_the_deadline_is_marked(mlplan, clock):
    result = mlplan("start", "zero-to-engineer-16w", "--days", "mon,wed,fri", "--by", "2027-06-30", "--yes")
    assert result.exit_code == 0, result.output
    out = mlplan("status", "--chart").stdout
    assert "┆ deadline 2027-06-30" in out
    assert any("┆" in line for line in chart_lines(out)[:-2])


def test_a_replan_restarts_the_plan_line_from_what_was_done(mlplan, ten_steps):
    ten_steps.set("2026-11-23")
    assert mlplan("replan", "--hours", "2", "--days", "mon").exit_code == 0
    weeks = json.loads(mlplan("status", "--json", "--chart").stdout)["burnup"]["weeks"]
    # Weeks 1–3 keep the first plan; from Mon 23 Nov the replan fits 14 h left at 2 h a week on top of 6 h done.
    assert [w["planned"] for w in weeks[:5]] == [4.0, 8.0, 12.0, 8.0, 10.0]
    assert weeks[-1]["planned"] == 20.0


# --- the study calendar -------------------------------------------------------------------------


def calendar_rows(output: str) -> dict[str, str]:
    """Weekday → its cells, one per week (cells sit two characters apart)."""
    return {line[:3]: line[4::2].ljust(30) for line in output.splitlines() if line[:3] in charts.WEEKDAY_LABELS}


def test_calendar_shades_days_by_hours_and_marks_missed_days(mlplan, ten_steps):
    assert mlplan("log", "3h30m", "--date", "2026-11-10").exit_code == 0
    result = mlplan("calendar", "--weeks", "3", "--date", "2026-11-15")
    assert result.exit_code == 0, result.output
    rows = calendar_rows(result.stdout)
    # Three weeks: 26 Oct (before the plan), 2 Nov and 9 Nov; a session is 2 h.
    assert rows["Mon"][:3] == " ··"  # study days with nothing done
    assert rows["Thu"][:3] == " █▓"  # 4 h (two sessions), then 2 h (one)
    assert rows["Tue"][:3] == "  █"  # 3.5 h logged on a free day
    assert rows["Wed"][:3] == "   "  # not a study day
    assert "a session is 2 h" in result.stdout
    assert "    Nov" in result.stdout.splitlines()  # Nov 1 falls in the first week shown


def test_calendar_marks_days_off_and_knows_the_weeks_asked(mlplan, clock):
    args = ["start", "zero-to-engineer-16w", "--days", "mon,thu", "--off", "2026-11-26", "--yes"]
    assert mlplan(*args).exit_code == 0
    clock.set("2026-11-30")
    rows = calendar_rows(mlplan("calendar", "--weeks", "2").stdout)
    assert rows["Thu"][:2] == "× "
    assert rows["Mon"][:2] == "· "  # today (Monday 30) is not missed yet
    view = json.loads(mlplan("calendar", "--weeks", "2", "--json").stdout)
    assert len(view["days"]) == 14 and view["from"] == "2026-11-23"
    assert [d["off"] for d in view["days"] if d["date"] == "2026-11-26"] == [True]


def test_status_calendar_and_a_narrow_calendar(mlplan, ten_steps, monkeypatch):
    assert "Study calendar" in mlplan("status", "--calendar").stdout
    monkeypatch.setenv("COLUMNS", "30")
    out = mlplan("calendar").stdout
    assert "last 12 weeks" in out
    assert all(len(line) <= 30 for line in out.splitlines() if line[:3] in charts.WEEKDAY_LABELS)


# --- share it -----------------------------------------------------------------------------------


def test_status_svg_writes_an_image_of_status_with_its_chart(mlplan, ten_steps, tmp_path):
    target = tmp_path / "status.svg"
    result = mlplan("status", "--svg", str(target))
    assert result.exit_code == 0, result.output
    image = target.read_text(encoding="utf-8")
    assert image.lstrip().startswith("<svg") and image.rstrip().endswith("</svg>")
    assert "Burn-up" in image and "Only&#160;stage" in image
    again = mlplan("status", "--svg", str(target))
    assert again.exit_code == 2 and "--force" in again.output
    assert target.read_text(encoding="utf-8") == image
    assert mlplan("status", "--svg", str(target), "--force").exit_code == 0


def test_month_names_sit_over_the_week_of_the_first_and_never_run_into_each_other():
    from datetime import date

    def header(on: str, weeks: int) -> str:
        return charts.calendar_rows(
            charts.calendar_days({}, {0}, set(), date(2026, 1, 1), date.fromisoformat(on), weeks), 1.0
        )[0]

    assert header("2026-11-23", 12) == "    Sep   Oct     Nov"
    assert header("2026-11-30", 2) == "      Dec"  # Nov's label would run into Dec's: the later month wins
