"""The ways curricula write hours, read from one line of text.

The Markdown importer asks this module three questions about a piece of text:
how many hours does it state for one task (``[3 hrs]``, ``(2h)``, ``90 min``,
``~4 hours``, ``1.5 hours``, ``Effort: 10 hours/week`` with ``Duration: 8
weeks``), what weekly pace does it state (``Target: 25 hours/week``,
``(12–14 hrs/week)``), and how many weeks or days does a title span
(``Week 3``, ``Weeks 3-4``, ``Day 1-3``). A range counts as its midpoint.
Answers are plain floats; rounding to quarter hours is the caller's business.
The words for hours and minutes, and the duration grammar, are ``hours``'s.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from mlplan.hours import HOUR_WORD, MINUTE_WORD, NUMBER, parse_duration

_NUM = NUMBER
_RANGE = rf"(?P<a>{_NUM})(?:\s*(?:-|–|—|to)\s*(?P<b>{_NUM}))?"
_APPROX_WORDS = r"~|≈|about|approx\.?|approximately|around|roughly"  # _APPROX's words, looked for before a number
_APPROX = r"(?:~\s*|≈\s*|about\s+|approx(?:\.|imately)?\s+|around\s+|roughly\s+)?"
_PER_WEEK = r"\s*(?:/|per\s+|a\s+|each\s+)\s*(?:week|wk)\b"
_NOT_A_RATE = r"(?!\s*(?:/|per\b|a\s+(?:week|day)\b|each\b))"

_PACE = re.compile(rf"(?:(?:target|effort|pace)\s*:?\s*)?{_APPROX}{_RANGE}\s*{HOUR_WORD}{_PER_WEEK}", re.I)
# How every _PACE form ends ("4 hrs/week"). It starts with \d, so a search skips to the digits, where _PACE's
# optional start makes a search try the whole pattern at every position: look for this first.
_PACE_END = re.compile(rf"\d\s*{HOUR_WORD}{_PER_WEEK}", re.I)
_WEEKS = re.compile(rf"(?:duration\s*:?\s*)?{_APPROX}{_RANGE}\s*(?P<unit>weeks?|wks?|months?)\b", re.I)
# How every _WEEKS form ends ("8 weeks"), looked for first for the same reason as _PACE_END.
_WEEKS_END = re.compile(r"\d\s*(?:weeks?|wks?|months?)\b", re.I)
# \d\d*, not \d+: a pattern that starts with \d lets a search skip to the digits.
_COMPOUND = re.compile(rf"(?P<h>\d\d*)\s*{HOUR_WORD}\s*(?P<m>\d+)\s*{MINUTE_WORD}\b", re.I)
_HOURS = re.compile(
    rf"(?P<open>[\[(]\s*)?{_APPROX}{_RANGE}\s*(?P<unit>{HOUR_WORD}|minutes?|mins?)\b\.?{_NOT_A_RATE}(?(open)\s*[\])])",
    re.I,
)
# Where an _HOURS form's number and unit can be (also starting with \d).
_HOUR_NUMBER = re.compile(rf"\d[\d.]*(?:\s*(?:-|–|—|to)\s*[\d.]+)?\s*(?:{HOUR_WORD}|minutes?|mins?)\b", re.I)
_SPAN = r"\s*0*(?P<a>\d+)(?:\s*(?:-|–|—|to)\s*0*(?P<b>\d+))?\b"
_DAYS = re.compile(rf"^(?:days?)?{_SPAN}", re.I)
_LEADING_WEEKS = re.compile(rf"^weeks?{_SPAN}", re.I)
_APPROX_BEFORE = re.compile(rf"(?:{_APPROX_WORDS})\Z", re.I)
_PLAIN_NUMBER = re.compile(_NUM)
_IN_MINUTES = re.compile(r"\bmin", re.I)
_WEEKS_PER_MONTH = 52 / 12
_NUMBER_THEN_UNIT = re.compile(r"\d\s*[hmw]", re.I)  # how every hour, minute, week or month form goes on
# The same for an ASCII text: its only digits are 0-9 and its only letters read as h, m or w are these, so the
# scan for a digit is a table look-up a character where \d asks Unicode's digit tables (and no letter is folded).
_ASCII_NUMBER_THEN_UNIT = re.compile(r"[0-9]\s*[hmwHMW]")


def _midpoint(match: re.Match[str]) -> float:
    low = float(match["a"])
    return (low + float(match["b"])) / 2 if match["b"] else low


def pace(text: str) -> float | None:
    """Hours a week that ``text`` states (``25 hours/week``, ``12–14 hrs/week``), or None."""
    match = _PACE.search(text) if _states_pace(text) else None
    return _midpoint(match) if match else None


def weeks(text: str) -> float | None:
    """Weeks that ``text`` states as a duration (``8 weeks``, ``10-12 weeks``, ``6 months``), or None."""
    match = _WEEKS.search(text) if _WEEKS_END.search(text) else None
    if not match:
        return None
    count = _midpoint(match)
    return count * _WEEKS_PER_MONTH if match["unit"].lower().startswith("month") else count


@cache  # the importer reads a line's hours when it builds the item, then again when it reports what it left out
def task_hours(text: str) -> tuple[float | None, str]:
    """Hours stated for one task in ``text``, and the text without the hour forms.

    ``Effort: 10 hours/week`` with ``Duration: 8 weeks`` makes 80 hours; otherwise every
    ``[3 hrs]``, ``(2h)``, ``90 min`` or ``1h30m`` in the text is added up.
    """
    if not may_state_hours(text):
        return None, text
    rate = _PACE.search(text) if _states_pace(text) else None
    length = _WEEKS.search(text) if rate else None
    if rate and length:
        total = _midpoint(rate) * (weeks(length.group()) or 0)
        return total, _tidy(_cut(text, [rate.span(), length.span()]))
    compound = _COMPOUND.search(text)  # seldom there: one search is cheaper than a finditer that finds nothing
    if compound is None:
        matches = list(_hour_matches(text))
    else:
        matches = [compound, *_COMPOUND.finditer(text, compound.end())]
        compounds = [match.span() for match in matches]  # "1h30m": its "30m" is not another form
        matches += [m for m in _hour_matches(text) if not any(start <= m.start() < end for start, end in compounds)]
    if not matches:
        return None, text
    total = 0.0
    for match in matches:
        total += _as_hours(match)
    return total, _tidy(_cut(text, [match.span() for match in matches]))


def may_state_hours(text: str) -> bool:
    """Whether ``text`` holds a number followed by an hour, minute or week word, as every hour form does.

    Most lines do not: ``task_hours`` of such a text is ``(None, text)``.
    """
    return (_ASCII_NUMBER_THEN_UNIT if text.isascii() else _NUMBER_THEN_UNIT).search(text) is not None


def _states_pace(text: str) -> bool:
    """Whether ``text`` could state a weekly pace: cheap tests before the pace pattern."""
    lowered = text.lower()
    return ("week" in lowered or "wk" in lowered) and _PACE_END.search(text) is not None


def _hour_matches(text: str) -> Iterator[re.Match[str]]:
    """``_HOURS.finditer(text)``, quicker.

    The pattern starts with optional parts, so a search tries it at every position of the text;
    here it is tried only just before each number followed by an hour word.
    """
    low = 0
    while number := _HOUR_NUMBER.search(text, low):
        for start in range(_earliest_start(text, low, number.start()), number.start() + 1):
            if match := _HOURS.match(text, start):
                yield match
                low = match.end()
                break
        else:
            low = number.start() + 1
        if not _NUMBER_THEN_UNIT.search(text, low):
            return  # every hour form has a digit before its word: none is left (a cheaper search than the one above)


def _earliest_start(text: str, low: int, number: int) -> int:
    """Where, not before ``low``, an hour form whose number is at ``number`` can start.

    Only spaces, an "about" word and an opening bracket come before the number: ``(about 3 hours)``.
    """
    start = len(text[:number].rstrip())
    if approx := _APPROX_BEFORE.search(text, max(low, start - len("approximately")), start):
        start = len(text[: approx.start()].rstrip())
    if start > low and text[start - 1] in "[(":
        start -= 1
    return max(low, start)


@cache  # each unit of a long document states its time in the same words
def hours_value(label: str, value: str) -> float | None:
    """Hours in a labelled value such as ``Estimated time (hours): 13`` or ``Time: 90 min``."""
    value = value.strip()
    if _PLAIN_NUMBER.fullmatch(value):
        return float(value) / 60 if _IN_MINUTES.search(label) else float(value)
    stated, _ = task_hours(value)
    return stated if stated is not None else parse_duration(value)


def day_count(text: str) -> int | None:
    """Days a ``Day 1-3`` (or bare ``4-5``) range at the start of ``text`` spans, or None."""
    match = _DAYS.match(text.strip())
    if not match:
        return None
    first, last = int(match["a"]), int(match["b"] or match["a"])
    return last - first + 1 if 0 < first <= last <= 7 else None


def leading_weeks(title: str) -> int | None:
    """Weeks a title that starts with ``Week 3`` or ``Weeks 3-4`` spans, or None."""
    match = _LEADING_WEEKS.match(title.strip())
    if not match:
        return None
    first, last = int(match["a"]), int(match["b"] or match["a"])
    return last - first + 1 if first <= last else None


def strip_pace(text: str) -> str:
    """``text`` without a stated weekly pace (for titles such as ``Study Plan (12–14 hrs/week)``)."""
    return _tidy(_PACE.sub("", text) if _states_pace(text) else text)


def _as_hours(match: re.Match[str]) -> float:
    if match.re is _COMPOUND:
        return (parse_duration(f"{match['h']}h{match['m']}m")) or 0.0
    amount = _midpoint(match)
    return amount / 60 if match["unit"].lower().startswith("m") else amount


def _cut(text: str, spans: list[tuple[int, int]]) -> str:
    for start, end in sorted(spans, reverse=True):
        text = text[:start] + " " + text[end:]
    return text


def _tidy(text: str) -> str:
    """Remove what an hour form leaves behind: empty brackets, dangling separators, a leading 'of'."""
    if "(" in text or "[" in text:  # most texts have no brackets left; the substitution would look at each character
        text = _EMPTY_BRACKETS.sub(" ", text)
    if _MARK_AFTER_SPACE.search(text):  # seldom; the substitution would try every space
        text = _SPACE_BEFORE_MARK.sub(r"\1", text)
    text = _SPACES.sub(" ", text).strip()
    if leading := _LEADING_SEPARATORS.match(text):
        text = text[leading.end() :]
    if text.endswith(_SEPARATORS):  # the pattern below tries every position of the text
        text = _TRAILING_SEPARATORS.sub("", text).strip()
    return text


_EMPTY_BRACKETS = re.compile(r"[\[(]\s*[,;]?\s*[\])]")
# These two start with \s, not \s+, so that a search skips to the spaces.
_SPACE_BEFORE_MARK = re.compile(r"\s\s*([,;:.])")
_SPACES = re.compile(r"\s\s+")
_MARK_AFTER_SPACE = re.compile(r"[,;:.](?<=\s.)")  # a mark found first, then the space before it
_LEADING_SEPARATORS = re.compile(r"^(?:of\s+|[-–—:,;|]\s*)+", re.I)
_SEPARATORS = tuple("-–—:,;|")
_TRAILING_SEPARATORS = re.compile(rf"(?:\s*[{''.join(_SEPARATORS)}])+$")
