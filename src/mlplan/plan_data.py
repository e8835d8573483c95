"""A plan's settings as typed data, read from and written to the JSON the store keeps.

A NamedTuple, not pydantic nor a dataclass: ``mlplan today`` reads them on every run,
and building a dataclass (and importing ``dataclasses``) costs it about 4 ms at start-up.
The JSON is the store's format and never changes here: ``to_dict`` writes the keys
older mlplan versions wrote, and keys this version does not know (a newer mlplan
may store more) are kept in ``extra`` so a round trip loses nothing.
"""

from __future__ import annotations

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
    def from_dict(cls, data: Mapping[str, Any]) -> Settings:
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
            extra={k: v for k, v in data.items() if k not in _KNOWN},
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

    def merged(self, changes: Mapping[str, Any]) -> Settings:
        """These settings with ``changes`` (stored keys and values, as ``to_dict`` writes them) applied."""
        return Settings.from_dict(self.to_dict() | dict(changes))


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None
