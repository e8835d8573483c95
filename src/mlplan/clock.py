"""Dates: today's (in one place, so tests can fix the clock), the ones users type, and how days are shown.

Typed dates must fall between ``FIRST_DATE`` and ``LAST_DATE``: a plan lasts at
most 50 years, so a plan started on the last date still ends a century before
Python's calendar does (9999-12-31), and no date arithmetic can overflow.
"""

from __future__ import annotations

from datetime import date

FIRST_DATE = date(1900, 1, 1)
LAST_DATE = date(9899, 12, 31)


def today() -> date:
    """The local date today."""
    return date.today()


def parse_date(text: str, field: str) -> date:
    """An ISO date ``YYYY-MM-DD`` from 1900 to 9899; the message says why a date is impossible.

    ``field`` names the choice the date is for (``by``, ``start``; see ``ChoiceError``).
    """
    from mlplan.errors import ChoiceError

    try:
        day = date.fromisoformat(text.strip())
    except ValueError as exc:
        detail = "" if str(exc).startswith("Invalid isoformat") else f" ({exc})"
        raise ChoiceError(
            "{choice} {text}: not a date{detail}; write dates as YYYY-MM-DD, like 2026-12-24",
            choice=field,
            text=text,
            detail=detail,
        ) from exc
    if not FIRST_DATE <= day <= LAST_DATE:
        raise ChoiceError(
            "{choice} {text}: out of range; give a date from {first} to {last}",
            choice=field,
            text=text,
            first=FIRST_DATE,
            last=LAST_DATE,
        )
    return day


def day_label(day: date | str) -> str:
    """A day for people: ``Mon 23 Nov 2026`` (from a date or its ISO text)."""
    return f"{date.fromisoformat(day) if isinstance(day, str) else day:%a %d %b %Y}"


def not_future(day: date) -> date:
    """``day``, unless it is after today: progress cannot be recorded for a day not yet lived."""
    from mlplan.errors import ChoiceError

    if day > today():
        raise ChoiceError(
            "{date} {day} is in the future (today is {today}); record what you did today or before",
            day=day,
            today=today(),
        )
    return day
