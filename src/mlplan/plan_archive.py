"""A whole plan as one JSON document, and back: for backups, scripts and moving machines.

The document holds the plan (name, uid, roadmap id), the roadmap snapshot,
every schedule version with its settings, and the whole progress log, under a
``format``/``version`` header. Importing appends nothing of its own: the log
and the schedule history come back exactly as they were, so ``mlplan status``
gives the same answer on the new machine.

A backup is outside data: ``read_archive`` validates all of it with the pydantic
models below, down to every field the views and exports later read and every
reference between parts (a replan names a schedule the file has, an undo an
earlier batch, a schedule only items of the roadmap), so a crafted or damaged
file is refused at import with the field named, never stored to crash later.
Schedule and settings keep fields these models do not know, for the newer
mlplan that wrote them.
"""

from __future__ import annotations

import json
import math
import uuid
import zoneinfo
from datetime import date, datetime
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

from mlplan.errors import ChoiceError, UsageError
from mlplan.models import Roadmap
from mlplan.plan_data import Schedule as PlanSchedule
from mlplan.plan_data import Settings as PlanSettings
from mlplan.plans import PLAN_NAME, free_name
from mlplan.store import PlanRow, Store, now_utc

FORMAT = "mlplan-plan"
VERSION = 1
MAX_BYTES = 50_000_000  # a years-long plan's backup is well under 10 MB
EVENT_FIELDS = (
    "batch",
    "kind",
    "item_id",
    "on_date",
    "hours",
    "note",
    "schedule_version",
    "undoes_batch",
    "created_at",
)


def export_plan(store: Store, plan: PlanRow) -> dict[str, Any]:
    """Everything about ``plan`` as JSON-ready data."""
    reviews = _reviews_by_event(store, plan)
    return {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": now_utc(),
        "plan": {"name": plan.name, "uid": plan.uid, "roadmap_id": plan.roadmap_id, "created_at": plan.created_at},
        "roadmap": plan.roadmap(),
        "schedules": [
            {
                "version": row.version,
                "settings": row.settings.to_dict(),
                "schedule": row.schedule.to_dict(),
                "created_at": row.created_at,
            }
            for row in store.schedules(plan)
        ],
        "events": [_event(event, reviews) for event in store.events(plan)],
    }


def _reviews_by_event(store: Store, plan: PlanRow) -> dict[int, dict[str, Any]]:
    return {
        row.event_id: {
            "title": row.title,
            "prompts": json.loads(row.prompts_json),
            "rating": row.rating,
            "card": json.loads(row.card_json),
            "due": row.due,
        }
        for row in store.reviews(plan)
    }


def _event(event: Any, reviews: dict[int, dict[str, Any]]) -> dict[str, Any]:
    """An event as exported; a review event carries the card it left behind."""
    data = {field: getattr(event, field) for field in EVENT_FIELDS}
    if event.id in reviews:
        data["review"] = reviews[event.id]
    return data


# --- the backup's shape ---------------------------------------------------------------------------


def _a_date(text: str) -> str:
    day = date.fromisoformat(text)  # a ValueError names the bad text
    if not 1900 <= day.year <= 9000:
        raise ValueError(f"{text} is outside the years 1900 to 9000")
    return text


def _a_time(text: str) -> str:
    datetime.fromisoformat(text)
    return text


def _a_clock_time(text: str) -> str:
    from mlplan.availability import parse_time_of_day

    try:
        if len(text) == 5 and parse_time_of_day(text) == text:
            return text
    except UsageError:
        pass
    raise ValueError(f"'{text}' is not a time HH:MM on a 24-hour clock, like 19:00")


def _a_zone(name: str) -> str:
    try:
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise ValueError(f"'{name}' is not a known time zone (use an IANA name like Europe/Paris)") from None
    return name


def _a_plan_name(name: str) -> str:
    if not PLAN_NAME.match(name):
        raise ValueError("use letters, digits, '.', '-' or '_' (up to 60), like ml-2027")
    return name


def _a_uid(text: str) -> str:
    uuid.UUID(text)
    return text


def _finite(value: float) -> float:
    if not math.isfinite(value):
        raise ValueError("must be a finite number")
    return value


IsoDate = Annotated[str, AfterValidator(_a_date)]
IsoTime = Annotated[str, AfterValidator(_a_time)]
Hours = Annotated[float, Field(ge=0, le=24), AfterValidator(_finite)]
WeeklyHours = Annotated[float, Field(gt=0, le=168), AfterValidator(_finite)]
Count = Annotated[int, Field(ge=0, le=1_000_000)]
Weekday = Annotated[int, Field(ge=0, le=6)]


# Strict: a backup is stored as it is read, so a value must already be of its JSON type
# ("2" is not 2 hours), or it would reach the views as text.
class _Closed(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)


class _Open(BaseModel):
    model_config = ConfigDict(extra="allow", strict=True)


class ArchivedPlan(_Closed):
    name: Annotated[str, AfterValidator(_a_plan_name)]
    uid: Annotated[str, AfterValidator(_a_uid)]
    roadmap_id: str
    created_at: IsoTime


class Break(_Open):
    first: IsoDate
    last: IsoDate

    @model_validator(mode="after")
    def _in_order(self) -> Break:
        if self.last < self.first:
            raise ValueError(f"the break ends ({self.last}) before it starts ({self.first})")
        return self


class Settings(_Open):
    hours_per_week: WeeklyHours
    weekdays: list[Weekday] = Field(min_length=1, max_length=7)
    day_hours: dict[Literal["0", "1", "2", "3", "4", "5", "6"], Hours] | None = None
    daily_cap: Hours | None = None
    min_part: Annotated[Hours, Field(gt=0)] = 0.5
    start: IsoDate
    days_off: list[IsoDate] = []
    from_unit: str | None = None
    skip: list[str] = []
    at: Annotated[str, AfterValidator(_a_clock_time)] | None = None
    tz: Annotated[str, AfterValidator(_a_zone)] | None = None
    deadline: IsoDate | None = None
    breaks: list[Break] = []


class SchedulePart(_Open):
    id: str
    title: str
    hours: Annotated[Hours, Field(gt=0)]
    part: Annotated[int, Field(ge=1, le=10_000)]
    parts: Annotated[int, Field(ge=1, le=10_000)]
    unit: str | None = None


class ScheduleDay(_Open):
    date: IsoDate
    hours: Hours
    items: list[SchedulePart]


class ScheduleWeek(_Open):
    index: Annotated[int, Field(ge=1, le=10_000)]
    start: IsoDate
    end: IsoDate
    hours: Annotated[float, Field(ge=0, le=168), AfterValidator(_finite)]
    units: list[str]
    days: list[ScheduleDay]


class Schedule(_Open):
    start: IsoDate
    end: IsoDate | None
    hours_per_week: WeeklyHours
    total_hours: Annotated[float, Field(ge=0), AfterValidator(_finite)]
    study_weeks: Count
    split_items: Count
    weeks: list[ScheduleWeek]


class ArchivedSchedule(_Closed):
    version: Annotated[int, Field(ge=1)]
    settings: Settings
    schedule: Schedule
    created_at: IsoTime


class ArchivedReview(_Closed):
    """The card a review left behind (py-fsrs ``Card.to_dict``), with what the views show."""

    title: str
    prompts: list[str]
    rating: Literal["again", "hard", "good", "easy"]
    card: dict[str, Any]
    due: IsoDate

    @model_validator(mode="after")
    def _a_card(self) -> ArchivedReview:
        from fsrs import Card

        try:
            Card.from_dict(self.card)  # type: ignore[arg-type]
        except (KeyError, TypeError, ValueError) as exc:
            raise ValueError(f"card: not an FSRS card ({exc})") from None
        return self


class ArchivedEvent(_Closed):
    batch: Annotated[int, Field(ge=1)]
    kind: Literal["done", "skip", "reopen", "log", "replan", "undo", "review"]
    item_id: str | None = None
    on_date: IsoDate | None = None
    hours: Hours | None = None
    note: str | None = None
    schedule_version: int | None = None
    undoes_batch: int | None = None
    created_at: IsoTime
    review: ArchivedReview | None = None


class PlanArchive(_Closed):
    """A backup made by ``mlplan export json``, checked through and through."""

    format: Literal["mlplan-plan"]
    version: Literal[1]
    exported_at: IsoTime | None = None
    plan: ArchivedPlan
    roadmap: Roadmap
    schedules: list[ArchivedSchedule] = Field(min_length=1)
    events: list[ArchivedEvent]

    @model_validator(mode="after")
    def _references_hold(self) -> PlanArchive:
        if self.plan.roadmap_id != self.roadmap.id:
            raise ValueError(f"plan.roadmap_id: is '{self.plan.roadmap_id}', the roadmap's id '{self.roadmap.id}'")
        versions = sorted(s.version for s in self.schedules)
        if versions != list(range(1, len(versions) + 1)):
            raise ValueError(f"schedules: versions must run 1, 2, 3… without gaps or repeats (they are {versions})")
        items = {item.id for item in self.roadmap.items()}
        units = {unit.id for unit in self.roadmap.units()}
        for s, archived in enumerate(self.schedules):
            for w, week in enumerate(archived.schedule.weeks):
                for d, day in enumerate(week.days):
                    for p, part in enumerate(day.items):
                        if part.id not in items:
                            where = f"schedules[{s}].schedule.weeks[{w}].days[{d}].items[{p}].id"
                            raise ValueError(f"{where}: '{part.id}' is not an item of the roadmap")
        batches: set[int] = set()
        for e, event in enumerate(self.events):
            _check_event(f"events[{e}]", event, len(versions), batches, items, units)
            batches.add(event.batch)
        return self


def _check_event(
    where: str, event: ArchivedEvent, schedules: int, batches: set[int], items: set[str], units: set[str]
) -> None:
    if batches and event.batch < max(batches):
        raise ValueError(f"{where}.batch: {event.batch} comes after batch {max(batches)}; events must be in order")
    if event.kind == "replan" and not (event.schedule_version and 1 <= event.schedule_version <= schedules):
        raise ValueError(f"{where}.schedule_version: a replan must name one of the schedules 1 to {schedules}")
    if event.kind == "undo" and event.undoes_batch not in batches:
        raise ValueError(f"{where}.undoes_batch: an undo must name an earlier batch of events")
    known = items | units if event.kind in ("log", "review") else items
    some_id = (event.item_id or "").split("#", 1)[0]
    if event.kind in ("done", "skip", "reopen") and not some_id:
        raise ValueError(f"{where}.item_id: a {event.kind} event needs the item it marks")
    if some_id and some_id not in known:
        raise ValueError(f"{where}.item_id: '{event.item_id}' is not an item of the roadmap")
    if event.kind == "review" and (event.review is None or event.item_id not in items | units):
        raise ValueError(f"{where}: a review event needs the card it left and the item or unit it is about")
    if event.kind == "log" and not event.hours:
        raise ValueError(f"{where}.hours: a log event needs the hours studied")


# --- restoring ------------------------------------------------------------------------------------


def read_archive(text: str, source: str) -> tuple[PlanArchive, dict[str, Any]]:
    """Validate a backup; returns the model and the data as read (stored as it is, unknown fields kept)."""
    from pydantic_core import from_json

    from mlplan.roadmap_file import validated

    if len(text) > MAX_BYTES:
        raise UsageError(f"{source}: larger than {MAX_BYTES // 1_000_000} MB; an mlplan backup is far smaller")
    try:
        data = from_json(text)  # unlike json.loads, refuses very deep nesting instead of crashing
    except ValueError as exc:
        raise UsageError(f"{source}: not JSON ({exc})") from exc
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise UsageError(f"{source}: not an mlplan plan export (make one with `mlplan export json`)")
    if data.get("version") != VERSION:
        raise UsageError(
            f"{source}: export version {data.get('version')!r} is not supported (this mlplan reads "
            f"version {VERSION}); upgrade mlplan"
        )
    return validated(PlanArchive, data, source, error=UsageError, first_only=True), data


def import_plan(store: Store, archive: PlanArchive, data: dict[str, Any], name: str | None = None) -> PlanRow:
    """Restore a plan read by ``read_archive``; a taken name gets a free one (``name-2``).

    Batches are numbered afresh (from 1, in order), and undo events follow their batch.
    """
    from mlplan.safe_text import printable_data

    data = printable_data(data)  # titles in the schedules and notes in the log reach every view
    wanted = name or archive.plan.name
    if not PLAN_NAME.match(wanted):
        raise ChoiceError("{name} {text!r}: use letters, digits, '.', '-' or '_' (up to 60), like ml-2027", text=wanted)
    with store.transaction():
        uid: str | None = archive.plan.uid
        if store.plan_with_uid(archive.plan.uid) is not None:
            uid = None  # a second copy on this machine gets calendar ids of its own
        plan = store.add_plan(
            free_name(store, wanted),
            archive.plan.roadmap_id,
            json.dumps(archive.roadmap.model_dump(mode="json")),  # the model's text, without control characters
            uid=uid,
            created_at=archive.plan.created_at,
        )
        for schedule in sorted(data["schedules"], key=lambda s: s["version"]):
            store.add_schedule(
                plan,
                PlanSettings.from_dict(schedule["settings"]),
                PlanSchedule.from_dict(schedule["schedule"]),
                created_at=schedule["created_at"],
            )
        renumbered: dict[int, int] = {}
        for old, batch in _batches(data["events"]):
            for event in batch:
                if event.get("undoes_batch") is not None:
                    event["undoes_batch"] = renumbered[event["undoes_batch"]]
            renumbered[old] = store.append(plan, [e for e in batch if e["kind"] != "review"])
            reviews = [_review_row(e) for e in batch if e["kind"] == "review"]
            if reviews:
                store.add_reviews(plan, reviews, renumbered[old])
        if store.current_plan_name() is None:
            store.set_current_plan(plan.name)
    return plan


def _review_row(event: dict[str, Any]) -> dict[str, Any]:
    """A validated review event as ``Store.add_reviews`` takes it."""
    review = event["review"]
    return {
        "card_id": event["item_id"],
        "title": review["title"],
        "prompts": review["prompts"],
        "rating": review["rating"],
        "card": json.dumps(review["card"]),
        "due": review["due"],
        "on_date": event["on_date"],
    }


def _batches(events: list[dict[str, Any]]) -> list[tuple[int, list[dict[str, Any]]]]:
    grouped: dict[int, list[dict[str, Any]]] = {}
    for event in events:
        grouped.setdefault(event["batch"], []).append(event)
    return sorted(grouped.items())
