"""Dates: today's (in one place, so tests can fix the clock) and the ones users type."""

from __future__ import annotations

from datetime import date


def today() -> date:
    """The local date today."""
    return date.today()


def parse_date(text: str, option: str) -> date:
    """An ISO date ``YYYY-MM-DD``; the message says why a date is impossible."""
    from mlplan.errors import UsageError

    try:
        return date.fromisoformat(text.strip())
    except ValueError as exc:
        detail = "" if str(exc).startswith("Invalid isoformat") else f" ({exc})"
        raise UsageError(f"{option} {text}: not a date{detail}; write dates as YYYY-MM-DD, like 2026-12-24") from exc


def not_future(day: date, option: str = "--date") -> date:
    """``day``, unless it is after today: progress cannot be recorded for a day not yet lived."""
    from mlplan.errors import UsageError

    if day > today():
        raise UsageError(f"{option} {day} is in the future (today is {today()}); record what you did today or before")
    return day
