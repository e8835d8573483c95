"""The scheduler's rules, checked over random roadmaps and availabilities (hypothesis) and on examples."""

from __future__ import annotations

import math
from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from mlplan import catalog
from mlplan.errors import UsageError
from mlplan.models import Roadmap
from mlplan.scheduler import Availability, StudyItem, build_schedule
from mlplan.selection import study_items

MONDAY = date(2026, 11, 23)

# --- strategies ---------------------------------------------------------------------------------

quarter_hours = st.integers(min_value=1, max_value=48).map(lambda q: q / 4)


@st.composite
def roadmaps(draw) -> Roadmap:
    """Random valid roadmaps: 1-3 stages of 1-4 units of 1-5 items, prerequisites on earlier units."""
    stages, earlier = [], []
    for s in range(draw(st.integers(1, 3))):
        units = []
        for u in range(draw(st.integers(1, 4))):
            unit_id = f"s{s}u{u}"
            prereqs = draw(st.lists(st.sampled_from(earlier), unique=True, max_size=2)) if earlier else []
            items = [
                {
                    "id": f"{unit_id}.i{i}",
                    "kind": "task",
                    "title": f"Item {i}",
                    "hours": draw(quarter_hours),
                    "estimated": False,
                }
                for i in range(draw(st.integers(1, 5)))
            ]
            units.append({"id": unit_id, "title": f"Unit {unit_id}", "prerequisites": prereqs, "items": items})
            earlier.append(unit_id)
        stages.append({"id": f"s{s}", "title": f"Stage {s}", "units": units})
    return Roadmap.model_validate({"id": "random", "title": "Random", "source": "hypothesis", "stages": stages})


@st.composite
def availabilities(draw, with_days_off: bool = True) -> Availability:
    """Random availabilities: even or per-day hours, optional cap, minimum part, days off."""
    weekdays = tuple(sorted(draw(st.sets(st.integers(0, 6), min_size=1))))
    min_part = draw(st.sampled_from([0.25, 0.5, 0.75, 1.0]))
    start = MONDAY + timedelta(days=draw(st.integers(0, 6)))
    if draw(st.booleans()):
        day_hours = {d: draw(st.integers(1, 24)) / 4 for d in weekdays}
        hours = sum(day_hours.values())
    else:
        day_hours = None
        hours = draw(st.integers(len(weekdays), 160)) / 4
    cap = draw(st.none() | st.integers(2, 24).map(lambda q: q / 4))
    off = frozenset()
    if with_days_off:
        off = frozenset(start + timedelta(days=d) for d in draw(st.sets(st.integers(0, 90), max_size=20)))
    return Availability(hours, start, weekdays, day_hours, cap, min_part, off)


def schedule_or_skip(items, availability):
    """Build the schedule; inputs the scheduler rightly refuses (an item that can never fit) are skipped."""
    try:
        return build_schedule(items, availability)
    except UsageError:
        assert any(not _fits_in_parts(i.hours, availability) for i in items), "refused a feasible input"
        assume(False)


def _fits_in_parts(hours, availability):
    """Brute force: can ``hours`` be cut into parts between the minimum part and the longest day?"""
    longest = max(availability.capacity_by_weekday().values()) / 4
    if hours <= longest:
        return True
    sizes = [q / 4 for q in range(int(availability.min_part * 4), int(longest * 4) + 1)]
    reachable = {0.0}
    for _ in range(int(hours * 4)):
        reachable |= {r + s for r in reachable for s in sizes if r + s <= hours}
    return hours in reachable


def parts_by_item(schedule):
    out: dict[str, list] = {}
    for day in schedule.study_days():
        for part in day.parts:
            out.setdefault(part.item_id, []).append((day.date, part))
    return out


settings.register_profile("mlplan", deadline=None, suppress_health_check=[HealthCheck.filter_too_much])
settings.load_profile("mlplan")

# --- rule 1: every hour placed once, order and prerequisites kept -------------------------------


@given(roadmaps(), availabilities(), st.data())
def test_every_hour_is_placed_once_in_roadmap_order(roadmap, availability, data):
    unit_ids = [u.id for u in roadmap.units()]
    from_unit = data.draw(st.none() | st.sampled_from(unit_ids))
    skip = data.draw(st.lists(st.sampled_from(unit_ids + [i.id for i in roadmap.items()]), max_size=3))
    items = study_items(roadmap, from_unit, skip)
    schedule = schedule_or_skip(items, availability)

    placed = parts_by_item(schedule)
    assert list(placed) == [item.id for item in items]  # every included item, in roadmap order
    for item in items:
        parts = placed[item.id]
        assert sum(p.hours for _, p in parts) == item.hours
        assert [p.part for _, p in parts] == list(range(1, len(parts) + 1))
        assert all(p.parts == len(parts) for _, p in parts)
    sequence = [p.item_id for day in schedule.study_days() for p in day.parts]
    assert sequence == sorted(sequence, key=[i.id for i in items].index)
    # a unit's prerequisites are finished before it starts
    first_day = {
        u: min(d for i in items if i.unit_id == u for d, _ in placed[i.id]) for u in {i.unit_id for i in items}
    }
    last_day = {u: max(d for i in items if i.unit_id == u for d, _ in placed[i.id]) for u in first_day}
    for unit in roadmap.units():
        for prereq in unit.prerequisites:
            if unit.id in first_day and prereq in last_day:
                assert last_day[prereq] <= first_day[unit.id]


# --- rule 2: capacities -------------------------------------------------------------------------


@given(roadmaps(), availabilities())
def test_no_day_or_week_holds_more_than_it_may(roadmap, availability):
    schedule = schedule_or_skip(study_items(roadmap), availability)
    capacity = availability.capacity_by_weekday()
    for week in schedule.weeks:
        assert week.hours <= availability.hours_per_week
        assert week.start == availability.start + timedelta(days=7 * (week.number - 1))
        for day in week.days:
            assert week.start <= day.date <= week.end
            assert day.date not in availability.days_off
            assert day.date.weekday() in availability.weekdays
            assert day.hours * 4 <= capacity[day.date.weekday()]
            if availability.daily_cap is not None:
                assert day.hours <= availability.daily_cap


# --- rule 3: a day off makes the plan longer, not denser ----------------------------------------


@given(roadmaps(), availabilities(with_days_off=False), st.integers(0, 30))
def test_a_day_off_lengthens_the_plan_without_crowding_other_days(roadmap, availability, offset):
    items = study_items(roadmap)
    before = schedule_or_skip(items, availability)
    off_day = availability.start + timedelta(days=offset)
    after = build_schedule(items, Availability(**{**availability.__dict__, "days_off": frozenset({off_day})}))
    assert off_day not in [day.date for day in after.study_days()]
    capacity = availability.capacity_by_weekday()
    used = {day.date: day.hours * 4 for day in before.study_days()}
    days_before_end = (availability.start + timedelta(days=n) for n in range((before.end - availability.start).days))
    tight = all(used.get(day, 0) == capacity.get(day.weekday(), 0) for day in days_before_end)
    if tight or availability.min_part <= 0.25:
        # Less room cannot finish sooner when every earlier day was full, or when any quarter hour
        # can be a part. Otherwise the minimum part can leave days idle, and a day off can shift the
        # splits so that they fit better: the plan may then end earlier, but never crowd a day.
        assert after.end >= before.end
    assert after.total_hours == before.total_hours
    hours_before = {day.date: day.hours for day in before.study_days()}
    for day in after.study_days():  # no day studies more than its own capacity allows
        assert day.hours * 4 <= availability.capacity_by_weekday()[day.date.weekday()]
        if day.date < off_day:
            assert day.hours == hours_before[day.date]


# --- rule 4: splitting --------------------------------------------------------------------------


@given(roadmaps(), availabilities())
def test_items_split_only_when_they_do_not_fit_and_parts_respect_the_minimum(roadmap, availability):
    items = study_items(roadmap)
    schedule = schedule_or_skip(items, availability)
    capacity = availability.capacity_by_weekday()
    hours = {item.id: item.hours for item in items}
    for day in schedule.study_days():
        used = 0.0
        for part in day.parts:
            room = capacity[day.date.weekday()] / 4 - used
            if part.part == 1 and part.parts > 1:
                assert hours[part.item_id] > room, f"{part.item_id} fit in {room} h but was split"
            if part.parts > 1:
                assert part.hours >= availability.min_part
            used += part.hours
    for item_id, parts in parts_by_item(schedule).items():
        if hours[item_id] < availability.min_part:
            assert len(parts) == 1


# --- rule 5: as short as the rules allow --------------------------------------------------------


@given(
    st.lists(st.integers(1, 12), min_size=1, max_size=40),
    st.sets(st.integers(0, 6), min_size=1),
    st.integers(1, 8),
    st.sampled_from([0.25, 0.5, 1.0]),
    st.integers(0, 6),
)
def test_with_whole_minimum_parts_the_plan_takes_exactly_the_weeks_it_needs(
    multiples, weekdays, per_day, min_part, start_offset
):
    items = [StudyItem(f"i{n}", "item", m * min_part, "u") for n, m in enumerate(multiples)]
    day_hours = {d: per_day * min_part for d in weekdays}
    weekly = sum(day_hours.values())
    availability = Availability(
        weekly, MONDAY + timedelta(days=start_offset), tuple(sorted(weekdays)), day_hours, min_part=min_part
    )
    schedule = build_schedule(items, availability)
    total = sum(item.hours for item in items)
    assert schedule.study_weeks == math.ceil(total / weekly)
    assert len(schedule.weeks) == schedule.study_weeks


# --- examples -----------------------------------------------------------------------------------


def test_a_long_item_is_split_into_numbered_parts():
    items = [StudyItem("a", "Long project", 5, "u")]
    schedule = build_schedule(items, Availability(10, MONDAY, (0, 2, 4), {0: 2, 2: 2, 4: 6}))
    parts = [(d.date.isoformat(), p.hours, p.part, p.parts) for d in schedule.study_days() for p in d.parts]
    assert parts == [("2026-11-23", 2, 1, 3), ("2026-11-25", 2, 2, 3), ("2026-11-27", 1, 3, 3)]


def test_the_part_shrinks_to_leave_a_minimum_part_for_later():
    items = [StudyItem("a", "A", 1, "u"), StudyItem("b", "B", 1.25, "u")]
    schedule = build_schedule(items, Availability(4, MONDAY, (0, 1), {0: 2, 1: 2}, min_part=0.5))
    monday, tuesday = schedule.study_days()
    # 1 h of room: taking it all would leave 15 min, so 45 min now and 30 min later
    assert [(p.item_id, p.hours, p.part) for p in monday.parts] == [("a", 1, 1), ("b", 0.75, 1)]
    assert [(p.item_id, p.hours, p.part) for p in tuesday.parts] == [("b", 0.5, 2)]


def test_a_leftover_shorter_than_the_minimum_stays_free():
    items = [StudyItem("a", "A", 1.75, "u"), StudyItem("b", "B", 0.75, "u")]
    schedule = build_schedule(items, Availability(4, MONDAY, (0, 1), {0: 2, 1: 2}, min_part=0.5))
    monday, tuesday = schedule.study_days()
    assert monday.hours == 1.75 and [p.item_id for p in tuesday.parts] == ["b"]


def test_days_off_over_the_holidays_push_the_end_date():
    items = [StudyItem(f"i{n}", "x", 1, "u") for n in range(25)]
    plain = build_schedule(items, Availability(5, MONDAY))
    holiday = frozenset(date(2026, 12, 24) + timedelta(days=n) for n in range(9))  # Dec 24 - Jan 1
    with_off = build_schedule(items, Availability(5, MONDAY, days_off=holiday))
    assert plain.end == date(2026, 12, 25)
    assert with_off.end == date(2027, 1, 5)  # Dec 24, 25 and the week after move past New Year
    assert max(day.hours for day in with_off.study_days()) == 1
    assert all(day.date not in holiday for day in with_off.study_days())


def test_an_item_that_can_never_fit_is_refused_with_a_way_out():
    with pytest.raises(UsageError, match="cannot fit.*smaller min part"):
        build_schedule([StudyItem("a", "A", 0.75, "u")], Availability(2.5, MONDAY, daily_cap=0.5, min_part=0.5))


BUNDLED_PACES = {"zero-to-engineer-16w": 13, "distinguished-52w": 25}


@pytest.mark.parametrize(
    "roadmap_id", ["bedrock-24", "complete-course-15", "distinguished-52w", "practitioner-23", "zero-to-engineer-16w"]
)
@pytest.mark.parametrize("pace", [5, 10, "own"])
def test_every_bundled_roadmap_schedules_at_several_paces(roadmap_id, pace):
    roadmap = catalog.load(roadmap_id)
    weekly = (roadmap.hours_per_week or 10) if pace == "own" else pace
    items = study_items(roadmap)
    schedule = build_schedule(items, Availability(weekly, MONDAY))
    assert schedule.total_hours == roadmap.total_hours()
    assert [p.item_id for d in schedule.study_days() for p in d.parts if p.part == 1] == [i.id for i in items]
    assert all(week.hours <= weekly for week in schedule.weeks)
    # a few quarter hours may stay free where a part would be shorter than 30 minutes
    assert schedule.study_weeks <= math.ceil(roadmap.total_hours() / weekly * 1.1)


def test_zero_to_engineer_at_13_hours_over_seven_days_lands_in_its_16_weeks_plus_one_for_capstones():
    roadmap = catalog.load("zero-to-engineer-16w")
    schedule = build_schedule(study_items(roadmap), Availability(13, MONDAY, weekdays=tuple(range(7))))
    capstone_hours = sum(i.hours for u in roadmap.units() if not u.title.startswith("Week") for i in u.items)
    assert schedule.study_weeks == math.ceil((16 * 13 + capstone_hours) / 13) == 17
    assert all(week.hours <= 13 for week in schedule.weeks)
