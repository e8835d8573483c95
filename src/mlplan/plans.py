"""Saved plans: starting, replanning and recording progress, on top of the store.

The shell between the CLI and the core: it opens the store, calls the pure
scheduler and progress code, and writes the results, each command in one
transaction. It returns data and never prints. Heavy modules (the pydantic
roadmap models, the scheduler) are imported only by the operations that fit a
schedule, so the daily ``mlplan today`` path stays light.
"""

from __future__ import annotations

import json
import os
import re
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any, NamedTuple

from mlplan import paths
from mlplan.errors import ChoiceError, UsageError
from mlplan.plan_data import Part, Schedule, Settings
from mlplan.progress import (
    SKIPPED,
    Progress,
    RoadmapIndex,
    Timeline,
    base_id,
    continue_parts,
    derive,
    last_undoable_batch,
    lived_week,
    scheduled_items,
    timeline,
    today_view,
)
from mlplan.store import PlanRow, Store, StoreError, open_store

if TYPE_CHECKING:
    from mlplan.hours import Hours
    from mlplan.models import Roadmap
    from mlplan.scheduler import Availability

PLAN_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,59}\Z")
# The note of a skip a replan records says what left the item out: these values are stored
# in learners' databases and backups since the first schema, so they stay as they are.
LEFT_OUT_BY_FROM = "--from"
LEFT_OUT_BY_SKIP = "--skip"


def open_plans(create: bool = False) -> Store:
    """The learner's store; ``create`` makes it on first use (only commands that save do)."""
    return open_store(paths.ready_home(create) / paths.DATABASE_FILE, create=create)


def existing_plans() -> Store | None:
    """The learner's store, or None when no plan was ever saved."""
    path = paths.ready_home() / paths.DATABASE_FILE
    return open_store(path) if path.exists() else None


def plans_using(roadmap_id: str) -> list[str]:
    """The names of the saved plans made from roadmap ``roadmap_id`` (none when no plan was ever saved)."""
    store = existing_plans()
    return [] if store is None else [p.name for p in store.plans() if p.roadmap_id == roadmap_id]


class LoadedPlan:
    """A plan with its live schedule and the progress derived from its log.

    A plain class with slots: ``mlplan today`` builds one on every run, and a dataclass
    (with the ``dataclasses`` import) costs it a few milliseconds of start-up.
    """

    __slots__ = ("plan", "version", "settings", "schedule", "progress", "index", "events")

    def __init__(
        self,
        plan: PlanRow,
        version: int,
        settings: Settings,
        schedule: Schedule,
        progress: Progress,
        index: RoadmapIndex,
        events: list[Any],
    ) -> None:
        self.plan = plan
        self.version = version
        self.settings = settings
        self.schedule = schedule
        self.progress = progress
        self.index = index
        self.events = events

    @property
    def name(self) -> str:
        return self.plan.name


def resolve_plan(store: Store, name: str | None) -> PlanRow:
    """The plan named by ``--plan``, else ``$MLPLAN_PLAN``, else the current plan."""
    wanted = name or os.environ.get("MLPLAN_PLAN") or store.current_plan_name()
    if wanted is None:
        raise StoreError("no current plan: start one with `mlplan start` or pick one with `mlplan switch NAME`")
    plan = store.plan(wanted)
    if plan is None:
        from mlplan.suggest import unknown_message

        raise UsageError(unknown_message("plan", wanted, [p.name for p in store.plans()], "mlplan plans"))
    return plan


def load_plan(store: Store, name: str | None) -> LoadedPlan:
    """Everything a view needs about a plan: live schedule, settings, progress, roadmap index."""
    plan = resolve_plan(store, name)
    events = store.events(plan)
    progress = derive(events)
    row = store.schedule(plan, progress.schedule_version)
    return LoadedPlan(plan, row.version, row.settings, row.schedule, progress, RoadmapIndex.of(plan.roadmap()), events)


def open_plan(name: str | None) -> tuple[Store, LoadedPlan]:
    """The learner's store and the plan ``name`` (the current plan when None), loaded."""
    store = open_plans()
    return store, load_plan(store, name)


def lived(store: Store, loaded: LoadedPlan) -> Timeline:
    """The plan's days as lived, weeks numbered from its first day (``progress.timeline``).

    Before a replan, the days are those planned then.
    """
    return timeline(
        _lived_schedules(store, loaded), loaded.progress.replans, plan_start(store, loaded), loaded.progress
    )


def _lived_schedules(store: Store, loaded: LoadedPlan, since: date | None = None) -> dict[int, Schedule]:
    """The schedules the plan has lived by, by version; with ``since``, those that gave way before it are not read."""
    segments = [(1, "")] + loaded.progress.replans
    schedules: dict[int, Schedule] = {}
    for n, (version, _) in enumerate(segments):
        until = segments[n + 1][1] if n + 1 < len(segments) else None
        if since is None or until is None or until > since.isoformat():
            schedules[version] = loaded.schedule if version == loaded.version else _schedule(store, loaded, version)
    return schedules


def today(store: Store, loaded: LoadedPlan, on: date) -> dict[str, Any]:
    """The ``today`` view (``progress.today_view``), its week as lived (schedules before that week unread)."""
    schedules = _lived_schedules(store, loaded, since=on - timedelta(days=6))
    this_week = lived_week(schedules, loaded.progress.replans, plan_start(store, loaded), on, loaded.progress)
    return today_view(loaded.schedule, loaded.settings, loaded.index, loaded.progress, on, this_week)


def week(store: Store, loaded: LoadedPlan, number: int | None, on: date | None = None) -> dict[str, Any]:
    """Week ``number`` of the plan as lived (None: the week of ``on``), as a checklist (``progress.numbered_week``)."""
    from mlplan.progress import numbered_week, week_number

    plan = lived(store, loaded)
    if number is None:
        assert on is not None, "the week of which day?"
        number = week_number(plan, on)
    return numbered_week(plan, loaded.index, loaded.progress, number)


def weeks(store: Store, loaded: LoadedPlan) -> list[dict[str, Any]]:
    """Every week of the plan as lived, each as a checklist (``progress.week_view``)."""
    from mlplan.progress import numbered_week

    plan = lived(store, loaded)
    return [numbered_week(plan, loaded.index, loaded.progress, w.number) for w in plan.weeks]


def status(store: Store, loaded: LoadedPlan, on: date) -> dict[str, Any]:
    """The ``status`` view: progress (``progress.status_view``), the deadline's and the reviews'."""
    from mlplan.deadline import deadline_status
    from mlplan.progress import status_view

    view = {"plan": loaded.name, "roadmap": loaded.plan.roadmap_id, "date": on.isoformat()} | status_view(
        plan_items(store, loaded),
        loaded.schedule,
        loaded.settings,
        loaded.index,
        loaded.progress,
        on,
        plan_start(store, loaded),
    )
    left = replan_items(store, loaded)[0] if loaded.settings.deadline else []
    view |= deadline_status(left, loaded.settings, on)
    view["reviews"] = review_status(store, loaded, on)
    return view


def plan_rows(store: Store | None) -> list[dict[str, Any]]:
    """The ``plans`` listing: each plan's name, roadmap, whether it is current, its dates and items done."""
    if store is None:
        return []
    current = store.current_plan_name()
    rows = []
    for row in store.plans():
        loaded = load_plan(store, row.name)
        rows.append(
            {
                "name": row.name,
                "roadmap": row.roadmap_id,
                "current": row.name == current,
                "start": plan_start(store, loaded).isoformat(),  # the plan's first day, not its last replan's
                "end": loaded.schedule.end.isoformat() if loaded.schedule.end else None,
                "done_items": sum(1 for s in loaded.progress.state.values() if s == "done"),
            }
        )
    return rows


def _schedule(store: Store, loaded: LoadedPlan, version: int) -> Schedule:
    return store.schedule(loaded.plan, version).schedule


def plan_items(store: Store, loaded: LoadedPlan) -> list[str]:
    """The items the plan covers, in roadmap order: those it scheduled and those given progress since.

    Units left out at ``start`` (``--from``, ``--skip``) join once reopened or done.
    """
    scheduled = set(scheduled_items(_schedule(store, loaded, 1))) | set(scheduled_items(loaded.schedule))
    members = scheduled | loaded.progress.touched
    return [item_id for item_id in loaded.index.items if item_id in members]


def plan_start(store: Store, loaded: LoadedPlan) -> date:
    """The plan's first day (a replan keeps it in its settings; older ones need the first schedule)."""
    if loaded.settings.plan_start is not None:
        return loaded.settings.plan_start
    return (loaded.settings if loaded.version == 1 else _settings(store, loaded, 1)).start


def _settings(store: Store, loaded: LoadedPlan, version: int) -> Settings:
    return store.schedule(loaded.plan, version).settings


def schedule_history(store: Store, loaded: LoadedPlan) -> list[tuple[date, Schedule]]:
    """The schedules the plan has lived by, with the day each took over, oldest first (undone replans left out)."""
    history = {plan_start(store, loaded): _schedule(store, loaded, 1)}
    for version, on_date in loaded.progress.replans:
        if on_date:
            history[date.fromisoformat(on_date)] = store.schedule(loaded.plan, version).schedule
    return sorted(history.items(), key=lambda pair: pair[0])


# --- starting and replanning --------------------------------------------------------------------


def free_name(store: Store, wanted: str) -> str:
    """``wanted``, or ``wanted-2``, ``wanted-3``… when a plan already has that name."""
    from mlplan.suggest import unique_name

    return unique_name(wanted, {p.name for p in store.plans()})


def start_plan(
    store: Store,
    roadmap: Roadmap,
    availability: Availability,
    *,
    name: str | None,
    from_unit: str | None,
    skip: list[str],
    at: str,
    tz: str,
    extra_settings: dict[str, Any] | None = None,
) -> LoadedPlan:
    """Fit ``roadmap`` to ``availability``, save it as a new plan and make it the current one.

    ``extra_settings`` (a deadline, breaks) are stored with the plan's settings.
    """
    from mlplan.availability import availability_to_settings
    from mlplan.scheduler import build_schedule
    from mlplan.selection import study_items

    if name is not None and not PLAN_NAME.match(name):
        raise ChoiceError("{name} {text}: use letters, digits, '.', '-' or '_' (up to 60), like ml-2027", text=name)
    if name is not None and store.plan(name) is not None:
        raise ChoiceError("a plan named '{text}' exists; choose another {name} or `mlplan delete {text}`", text=name)
    schedule = build_schedule(study_items(roadmap, from_unit, skip), availability)
    if not schedule.weeks:
        raise ChoiceError("nothing to study: {from_unit}/{skip} leave no items in this roadmap")
    settings = Settings.from_dict(
        availability_to_settings(availability)
        | {"from_unit": from_unit, "skip": skip, "at": at, "tz": tz}
        | (extra_settings or {})
    )
    with store.transaction():
        plan = store.add_plan(
            name or free_name(store, roadmap.id), roadmap.id, json.dumps(roadmap.model_dump(mode="json"))
        )
        store.add_schedule(plan, settings, schedule)
        store.set_current_plan(plan.name)
    return load_plan(store, plan.name)


def replan_items(
    store: Store, loaded: LoadedPlan, from_unit: str | None = None, skip: list[str] | None = None
) -> tuple[list[Any], list[str]]:
    """The open items a replan fits (StudyItems, in order) and the ids ``--from``/``--skip`` leave out.

    An item with finished parts is fitted for the hours it has left. ``--from UNIT`` brings back
    the items from UNIT on that were left out by an earlier ``--from`` (at ``start`` or a replan).
    """
    from dataclasses import replace

    from mlplan.models import Roadmap
    from mlplan.selection import study_items

    roadmap = Roadmap.model_validate(loaded.plan.roadmap())
    progress = loaded.progress
    in_plan = set(plan_items(store, loaded))
    chosen = {item.id for item in study_items(roadmap, from_unit, skip or [])}
    if from_unit:
        start_skip = _settings(store, loaded, 1).skip
        kept_out = {i for some_id in start_skip for i in loaded.index.expand(some_id) or []}
        in_plan |= {i for i in chosen if i not in kept_out and i not in progress.touched}
    open_items = [
        replace(item, hours=item.hours - progress.part_hours(item.id))
        for item in study_items(roadmap)
        if item.id in in_plan and (item.id not in progress.state or _brought_back(progress, item.id, from_unit, chosen))
    ]
    return [i for i in open_items if i.id in chosen], [i.id for i in open_items if i.id not in chosen]


def _brought_back(progress: Progress, item_id: str, from_unit: str | None, chosen: set[str]) -> bool:
    """Was the item skipped by an earlier ``--from`` and is it chosen by this replan's ``--from``?"""
    return (
        bool(from_unit)
        and item_id in chosen
        and progress.skip_note.get(item_id) == LEFT_OUT_BY_FROM
        and (progress.state.get(item_id) == SKIPPED)
    )


def refuse_past_start(start: date, today: date) -> None:
    """A replan never puts work on days already gone."""
    if start < today:
        raise ChoiceError(
            "{from_date} {start} is in the past (today is {today}); a replan fits what is left "
            "from today on: leave out {from_date}, or give today or a later day",
            start=start,
            today=today,
        )


def replan(
    store: Store,
    loaded: LoadedPlan,
    availability: Availability,
    *,
    from_unit: str | None,
    skip: list[str],
    at: str | None,
    tz: str | None,
    extra_settings: dict[str, Any] | None = None,
    today: date | None = None,
) -> LoadedPlan:
    """Fit what is left of the plan from ``availability.start``; done items stay done.

    A start before ``today`` is refused: a replan never puts work on days already gone.
    ``--from UNIT`` and ``--skip`` mark the open items they leave out as skipped (noting which
    option did), in the same batch, so one ``mlplan undo`` reverts the whole replan.
    """
    from mlplan.availability import availability_to_settings
    from mlplan.scheduler import build_schedule

    if today is not None:
        refuse_past_start(availability.start, today)
    remaining, left_out = replan_items(store, loaded, from_unit, skip)
    if not remaining:
        raise UsageError("nothing left to plan: every item is done or skipped (`mlplan status` shows it)")
    schedule = continue_parts(build_schedule(remaining, availability), loaded.progress)
    settings = loaded.settings.merged(
        availability_to_settings(availability)
        | {
            "plan_start": plan_start(store, loaded).isoformat(),
            "from_unit": from_unit,
            "skip": skip,
            "at": at or loaded.settings.at,
            "tz": tz or loaded.settings.tz,
        }
        | (extra_settings or {})
    )
    on = availability.start.isoformat()
    from_ids = {i.id for i in remaining} | set(left_out)
    if from_unit:
        from mlplan.models import Roadmap
        from mlplan.selection import study_items

        from_ids = {i.id for i in study_items(Roadmap.model_validate(loaded.plan.roadmap()), from_unit)}
    with store.transaction():
        version = store.add_schedule(loaded.plan, settings, schedule)
        store.append(
            loaded.plan,
            [{"kind": "replan", "schedule_version": version, "on_date": on}]
            + [{"kind": "reopen", "item_id": i.id, "on_date": on} for i in remaining if i.id in loaded.progress.state]
            + [
                {
                    "kind": "skip",
                    "item_id": i,
                    "on_date": on,
                    "note": LEFT_OUT_BY_SKIP if i in from_ids else LEFT_OUT_BY_FROM,
                }
                for i in left_out
            ],
        )
    return load_plan(store, loaded.name)


# --- progress -----------------------------------------------------------------------------------


def resolve_ids(loaded: LoadedPlan, ids: list[str]) -> list[str]:
    """Item ids meant by unit, item or part ids; any unknown id is an error and nothing applies."""
    resolved: list[str] = []
    for some_id in ids:
        items = loaded.index.expand(some_id)
        if items is None:
            from mlplan.suggest import unknown_message

            known = sorted(set(loaded.index.units) | set(loaded.index.items))
            raise UsageError(
                unknown_message("id", some_id, known, f"mlplan show {loaded.plan.roadmap_id}") + "; nothing was changed"
            )
        resolved.extend(items)
    return list(dict.fromkeys(resolved))


class Marked(NamedTuple):
    """What ``done``/``skip``/``reopen`` changed.

    ``changed``: item and part ids recorded; ``completed``: items finished by their last part;
    ``kept_done``: done items that skip left alone; ``outside``: items skip found out of the
    plan (left out at start); ``unscheduled``: reopened items the live schedule does not hold
    (a replan fits them in).
    """

    changed: list[str]
    completed: list[str]
    kept_done: list[str]
    outside: list[str]
    unscheduled: list[str]


def mark(store: Store, loaded: LoadedPlan, kind: str, ids: list[str], on: date, rating: str = "good") -> Marked:
    """Record ``done``/``skip``/``reopen`` for the items, parts or units meant by ``ids``.

    Finishing a concept, or a unit's last open item, makes a review card rated ``rating``.

    ``done ITEM#N`` finishes part N only (the item once all its parts are); ``skip`` never
    touches what is done; ``reopen UNIT`` reopens what was skipped or left out of the plan
    (its done items only when nothing else is). Any bad id refuses the whole command.
    """
    progress = loaded.progress
    resolve_ids(loaded, ids)
    parts = _live_parts(loaded)
    in_plan = set(plan_items(store, loaded))
    day = on.isoformat()
    events: list[dict[str, Any]] = []
    result = Marked([], [], [], [], [])
    targets: list[str] = []
    for some_id in ids:
        if "#" in some_id and kind != "skip":
            events += _mark_part(loaded, kind, some_id, parts, day, result)
            continue
        items = loaded.index.expand(some_id) or []
        is_unit = some_id in loaded.index.units
        if kind == "done":
            targets += [i for i in items if not progress.is_done(i)]
        elif kind == "skip":
            targets += [i for i in items if i in in_plan and i not in progress.state]
            result.outside.extend(i for i in items if i not in in_plan and i not in progress.state)
            if not is_unit:
                result.kept_done.extend(i for i in items if progress.is_done(i))
        else:
            settled = [i for i in items if progress.state.get(i) == SKIPPED or i not in in_plan]
            if not is_unit or not settled:
                settled += [i for i in items if i in progress.state or i in progress.parts_done]
            targets += settled
    targets = [i for i in dict.fromkeys(targets) if i not in {base_id(e["item_id"]) for e in events}]
    events += [{"kind": kind, "item_id": i, "on_date": day} for i in targets]
    result.changed.extend(targets)
    if kind == "reopen":
        live = set(scheduled_items(loaded.schedule))
        result.unscheduled.extend(base_id(i) for i in result.changed if base_id(i) not in live)
    if events:
        with store.transaction():
            batch = store.append(loaded.plan, events)
            if kind == "done":
                _make_cards(store, loaded, [*targets, *result.completed], on, rating, batch)
    return result


def is_complete(store: Store, loaded: LoadedPlan) -> bool:
    """Is every item of the plan done or skipped?"""
    return all(item_id in loaded.progress.state for item_id in plan_items(store, loaded))


def _live_parts(loaded: LoadedPlan) -> dict[str, dict[int, Part]]:
    """The live schedule's parts of each split item, by part number."""
    parts: dict[str, dict[int, Part]] = {}
    for day in loaded.schedule.study_days():
        for p in day.parts:
            if p.parts > 1:
                parts.setdefault(p.item_id, {})[p.part] = p
    return parts


def _mark_part(
    loaded: LoadedPlan, kind: str, some_id: str, parts: dict[str, dict[int, Part]], day: str, result: Marked
) -> list[dict[str, Any]]:
    """The events for ``done``/``reopen`` of one part; a part that does not exist is refused."""
    progress = loaded.progress
    item_id, _, number = some_id.partition("#")
    # parts finished earlier in this same command count too (`done x#1 x#2`)
    finished = dict(progress.parts_done.get(item_id, {}))
    if kind == "done":
        finished |= {int(c.partition("#")[2]): 0.0 for c in result.changed if c.startswith(f"{item_id}#")}
    live = parts.get(item_id, {})
    known = sorted(set(live) | set(finished))
    if not number.isdigit() or int(number) not in known:
        valid = ", ".join(f"{item_id}#{n}" for n in known)
        hint = f"its parts are {valid}" if known else f"it is not split into parts: use {item_id}"
        raise UsageError(f"{some_id}: no such part; {hint}; nothing was changed")
    n = int(number)
    if kind == "done":
        if progress.is_done(item_id) or n in finished:
            return []
        result.changed.append(some_id)
        events = [{"kind": "done", "item_id": some_id, "on_date": day, "hours": live[n].hours}]
        total = live[n].parts
        if set(range(1, total + 1)) <= set(finished) | {n}:
            result.completed.append(item_id)
            events.append({"kind": "done", "item_id": item_id, "on_date": day})
        return events
    if n in finished:
        result.changed.append(some_id)
        return [{"kind": "reopen", "item_id": some_id, "on_date": day}]
    if progress.state.get(item_id) == SKIPPED:  # a part of a skipped item: the item comes back
        result.changed.append(item_id)
        return [{"kind": "reopen", "item_id": item_id, "on_date": day}]
    if progress.is_done(item_id):  # done as a whole: the other parts stay done
        result.changed.append(some_id)
        return [{"kind": "reopen", "item_id": some_id, "on_date": day}] + [
            {"kind": "done", "item_id": f"{item_id}#{k}", "on_date": day, "hours": p.hours}
            for k, p in live.items()
            if k != n
        ]
    return []


# --- review cards -------------------------------------------------------------------------------


def cards(store: Store, loaded: LoadedPlan) -> dict[str, dict[str, Any]]:
    """The plan's review cards as they stand (undone reviews left out)."""
    from mlplan.cards import live_cards
    from mlplan.progress import undone_batches

    return live_cards(store.reviews(loaded.plan), undone_batches(loaded.events))


def reviews_today(store: Store, loaded: LoadedPlan, on: date) -> dict[str, Any]:
    """The day's due reviews within the plan's review budget (see ``cards.reviews_today``)."""
    from mlplan.cards import review_minutes
    from mlplan.cards import reviews_today as due_today

    today = due_today(cards(store, loaded), on.isoformat(), review_minutes(loaded.settings))
    for card in today["cards"]:
        card["unit_title"] = card_unit_title(loaded, card["id"])
    return today


def card_unit_title(loaded: LoadedPlan, card_id: str) -> str | None:
    """The title of the unit an item's card comes from (None for a unit's own card).

    Item titles often need their unit: an imported course has a "Jupyter notebook files" in every lecture.
    """
    if card_id not in loaded.index.items:
        return None
    unit = loaded.index.units.get(loaded.index.unit_of.get(card_id, ""), {})
    return unit.get("title")


def card_list(store: Store, loaded: LoadedPlan, on: date) -> list[dict[str, Any]]:
    """Every card with its due day, stability (days) and the chance it is recalled on ``on``, soonest due first."""
    known = cards(store, loaded)
    if not known:
        return []
    from mlplan.reviews import retrievability, stability

    tz = loaded.settings.tz
    return [
        {
            "id": c["id"],
            "title": c["title"],
            "unit_title": card_unit_title(loaded, c["id"]),
            "due": c["due"],
            "stability": round(stability(c["card"]), 2),
            "retrievability": round(retrievability(c["card"], on, tz), 3),
            "reviews": c["reviews"],
            "last_review": c["last_review"],
        }
        for c in sorted(known.values(), key=lambda c: (c["due"], c["id"]))
    ]


def review_status(store: Store, loaded: LoadedPlan, on: date) -> dict[str, Any]:
    """Reviews for ``status``: cards, due today, done this week (Monday on) and the average recall of the cards."""
    from datetime import timedelta

    from mlplan.cards import due_cards, reviews_between
    from mlplan.progress import undone_batches

    rows = store.reviews(loaded.plan)
    known = cards(store, loaded)
    monday = on - timedelta(days=on.weekday())
    listed = card_list(store, loaded, on)
    return {
        "cards": len(known),
        "due": len(due_cards(known, on.isoformat())),
        "done_this_week": reviews_between(rows, undone_batches(loaded.events), monday.isoformat(), on.isoformat()),
        "retention": round(sum(c["retrievability"] for c in listed) / len(listed), 3) if listed else None,
    }


def review_days(store: Store, loaded: LoadedPlan, on: date) -> list[dict[str, Any]]:
    """Days with reviews due from ``on`` (today) on, for the calendar (see ``cards.review_days``)."""
    from mlplan.cards import review_days as days_of
    from mlplan.cards import review_minutes

    return days_of(cards(store, loaded), on.isoformat(), review_minutes(loaded.settings))


def _make_cards(store: Store, loaded: LoadedPlan, finished: list[str], on: date, rating: str, batch: int) -> None:
    """Cards for what ``finished`` completes; finishing counts as their first review (in the same batch)."""
    from mlplan.cards import new_cards

    state = dict(loaded.progress.state) | {i: "done" for i in finished}
    made = new_cards(finished, loaded.index, state, set(plan_items(store, loaded)), cards(store, loaded))
    if not made:
        return
    from mlplan.reviews import review

    tz = loaded.settings.tz
    rows = []
    for card in made:
        card_json, due = review(None, rating, on, tz)
        rows.append(card | {"rating": rating, "card": card_json, "due": due, "on_date": on.isoformat()})
    store.add_reviews(loaded.plan, rows, batch)


def find_card(store: Store, loaded: LoadedPlan, card_id: str) -> dict[str, Any]:
    """The card ``card_id`` as it stands; an unknown id is refused with the closest ones."""
    known = cards(store, loaded)
    card = known.get(card_id)
    if card is None:
        from mlplan.suggest import unknown_message

        if not known:
            raise UsageError(f"unknown card '{card_id}': no review cards yet (finishing a concept or a unit makes one)")
        raise UsageError(unknown_message("card", card_id, sorted(known), "mlplan reviews"))
    return card


def review_card(store: Store, loaded: LoadedPlan, card_id: str, rating: str, on: date) -> dict[str, Any]:
    """Record one review of a card; returns the card as it stands after it."""
    from mlplan.reviews import review

    card = find_card(store, loaded, card_id)
    card_json, due = review(card["card"], rating, on, loaded.settings.tz)
    row = {"card_id": card_id, "title": card["title"], "prompts": card["prompts"], "rating": rating}
    with store.transaction():
        store.add_reviews(loaded.plan, [row | {"card": card_json, "due": due, "on_date": on.isoformat()}])
    return card | {"due": due, "card": card_json, "reviews": card["reviews"] + 1, "last_review": on.isoformat()}


def log_time(store: Store, loaded: LoadedPlan, hours: float, item: str | None, on: date, note: str | None) -> None:
    """Record time actually studied, optionally against an item (a unit or part id is fine).

    The note is kept on one line without control characters (it is shown in the study log).
    """
    from mlplan.safe_text import one_line

    note = one_line(note) if note else note
    item_id = None
    if item is not None:
        items = resolve_ids(loaded, [item])
        item_id = items[0] if len(items) == 1 else item
    with store.transaction():
        store.append(
            loaded.plan, [{"kind": "log", "item_id": item_id, "hours": hours, "on_date": on.isoformat(), "note": note}]
        )


MAX_SESSION_HOURS = 24  # one log entry is at most a day


def read_session(text: str) -> Hours:
    """Time studied in one session as typed (``90m``, ``1.5h``, ``1h30m``): a minute to a day, to the minute."""
    from mlplan.hours import MINUTE, read_hours

    return read_hours(text, most=MAX_SESSION_HOURS, step=MINUTE, numbers=False, like="90m, 1.5h or 1h30m")


def undone(batch: list[Any]) -> str:
    """What an undone batch (``undo``) was, to follow "Undid": its command and the items it named."""
    kind = batch[0].kind  # what the command was; later events in its batch follow from it
    if kind == "replan":
        return "the replan: the previous schedule is back."
    what = ", ".join(dict.fromkeys(e.item_id for e in batch if e.item_id and e.kind == kind))
    return kind + (f": {what}" if what else "")


def undo(store: Store, loaded: LoadedPlan) -> list[Any]:
    """Revert the latest change not yet reverted; returns its events (empty when nothing is left).

    The batch is chosen inside the write transaction: two undos at once must revert
    two different changes, not the same one twice.
    """
    with store.transaction():
        batch = last_undoable_batch(store.events(loaded.plan))
        if batch:
            store.append(loaded.plan, [{"kind": "undo", "undoes_batch": batch[0].batch}])
    return batch


def switch(store: Store, name: str) -> PlanRow:
    plan = resolve_plan(store, name)
    with store.transaction():
        store.set_current_plan(plan.name)
    return plan


class Deleted(NamedTuple):
    """What ``delete`` did: the plan gone, the current plan after it (None: none) and the plans left."""

    plan: PlanRow
    current: str | None
    left: list[str]


def delete(store: Store, name: str) -> Deleted:
    """Delete a plan; when it was the current one and a single plan is left, that one becomes current.

    With several plans left none is picked for the learner: the CLI names them.
    """
    plan = resolve_plan(store, name)
    with store.transaction():
        store.delete_plan(plan)
        left = [p.name for p in store.plans()]
        if store.current_plan_name() is None and len(left) == 1:
            store.set_current_plan(left[0])
    return Deleted(plan, store.current_plan_name(), left)


# --- pictures -----------------------------------------------------------------------------------


def _item_hours(loaded: LoadedPlan) -> dict[str, float]:
    return {item_id: float(item["hours"]) for item_id, item in loaded.index.items.items()}


def burnup_series(store: Store, loaded: LoadedPlan, status: dict[str, Any], on: date) -> dict[str, Any]:
    """The burn-up chart's data for a plan, from its ``status`` view (see ``charts.burnup``)."""
    from mlplan.charts import burnup, finished_by_day

    in_plan = set(plan_items(store, loaded))
    hours = loaded.progress.hours_done({k: v for k, v in _item_hours(loaded).items() if k in in_plan})
    done = finished_by_day(loaded.progress.done_on, hours)
    return burnup(
        schedule_history(store, loaded),
        done,
        status["done_hours"] + status["left_hours"],
        on,
        planned_end=status["planned_end"],
        projected_end=status["projected_end"],
        deadline=loaded.settings.deadline.isoformat() if loaded.settings.deadline else None,
    )


def calendar_view(store: Store, loaded: LoadedPlan, on: date, weeks: int) -> dict[str, Any]:
    """The study calendar's data: the last ``weeks`` weeks, hours studied per day, study days and days off."""
    from mlplan.charts import calendar_days, studied_by_day
    from mlplan.progress import session_hours

    settings = loaded.settings
    off = {d.isoformat() for d in settings.days_off}
    for first, last in settings.breaks:
        off |= {date.fromordinal(n).isoformat() for n in range(first.toordinal(), last.toordinal() + 1)}
    studied = studied_by_day(
        loaded.progress.done_on, loaded.progress.hours_done(_item_hours(loaded)), loaded.progress.logs
    )
    days = calendar_days(studied, set(settings.weekdays), off, plan_start(store, loaded), on, weeks)
    return {
        "plan": loaded.name,
        "from": days[0]["date"],
        "to": days[-1]["date"],
        "session_hours": session_hours(settings),
        "days": days,
    }
