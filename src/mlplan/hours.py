"""Quarter-hour arithmetic, and hours and durations as people write them.

mlplan counts time in quarter hours: roadmap hours, weekly budgets and
schedule parts are all multiples of 0.25 h, so the scheduler can work in
whole numbers (``quarters``) and never accumulates float error.

This is the one place that reads hours from text: the duration grammar
(``90m``, ``1.5h``, ``1h30m``) and its words, which ``hour_forms`` reuses for
the longer forms curricula write, and ``read_hours``, which every number of hours a
learner types goes through (finite, in range, rounded with a note).
"""

from __future__ import annotations

import math
import re
from typing import NamedTuple

from mlplan.errors import ChoiceError, Note

NUMBER = r"\d+(?:\.\d+)?"
HOUR_WORD = r"(?:hours?|hrs?|h)"
MINUTE_WORD = r"(?:minutes?|mins?|m)"
QUARTER = 0.25
MINUTE = 1 / 60

_DURATION = re.compile(
    rf"\s*(?:(?P<h>{NUMBER})\s*{HOUR_WORD})?\s*(?:(?P<m>{NUMBER})\s*{MINUTE_WORD})?\s*",
    re.IGNORECASE,
)


def quarters(hours: float) -> int:
    """Hours as a whole number of quarter hours (hours must already be a quarter multiple)."""
    return round(hours * 4)


def is_quarter(hours: float) -> bool:
    """True when ``hours`` is a whole number of quarter hours."""
    return math.isfinite(hours) and math.isclose(hours * 4, round(hours * 4), abs_tol=1e-9)


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
    match = _DURATION.fullmatch(text)
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


class Hours(NamedTuple):
    """A value read by ``read_hours``: the hours, and a note when they were rounded."""

    hours: float
    note: Note | None


def read_hours(
    value: float | str,
    choice: str = "",
    *,
    given: str | None = None,
    most: float,
    step: float = QUARTER,
    numbers: bool = True,
    per: str = "",
    like: str,
    like_alone: bool = False,
) -> Hours:
    """Hours the learner typed, or a ChoiceError that gives the valid range.

    ``value`` is a number of hours (when ``numbers``) or a duration (``90m``,
    ``1h30m``); it must be finite, round to at least one ``step`` and be at most
    ``most``. It is rounded to the nearest ``step`` (a quarter hour, or a minute),
    and the note says so. ``choice`` is the choice it is for (``hours``, named by
    the CLI as its option; none for an answer or a roadmap's hours), ``given`` how
    the value was typed (default ``value``), ``per`` qualifies the range
    (`` a week``) and ``like`` is an example value to copy (after the choice,
    unless ``like_alone``).
    """
    given = given if given is not None else f"{value:g}" if isinstance(value, float) else value
    subject = "{choice} {given}" if choice else "{given}"
    example = "{like}" if like_alone or not choice else "{choice} {like}"
    span = "give {step} to {most}{per}, like " + example
    words = {"given": given, "step": format_hours(step), "most": format_hours(most), "per": per, "like": like}
    hours = _hours_in(value, numbers)
    if hours is None:
        kind = "a number of hours or a duration" if numbers else "a duration such as 90m or 1h30m"
        raise ChoiceError(subject + ": not {kind}; " + span, choice=choice, kind=kind, **words)
    if hours > most:
        raise ChoiceError(subject + ": more than {most}{per}; " + span, choice=choice, **words)
    rounded = round(hours / step) * step if hours > 0 else 0.0
    if rounded < step * (1 - 1e-9):
        raise ChoiceError(subject + ": less than {step}; " + span, choice=choice, **words)
    if math.isclose(rounded, hours, abs_tol=1e-9):
        return Hours(rounded, None)
    unit = "quarter hour" if step == QUARTER else "minute"
    note = Note(
        subject + ": rounded to {used} (the nearest {unit})",
        choice=choice,
        given=given,
        used=format_hours(rounded),
        unit=unit,
    )
    return Hours(rounded, note)


def _hours_in(value: float | str, numbers: bool) -> float | None:
    """The hours in ``value``; None when it holds no number (or NaN)."""
    if isinstance(value, str):
        text = value.strip()
        hours = _number(text) if numbers else None
        if hours is None:
            hours = parse_duration(text)
    else:
        hours = float(value)
    return None if hours is None or math.isnan(hours) else hours


def _number(text: str) -> float | None:
    if not re.fullmatch(rf"[+-]?{NUMBER}|[+-]?\.\d+", text):  # no nan, inf, 1e309 or 1_000
        return None
    return float(text)
