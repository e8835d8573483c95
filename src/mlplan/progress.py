"""A learner's progress, derived from the event log and set against the schedule.

Pure: events, the stored schedule (plain JSON data), the roadmap snapshot and a
date in; plain dicts out (the ``--json`` shapes of ``today``, ``week`` and
``status``). Nothing here imports pydantic, rich or even dataclasses:
``mlplan today`` runs through this module every day and must start fast.

State comes from replaying the log in order: ``done``/``skip``/``reopen`` set
an item's state, ``log`` records time studied, ``replan`` switches to a newer
schedule, and ``undo`` cancels every event of the batch it names.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any, NamedTuple

from mlplan.wording import CHECKLIST_LABELS

if TYPE_CHECKING:
    from mlplan.store import Event

DONE, SKIPPED = "done", "skipped"
PROGRESS_KINDS = {"done": DONE, "skip": SKIPPED, "reopen": None}


class Progress:
    """What the log says: item states, when items were finished, time logged, the live schedule."""

    def __init__(self) -> None:
        self.state: dict[str, str] = {}
        self.done_on: dict[str, str] = {}
        self.logs: list[dict[str, Any]] = []
        self.schedule_version = 1

    def is_done(self, item_id: str) -> bool:
        return self.state.get(item_id) == DONE

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
            new_state = PROGRESS_KINDS[event.kind]
            if new_state is None:
                progress.state.pop(event.item_id, None)
                progress.done_on.pop(event.item_id, None)
            else:
                progress.state[event.item_id] = new_state
                if new_state == DONE and event.on_date:
                    progress.done_on[event.item_id] = event.on_date
                else:
                    progress.done_on.pop(event.item_id, None)
        elif event.kind == "log":
            progress.logs.append(
                {"date": event.on_date, "hours": event.hours, "item_id": event.item_id, "note": event.note}
            )
        elif event.kind == "replan" and event.schedule_version:
            progress.schedule_version = max(progress.schedule_version, event.schedule_version)
    return progress


def last_undoable_batch(events: Sequence[Event]) -> list[Event]:
    """The events of the latest command not yet undone (empty when there is nothing to undo)."""
    cancelled = undone_batches(events)
    for event in reversed(events):
        if event.kind != "undo" and event.batch not in cancelled:
            return [e for e in events if e.batch == event.batch]
    return []


# --- ids --------------------------------------------------------------------------------------


def part_id(item: dict[str, Any]) -> str:
    """``m05.project#2`` for the second part of a split item, the item id otherwise."""
    return f"{item['id']}#{item['part']}" if item["parts"] > 1 else item["id"]


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


def schedule_days(schedule: dict[str, Any]) -> list[dict[str, Any]]:
    return [day for week in schedule["weeks"] for day in week["days"]]


def scheduled_items(schedule: dict[str, Any]) -> list[str]:
    """Item ids of a schedule in study order, each once."""
    return list(dict.fromkeys(p["id"] for day in schedule_days(schedule) for p in day["items"]))


def week_of(schedule: dict[str, Any], on: date) -> dict[str, Any] | None:
    """The schedule week holding ``on``, or None before the start or after the end."""
    start = date.fromisoformat(schedule["start"])
    index = (on - start).days // 7 + 1
    for week in schedule["weeks"]:
        if week["index"] == index:
            return week
    return None


def session_hours(settings: dict[str, Any]) -> float:
    """The hours of a typical study session: the week's hours over its study days."""
    return settings["hours_per_week"] / max(1, len(settings["weekdays"]))


def behind_hours(schedule: dict[str, Any], progress: Progress, on: date) -> float:
    """Hours planned before ``on`` minus hours finished (negative when ahead), over this schedule's items."""
    before = on.isoformat()
    expected = sum(
        p["hours"]
        for day in schedule_days(schedule)
        if day["date"] < before
        for p in day["items"]
        if progress.state.get(p["id"]) != SKIPPED
    )
    hours_of: dict[str, float] = {}
    for day in schedule_days(schedule):
        for p in day["items"]:
            hours_of[p["id"]] = hours_of.get(p["id"], 0) + p["hours"]
    achieved = sum(h for item_id, h in hours_of.items() if progress.is_done(item_id))
    return expected - achieved


def _resources(item: dict[str, Any] | None) -> list[dict[str, Any]]:
    return list(item.get("resources", [])) if item else []


def _part_view(p: dict[str, Any], index: RoadmapIndex, progress: Progress) -> dict[str, Any]:
    unit = index.units.get(p.get("unit") or index.unit_of.get(p["id"], ""), {})
    return {
        "id": part_id(p),
        "item_id": p["id"],
        "title": p["title"],
        "unit": unit.get("id"),
        "unit_title": unit.get("title"),
        "hours": p["hours"],
        "part": p["part"],
        "parts": p["parts"],
        "done": progress.is_done(p["id"]),
        "skipped": progress.state.get(p["id"]) == SKIPPED,
        "resources": _resources(index.items.get(p["id"])),
    }


def today_view(
    schedule: dict[str, Any], settings: dict[str, Any], index: RoadmapIndex, progress: Progress, on: date
) -> dict[str, Any]:
    """The day's session, what is overdue, the week's progress and the next session."""
    day_text = on.isoformat()
    days = schedule_days(schedule)
    today = next((d for d in days if d["date"] == day_text), None)
    items = [_part_view(p, index, progress) for p in (today["items"] if today else [])]

    overdue: dict[str, dict[str, Any]] = {}
    for day in days:
        if day["date"] >= day_text:
            break
        for p in day["items"]:
            if p["id"] in progress.state:
                continue
            entry = overdue.setdefault(
                p["id"], {**_part_view(p, index, progress), "id": p["id"], "since": day["date"], "hours": 0.0}
            )
            entry["hours"] += p["hours"]

    week = week_of(schedule, on)
    week_view = None
    if week:
        done = sum(p["hours"] for d in week["days"] for p in d["items"] if progress.is_done(p["id"]))
        week_view = {
            "index": week["index"],
            "start": week["start"],
            "end": week["end"],
            "planned_hours": week["hours"],
            "done_hours": done,
        }

    upcoming = None
    if not items:
        nxt = next(
            (d for d in days if d["date"] > day_text and any(p["id"] not in progress.state for p in d["items"])), None
        )
        if nxt:
            upcoming = {
                "date": nxt["date"],
                "hours": nxt["hours"],
                "items": [_part_view(p, index, progress) for p in nxt["items"]],
            }

    behind = behind_hours(schedule, progress, on)
    session = session_hours(settings)
    return {
        "date": day_text,
        "hours": sum(item["hours"] for item in items),
        "items": items,
        "overdue": list(overdue.values()),
        "week": week_view,
        "next": upcoming,
        "behind_hours": behind,
        "suggest_replan": behind > session,
        "finished": not any(p["id"] not in progress.state for d in days for p in d["items"]),
    }


def week_view(schedule: dict[str, Any], index: RoadmapIndex, progress: Progress, number: int) -> dict[str, Any] | None:
    """Week ``number`` as a checklist by day, with its units' deliverables and outcomes."""
    week = next((w for w in schedule["weeks"] if w["index"] == number), None)
    if week is None:
        return None
    units = []
    for unit_id in week["units"]:
        unit = index.units.get(unit_id, {})
        checks = [c for item in unit.get("items", []) for c in item.get("checklist", [])]
        units.append(
            {
                "id": unit_id,
                "title": unit.get("title", unit_id),
                "deliverables": [c for c in checks if not _labelled(c)],
                "checks": [c for c in checks if _labelled(c)],
                "outcomes": list(unit.get("outcomes", [])),
            }
        )
    days = [
        {"date": d["date"], "hours": d["hours"], "items": [_part_view(p, index, progress) for p in d["items"]]}
        for d in week["days"]
    ]
    done = sum(i["hours"] for d in days for i in d["items"] if i["done"])
    return {
        "index": week["index"],
        "start": week["start"],
        "end": week["end"],
        "planned_hours": week["hours"],
        "done_hours": done,
        "days": days,
        "units": units,
    }


def _labelled(check: str) -> bool:
    label, sep, _ = check.partition(": ")
    return bool(sep) and label in CHECKLIST_LABELS


def status_view(
    plan_items: Iterable[str],
    schedule: dict[str, Any],
    settings: dict[str, Any],
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
    done_hours = sum(hours.get(i, 0) for i in done)
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

    behind = behind_hours(schedule, progress, on)
    session = session_hours(settings)
    days = schedule_days(schedule)
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
        "planned_end": days[-1]["date"] if days else None,
        "projected_end": _projected_end(done_hours, left_hours, on, plan_start),
        "streak_days": study_streak(progress, settings, on),
        "stages": list(stages.values()),
    }


def _projected_end(done_hours: float, left_hours: float, on: date, plan_start: date) -> str | None:
    """The finish date at the pace kept so far (hours finished per calendar day since the start)."""
    if left_hours <= 0:
        return on.isoformat()
    if done_hours <= 0:
        return None
    elapsed = max(1, (on - plan_start).days + 1)
    return (on + timedelta(days=math.ceil(left_hours / (done_hours / elapsed)))).isoformat()


def study_streak(progress: Progress, settings: dict[str, Any], on: date) -> int:
    """Consecutive study days with study, up to today (or yesterday while today is still open).

    Days that are not study days (other weekdays, days off) neither count nor break the streak.
    """
    active = progress.active_dates()
    weekdays = set(settings["weekdays"])
    off = set(settings.get("days_off", []))
    start = date.fromisoformat(settings["start"])
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
