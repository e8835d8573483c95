"""Quarter-hour arithmetic and the ways people write durations.

mlplan counts time in quarter hours: roadmap hours, weekly budgets and
schedule parts are all multiples of 0.25 h, so the scheduler can work in
whole numbers (``quarters``) and never accumulates float error.
"""

from __future__ import annotations

import math
import re

_DURATION = re.compile(
    r"^\s*(?:(?P<h>\d+(?:\.\d+)?)\s*(?:h|hr|hrs|hour|hours))?\s*"
    r"(?:(?P<m>\d+(?:\.\d+)?)\s*(?:m|min|mins|minute|minutes))?\s*$",
    re.IGNORECASE,
)


def quarters(hours: float) -> int:
    """Hours as a whole number of quarter hours (hours must already be a quarter multiple)."""
    return round(hours * 4)


def is_quarter(hours: float) -> bool:
    """True when ``hours`` is a whole number of quarter hours."""
    return math.isclose(hours * 4, round(hours * 4), abs_tol=1e-9)


def round_quarter(hours: float) -> float:
    """Round to the nearest quarter hour, never below a quarter."""
    return max(0.25, round(hours * 4) / 4)


def split_hours(total: float, weights: list[float]) -> list[float]:
    """Split ``total`` in proportion to ``weights``, in quarter hours summing exactly to ``total``.

    Largest-remainder rounding: each part gets its floor in quarters, then the
    quarters left over go to the parts that lost most to the floor (the first
    such part on ties, so the result is deterministic).
    """
    if not weights or any(w <= 0 for w in weights):
        raise ValueError("weights must be positive")
    whole_quarters = quarters(total)
    whole = sum(weights)
    exact = [whole_quarters * w / whole for w in weights]
    parts = [math.floor(x) for x in exact]
    by_remainder = sorted(range(len(weights)), key=lambda i: (-(exact[i] - parts[i]), i))
    for i in by_remainder[: whole_quarters - sum(parts)]:
        parts[i] += 1
    return [p / 4 for p in parts]


def parse_duration(text: str) -> float | None:
    """Hours in ``text`` written as ``90m``, ``1.5h``, ``1h30m``, ``2 hours``; None if it is not a duration."""
    match = _DURATION.match(text)
    if not match or not (match["h"] or match["m"]):
        return None
    return float(match["h"] or 0) + float(match["m"] or 0) / 60


def format_hours(hours: float) -> str:
    """Hours for people: ``3 h``, ``1.5 h``, ``45 min``."""
    if 0 < hours < 1:
        return f"{round(hours * 60)} min"
    return f"{hours:g} h"


def hours_as_floats(data: object, under_hours: bool = False) -> object:
    """``data`` with every number under a key naming hours (``hours``, ``done_hours``, ``day_hours``…) a float.

    JSON readers in typed languages need one type per key; a sum over nothing is
    the int 0 in Python and schedules stored long ago hold ints, so ``--json``
    output passes through here.
    """
    if isinstance(data, dict):
        return {k: hours_as_floats(v, under_hours or "hours" in str(k)) for k, v in data.items()}
    if isinstance(data, list):
        return [hours_as_floats(v, under_hours) for v in data]
    if under_hours and isinstance(data, int) and not isinstance(data, bool):
        return float(data)
    return data
