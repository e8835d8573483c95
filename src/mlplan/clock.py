"""Today's date, in one place so tests can fix the clock."""

from __future__ import annotations

from datetime import date


def today() -> date:
    """The local date today."""
    return date.today()
