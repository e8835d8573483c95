"""Reading a learner's availability from what they type.

``plan``, ``start`` and ``replan`` share these choices; each function turns one
choice's text into values for ``scheduler.Availability`` or raises a
ChoiceError that says what is wrong and how to write it. Choices are named by
their fields (``hours``, ``daily_cap``); the CLI words them as its options, in
errors and in the notes saying what was adjusted.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from mlplan.clock import parse_date
from mlplan.errors import ChoiceError, Note
from mlplan.hours import format_hours, read_hours, split_hours
from mlplan.plan_data import Settings
from mlplan.scheduler import MAX_DAY_HOURS, MAX_PLAN_DAYS, WEEKDAYS, Availability
from mlplan.suggest import closest

MAX_HOURS_PER_WEEK = 100
DEFAULT_HOURS_PER_WEEK = 10.0
_FULL_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def parse_hours(
    value: float | str, choice: str, most: float = MAX_HOURS_PER_WEEK, notes: list[Note] | None = None
) -> float:
    """Hours for ``choice`` (``daily_cap``, ``max_hours``): a quarter hour to ``most``, rounded to quarters.

    A rounding note is added to ``notes`` when given.
    """
    per = " a day" if most == MAX_DAY_HOURS else " a week"
    read = read_hours(value, choice, most=most, per=per, like=f"{min(7.5, most):g}")
    if read.note and notes is not None:
        notes.append(read.note)
    return read.hours


def parse_weekly_hours(value: float | str, notes: list[Note] | None = None) -> float:
    """Hours per week: quarter hours, from a quarter hour to 100 a week."""
    return parse_hours(value, "hours", MAX_HOURS_PER_WEEK, notes)


def parse_weekday(name: str) -> int:
    """Weekday number (0 = Monday) of ``mon`` or ``monday`` in any case."""
    key = name.strip().lower()
    for number, (short, full) in enumerate(zip(WEEKDAYS, _FULL_NAMES, strict=True)):
        if key in (short, full):
            return number
    near = closest(key[:3], list(WEEKDAYS), n=1)
    hint = f"did you mean {near[0]}? " if near else ""
    raise ChoiceError(
        "unknown weekday '{name}' in {days}; {hint}use mon, tue, wed, thu, fri, sat, sun or a range like mon-fri",
        name=name,
        hint=hint,
    )


def _weekdays(name: str) -> list[int]:
    """The weekdays of ``mon`` or of a range ``mon-fri`` or ``mon..fri`` (``fri-mon`` goes round the weekend)."""
    first, sep, last = name.replace("..", "-").partition("-")
    if not sep:
        return [parse_weekday(name)]
    start, stop = parse_weekday(first), parse_weekday(last)
    return [(start + n) % 7 for n in range((stop - start) % 7 + 1)]


def parse_days(text: str, notes: list[Note] | None = None) -> tuple[tuple[int, ...], dict[int, float] | None]:
    """``mon,wed,sat`` or ``mon-fri`` → the weekdays; ``mon=1,wed=1,sat=4`` → the weekdays and their hours.

    A range with hours (``mon-fri=1.5``) gives each of its days those hours.
    """
    entries = [entry.strip() for entry in text.split(",") if entry.strip()]
    if not entries:
        raise ChoiceError("{days} needs at least one study day, like {days} mon,wed,sat or {days} mon=1,sat=4")
    with_hours = [("=" in entry) for entry in entries]
    if any(with_hours) and not all(with_hours):
        raise ChoiceError("{days} {text}: give hours for every day or for none (like mon=1,wed=1,sat=4)", text=text)
    days: dict[int, float | None] = {}
    for entry in entries:
        name, sep, hours_text = entry.partition("=")
        hours = _day_hours(name.strip(), hours_text.strip(), notes) if sep else None
        for day in _weekdays(name):
            if day in days:
                raise ChoiceError("{days} {text}: {day} is given twice", text=text, day=WEEKDAYS[day])
            days[day] = hours
    ordered = tuple(sorted(days))
    if not any(with_hours):
        return ordered, None
    return ordered, {day: float(days[day] or 0) for day in ordered}


def _day_hours(name: str, text: str, notes: list[Note] | None) -> float:
    example = name.replace("..", "-").split("-")[0] or "mon"
    read = read_hours(
        text, "days", given=f"{name}={text}", most=MAX_DAY_HOURS, per=" a day", like=f"{example}=1.5", like_alone=True
    )
    if read.note and notes is not None:
        notes.append(read.note)
    return read.hours


def parse_days_off(values: list[str]) -> frozenset[date]:
    """Days off: single dates or inclusive ranges ``2026-12-24..2027-01-01``."""
    days: set[date] = set()
    for value in values:
        first, last = parse_date_range(value, "off")
        days.update(first + timedelta(days=n) for n in range((last - first).days + 1))
    return frozenset(days)


def parse_date_range(value: str, field: str) -> tuple[date, date]:
    """A date or an inclusive range ``2026-12-24..2027-01-01``, as its first and last day (for the choice ``field``)."""
    first_text, sep, last_text = value.partition("..")
    first = parse_date(first_text, field)
    last = parse_date(last_text, field) if sep else first
    if last < first:
        raise ChoiceError(
            "{choice} {value}: the range ends before it starts; write FIRST..LAST, like {last}..{first}",
            choice=field,
            value=value,
            first=first,
            last=last,
        )
    if (last - first).days > MAX_PLAN_DAYS:
        raise ChoiceError(
            "{choice} {value}: longer than a plan can last (50 years); give a shorter range", choice=field, value=value
        )
    return first, last


def parse_min_part(text: str, notes: list[Note] | None = None) -> float:
    """The shortest part of an item: a duration like ``30m`` or ``1h``, in quarter hours, at most a day."""
    read = read_hours(text, "min_part", most=MAX_DAY_HOURS, numbers=False, like="30m")
    if read.note and notes is not None:
        notes.append(read.note)
    return read.hours


def build_availability(
    *,
    start: date,
    hours: float | str | None = None,
    days: str | None = None,
    off: list[str] | None = None,
    daily_cap: float | str | None = None,
    min_part: str | None = None,
    base: Availability | None = None,
) -> tuple[Availability, list[Note]]:
    """An Availability from the shared plan choices (None: not given), and notes for the learner.

    Options not given keep the values of ``base`` (a plan's stored availability,
    for ``replan``), else the defaults: 10 h a week, Monday to Friday, 30-minute
    parts. ``off`` adds to the days off of ``base``. New ``hours`` without
    ``days`` spread evenly over the study days even if ``base`` had per-day hours.
    Values are rounded to quarter hours (with a note). Weekly hours the study days
    cannot hold (24 h a day, or the daily cap) are refused when typed, and lowered
    to what the days hold, with a note, when they were the default or the plan's.
    """
    notes: list[Note] = []
    typed = hours is not None
    if days is not None:
        weekdays, day_hours = parse_days(days, notes)
        typed = typed or day_hours is not None
    elif base is not None:
        weekdays, day_hours = base.weekdays, (base.day_hours if hours is None else None)
    else:
        weekdays, day_hours = (0, 1, 2, 3, 4), None
    if day_hours is not None:
        total = sum(day_hours.values())
        said = None if hours is None else parse_weekly_hours(hours)
        if said is not None and abs(total - said) > 1e-9:
            raise ChoiceError(
                "{days} gives {total} a week but {hours} says {said}; make them agree or leave out {hours}",
                total=format_hours(total),
                said=format_hours(said),
            )
        if total > MAX_HOURS_PER_WEEK:
            raise ChoiceError(
                "{days} {text}: {total} a week is more than {most} h; give fewer hours",
                text=days,
                total=format_hours(total),
                most=MAX_HOURS_PER_WEEK,
            )
        hours = total
    elif hours is not None:
        hours = parse_weekly_hours(hours, notes)
    else:
        hours = base.hours_per_week if base is not None else DEFAULT_HOURS_PER_WEEK
    if daily_cap is not None:
        cap: float | None = parse_hours(daily_cap, "daily_cap", MAX_DAY_HOURS, notes)
    else:
        cap = base.daily_cap if base is not None else None
    if min_part is not None:
        part = parse_min_part(min_part, notes)
    else:
        part = base.min_part if base is not None else 0.5
    days_off = parse_days_off(off or []) | (base.days_off if base is not None else frozenset())
    availability = Availability(
        hours_per_week=hours,
        start=start,
        weekdays=weekdays,
        day_hours=day_hours,
        daily_cap=cap,
        min_part=part,
        days_off=days_off,
    )
    return _within_days(availability, typed, notes), notes


def _within_days(availability: Availability, typed: bool, notes: list[Note]) -> Availability:
    """``availability`` when its study days hold its weekly hours; see ``build_availability``."""
    limit = min(MAX_DAY_HOURS, availability.daily_cap or MAX_DAY_HOURS)
    if availability.day_hours is not None:
        wanted = availability.day_hours
    else:
        days = sorted(availability.weekdays)
        wanted = dict(zip(days, split_hours(availability.hours_per_week, [1] * len(days)), strict=True))
    over = [day for day, hours in wanted.items() if hours > limit]
    if not over:
        return availability
    held = {day: min(hours, limit) for day, hours in wanted.items()}
    most = sum(held.values())
    capped = limit < MAX_DAY_HOURS
    why = "{daily_cap} {cap}" if capped else "a day has 24 hours"
    if availability.day_hours is not None:
        if typed:
            day = WEEKDAYS[over[0]]
            raise ChoiceError(
                "{days} {day}={wanted:g} is more than " + why + "; give {day} at most {limit:g} or raise {daily_cap}",
                cap=format_hours(limit),
                day=day,
                wanted=wanted[over[0]],
                limit=limit,
            )
        notes.append(
            Note(
                why + ": your study days hold {most} a week, so the plan uses that",
                cap=format_hours(limit),
                most=format_hours(most),
                choice="hours",
            )
        )
        return replace(availability, hours_per_week=most, day_hours=held)
    count = len(wanted)
    if typed:
        fix = "raise {daily_cap}, add study days" if capped else "add study days"
        raise ChoiceError(
            "{hours} {wanted:g} on {count} study day{s} is more than they hold ("
            + why
            + "): at most {most} a week; "
            + fix
            + " or give {hours} {fewer:g}",
            cap=format_hours(limit),
            wanted=availability.hours_per_week,
            count=count,
            s="s" if count != 1 else "",
            most=format_hours(most),
            fewer=most,
        )
    notes.append(
        Note(
            why + ": your {count} study day{s} hold {most} a week, so the plan uses that (not {wanted})",
            choice="hours",
            cap=format_hours(limit),
            count=count,
            s="s" if count != 1 else "",
            most=format_hours(most),
            wanted=format_hours(availability.hours_per_week),
        )
    )
    return replace(availability, hours_per_week=most)


_STORED = ("hours_per_week", "weekdays", "day_hours", "daily_cap", "min_part", "start", "days_off")


def availability_to_settings(availability: Availability) -> dict[str, object]:
    """An Availability as the plain data a plan stores, encoded as ``Settings.to_dict`` encodes it."""
    stored = Settings(
        hours_per_week=availability.hours_per_week,
        weekdays=tuple(availability.weekdays),
        start=availability.start,
        day_hours=dict(availability.day_hours) if availability.day_hours else None,
        daily_cap=availability.daily_cap,
        min_part=availability.min_part,
        days_off=tuple(availability.days_off),
    ).to_dict()
    return {key: stored[key] for key in _STORED}


def availability_from_settings(settings: Settings) -> Availability:
    """The Availability a plan stored (see ``availability_to_settings``)."""
    return Availability(
        hours_per_week=settings.hours_per_week,
        start=settings.start,
        weekdays=settings.weekdays,
        day_hours=dict(settings.day_hours) if settings.day_hours else None,
        daily_cap=settings.daily_cap,
        min_part=settings.min_part,
        days_off=frozenset(settings.days_off),
    )


def parse_time_of_day(text: str) -> str:
    """The time of day the learner studies: a local time ``HH:MM`` (24-hour clock)."""
    hour, sep, minute = text.strip().partition(":")
    if sep and hour.isdigit() and minute.isdigit() and int(hour) < 24 and int(minute) < 60 and len(minute) == 2:
        return f"{int(hour):02d}:{minute}"
    raise ChoiceError("{at} {text}: write the time as HH:MM on a 24-hour clock, like 19:00 or 07:30", text=text)


def parse_time_zone(name: str) -> str:
    """The learner's time zone: an IANA name such as ``Europe/Paris``."""
    import zoneinfo

    try:
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        near = closest(name, sorted(zoneinfo.available_timezones()), n=3)
        hint = f"did you mean {', '.join(near)}? " if near else ""
        raise ChoiceError(
            "{tz} {name}: unknown time zone; {hint}use an IANA name like Europe/Paris", name=name, hint=hint
        ) from None
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
