"""Quarter-hour arithmetic and the duration forms people type."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mlplan.hours import format_hours, parse_duration, split_hours


@given(
    total_quarters=st.integers(min_value=1, max_value=400),
    weights=st.lists(st.integers(min_value=1, max_value=7), min_size=1, max_size=7),
)
def test_split_hours_adds_up_exactly_in_quarter_hours(total_quarters, weights):
    total = total_quarters / 4
    parts = split_hours(total, weights)
    assert sum(parts) == total
    assert all(p * 4 == int(p * 4) for p in parts)
    # proportional: no part is more than a quarter hour away from its exact share
    for part, weight in zip(parts, weights, strict=True):
        assert abs(part - total * weight / sum(weights)) < 0.25


def test_a_25_hour_week_split_by_days():
    assert split_hours(25, [3, 2, 2]) == [10.75, 7.25, 7.0]
    assert split_hours(25, [4, 3]) == [14.25, 10.75]


@pytest.mark.parametrize(
    ("text", "hours"),
    [("90m", 1.5), ("1.5h", 1.5), ("1h30m", 1.5), ("2 hours", 2), ("45 min", 0.75), ("30m", 0.5), ("1H", 1)],
)
def test_durations_people_write(text, hours):
    assert parse_duration(text) == hours


@pytest.mark.parametrize("text", ["", "soon", "30", "1h 30", "-1h", "h"])
def test_things_that_are_not_durations(text):
    assert parse_duration(text) is None


def test_format_hours():
    assert [format_hours(h) for h in (3, 1.5, 0.75, 0.25)] == ["3 h", "1.5 h", "45 min", "15 min"]
