"""A plan's settings and schedule as typed data, read from and written to the JSON the store keeps.

The scheduler makes a ``Schedule`` (weeks of study days of parts of items); the
store writes it and the plan's ``Settings`` as JSON and reads them back as these
classes, so the code between reads attributes, never string keys.

NamedTuples, not pydantic nor dataclasses: ``mlplan today`` reads them on every run,
and building a dataclass (and importing ``dataclasses``) costs it about 4 ms at start-up;
reading a schedule takes about a millisecond for a plan of two and a half years.
The JSON is the store's format and never changes here: ``to_dict`` writes the keys
older mlplan versions wrote (a schedule's values as they were read, so its JSON
comes back the same), and keys this version does not know (a newer mlplan may store
more) are kept in ``extra`` so a round trip loses nothing.

No ``from __future__ import annotations`` here: NamedTuple compiles every annotation
given as text, which cost ``mlplan today`` more than a millisecond of start-up.
"""

from collections.abc import Mapping
from datetime import date
from types import MappingProxyType
from typing import Any, NamedTuple

_NOTHING_EXTRA: Mapping[str, Any] = MappingProxyType({})

_KNOWN = frozenset(
    {
        "hours_per_week",
        "weekdays",
        "day_hours",
        "daily_cap",
        "min_part",
        "start",
        "days_off",
        "from_unit",
        "skip",
        "at",
        "tz",
        "plan_start",
        "deadline",
        "breaks",
        "review_minutes",
    }
)


class Settings(NamedTuple):
    """How a schedule was fitted and how the plan is kept: availability, selection, clock, deadline, reviews.

    ``day_hours`` maps weekday numbers (0 = Monday) to hours; ``plan_start`` is the plan's
    first day (kept by replans: ``start`` is then the replan's day); ``breaks`` are
    (first, last) days; None in ``plan_start``, ``deadline`` and ``review_minutes`` means
    the key is not stored.
    """

    hours_per_week: float
    weekdays: tuple[int, ...]
    start: date
    day_hours: dict[int, float] | None = None
    daily_cap: float | None = None
    min_part: float = 0.5
    days_off: tuple[date, ...] = ()
    from_unit: str | None = None
    skip: tuple[str, ...] = ()
    at: str | None = None
    tz: str | None = None
    plan_start: date | None = None
    deadline: date | None = None
    breaks: tuple[tuple[date, date], ...] = ()
    review_minutes: int | None = None
    extra: Mapping[str, Any] = _NOTHING_EXTRA

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "Settings":
        """Settings as the store keeps them (plans made by older versions lack the newer keys)."""
        day_hours = data.get("day_hours")
        return cls(
            hours_per_week=float(data["hours_per_week"]),
            weekdays=tuple(int(d) for d in data["weekdays"]),
            start=date.fromisoformat(data["start"]),
            day_hours={int(d): float(h) for d, h in day_hours.items()} if isinstance(day_hours, dict) else None,
            daily_cap=None if data.get("daily_cap") is None else float(data["daily_cap"]),
            min_part=float(data.get("min_part", 0.5)),
            days_off=tuple(date.fromisoformat(d) for d in data.get("days_off") or []),
            from_unit=data.get("from_unit"),
            skip=tuple(data.get("skip") or []),
            at=data.get("at"),
            tz=data.get("tz"),
            plan_start=_day(data.get("plan_start")),
            deadline=_day(data.get("deadline")),
            breaks=tuple(
                (date.fromisoformat(b["first"]), date.fromisoformat(b["last"])) for b in data.get("breaks") or []
            ),
            review_minutes=None if data.get("review_minutes") is None else int(data["review_minutes"]),
            extra=_extra(data, _KNOWN),
        )

    def to_dict(self) -> dict[str, Any]:
        """The settings as the store keeps them (the keys ``from_dict`` reads, unknown ones back)."""
        data: dict[str, Any] = {
            "hours_per_week": self.hours_per_week,
            "weekdays": list(self.weekdays),
            "day_hours": {str(d): h for d, h in self.day_hours.items()} if self.day_hours else None,
            "daily_cap": self.daily_cap,
            "min_part": self.min_part,
            "start": self.start.isoformat(),
            "days_off": sorted(d.isoformat() for d in self.days_off),
            "from_unit": self.from_unit,
            "skip": list(self.skip),
            "at": self.at,
            "tz": self.tz,
        }
        if self.plan_start is not None:
            data["plan_start"] = self.plan_start.isoformat()
        if self.deadline is not None:
            data["deadline"] = self.deadline.isoformat()
        if self.breaks:
            data["breaks"] = [{"first": first.isoformat(), "last": last.isoformat()} for first, last in self.breaks]
        if self.review_minutes is not None:
            data["review_minutes"] = self.review_minutes
        return {**data, **self.extra}

    def merged(self, changes: Mapping[str, Any]) -> "Settings":
        """These settings with ``changes`` (stored keys and values, as ``to_dict`` writes them) applied."""
        return Settings.from_dict(self.to_dict() | dict(changes))


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def _extra(data: Mapping[str, Any], known: frozenset[str]) -> Mapping[str, Any]:
    if data.keys() <= known:  # the usual case, and the cheap one
        return _NOTHING_EXTRA
    return {k: v for k, v in data.items() if k not in known}


# A schedule of a year or two holds a thousand parts and days, read on every ``mlplan today``:
# they are made with tuple.__new__ (skipping the generated __new__) from values taken as the
# JSON holds them (the store writes them, a backup is validated before it is stored), and
# unknown keys are looked for only when a dict holds more keys than the known ones it must
# have (reading those raises KeyError when one is missing).
_new = tuple.__new__


# --- the schedule -------------------------------------------------------------------------------

_PART_KEYS = frozenset({"id", "title", "hours", "part", "parts", "unit"})
_DAY_KEYS = frozenset({"date", "hours", "items"})
_WEEK_KEYS = frozenset({"index", "start", "end", "hours", "units", "days"})
_SCHEDULE_KEYS = frozenset({"start", "end", "hours_per_week", "total_hours", "study_weeks", "split_items", "weeks"})


class Part(NamedTuple):
    """What is studied of one item on one day: ``part`` of ``parts`` (1 of 1 when whole).

    Stored as ``id``, ``title``, ``hours``, ``part``, ``parts`` and ``unit``; ``unit_id``
    is None only for a part restored from a backup that did not name its unit.
    """

    item_id: str
    title: str
    hours: float
    part: int
    parts: int
    unit_id: str | None
    extra: Mapping[str, Any] = _NOTHING_EXTRA

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "Part":
        """A part as the store keeps it."""
        return _new(
            cls,
            (
                data["id"],
                data["title"],
                data["hours"],
                data["part"],
                data["parts"],
                data.get("unit"),
                _extra(data, _PART_KEYS) if len(data) > 5 + ("unit" in data) else _NOTHING_EXTRA,
            ),
        )

    def to_dict(self) -> dict[str, Any]:
        """The part as the store keeps it (and the ``--json`` of ``mlplan plan`` shows it)."""
        data: dict[str, Any] = {
            "id": self.item_id,
            "title": self.title,
            "hours": self.hours,
            "part": self.part,
            "parts": self.parts,
        }
        if self.unit_id is not None:
            data["unit"] = self.unit_id
        return {**data, **self.extra} if self.extra else data


class StudyDay(NamedTuple):
    """One day's study: its parts, in order, and their hours (stored as ``date``, ``hours``, ``items``)."""

    date: date
    hours: float
    parts: tuple[Part, ...]
    extra: Mapping[str, Any] = _NOTHING_EXTRA

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "StudyDay":
        """A study day as the store keeps it."""
        return _new(
            cls,
            (
                date.fromisoformat(data["date"]),
                data["hours"],
                tuple([Part.from_dict(p) for p in data["items"]]),
                _extra(data, _DAY_KEYS) if len(data) > 3 else _NOTHING_EXTRA,
            ),
        )

    def to_dict(self) -> dict[str, Any]:
        """The day as the store keeps it."""
        data = {"date": self.date.isoformat(), "hours": self.hours, "items": [p.to_dict() for p in self.parts]}
        return {**data, **self.extra} if self.extra else data


class Week(NamedTuple):
    """A 7-day period of a plan, ``number`` counting from 1 (stored as ``index``); ``units`` are those
    studied, in order, each once.

    ``days`` are its study days only (none in a week without study).
    """

    number: int
    start: date
    end: date
    hours: float
    units: tuple[str, ...]
    days: tuple[StudyDay, ...]
    extra: Mapping[str, Any] = _NOTHING_EXTRA

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "Week":
        """A week as the store keeps it."""
        return _new(
            cls,
            (
                data["index"],
                date.fromisoformat(data["start"]),
                date.fromisoformat(data["end"]),
                data["hours"],
                tuple(data["units"]),
                tuple([StudyDay.from_dict(d) for d in data["days"]]),
                _extra(data, _WEEK_KEYS) if len(data) > 6 else _NOTHING_EXTRA,
            ),
        )

    def to_dict(self) -> dict[str, Any]:
        """The week as the store keeps it."""
        data = {
            "index": self.number,
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "hours": self.hours,
            "units": list(self.units),
            "days": [day.to_dict() for day in self.days],
        }
        return {**data, **self.extra} if self.extra else data


class Schedule(NamedTuple):
    """The scheduler's answer, as a plan stores it: weeks from ``start``, with the headline figures.

    ``end`` is the last study day (None when there is nothing to study); ``study_weeks``
    counts weeks with study, ``split_items`` the items studied in more than one part.
    """

    start: date
    end: date | None
    hours_per_week: float
    total_hours: float
    study_weeks: int
    split_items: int
    weeks: tuple[Week, ...]
    extra: Mapping[str, Any] = _NOTHING_EXTRA

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "Schedule":
        """A schedule as the store keeps it."""
        return cls(
            date.fromisoformat(data["start"]),
            _day(data["end"]),
            data["hours_per_week"],
            data["total_hours"],
            data["study_weeks"],
            data["split_items"],
            tuple([Week.from_dict(w) for w in data["weeks"]]),
            _extra(data, _SCHEDULE_KEYS),
        )

    def to_dict(self) -> dict[str, Any]:
        """The schedule as the store keeps it (and the ``--json`` of ``mlplan plan`` shows it)."""
        data = {
            "start": self.start.isoformat(),
            "end": self.end.isoformat() if self.end else None,
            "hours_per_week": self.hours_per_week,
            "total_hours": self.total_hours,
            "study_weeks": self.study_weeks,
            "split_items": self.split_items,
            "weeks": [week.to_dict() for week in self.weeks],
        }
        return {**data, **self.extra} if self.extra else data

    def study_days(self) -> list[StudyDay]:
        """Every study day, in order."""
        return [day for week in self.weeks for day in week.days]
