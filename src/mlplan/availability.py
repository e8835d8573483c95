"""Reading a learner's availability from what they type on the command line.

``plan``, ``start`` and ``replan`` share these options; each function turns one
option's text into values for ``scheduler.Availability`` or raises a
UsageError that says what is wrong and how to write it.
"""

from __future__ import annotations

from datetime import date, timedelta

from mlplan.clock import parse_date
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


def parse_days_off(values: list[str]) -> frozenset[date]:
    """``--off`` values: single dates or inclusive ranges ``2026-12-24..2027-01-01``."""
    days: set[date] = set()
    for value in values:
        first, last = parse_date_range(value, "--off")
        days.update(first + timedelta(days=n) for n in range((last - first).days + 1))
    return frozenset(days)


def parse_date_range(value: str, option: str) -> tuple[date, date]:
    """A date or an inclusive range ``2026-12-24..2027-01-01``, as its first and last day."""
    first_text, sep, last_text = value.partition("..")
    first = parse_date(first_text, option)
    last = parse_date(last_text, option) if sep else first
    if last < first:
        raise UsageError(f"{option} {value}: the range ends before it starts; write FIRST..LAST, like {last}..{first}")
    return first, last


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
    base: Availability | None = None,
) -> Availability:
    """An Availability from the shared plan options; None means the option was not given.

    Options not given keep the values of ``base`` (a plan's stored availability,
    for ``replan``), else the defaults: 10 h a week, Monday to Friday, 30-minute
    parts. ``--off`` adds to the days off of ``base``. A new ``--hours`` without
    ``--days`` spreads evenly over the study days even if ``base`` had per-day hours.
    """
    if days is not None:
        weekdays, day_hours = parse_days(days)
    elif base is not None:
        weekdays, day_hours = base.weekdays, (base.day_hours if hours is None else None)
    else:
        weekdays, day_hours = (0, 1, 2, 3, 4), None
    if day_hours is not None:
        total = sum(day_hours.values())
        if hours is not None and abs(total - hours) > 1e-9:
            raise UsageError(
                f"--days gives {format_hours(total)} a week but --hours says {format_hours(hours)}; "
                "make them agree or leave out --hours"
            )
        hours = parse_weekly_hours(total)
    elif hours is not None:
        hours = parse_weekly_hours(hours)
    else:
        hours = base.hours_per_week if base is not None else DEFAULT_HOURS_PER_WEEK
    if daily_cap is not None:
        cap: float | None = parse_hours(daily_cap, "--daily-cap")
    else:
        cap = base.daily_cap if base is not None else None
    if min_part is not None:
        part = parse_min_part(min_part)
    else:
        part = base.min_part if base is not None else 0.5
    days_off = parse_days_off(off or []) | (base.days_off if base is not None else frozenset())
    return Availability(
        hours_per_week=hours,
        start=start,
        weekdays=weekdays,
        day_hours=day_hours,
        daily_cap=cap,
        min_part=part,
        days_off=days_off,
    )


def availability_to_settings(availability: Availability) -> dict[str, object]:
    """An Availability as the plain data a plan stores."""
    return {
        "hours_per_week": availability.hours_per_week,
        "weekdays": list(availability.weekdays),
        "day_hours": {str(d): h for d, h in availability.day_hours.items()} if availability.day_hours else None,
        "daily_cap": availability.daily_cap,
        "min_part": availability.min_part,
        "start": availability.start.isoformat(),
        "days_off": sorted(d.isoformat() for d in availability.days_off),
    }


def availability_from_settings(settings: dict[str, object]) -> Availability:
    """The Availability a plan stored (see ``availability_to_settings``)."""
    day_hours = settings.get("day_hours")
    return Availability(
        hours_per_week=float(settings["hours_per_week"]),  # type: ignore[arg-type]
        start=date.fromisoformat(str(settings["start"])),
        weekdays=tuple(settings["weekdays"]),  # type: ignore[arg-type]
        day_hours={int(d): float(h) for d, h in day_hours.items()} if isinstance(day_hours, dict) else None,
        daily_cap=settings.get("daily_cap"),  # type: ignore[arg-type]
        min_part=float(settings.get("min_part", 0.5)),  # type: ignore[arg-type]
        days_off=frozenset(date.fromisoformat(d) for d in settings.get("days_off", [])),  # type: ignore[union-attr]
    )


def parse_time_of_day(text: str) -> str:
    """``--at``: a local time ``HH:MM`` (24-hour clock)."""
    hour, sep, minute = text.strip().partition(":")
    if sep and hour.isdigit() and minute.isdigit() and int(hour) < 24 and int(minute) < 60 and len(minute) == 2:
        return f"{int(hour):02d}:{minute}"
    raise UsageError(f"--at {text}: write the time as HH:MM on a 24-hour clock, like 19:00 or 07:30")


def parse_time_zone(name: str) -> str:
    """``--tz``: an IANA time zone name such as ``Europe/Paris``."""
    import zoneinfo

    try:
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        near = closest(name, sorted(zoneinfo.available_timezones()), n=3)
        hint = f"did you mean {', '.join(near)}? " if near else ""
        raise UsageError(f"--tz {name}: unknown time zone; {hint}use an IANA name like Europe/Paris") from None
    return name


def local_time_zone() -> str:
    """The system's IANA time zone name (``TZ``, then /etc/localtime), or UTC when it cannot be told."""
    import os
    import zoneinfo
    from contextlib import suppress
    from pathlib import Path

    candidates = [os.environ.get("TZ", "").lstrip(":")]
    with suppress(OSError):
        candidates.append(str(Path("/etc/localtime").resolve()).partition("zoneinfo/")[2])
    with suppress(OSError):
        candidates.append(Path("/etc/timezone").read_text(encoding="utf-8").strip())
    for name in candidates:
        if name:
            try:
                zoneinfo.ZoneInfo(name)
            except (zoneinfo.ZoneInfoNotFoundError, ValueError):
                continue
            return name
    return "UTC"
