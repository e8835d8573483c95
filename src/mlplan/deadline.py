"""Deadlines and breaks: plan backwards from a date instead of from an hour budget.

Pure: study items, an Availability and dates in; weekly hours, schedules and
dates out. The scheduler is used as it is: the fewest weekly hours that finish
by a date are found by a binary search over quarter hours, each step one
``build_schedule``. The search keeps two bounds, hours known to finish and
hours known not to, so what it returns finishes by the date and a quarter
hour less does not.

Raising the weekly hours keeps the learner's shape: hours spread evenly over
the study days stay even, per-day hours (``mon=1,sat=4``) grow in proportion.
No day gets more than 24 hours or the daily cap; what a full day cannot take
goes to the other days. Because the new weekly hours hold for every week from
the start (today, on a replan), a backlog is spread over all the weeks left and
never piled onto today.

A break (``FIRST..LAST``) is a named pause: its days are days off for
the scheduler, and the plan's settings keep the range so the calendar can show
it as one event.
"""

from __future__ import annotations

import math
from contextlib import suppress
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any

from mlplan.clock import parse_date
from mlplan.errors import ChoiceError, UsageError, WordedError
from mlplan.hours import format_hours, quarters, split_hours
from mlplan.plan_data import Schedule, Settings
from mlplan.scheduler import MAX_DAY_HOURS, WEEKDAYS, Availability, StudyItem, build_schedule


class DeadlineMissed(ChoiceError):
    """No weekly hours the study days can hold finish by the date."""


class OverMaxHours(WordedError):
    """Keeping the end would need more weekly hours than the learner allows; nothing was changed."""


@dataclass(frozen=True)
class Fit:
    """Weekly hours that finish by a date, with the availability and schedule they give."""

    hours_per_week: float
    availability: Availability
    schedule: Schedule


# --- weekly hours -------------------------------------------------------------------------------


def day_limits(availability: Availability, day_limit: float | None = None) -> dict[int, int]:
    """The most quarter hours each study weekday can take: 24 h or the daily cap (or ``day_limit``)."""
    limit = quarters(day_limit or min(MAX_DAY_HOURS, availability.daily_cap or MAX_DAY_HOURS))
    days = availability.day_hours.keys() if availability.day_hours is not None else availability.weekdays
    return {day: limit for day in sorted(days)}


def most_hours(availability: Availability) -> float:
    """The most weekly hours the study days can hold."""
    return sum(day_limits(availability).values()) / 4


def with_weekly_hours(availability: Availability, hours: float, day_limit: float | None = None) -> Availability:
    """``availability`` at ``hours`` a week, spread the way it spreads its hours, no day over its limit."""
    limits = day_limits(availability, day_limit)
    if availability.day_hours is None:
        shares = split_hours(hours, [1] * len(limits))
        if all(quarters(share) <= limit for share, limit in zip(shares, limits.values(), strict=True)):
            return replace(availability, hours_per_week=hours)
        weights = {day: 1.0 for day in limits}
    else:
        weights = dict(availability.day_hours)
    spread = _fill(quarters(hours), weights, limits)
    return replace(
        availability, hours_per_week=hours, day_hours={d: spread[d] / 4 for d in sorted(spread) if spread[d] > 0}
    )


def _fill(total: int, weights: dict[int, float], limits: dict[int, int]) -> dict[int, int]:
    """Share ``total`` quarters in proportion to ``weights``; a day over its limit is filled and the rest re-shared."""
    spread: dict[int, int] = {}
    free = {day: w for day, w in weights.items() if w > 0}
    left = total
    while free:
        days = sorted(free)
        shares = [quarters(s) for s in split_hours(left / 4, [free[d] for d in days])]
        over = [d for d, q in zip(days, shares, strict=True) if q > limits[d]]
        if not over:
            spread.update(zip(days, shares, strict=True))
            break
        for day in over:
            spread[day] = limits[day]
            left -= limits[day]
            del free[day]
    return spread


def _finishes(items: list[StudyItem], availability: Availability, by: date) -> Schedule | None:
    """The schedule when it ends by ``by``; None when it ends later or cannot be made."""
    try:
        schedule = build_schedule(items, availability)
    except UsageError:  # an item that cannot fit such short days, or a plan of 50 years
        return None
    return schedule if schedule.end is not None and schedule.end <= by else None


def _search(
    items: list[StudyItem], availability: Availability, by: date, top: int, unlimited: bool = False
) -> tuple[int, Schedule] | None:
    """The fewest quarter hours a week, up to ``top``, that finish by ``by``, with their schedule.

    ``unlimited`` lifts the 24-hour day and the daily cap (to say what an impossible date would take).
    """

    def at(q: int) -> Availability:
        return with_weekly_hours(availability, q / 4, q / 4 if unlimited else None)

    if unlimited:
        availability = replace(availability, daily_cap=None)
    best = _finishes(items, at(top), by)
    if best is None:
        return None
    # A 7-day week holds at most the weekly hours, so fewer than total/weeks can never finish.
    weeks = (by - availability.start).days // 7 + 1
    total = sum(quarters(item.hours) for item in items)
    low, high = max(0, -(-total // weeks) - 1), top  # low never finishes, high does
    while high - low > 1:
        middle = (low + high) // 2
        schedule = _finishes(items, at(middle), by)
        if schedule is None:
            low = middle
        else:
            high, best = middle, schedule
    return high, best


def fewest_hours(items: list[StudyItem], availability: Availability, by: date) -> Fit:
    """The fewest weekly hours (quarter hours) that finish ``items`` by ``by``.

    Raises DeadlineMissed, naming the hours it would need and the earliest finish
    at the most the study days can hold, when no weekly hours are enough.
    """
    if not items:
        raise UsageError("nothing to plan: every item is done or skipped")
    if by < availability.start:
        raise ChoiceError(
            "{by} {day} is before the plan starts ({start}); give a later date", day=by, start=availability.start
        )
    found = _search(items, availability, by, quarters(most_hours(availability)))
    if found is None:
        raise _missed(items, availability, by)
    hours = found[0] / 4
    return Fit(hours, with_weekly_hours(availability, hours), found[1])


def _missed(items: list[StudyItem], availability: Availability, by: date) -> DeadlineMissed:
    most = most_hours(availability)
    earliest = build_schedule(items, with_weekly_hours(availability, most)).end
    # Weekly hours that give even the lightest study day the whole total finish on the first study day.
    weights = list((availability.day_hours or dict.fromkeys(availability.weekdays, 1.0)).values())
    total = sum(quarters(item.hours) for item in items)
    top = math.ceil(total * sum(weights) / min(weights)) + len(weights)
    need = _search(items, availability, by, top, unlimited=True)
    limit = "{daily_cap} {cap}" if availability.daily_cap else "24 h a day"
    needs = f"it needs {format_hours(need[0] / 4)} a week" if need else "there is no study day before it"
    return DeadlineMissed(
        "{by} {day} is too soon: {needs} on {weekdays}, but those days hold at most {most} a week ("
        + limit
        + "); at that the earliest finish is {earliest}. Give a later {by}, more study days or fewer days off",
        day=by,
        needs=needs,
        weekdays=study_days(availability),
        most=format_hours(most),
        cap=format_hours(availability.daily_cap or 0),
        earliest=earliest,
    )


def study_days(availability: Availability) -> str:
    """The study weekdays as people write them: ``Mon, Wed, Fri``."""
    return ", ".join(WEEKDAYS[day].capitalize() for day in sorted(availability.capacity_by_weekday()))


def max_hours_default(hours_per_week: float) -> float:
    """The most weekly hours a replan may raise to when not given: 1.5 times the current ones, down to a quarter."""
    return math.floor(hours_per_week * 1.5 * 4) / 4


def keep_end(items: list[StudyItem], availability: Availability, end: date, max_hours: float) -> Fit:
    """Weekly hours that finish what is left by ``end``, from ``availability.start`` (today).

    Raises OverMaxHours, proposing the end reached at ``max_hours`` a week, when
    that would take more than ``max_hours`` a week.
    """
    current = availability.hours_per_week
    try:
        fit: Fit | None = fewest_hours(items, availability, end) if end >= availability.start else None
    except DeadlineMissed:
        fit = None
    if fit is not None and fit.hours_per_week <= max_hours:
        return fit
    cap = min(max_hours, most_hours(availability))
    nearest = build_schedule(items, with_weekly_hours(availability, cap)).end
    if end < availability.start:
        why = "{end} has passed"
    elif fit is None:
        why = "finishing by {end} would take more than your study days can hold ({most} a week)"
    else:
        why = "finishing by {end} needs {needs} a week (now {now}), more than {max_hours} {allowed}"
    raise OverMaxHours(
        why
        + "; at {cap} a week you finish {nearest}: `mlplan replan {by} {nearest}`"
        + (", or allow more with {max_hours}" if fit is not None else "")
        + ". Nothing was changed",
        end=end,
        most=format_hours(most_hours(availability)),
        needs=format_hours(fit.hours_per_week) if fit is not None else "",
        now=format_hours(current),
        allowed=format_hours(max_hours),
        cap=format_hours(cap),
        nearest=nearest,
    )


# --- breaks -------------------------------------------------------------------------------------


def parse_breaks(values: list[str]) -> list[tuple[date, date]]:
    """Breaks: each a date or an inclusive range ``2026-12-21..2027-01-03``."""
    from mlplan.availability import parse_date_range

    return [parse_date_range(value, "break") for value in values]


def with_breaks(availability: Availability, breaks: list[tuple[date, date]]) -> Availability:
    """``availability`` with no study on the days of ``breaks``."""
    days = {first + timedelta(days=n) for first, last in breaks for n in range((last - first).days + 1)}
    return replace(availability, days_off=availability.days_off | days)


def breaks_to_settings(breaks: list[tuple[date, date]]) -> list[dict[str, str]]:
    """Breaks as the plain data a plan stores, in date order, each once."""
    unique = sorted(set(breaks))
    return [{"first": first.isoformat(), "last": last.isoformat()} for first, last in unique]


# --- replanning and watching a deadline ---------------------------------------------------------


def for_new_plan(
    items: list[StudyItem], availability: Availability, *, by: str | None, hours: float | str | None, breaks: list[str]
) -> tuple[Availability, str | None, dict[str, Any]]:
    """The deadline (``by``) and breaks of a new plan (``plan`` and ``start``).

    Returns the availability to plan with, the line saying what the deadline needs
    (None without ``by``) and the settings the plan keeps (deadline, breaks).
    """
    pauses = parse_breaks(breaks)
    availability = with_breaks(availability, pauses)
    keep: dict[str, Any] = {"breaks": breaks_to_settings(pauses)} if pauses else {}
    if by is None:
        return availability, None, keep
    if hours is not None:
        raise ChoiceError("give {hours} or {by}, not both: {by} finds the weekly hours")
    fit = fewest_hours(items, availability, parse_date(by, "by"))
    needs = (
        f"Finishing by {by} needs {format_hours(fit.hours_per_week)} a week on "
        f"{study_days(fit.availability)} (last study day {fit.schedule.end})."
    )
    return fit.availability, needs, keep | {"deadline": by}


def for_replan(
    items: list[StudyItem],
    availability: Availability,
    settings: Settings,
    planned_end: date | None,
    *,
    by: str | None,
    keep: bool,
    breaks: list[str],
    hours: float | str | None,
    max_hours: float | str | None,
) -> tuple[Availability, str | None, dict[str, Any]]:
    """The deadline choices of ``replan``: ``keep`` the end, finish ``by``, ``max_hours`` and ``breaks``.

    The date to finish by: ``by``; with ``keep`` the plan's deadline, or its
    planned end when it has none; with a new break and no ``hours``, the deadline.
    Returns the availability to refit with, a line with the weekly hours before and
    after (None when the hours were not searched) and the settings to keep.
    """
    from mlplan.availability import parse_hours

    if keep and by is not None:
        raise ChoiceError("give {keep_end} or {by} DATE, not both")
    if hours is not None and (keep or by is not None):
        raise ChoiceError("give {hours} or {keep_end}/{by}, not both: they find the weekly hours")
    pauses = parse_breaks(breaks)
    availability = with_breaks(availability, pauses)
    stored: dict[str, Any] = {}
    if pauses:
        stored["breaks"] = breaks_to_settings([*settings.breaks, *pauses])
    target = parse_date(by, "by") if by is not None else None
    if target is not None:
        stored["deadline"] = target.isoformat()
    elif keep or (pauses and hours is None):
        target = settings.deadline or (planned_end if keep else None)
    if target is None:
        if max_hours is not None:  # it bounds a search no option asked for: say so rather than ignore it
            raise ChoiceError(
                "{max_hours} bounds the weekly hours that {keep_end} or {by} find; add one of them, "
                "or set the hours with {hours}"
            )
        return availability, None, stored
    old = availability.hours_per_week
    limit = parse_hours(max_hours, "max_hours") if max_hours is not None else max_hours_default(old)
    fit = keep_end(items, availability, target, limit)
    raised = (
        f"Hours a week: {format_hours(fit.hours_per_week)} (was {format_hours(old)}), "
        f"on {study_days(fit.availability)}, to finish by {target}."
    )
    return fit.availability, raised, stored


def deadline_status(items: list[StudyItem], settings: Settings, on: date) -> dict[str, Any]:
    """Whether what is left finishes by the plan's deadline at its weekly hours, from ``on``.

    When it does not, ``keep_end_hours_per_week`` is what `replan --keep-end` would take
    (None when no weekly hours are enough). Every key is there, null without a deadline.
    """
    from mlplan.availability import availability_from_settings

    availability = availability_from_settings(settings)
    deadline = settings.deadline
    view: dict[str, Any] = {
        "hours_per_week": availability.hours_per_week,
        "deadline": deadline.isoformat() if deadline else None,
        "on_track": None,
        "end_at_current_hours": None,
        "keep_end_hours_per_week": None,
    }
    if deadline is None:
        return view
    if not items:
        return view | {"on_track": True}
    from_today = replace(availability, start=max(on, availability.start))
    end = build_schedule(items, from_today).end
    assert end is not None
    view |= {"on_track": end <= deadline, "end_at_current_hours": end.isoformat()}
    if end > deadline:
        with suppress(UsageError):  # the deadline is past, or not even full days would make it
            view["keep_end_hours_per_week"] = fewest_hours(items, from_today, deadline).hours_per_week
    return view
