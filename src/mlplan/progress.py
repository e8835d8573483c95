"""A learner's progress, derived from the event log and set against the schedule.

Pure: events, the stored schedule (``plan_data.Schedule``), the roadmap snapshot
and a date in; plain dicts out (the ``--json`` shapes of ``today``, ``week`` and
``status``). Nothing here imports pydantic, rich or even dataclasses:
``mlplan today`` runs through this module every day and must start fast.

State comes from replaying the log in order: ``done``/``skip``/``reopen`` set
an item's state, ``log`` records time studied, ``replan`` switches to a newer
schedule, and ``undo`` cancels every event of the batch it names. ``done``
and ``reopen`` on a part id (``w01.t2#1``) change that part only; the event
keeps the part's hours, so a replan can fit just what is left of the item.
A skip's note says why it was recorded (``--from`` for what a replan's
``--from`` left out), so a later ``replan --from`` can bring those items back.

Weeks keep one numbering from the plan's first day: the ``timeline`` joins
each schedule's days until the next replan took over, so a week before a
replan still shows what was planned then.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any, NamedTuple

from mlplan.plan_data import Part, Schedule, StudyDay, Week
from mlplan.wording import CHECKLIST_LABELS

if TYPE_CHECKING:
    from mlplan.plan_data import Settings
    from mlplan.store import Event

DONE, SKIPPED = "done", "skipped"
PROGRESS_KINDS = {"done": DONE, "skip": SKIPPED, "reopen": None}


class Progress:
    """What the log says: item states, when items were finished, time logged, the live schedule."""

    def __init__(self) -> None:
        self.state: dict[str, str] = {}
        self.done_on: dict[str, str] = {}
        self.parts_done: dict[str, dict[int, float]] = {}
        self.skip_note: dict[str, str | None] = {}
        self.touched: set[str] = set()
        self.logs: list[dict[str, Any]] = []
        self.schedule_version = 1
        self.replans: list[tuple[int, str]] = []

    def is_done(self, item_id: str) -> bool:
        return self.state.get(item_id) == DONE

    def part_is_done(self, p: Part) -> bool:
        """Is this scheduled part finished, on its own or with its whole item?"""
        return self.is_done(p.item_id) or (p.parts > 1 and p.part in self.parts_done.get(p.item_id, {}))

    def hours_done(self, item_hours: dict[str, float]) -> dict[str, float]:
        """Hours each entry of ``done_on`` finished: a part its own hours, an item what its parts had left."""
        out = {}
        for key in self.done_on:
            item_id, _, part = key.partition("#")
            if item_id not in item_hours:
                continue
            parts = self.parts_done.get(item_id, {})
            out[key] = parts.get(int(part), 0.0) if part else item_hours[item_id] - sum(parts.values())
        return out

    def part_hours(self, item_id: str) -> float:
        """Hours of an open item's finished parts (0 once the item is done or skipped as a whole)."""
        return 0.0 if item_id in self.state else sum(self.parts_done.get(item_id, {}).values())

    def is_settled(self, p: Part) -> bool:
        """Is this scheduled part done or skipped (with its item or on its own)?"""
        return p.item_id in self.state or self.part_is_done(p)

    def active_dates(self) -> set[str]:
        """Dates with any study: an item finished or time logged."""
        return set(self.done_on.values()) | {log["date"] for log in self.logs}


def undone_batches(events: Sequence[Event]) -> set[int]:
    return {e.undoes_batch for e in events if e.kind == "undo" and e.undoes_batch is not None}


def derive(events: Sequence[Event]) -> Progress:
    """Replay the log (undone batches left out) into the learner's progress."""
    cancelled = undone_batches(events)
    progress = Progress()
    for event in events:
        if event.batch in cancelled or event.kind == "undo":
            continue
        if event.kind in PROGRESS_KINDS and event.item_id:
            item_id, _, part = event.item_id.partition("#")
            progress.touched.add(item_id)
            new_state = PROGRESS_KINDS[event.kind]
            if part:
                _apply_part(progress, event, item_id, int(part))
            elif new_state is None:
                progress.state.pop(item_id, None)
                progress.done_on.pop(item_id, None)
                progress.parts_done.pop(item_id, None)
            else:
                progress.state[item_id] = new_state
                progress.skip_note[item_id] = event.note
                if new_state == DONE and event.on_date:
                    progress.done_on[item_id] = event.on_date
                else:
                    progress.done_on.pop(item_id, None)
        elif event.kind == "log":
            progress.logs.append(
                {"date": event.on_date, "hours": event.hours, "item_id": event.item_id, "note": event.note}
            )
        elif event.kind == "replan" and event.schedule_version:
            progress.schedule_version = max(progress.schedule_version, event.schedule_version)
            progress.replans.append((event.schedule_version, event.on_date or ""))
    return progress


def _apply_part(progress: Progress, event: Event, item_id: str, part: int) -> None:
    parts = progress.parts_done.setdefault(item_id, {})
    if event.kind == "done":
        parts[part] = event.hours or 0.0
        if event.on_date:
            progress.done_on[f"{item_id}#{part}"] = event.on_date
    else:  # reopen: this part only; the item is open again
        parts.pop(part, None)
        progress.done_on.pop(f"{item_id}#{part}", None)
        if progress.state.get(item_id) == DONE:
            progress.state.pop(item_id)
            progress.done_on.pop(item_id, None)


def last_undoable_batch(events: Sequence[Event]) -> list[Event]:
    """The events of the latest command not yet undone (empty when there is nothing to undo)."""
    cancelled = undone_batches(events)
    for event in reversed(events):
        if event.kind != "undo" and event.batch not in cancelled:
            return [e for e in events if e.batch == event.batch]
    return []


HISTORY_KINDS = ("log", "done", "skip", "reopen")


def history_view(events: Sequence[Event], index: RoadmapIndex) -> list[dict[str, Any]]:
    """The study log by date: time logged (with item and note) and items finished, skipped or reopened.

    Undone changes are left out, and so are the skips a replan records for what ``--from`` leaves out.
    """
    cancelled = undone_batches(events)
    replan_batches = {e.batch for e in events if e.kind == "replan"}
    rows = []
    for e in events:
        if e.batch in cancelled or e.batch in replan_batches or e.kind not in HISTORY_KINDS:
            continue
        if e.kind != "log" and not e.item_id:
            continue
        item = index.items.get(base_id(e.item_id)) if e.item_id else None
        rows.append(
            {
                "date": e.on_date,
                "kind": e.kind,
                "hours": float(e.hours) if e.kind == "log" and e.hours is not None else None,
                "item": e.item_id,
                "title": item["title"] if item else None,
                "note": e.note if e.kind == "log" else None,
            }
        )
    rows.sort(key=lambda row: row["date"] or "")
    return rows


# --- ids --------------------------------------------------------------------------------------


def part_id(p: Part) -> str:
    """``m05.project#2`` for the second part of a split item, the item id otherwise."""
    return f"{p.item_id}#{p.part}" if p.parts > 1 else p.item_id


def base_id(some_id: str) -> str:
    """The item id of a part id (``m05.project#2`` → ``m05.project``)."""
    return some_id.split("#", 1)[0]


# --- the roadmap snapshot ---------------------------------------------------------------------


class RoadmapIndex(NamedTuple):
    """Look-ups into a roadmap snapshot (plain data): items, units and the stage of each unit."""

    items: dict[str, dict[str, Any]]
    units: dict[str, dict[str, Any]]
    unit_of: dict[str, str]
    stage_of: dict[str, dict[str, Any]]

    @classmethod
    def of(cls, roadmap: dict[str, Any]) -> RoadmapIndex:
        items, units, unit_of, stage_of = {}, {}, {}, {}
        for stage in roadmap["stages"]:
            for unit in stage["units"]:
                units[unit["id"]] = unit
                stage_of[unit["id"]] = stage
                for item in unit["items"]:
                    items[item["id"]] = item
                    unit_of[item["id"]] = unit["id"]
        return cls(items, units, unit_of, stage_of)

    def expand(self, some_id: str) -> list[str] | None:
        """Item ids meant by a unit, item or part id; None when unknown."""
        if some_id in self.units:
            return [item["id"] for item in self.units[some_id]["items"]]
        item_id = base_id(some_id)
        return [item_id] if item_id in self.items else None


# --- the schedule -----------------------------------------------------------------------------


Moved = dict[date, list[tuple[Part, date | None]]]


class Timeline:
    """The plan's weeks as lived (``timeline``): numbered from ``start``, the plan's first day.

    ``end`` is the last study day (None when there is none). ``moved`` holds, by day, the
    parts a replan moved off that day (see ``timeline``). A plain class with slots,
    cheaper than a NamedTuple to define on ``mlplan today``'s path.
    """

    __slots__ = ("start", "end", "weeks", "moved")

    def __init__(self, start: date, end: date | None, weeks: tuple[Week, ...], moved: Moved | None = None) -> None:
        self.start = start
        self.end = end
        self.weeks = weeks
        self.moved = moved or {}

    def study_days(self) -> list[StudyDay]:
        """Every study day, in order."""
        return [day for week in self.weeks for day in week.days]


def scheduled_items(schedule: Schedule) -> list[str]:
    """Item ids of a schedule in study order, each once."""
    return list(dict.fromkeys(p.item_id for day in schedule.study_days() for p in day.parts))


def week_of(schedule: Schedule | Timeline, on: date) -> Week | None:
    """The week holding ``on``, or None before the start or after the end."""
    index = (on - schedule.start).days // 7 + 1
    for week in schedule.weeks:
        if week.number == index:
            return week
    return None


def session_hours(settings: Settings) -> float:
    """The hours of a typical study session: the week's hours over its study days."""
    return settings.hours_per_week / max(1, len(settings.weekdays))


def behind_hours(schedule: Schedule, progress: Progress, on: date) -> float:
    """Hours planned before ``on`` minus hours finished (negative when ahead), over this schedule's items."""
    days = schedule.study_days()
    expected = sum(
        p.hours for day in days if day.date < on for p in day.parts if progress.state.get(p.item_id) != SKIPPED
    )
    achieved = sum(
        p.hours
        for day in days
        for p in day.parts
        if progress.part_is_done(p) and progress.state.get(p.item_id) != SKIPPED
    )
    return expected - achieved


def timeline(
    schedules: dict[int, Schedule], replans: Sequence[tuple[int, str]], plan_start: date, progress: Progress
) -> Timeline:
    """The plan's days as they were lived: each schedule's days until the next replan took over.

    ``schedules`` maps versions to schedules; ``replans`` are (version, first day) in log order.
    Weeks are numbered from ``plan_start``, 7 days each, whatever the replans' start days.
    A part still open when a replan took over was moved by it: it leaves its day (and that
    week's hours) for ``moved``, with the day the replan put it on (None: left out), so no
    part is planned twice.
    """
    days, moved = _lived_days(schedules, replans, progress)
    by_week: dict[int, list[StudyDay]] = {}
    for day in days:
        by_week.setdefault((day.date - plan_start).days // 7 + 1, []).append(day)
    weeks = tuple(_week(n, plan_start, by_week.get(n, [])) for n in range(1, max(by_week, default=0) + 1))
    return Timeline(plan_start, days[-1].date if days else None, weeks, moved)


def lived_week(
    schedules: dict[int, Schedule],
    replans: Sequence[tuple[int, str]],
    plan_start: date,
    on: date,
    progress: Progress,
) -> Week | None:
    """The week of the ``timeline`` holding ``on`` (None outside it), without making the other weeks."""
    days, _ = _lived_days(schedules, replans, progress)
    number = (on - plan_start).days // 7 + 1
    if number < 1 or not days or (days[-1].date - plan_start).days // 7 + 1 < number:
        return None
    return _week(number, plan_start, [d for d in days if (d.date - plan_start).days // 7 + 1 == number])


def _lived_days(
    schedules: dict[int, Schedule], replans: Sequence[tuple[int, str]], progress: Progress
) -> tuple[list[StudyDay], Moved]:
    segments = [(1, date.min), *((version, _day_or(on, date.min)) for version, on in replans)]
    days: list[tuple[StudyDay, date]] = []
    for n, (version, since) in enumerate(segments):
        until = segments[n + 1][1] if n + 1 < len(segments) else date.max
        if version in schedules:  # a schedule left out is one the caller does not need
            days += [(d, until) for d in schedules[version].study_days() if since <= d.date < until]
    if len(segments) == 1:
        return [day for day, _ in days], {}
    planned_on: dict[str, list[tuple[date, Part]]] = {}
    for day, _ in days:
        for p in day.parts:
            planned_on.setdefault(p.item_id, []).append((day.date, p))
    lived: list[StudyDay] = []
    moved: Moved = {}
    for day, until in days:
        if until != date.max:  # a later replan took over: what was still open then moved
            kept = tuple(p for p in day.parts if not _moved_on(p, until, progress, planned_on))
            if len(kept) < len(day.parts):
                gone = [p for p in day.parts if p not in kept]
                moved[day.date] = [(p, _moved_to(p, until, planned_on)) for p in gone]
                day = day._replace(parts=kept, hours=sum(p.hours for p in kept))
        lived.append(day)
    return lived, moved


def _moved_to(p: Part, replanned: date, planned_on: dict[str, list[tuple[date, Part]]]) -> date | None:
    """The first day from ``replanned`` on with this part of the item (the same part number, else any part)."""
    later = [(day, q) for day, q in planned_on[p.item_id] if day >= replanned]
    same = [day for day, q in later if (q.part, q.parts) == (p.part, p.parts)]
    return same[0] if same else (later[0][0] if later else None)


def _moved_on(p: Part, replanned: date, progress: Progress, planned_on: dict[str, list[tuple[date, Part]]]) -> bool:
    """Did the replan of ``replanned`` move ``p`` (planned before it) away: was the part still open then?"""
    if progress.part_is_done(p):
        finished = progress.done_on.get(part_id(p)) or progress.done_on.get(p.item_id)
        return finished is not None and finished >= replanned.isoformat()
    if progress.state.get(p.item_id) == SKIPPED:  # shown skipped where it was, unless planned again
        return any(day >= replanned for day, _ in planned_on[p.item_id])
    return True


def _week(number: int, plan_start: date, days: list[StudyDay]) -> Week:
    start = plan_start + timedelta(days=7 * (number - 1))
    units = tuple(dict.fromkeys(p.unit_id for d in days for p in d.parts if p.unit_id))
    return Week(number, start, start + timedelta(days=6), sum(d.hours for d in days), units, tuple(days))


def _day_or(text: str, default: date) -> date:
    return date.fromisoformat(text) if text else default


def continue_parts(schedule: Schedule, progress: Progress) -> Schedule:
    """Number a replan's parts after the parts already finished (``#3`` follows a done ``#1``, ``#2``)."""

    def renumbered(p: Part) -> Part:
        done = progress.parts_done.get(p.item_id)
        if done and not progress.is_done(p.item_id):
            return p._replace(part=p.part + max(done), parts=p.parts + max(done))
        return p

    weeks = tuple(
        week._replace(days=tuple(day._replace(parts=tuple(map(renumbered, day.parts))) for day in week.days))
        for week in schedule.weeks
    )
    return schedule._replace(weeks=weeks)


def _resources(item: dict[str, Any] | None) -> list[dict[str, Any]]:
    return list(item.get("resources", [])) if item else []


def _part_view(p: Part, index: RoadmapIndex, progress: Progress) -> dict[str, Any]:
    unit = index.units.get(p.unit_id or index.unit_of.get(p.item_id, ""), {})
    return {
        "id": part_id(p),
        "item_id": p.item_id,
        "title": p.title,
        "unit": unit.get("id"),
        "unit_title": unit.get("title"),
        "hours": p.hours,
        "part": p.part,
        "parts": p.parts,
        "done": progress.part_is_done(p),
        "skipped": progress.state.get(p.item_id) == SKIPPED,
        "resources": _resources(index.items.get(p.item_id)),
    }


def today_view(
    schedule: Schedule,
    settings: Settings,
    index: RoadmapIndex,
    progress: Progress,
    on: date,
    week: Week | None,
) -> dict[str, Any]:
    """The day's session, what is overdue, the week's progress and the next session.

    ``week`` is the week holding ``on`` as lived (``lived_week``; None outside the plan), for
    the week's number and hours. An item with a part today is listed with today's session only,
    never also as overdue.
    """
    days = schedule.study_days()
    today = next((d for d in days if d.date == on), None)
    items = [_part_view(p, index, progress) for p in (today.parts if today else ())]
    today_ids = {item["item_id"] for item in items}

    overdue: dict[str, dict[str, Any]] = {}
    for day in days:
        if day.date >= on:
            break
        for p in day.parts:
            if progress.is_settled(p) or p.item_id in today_ids:
                continue
            entry = overdue.setdefault(
                p.item_id,
                {**_part_view(p, index, progress), "id": p.item_id, "since": day.date.isoformat(), "hours": 0.0},
            )
            entry["hours"] += p.hours
    earlier = [p for d in days if d.date < on for p in d.parts if p.item_id in today_ids]
    for item in items:  # earlier parts of today's items still open, shown beside them
        still_open = [p for p in earlier if p.item_id == item["item_id"] and not progress.is_settled(p)]
        item["earlier_open_hours"] = sum(p.hours for p in still_open)
        item["earlier_open_parts"] = [p.part for p in still_open]

    week_view = None
    if week:
        done = sum(p.hours for d in week.days for p in d.parts if progress.part_is_done(p))
        week_view = {
            "index": week.number,
            "start": week.start.isoformat(),
            "end": week.end.isoformat(),
            "planned_hours": week.hours,
            "done_hours": done,
        }

    upcoming = None
    if not items:
        nxt = next((d for d in days if d.date > on and any(not progress.is_settled(p) for p in d.parts)), None)
        if nxt:
            upcoming = {
                "date": nxt.date.isoformat(),
                "hours": nxt.hours,
                "items": [_part_view(p, index, progress) for p in nxt.parts],
            }

    behind = behind_hours(schedule, progress, on)
    session = session_hours(settings)
    in_schedule = {p.item_id for d in days for p in d.parts}
    unscheduled = sorted(i for i in progress.touched if i not in progress.state and i not in in_schedule)
    return {
        "date": on.isoformat(),
        "hours": sum(item["hours"] for item in items),
        "items": items,
        "overdue": list(overdue.values()),
        "overdue_hours": sum(entry["hours"] for entry in overdue.values()),
        "week": week_view,
        "next": upcoming,
        "behind_hours": behind,
        "suggest_replan": behind > session,
        "unscheduled": unscheduled,
        "finished": not unscheduled and all(progress.is_settled(p) for d in days for p in d.parts),
    }


def week_view(
    schedule: Schedule | Timeline, index: RoadmapIndex, progress: Progress, number: int
) -> dict[str, Any] | None:
    """Week ``number`` as a checklist by day, with its units' summaries, deliverables and outcomes."""
    week = next((w for w in schedule.weeks if w.number == number), None)
    if week is None:
        return None
    units = []
    for unit_id in week.units:
        unit = index.units.get(unit_id, {})
        checks = [c for item in unit.get("items", []) for c in item.get("checklist", [])]
        units.append(
            {
                "id": unit_id,
                "title": unit.get("title", unit_id),
                "summary": unit.get("summary", ""),
                "deliverables": [c for c in checks if not _labelled(c)],
                "checks": [c for c in checks if _labelled(c)],
                "outcomes": list(unit.get("outcomes", [])),
            }
        )
    moved = schedule.moved if isinstance(schedule, Timeline) else {}
    days: list[dict[str, Any]] = [
        {
            "date": d.date.isoformat(),
            "hours": d.hours,
            "items": [{**_part_view(p, index, progress), "moved": False, "moved_to": None} for p in d.parts]
            + [_moved_view(p, to, index, progress) for p, to in moved.get(d.date, [])],
        }
        for d in week.days
    ]
    done = sum(i["hours"] for d in days for i in d["items"] if i["done"] and not i["moved"])
    return {
        "index": week.number,
        "start": week.start.isoformat(),
        "end": week.end.isoformat(),
        "planned_hours": week.hours,
        "done_hours": done,
        "moved_hours": sum(i["hours"] for d in days for i in d["items"] if i["moved"]),
        "days": days,
        "units": units,
    }


def _moved_view(p: Part, to: date | None, index: RoadmapIndex, progress: Progress) -> dict[str, Any]:
    """A part a replan moved off its day, as ``week_view`` lists it there (it counts where it went)."""
    return {**_part_view(p, index, progress), "moved": True, "moved_to": to.isoformat() if to else None}


def _labelled(check: str) -> bool:
    label, sep, _ = check.partition(": ")
    return bool(sep) and label in CHECKLIST_LABELS


def status_view(
    plan_items: Iterable[str],
    schedule: Schedule,
    settings: Settings,
    index: RoadmapIndex,
    progress: Progress,
    on: date,
    plan_start: date,
) -> dict[str, Any]:
    """Progress per stage, hours done and left, ahead/behind, streak and the projected finish."""
    items = list(plan_items)
    hours = {i: index.items[i]["hours"] for i in items if i in index.items}
    done = [i for i in items if progress.is_done(i)]
    skipped = [i for i in items if progress.state.get(i) == SKIPPED]
    done_hours = sum(hours.get(i, 0) for i in done) + sum(progress.part_hours(i) for i in items)
    total_hours = sum(hours.values())
    left_hours = total_hours - done_hours - sum(hours.get(i, 0) for i in skipped)

    stages: dict[str, dict[str, Any]] = {}
    for item_id in items:
        stage = index.stage_of[index.unit_of[item_id]]
        row = stages.setdefault(
            stage["id"],
            {
                "id": stage["id"],
                "title": stage["title"],
                "done_items": 0,
                "total_items": 0,
                "done_hours": 0.0,
                "total_hours": 0.0,
            },
        )
        row["total_items"] += 1
        row["total_hours"] += hours.get(item_id, 0)
        if progress.is_done(item_id):
            row["done_items"] += 1
            row["done_hours"] += hours.get(item_id, 0)
        row["done_hours"] += progress.part_hours(item_id)

    behind = behind_hours(schedule, progress, on)
    session = session_hours(settings)
    days = schedule.study_days()
    planned_end = days[-1].date if days else None
    projected_end = _projected_end(done_hours, left_hours, on, plan_start)
    late = 0
    if projected_end and planned_end:
        late = (date.fromisoformat(projected_end) - planned_end).days
    finished = bool(items) and all(i in progress.state for i in items)
    return {
        "done_items": len(done),
        "total_items": len(items),
        "skipped_items": len(skipped),
        "done_hours": done_hours,
        "total_hours": total_hours,
        "left_hours": left_hours,
        "logged_hours": sum(log["hours"] or 0 for log in progress.logs),
        "behind_hours": behind,
        "behind_days": round(behind / session, 1) if session else 0.0,
        "suggest_replan": behind > session,
        "planned_end": planned_end.isoformat() if planned_end else None,
        "projected_end": projected_end,
        "projected_from_days": _days_since(plan_start, on),
        "projected_days_late": max(0, late),
        "finished": finished,
        "finished_on": max((progress.done_on.get(i, "") for i in done), default=None) if finished else None,
        "streak_days": study_streak(progress, settings, on),
        "stages": list(stages.values()),
    }


def _projected_end(done_hours: float, left_hours: float, on: date, plan_start: date) -> str | None:
    """The finish date at the pace kept so far (hours finished per calendar day since the start)."""
    if left_hours <= 0:
        return on.isoformat()
    if done_hours <= 0:
        return None
    elapsed = _days_since(plan_start, on)
    return (on + timedelta(days=math.ceil(left_hours / (done_hours / elapsed)))).isoformat()


def _days_since(plan_start: date, on: date) -> int:
    """Calendar days from the plan's start to ``on``, both counted (the pace's basis; at least 1)."""
    return max(1, (on - plan_start).days + 1)


def study_streak(progress: Progress, settings: Settings, on: date) -> int:
    """Consecutive study days with study, up to today (or yesterday while today is still open).

    Days that are not study days (other weekdays, days off) neither count nor break the streak.
    """
    active = progress.active_dates()
    weekdays = set(settings.weekdays)
    off = {d.isoformat() for d in settings.days_off}
    start = settings.start
    streak, day = 0, on
    if day.isoformat() not in active:
        day -= timedelta(days=1)
    while day >= start - timedelta(days=366):
        text = day.isoformat()
        if text in active:
            streak += 1
        elif day.weekday() in weekdays and text not in off:
            break
        day -= timedelta(days=1)
    return streak


def week_number(lived: Timeline, on: date) -> int:
    """The number of the week of the plan as lived (``timeline``) that holds ``on``.

    Raises UsageError, giving the plan's dates and week numbers, when no week holds it.
    """
    from mlplan.errors import UsageError

    found = week_of(lived, on)
    if found is None:
        last = lived.weeks[-1]
        raise UsageError(
            f"{on} is outside the plan ({lived.start} to {last.end}); give a week number from 1 to {last.number}"
        )
    return found.number


def numbered_week(lived: Timeline, index: RoadmapIndex, progress: Progress, number: int) -> dict[str, Any]:
    """Week ``number`` of the plan as lived (``week_view``); a UsageError gives the valid week numbers."""
    from mlplan.errors import UsageError

    view = week_view(lived, index, progress, number)
    if view is None:
        last = lived.weeks[-1].number
        raise UsageError(f"week {number} is not in the plan; give a week number from 1 to {last}")
    return view
