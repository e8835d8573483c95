"""The questions ``mlplan start`` asks for what its command line left out, and the check of each answer.

Each check takes an answer as typed (empty means the default) and returns the value
for the plan, or raises a UsageError saying what is wrong: on a terminal the CLI
asks again, for answers piped in it stops with that message, so a bad answer is
never replaced by a default. This module only checks; the CLI asks and prints.
"""

from __future__ import annotations

from datetime import date

from mlplan.errors import ChoiceError, Note, UsageError
from mlplan.hours import format_hours

DEFAULT_ROADMAP = "zero-to-engineer-16w"
DEFAULT_HOURS = "10"
DEFAULT_DAYS = "mon-fri"


def check_roadmap(answer: str, ids: list[str]) -> str:
    """A roadmap's number in the list (from 1) or its id; an unknown id names the closest ones."""
    from mlplan import catalog

    text = answer.strip() or DEFAULT_ROADMAP
    if text.isdigit():
        if 1 <= int(text) <= len(ids):
            return ids[int(text) - 1]
        raise UsageError(f"there is no roadmap {text}; give a number from 1 to {len(ids)} or a roadmap id")
    return catalog.find(text).id


def check_hours(answer: str, notes: list[Note]) -> float:
    """Hours per week, rounded to quarter hours (the rounding is noted in ``notes``)."""
    from mlplan.availability import MAX_HOURS_PER_WEEK
    from mlplan.hours import read_hours

    text = answer.strip() or DEFAULT_HOURS
    read = read_hours(text, given=f"'{text}'", most=MAX_HOURS_PER_WEEK, per=" a week", like="10 or 7.5")
    if read.note:
        notes.append(read.note)
    return read.hours


def check_days(answer: str, hours: float | None) -> str:
    """Study days (``mon,wed,sat``, ``mon-fri``, ``mon=1,sat=4``); hours per day must add up to ``hours``."""
    from mlplan.availability import parse_days

    text = answer.strip() or DEFAULT_DAYS
    _, day_hours = parse_days(text)
    if day_hours is not None and hours is not None:
        total = sum(day_hours.values())
        if abs(total - hours) > 1e-9:
            raise UsageError(
                f"{text} adds up to {format_hours(total)} a week but you study {format_hours(hours)} a week; "
                "give days whose hours add up to that, or the days alone (like mon,wed,sat)"
            )
    return text


def check_start(answer: str, today: date, past_allowed: bool) -> date:
    """The first day of the plan; a day before ``today`` only when ``past_allowed``."""
    from mlplan.clock import parse_date

    day = parse_date(answer.strip() or today.isoformat(), "start_date")
    if day < today and not past_allowed:
        raise ChoiceError(
            "start date {day} is in the past; answer with today ({today}) or a later day, "
            "or give {start} {day} to start a plan in the past",
            day=day,
            today=today,
        )
    return day


def check_plan_name(answer: str, default: str, taken: set[str]) -> str:
    """A name for a new plan that no plan has yet."""
    from mlplan.plans import PLAN_NAME

    name = answer.strip() or default
    if not PLAN_NAME.match(name):
        raise UsageError(f"'{name}': use letters, digits, '.', '-' or '_' (up to 60), like ml-2027")
    if name in taken:
        raise UsageError(f"a plan named '{name}' exists; choose another name")
    return name
