"""The scheduler: fit the items to study into a learner's available hours.

Pure: data in, schedule out; no I/O, no clock (the start date is an input).
The schedule is a ``plan_data.Schedule``, the typed data a saved plan keeps.

How it works. Time is counted in whole quarter hours. Weeks are 7-day
periods from the start date. Each date gets a capacity: its weekday's hours
(given per day, or the weekly hours spread evenly over the study days),
capped by the daily cap, and zero on days off and non-study days. The items,
in roadmap order, are poured into the days in date order:

* an item that fits the room left in the day is placed whole, never split;
* one that does not fit is split: the part placed is the largest that fits the
  room such that the rest can still be cut into parts no shorter than the
  minimum and no longer than the longest study day (``_splittable``); when no
  such part exists the room stays free (a leftover shorter than the minimum may
  stay free) and the item waits for the next day.

Because the rest of an item is always splittable, the longest study day can
always take a part of it, so every item is placed.

Roadmap order already puts every unit after its prerequisites (the roadmap
model checks that), so keeping the order keeps the prerequisites. Nothing is
ever moved earlier to fill a gap, which is why the plan is as short as these
rules allow.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from mlplan.errors import ChoiceError, UsageError
from mlplan.hours import format_hours, quarters, split_hours
from mlplan.plan_data import Part, Schedule, StudyDay, Week

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
MAX_PLAN_DAYS = 366 * 50
MAX_DAY_HOURS = 24
_LAST_DAY = date.max - timedelta(days=14)  # room for the last week's end and the day after it


@dataclass(frozen=True)
class StudyItem:
    """An item to schedule: the roadmap item's id, title, hours and unit."""

    id: str
    title: str
    hours: float
    unit_id: str
    unit_title: str = ""


@dataclass(frozen=True)
class Availability:
    """When and how much a learner can study.

    ``day_hours`` maps weekday numbers (0 = Monday) to hours; when it is None
    the weekly ``hours_per_week`` spreads evenly over ``weekdays``.
    """

    hours_per_week: float
    start: date
    weekdays: tuple[int, ...] = (0, 1, 2, 3, 4)
    day_hours: dict[int, float] | None = None
    daily_cap: float | None = None
    min_part: float = 0.5
    days_off: frozenset[date] = field(default_factory=frozenset)

    def capacity_by_weekday(self) -> dict[int, int]:
        """Quarter hours available on each study weekday, cap applied."""
        if self.day_hours is not None:
            by_day = {day: quarters(h) for day, h in self.day_hours.items()}
        else:
            days = sorted(self.weekdays)
            shares = split_hours(self.hours_per_week, [1] * len(days))
            by_day = {day: quarters(h) for day, h in zip(days, shares, strict=True)}
        if self.daily_cap is not None:
            cap = quarters(self.daily_cap)
            by_day = {day: min(q, cap) for day, q in by_day.items()}
        return {day: q for day, q in by_day.items() if q > 0}


def build_schedule(items: list[StudyItem], availability: Availability) -> Schedule:
    """Place every hour of ``items``, in order, into the days ``availability`` offers."""
    capacity = availability.capacity_by_weekday()
    min_part = quarters(availability.min_part)
    longest = _check_feasible(items, capacity, min_part)

    placed: list[tuple[date, StudyItem, int]] = []  # (day, item, quarters) in order
    day = availability.start
    room = _room(day, capacity, availability)
    for item in items:
        left = quarters(item.hours)
        while left > 0:
            take = _take(left, room, min_part, longest)
            if take:
                placed.append((day, item, take))
                left -= take
                room -= take
            if left > 0:
                day = day + timedelta(days=1)
                if (day - availability.start).days > MAX_PLAN_DAYS:
                    raise UsageError("the plan would last more than 50 years; give more study hours or fewer days off")
                if day >= _LAST_DAY:
                    raise UsageError(f"the plan would run past the end of the calendar ({date.max}); start earlier")
                room = _room(day, capacity, availability)
    return _assemble(placed, availability)


def _room(day: date, capacity: dict[int, int], availability: Availability) -> int:
    if day in availability.days_off:
        return 0
    return capacity.get(day.weekday(), 0)


def _take(left: int, room: int, min_part: int, longest: int) -> int:
    """Quarters to study now of an item with ``left`` quarters, in ``room`` quarters (0: wait a day)."""
    if left <= room:
        return left
    for part in range(min(room, left - min_part), min_part - 1, -1):
        if _splittable(left - part, min_part, longest):
            return part
    return 0


def _splittable(total: int, min_part: int, longest: int) -> bool:
    """Can ``total`` quarters be cut into parts of ``min_part`` to ``longest`` quarters each?

    k parts cover totals from k*min_part to k*longest; the fewest parts that can
    hold ``total`` give the best chance for the lower bound.
    """
    fewest = -(-total // longest)
    return fewest * min_part <= total


def _check_feasible(items: list[StudyItem], capacity: dict[int, int], min_part: int) -> int:
    """The longest study day in quarters, once every item is known to fit into such days."""
    if not capacity:
        raise ChoiceError("no study time: give at least one study day with hours (for example {days} mon,wed,fri)")
    longest = max(capacity.values())
    for item in items:
        need = quarters(item.hours)
        if need > longest and (longest < min_part or not _splittable(need, min_part, longest)):
            raise ChoiceError(
                "item {item} ({size}) cannot fit: the longest study day is {longest} and parts must be at "
                "least {least}; give more hours per day or a smaller {min_part}",
                item=item.id,
                size=format_hours(item.hours),
                longest=format_hours(longest / 4),
                least=format_hours(min_part / 4),
            )
    return longest


def _assemble(placed: list[tuple[date, StudyItem, int]], availability: Availability) -> Schedule:
    parts_of: dict[str, int] = {}
    for _, item, _ in placed:
        parts_of[item.id] = parts_of.get(item.id, 0) + 1
    seen: dict[str, int] = {}
    by_day: dict[date, list[Part]] = {}
    for day, item, q in placed:
        seen[item.id] = seen.get(item.id, 0) + 1
        part = Part(item.id, item.title, q / 4, seen[item.id], parts_of[item.id], item.unit_id)
        by_day.setdefault(day, []).append(part)
    weeks: list[Week] = []
    if by_day:
        last = max(by_day)
        n_weeks = (last - availability.start).days // 7 + 1
        for index in range(n_weeks):
            start = availability.start + timedelta(days=7 * index)
            days = tuple(
                StudyDay(on, sum(p.hours for p in by_day[on]), tuple(by_day[on]))
                for on in (start + timedelta(days=d) for d in range(7))
                if on in by_day
            )
            units = tuple(dict.fromkeys(p.unit_id for day in days for p in day.parts if p.unit_id is not None))
            weeks.append(Week(index + 1, start, start + timedelta(days=6), sum(d.hours for d in days), units, days))
    study_days = [day for week in weeks for day in week.days]
    return Schedule(
        start=availability.start,
        end=study_days[-1].date if study_days else None,
        hours_per_week=availability.hours_per_week,
        total_hours=sum(week.hours for week in weeks),
        study_weeks=sum(1 for week in weeks if week.days),
        split_items=len({p.item_id for day in study_days for p in day.parts if p.parts > 1}),
        weeks=tuple(weeks),
    )
