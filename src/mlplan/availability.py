"""Reading a learner's availability from what they type on the command line.

``plan``, ``start`` and ``replan`` share these options; each function turns one
option's text into values for ``scheduler.Availability`` or raises a
UsageError that says what is wrong and how to write it.
"""

from __future__ import annotations

from datetime import date, timedelta

from mlplan.errors import UsageError
from mlplan.hours import format_hours, is_quarter, parse_duration
from mlplan.scheduler import WEEKDAYS, Availability
from mlplan.suggest import closest

MAX_HOURS_PER_WEEK = 100
DEFAULT_HOURS_PER_WEEK = 10.0
_FULL_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def parse_hours(value: float, option: str) -> float:
    """A positive number of hours in quarter hours."""
    if value <= 0:
        raise UsageError(f"{option} must be more than 0 hours (like {option} 7.5)")
    if not is_quarter(value):
        raise UsageError(f"{option} {value:g}: use quarter hours (like 7.25, 7.5 or 7.75)")
    return value


def parse_weekly_hours(value: float) -> float:
    """``--hours``: quarter hours, more than 0 and at most 100."""
    parse_hours(value, "--hours")
    if value > MAX_HOURS_PER_WEEK:
        raise UsageError(f"--hours {value:g} is more than {MAX_HOURS_PER_WEEK} hours a week; give at most 100")
    return value


def parse_weekday(name: str) -> int:
    """Weekday number (0 = Monday) of ``mon`` or ``monday`` in any case."""
    key = name.strip().lower()
    for number, (short, full) in enumerate(zip(WEEKDAYS, _FULL_NAMES, strict=True)):
        if key in (short, full):
            return number
    near = closest(key[:3], list(WEEKDAYS), n=1)
    hint = f"did you mean {near[0]}? " if near else ""
    raise UsageError(f"unknown weekday '{name}' in --days; {hint}use mon, tue, wed, thu, fri, sat, sun")


def parse_days(text: str) -> tuple[tuple[int, ...], dict[int, float] | None]:
    """``mon,wed,sat`` → the weekdays; ``mon=1,wed=1,sat=4`` → the weekdays and their hours."""
    entries = [entry.strip() for entry in text.split(",") if entry.strip()]
    if not entries:
        raise UsageError("--days needs at least one study day, like --days mon,wed,sat or --days mon=1,sat=4")
    with_hours = [("=" in entry) for entry in entries]
    if any(with_hours) and not all(with_hours):
        raise UsageError(f"--days {text}: give hours for every day or for none (like mon=1,wed=1,sat=4)")
    days: dict[int, float | None] = {}
    for entry in entries:
        name, _, hours_text = entry.partition("=")
        day = parse_weekday(name)
        if day in days:
            raise UsageError(f"--days {text}: {WEEKDAYS[day]} is given twice")
        days[day] = _day_hours(name, hours_text) if hours_text or "=" in entry else None
    ordered = tuple(sorted(days))
    if not any(with_hours):
        return ordered, None
    return ordered, {day: float(days[day] or 0) for day in ordered}


def _day_hours(name: str, text: str) -> float:
    hours = parse_duration(text) if not _is_number(text) else float(text)
    if hours is None or hours <= 0 or not is_quarter(hours):
        raise UsageError(f"--days {name}={text}: give that day's hours in quarter hours, like {name}=1.5")
    return hours


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def parse_date(text: str, option: str) -> date:
    """An ISO date ``YYYY-MM-DD``; the message says why a date is impossible."""
    try:
        return date.fromisoformat(text.strip())
    except ValueError as exc:
        detail = "" if str(exc).startswith("Invalid isoformat") else f" ({exc})"
        raise UsageError(f"{option} {text}: not a date{detail}; write dates as YYYY-MM-DD, like 2026-12-24") from exc


def parse_days_off(values: list[str]) -> frozenset[date]:
    """``--off`` values: single dates or inclusive ranges ``2026-12-24..2027-01-01``."""
    days: set[date] = set()
    for value in values:
        first_text, sep, last_text = value.partition("..")
        first = parse_date(first_text, "--off")
        last = parse_date(last_text, "--off") if sep else first
        if last < first:
            raise UsageError(f"--off {value}: the range ends before it starts; write FIRST..LAST, like {last}..{first}")
        days.update(first + timedelta(days=n) for n in range((last - first).days + 1))
    return frozenset(days)


def parse_min_part(text: str) -> float:
    """``--min-part``: a duration like ``30m`` or ``1h``, in quarter hours."""
    hours = parse_duration(text)
    if hours is None:
        raise UsageError(f"--min-part {text}: write a duration like 30m, 45m or 1h")
    if hours <= 0 or not is_quarter(hours):
        raise UsageError(f"--min-part {text}: use quarter hours (15m, 30m, 45m, 1h …)")
    return hours


def build_availability(
    *,
    start: date,
    hours: float | None = None,
    days: str | None = None,
    off: list[str] | None = None,
    daily_cap: float | None = None,
    min_part: str | None = None,
) -> Availability:
    """An Availability from the shared plan options (None means the option was not given)."""
    weekdays, day_hours = parse_days(days) if days is not None else ((0, 1, 2, 3, 4), None)
    if day_hours is not None:
        total = sum(day_hours.values())
        if hours is not None and abs(total - hours) > 1e-9:
            raise UsageError(
                f"--days gives {format_hours(total)} a week but --hours says {format_hours(hours)}; "
                "make them agree or leave out --hours"
            )
        hours = parse_weekly_hours(total)
    else:
        hours = parse_weekly_hours(DEFAULT_HOURS_PER_WEEK if hours is None else hours)
    return Availability(
        hours_per_week=hours,
        start=start,
        weekdays=weekdays,
        day_hours=day_hours,
        daily_cap=parse_hours(daily_cap, "--daily-cap") if daily_cap is not None else None,
        min_part=parse_min_part(min_part) if min_part is not None else 0.5,
        days_off=parse_days_off(off or []),
    )
