"""Pictures of progress: the burn-up chart and the study calendar, as rows of characters.

Pure: schedules, the progress log and dates in; numbers and text rows out. The
shapes are drawn with block characters, so they read without colour
(``NO_COLOR``, monochrome terminals, SVG); ``render`` only colours the
characters. Nothing here imports rich.

Hours done are the hours of finished items, on the day they were finished; for
the calendar, an item with logged time counts its logs instead (on their dates),
so an item is never counted twice.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from mlplan.hours import format_hours

if TYPE_CHECKING:
    from mlplan.plan_data import Schedule

DONE, PLANNED, PROJECTED, DEADLINE = "█", "•", "░", "┆"
HALF = "▄"
CHART_HEIGHT = 10
LABEL_WIDTH = 8  # "1234 h ┤"
MIN_CHART_COLUMNS = 70

MISSED, OFF, BLANK = "·", "×", " "
SHADES = ("░", "▒", "▓", "█")
WEEKDAY_LABELS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


# --- burn-up ----------------------------------------------------------------------------------


def _cumulative(schedule: Schedule, through: date) -> float:
    return sum(day.hours for day in schedule.study_days() if day.date <= through)


def _done_through(done: Mapping[str, float], through: date) -> float:
    last = through.isoformat()
    return sum(hours for day, hours in done.items() if day <= last)


def planned_hours(versions: Sequence[tuple[date, Schedule]], done: Mapping[str, float], on: date) -> float:
    """Cumulative hours the plan in force on ``on`` asked for by the end of that day.

    ``versions`` are the live schedules with the day each took over, oldest
    first. A replan refits what is left, so its line starts from the hours
    finished before it took over.
    """
    index = max((i for i, (start, _) in enumerate(versions) if start <= on), default=0)
    start, schedule = versions[index]
    base = _done_through(done, start - timedelta(days=1)) if index else 0.0
    return base + _cumulative(schedule, on)


def burnup(
    versions: Sequence[tuple[date, Schedule]],
    done_by_day: Mapping[str, float],
    total_hours: float,
    on: date,
    *,
    planned_end: str | None,
    projected_end: str | None,
    deadline: str | None,
) -> dict[str, Any]:
    """Week by week from the plan's start: cumulative hours planned and done, and the projection.

    ``done`` is None for weeks after the one holding ``on``; ``projected`` is the
    straight line from today's hours to ``total_hours`` at ``projected_end``
    (None when there is no pace to project from).
    """
    start = versions[0][0]
    ends = [on] + [date.fromisoformat(d) for d in (planned_end, projected_end, deadline) if d]
    weeks = max(1, (max(ends) - start).days // 7 + 1)
    done_now = _done_through(done_by_day, on)
    finish = date.fromisoformat(projected_end) if projected_end else None
    rows = []
    for n in range(1, weeks + 1):
        end = start + timedelta(days=7 * n - 1)
        current = end >= on >= end - timedelta(days=6)
        past = end < on or current
        projected = None
        if not past and finish is not None:
            span = max(1, (finish - on).days)
            share = min(1.0, (end - on).days / span)
            projected = done_now + (total_hours - done_now) * share
        rows.append(
            {
                "week": n,
                "end": end.isoformat(),
                "planned": round(min(planned_hours(versions, done_by_day, end), total_hours), 2),
                "done": round(done_now if current else _done_through(done_by_day, end), 2) if past else None,
                "projected": None if projected is None else round(projected, 2),
            }
        )
    return {
        "start": start.isoformat(),
        "today": on.isoformat(),
        "total_hours": total_hours,
        "planned_end": planned_end,
        "projected_end": projected_end,
        "deadline": deadline,
        "weeks": rows,
    }


def _columns(weeks: int, room: int) -> tuple[int, int]:
    """(weeks per column, characters per column) so the weeks fit in ``room`` characters."""
    if weeks > room:
        return math.ceil(weeks / room), 1
    return 1, max(1, min(6, room // weeks))


def _week_of(series: Mapping[str, Any], day: str | None) -> int | None:
    if not day:
        return None
    return (date.fromisoformat(day) - date.fromisoformat(series["start"])).days // 7 + 1


def burnup_rows(series: Mapping[str, Any], width: int, height: int = CHART_HEIGHT) -> list[str]:
    """The burn-up as text rows: y-axis labels, one column per week (or group of weeks), x-axis, legend.

    Done hours fill columns with ``█`` (``▄`` for half a row), the plan is a line
    of ``•``, the projection at your pace fills future columns with ``░``, and a
    ``┆`` column marks the deadline.
    """
    weeks = series["weeks"]
    top = max([series["total_hours"], 1.0] + [w["planned"] for w in weeks])
    per, cell = _columns(len(weeks), max(10, width - LABEL_WIDTH - 1))
    groups = [weeks[i : i + per] for i in range(0, len(weeks), per)]
    deadline_week = _week_of(series, series["deadline"])
    today_week = _week_of(series, series["today"])

    def level(value: float | None) -> int:  # in half rows
        return -1 if value is None else round(value / top * height * 2)

    grid = [[BLANK] * len(groups) for _ in range(height)]
    for col, group in enumerate(groups):
        last = group[-1]
        done = next((w["done"] for w in reversed(group) if w["done"] is not None), None)
        fill, shade = (level(done), DONE) if done is not None else (level(last["projected"]), PROJECTED)
        for row in range(height):
            if fill >= 2 * (row + 1):
                grid[row][col] = shade
            elif fill == 2 * row + 1 and shade == DONE:
                grid[row][col] = HALF
        planned_row = math.ceil(last["planned"] / top * height) - 1
        if 0 <= planned_row < height and grid[planned_row][col] not in (DONE, HALF):
            grid[planned_row][col] = PLANNED
        if deadline_week is not None and any(w["week"] == deadline_week for w in group):
            for row in range(height):
                if grid[row][col] == BLANK:
                    grid[row][col] = DEADLINE

    rows = []
    for row in reversed(range(height)):
        value = top * (row + 1) / height
        label = f"{value:.0f} h" if row in (height - 1, height // 2 - 1) else ""
        rows.append(f"{label:>{LABEL_WIDTH - 2}} ┤" + "".join(c * cell for c in grid[row]))
    rows.append(f"{'0 h':>{LABEL_WIDTH - 2}} └" + "─" * (len(groups) * cell))
    marks = [" "] * (len(groups) * cell)
    if today_week is not None:
        col = min(len(groups) - 1, (today_week - 1) // per)
        marks[col * cell] = "▲"
    rows.append(" " * LABEL_WIDTH + "".join(marks).rstrip())
    first, last_day = series["start"], weeks[-1]["end"]
    axis = len(groups) * cell
    rows.append(" " * LABEL_WIDTH + f"{first} {last_day:>{max(0, axis - len(first) - 1)}}")
    legend = f"{DONE} done  {PLANNED} planned  {PROJECTED} at your pace  ▲ today {series['today']}"
    if series["deadline"]:
        legend += f"  {DEADLINE} deadline {series['deadline']}"
    rows.append(" " * LABEL_WIDTH + legend)
    return rows


# --- study calendar ---------------------------------------------------------------------------


def studied_by_day(
    done_on: Mapping[str, str], item_hours: Mapping[str, float], logs: Sequence[Mapping[str, Any]]
) -> dict[str, float]:
    """Hours studied per date: logged time, plus the hours of finished items that have no log."""
    days: dict[str, float] = {}
    logged_items = {log.get("item_id") for log in logs if log.get("item_id")}
    for log in logs:
        if log.get("date"):
            days[log["date"]] = days.get(log["date"], 0.0) + float(log.get("hours") or 0)
    for item_id, day in done_on.items():
        if item_id.partition("#")[0] not in logged_items and day:  # a part id counts with its item
            days[day] = days.get(day, 0.0) + item_hours.get(item_id, 0.0)
    return days


def finished_by_day(done_on: Mapping[str, str], item_hours: Mapping[str, float]) -> dict[str, float]:
    """Hours of finished items per date they were finished (what the burn-up's done line counts)."""
    days: dict[str, float] = {}
    for item_id, day in done_on.items():
        if day and item_id in item_hours:
            days[day] = days.get(day, 0.0) + item_hours[item_id]
    return days


def calendar_days(
    studied: Mapping[str, float],
    weekdays: set[int],
    off: set[str],
    plan_start: date,
    on: date,
    weeks: int,
) -> list[dict[str, Any]]:
    """One entry per day of the last ``weeks`` weeks (Monday to Sunday), ending with the week of ``on``."""
    first = on - timedelta(days=on.weekday() + 7 * (weeks - 1))
    days = []
    for n in range(7 * weeks):
        day = first + timedelta(days=n)
        text = day.isoformat()
        days.append(
            {
                "date": text,
                "hours": round(studied.get(text, 0.0), 2),
                "study_day": day.weekday() in weekdays and day >= plan_start and text not in off,
                "off": text in off,
                "future": day > on,
                "today": day == on,
            }
        )
    return days


def shade(hours: float, session: float) -> str:
    """The cell for a day with study: lighter for less than a session, full for well over one."""
    ratio = hours / session if session > 0 else 1.0
    if ratio < 0.5:
        return SHADES[0]
    if ratio < 1.0:
        return SHADES[1]
    if ratio < 1.5:
        return SHADES[2]
    return SHADES[3]


def _cell(day: Mapping[str, Any], session: float) -> str:
    if day["future"]:
        return BLANK
    if day["hours"] > 0:
        return shade(day["hours"], session)
    if day["off"]:
        return OFF
    return MISSED if day["study_day"] and not day["today"] else BLANK


def calendar_rows(days: Sequence[Mapping[str, Any]], session: float) -> list[str]:
    """The calendar as text: a month row, then one row per weekday, a column per week, and a legend."""
    weeks = [days[i : i + 7] for i in range(0, len(days), 7)]
    months = [" "] * (2 * len(weeks) + 2)  # the last label may run past the grid by a letter or two
    labels = []  # (column, month name) over the week holding a month's first day, and over the first week
    for col, week in enumerate(weeks):
        starts = [d["date"] for d in week if d["date"].endswith("-01")] or ([week[0]["date"]] if col == 0 else [])
        if starts:
            labels.append((2 * col, f"{date.fromisoformat(starts[0]):%b}"))
    free = len(months) + 1
    for at, name in reversed(labels):  # a later month's label wins over one that would run into it
        if at + len(name) < free:
            months[at : at + len(name)] = list(name)
            free = at
    rows = ["    " + "".join(months).rstrip()]
    for weekday in range(7):
        rows.append(f"{WEEKDAY_LABELS[weekday]} " + " ".join(_cell(week[weekday], session) for week in weeks))
    shades = "".join(SHADES)
    session_text = format_hours(session)
    legend = f"less {shades} more (a session is {session_text})  {MISSED} study day missed  {OFF} day off or break"
    rows.append("    " + legend)
    return rows


def weeks_that_fit(wanted: int, width: int) -> int:
    """At most ``wanted`` weeks, fewer when the terminal is too narrow for them (2 columns a week)."""
    return max(1, min(wanted, (width - 5) // 2))
