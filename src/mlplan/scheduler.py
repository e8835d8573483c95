"""The scheduler: fit the items to study into a learner's available hours.

Pure: data in, schedule out; no I/O, no clock (the start date is an input).

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


@dataclass(frozen=True)
class Part:
    """What is studied of one item on one day: ``part`` of ``parts`` (1 of 1 when whole)."""

    item_id: str
    title: str
    hours: float
    part: int
    parts: int
    unit_id: str
    unit_title: str


@dataclass(frozen=True)
class StudyDay:
    date: date
    parts: tuple[Part, ...]

    @property
    def hours(self) -> float:
        return sum(p.hours for p in self.parts)


@dataclass(frozen=True)
class Week:
    """A 7-day period of the plan; ``index`` counts from 1 at the start date."""

    index: int
    start: date
    days: tuple[StudyDay, ...]

    @property
    def end(self) -> date:
        return self.start + timedelta(days=6)

    @property
    def hours(self) -> float:
        return sum(day.hours for day in self.days)

    def unit_ids(self) -> list[str]:
        """Units studied this week, in order, each once."""
        return list(dict.fromkeys(p.unit_id for day in self.days for p in day.parts))


@dataclass(frozen=True)
class Schedule:
    start: date
    hours_per_week: float
    weeks: tuple[Week, ...]

    @property
    def end(self) -> date | None:
        """The last study day, or None when there is nothing to study."""
        days = [day.date for week in self.weeks for day in week.days]
        return days[-1] if days else None

    @property
    def total_hours(self) -> float:
        return sum(week.hours for week in self.weeks)

    def study_days(self) -> list[StudyDay]:
        return [day for week in self.weeks for day in week.days]

    def study_weeks(self) -> int:
        """Weeks with at least one study day."""
        return sum(1 for week in self.weeks if week.days)

    def split_items(self) -> int:
        """How many items are studied in more than one part."""
        return len({p.item_id for day in self.study_days() for p in day.parts if p.parts > 1})

    def to_dict(self) -> dict[str, object]:
        """The schedule as JSON-ready data (the ``--json`` contract); days without study are left out."""
        return {
            "start": self.start.isoformat(),
            "end": self.end.isoformat() if self.end else None,
            "hours_per_week": self.hours_per_week,
            "total_hours": self.total_hours,
            "study_weeks": self.study_weeks(),
            "split_items": self.split_items(),
            "weeks": [
                {
                    "index": week.index,
                    "start": week.start.isoformat(),
                    "end": week.end.isoformat(),
                    "hours": week.hours,
                    "units": week.unit_ids(),
                    "days": [
                        {
                            "date": day.date.isoformat(),
                            "hours": day.hours,
                            "items": [
                                {
                                    "id": p.item_id,
                                    "title": p.title,
                                    "hours": p.hours,
                                    "part": p.part,
                                    "parts": p.parts,
                                    "unit": p.unit_id,
                                }
                                for p in day.parts
                            ],
                        }
                        for day in week.days
                    ],
                }
                for week in self.weeks
            ],
        }


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
                "item {item} ({hours}) cannot fit: the longest study day is {longest} and parts must be at "
                "least {least}; give more hours per day or a smaller {min_part}",
                item=item.id,
                hours=format_hours(item.hours),
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
        part = Part(item.id, item.title, q / 4, seen[item.id], parts_of[item.id], item.unit_id, item.unit_title)
        by_day.setdefault(day, []).append(part)
    weeks: list[Week] = []
    if by_day:
        last = max(by_day)
        n_weeks = (last - availability.start).days // 7 + 1
        for index in range(n_weeks):
            start = availability.start + timedelta(days=7 * index)
            days = tuple(
                StudyDay(start + timedelta(days=d), tuple(by_day[start + timedelta(days=d)]))
                for d in range(7)
                if start + timedelta(days=d) in by_day
            )
            weeks.append(Week(index + 1, start, days))
    return Schedule(availability.start, availability.hours_per_week, tuple(weeks))
