"""A whole plan as one JSON document, and back: for backups, scripts and moving machines.

The document holds the plan (name, uid, roadmap id), the roadmap snapshot,
every schedule version with its settings, and the whole progress log, under a
``format``/``version`` header. Importing appends nothing of its own: the log
and the schedule history come back exactly as they were, so ``mlplan status``
gives the same answer on the new machine.
"""

from __future__ import annotations

import json
from typing import Any

from mlplan.errors import UsageError
from mlplan.store import PlanRow, Store, now_utc

FORMAT = "mlplan-plan"
VERSION = 1
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
            {"version": row.version, "settings": row.settings, "schedule": row.schedule, "created_at": row.created_at}
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


def import_plan(store: Store, text: str, source: str, name: str | None = None) -> PlanRow:
    """Restore a plan exported by ``export_plan``; a taken name gets a free one (``name-2``)."""
    from mlplan.plans import PLAN_NAME, free_name

    data = _parse(text, source)
    wanted = name or data["plan"]["name"]
    if not PLAN_NAME.match(wanted):
        raise UsageError(f"{source}: plan.name '{wanted}' is not a valid plan name")
    uid = data["plan"]["uid"]
    if store.plan_with_uid(uid) is not None:
        uid = None  # a second copy on this machine gets calendar ids of its own
    with store.transaction():
        plan = store.add_plan(
            free_name(store, wanted),
            data["plan"]["roadmap_id"],
            json.dumps(data["roadmap"]),
            uid=uid,
            created_at=data["plan"]["created_at"],
        )
        for schedule in sorted(data["schedules"], key=lambda s: s["version"]):
            store.add_schedule(plan, schedule["settings"], schedule["schedule"], created_at=schedule["created_at"])
        for _, batch in _batches(data["events"]):
            number = store.append(plan, [e for e in batch if e["kind"] != "review"])
            reviews = [e for e in batch if e["kind"] == "review"]
            if reviews:
                store.add_reviews(plan, [_review_row(e, source) for e in reviews], number)
        if store.current_plan_name() is None:
            store.set_current_plan(plan.name)
    return plan


def _review_row(event: dict[str, Any], source: str) -> dict[str, Any]:
    review = event.get("review")
    if not isinstance(review, dict) or not isinstance(review.get("card"), dict):
        raise UsageError(f"{source}: events: the review of '{event.get('item_id')}' lacks its card")
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


def _parse(text: str, source: str) -> dict[str, Any]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise UsageError(f"{source}: not JSON (line {exc.lineno}: {exc.msg})") from exc
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise UsageError(f"{source}: not an mlplan plan export (make one with `mlplan export json`)")
    if data.get("version") != VERSION:
        raise UsageError(
            f"{source}: export version {data.get('version')} is not supported (this mlplan reads "
            f"version {VERSION}); upgrade mlplan"
        )
    for key, kind in (("plan", dict), ("roadmap", dict), ("schedules", list), ("events", list)):
        if not isinstance(data.get(key), kind):
            raise UsageError(f"{source}: {key}: missing or malformed")
    if not data["schedules"]:
        raise UsageError(f"{source}: schedules: the plan has no schedule")
    for field in ("name", "uid", "roadmap_id", "created_at"):
        if not isinstance(data["plan"].get(field), str):
            raise UsageError(f"{source}: plan.{field}: missing")
    from pydantic import ValidationError

    from mlplan.models import Roadmap
    from mlplan.roadmap_file import describe_errors

    try:
        Roadmap.model_validate(data["roadmap"])
    except ValidationError as exc:
        raise UsageError(f"{source}: roadmap.{describe_errors(exc)[0]}") from exc
    return data
