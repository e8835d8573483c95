"""Review cards: which finished topics get one, which are due, and how many fit a day.

Pure and light (no fsrs): ``mlplan today`` lists due cards from the stored
snapshot each review leaves (see ``store.ReviewRow``); only reviewing a card
or asking how well it is remembered loads the memory model (``reviews``).

A card is made when a concept item is finished (its prompt is the concept, or
its checklist), and when the last open item of a unit is finished (its
prompts are the unit's outcomes, else its objectives, else its items).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from mlplan.plan_data import Settings
    from mlplan.progress import RoadmapIndex
    from mlplan.store import ReviewRow

MINUTES_PER_CARD = 5
DEFAULT_REVIEW_MINUTES = 15
MAX_REVIEW_MINUTES = 240  # the most a plan's daily review budget may be
RATINGS = ("again", "hard", "good", "easy")


def read_rating(text: str) -> str:
    """A rating as typed, in any case (``good``, ``Easy``), or a ChoiceError listing them."""
    from mlplan.errors import ChoiceError

    if text.lower() not in RATINGS:
        raise ChoiceError("{rating} {text}: use one of {ratings}", text=text, ratings=", ".join(RATINGS))
    return text.lower()


def live_cards(rows: Sequence[ReviewRow], cancelled: set[int]) -> dict[str, dict[str, Any]]:
    """Each card's latest review not undone: id, title, prompts, due, the fsrs card (JSON) and review count."""
    cards: dict[str, dict[str, Any]] = {}
    for row in rows:
        if row.batch in cancelled:
            continue
        previous = cards.get(row.card_id)
        cards[row.card_id] = {
            "id": row.card_id,
            "title": row.title,
            "prompts": json.loads(row.prompts_json),
            "due": row.due,
            "card": row.card_json,
            "reviews": (previous["reviews"] if previous else 0) + 1,
            "last_review": row.on_date,
            "first_review": previous["first_review"] if previous else row.on_date,
        }
    return cards


def due_cards(cards: Mapping[str, Mapping[str, Any]], on: str) -> list[Mapping[str, Any]]:
    """Cards due on or before ``on``, most overdue first."""
    return sorted((c for c in cards.values() if c["due"] <= on), key=lambda c: (c["due"], c["id"]))


def cards_per_day(review_minutes: int) -> int:
    """How many cards the daily review budget holds (0 when reviews are off)."""
    return max(0, review_minutes) // MINUTES_PER_CARD


def review_minutes(settings: Settings) -> int:
    """The plan's daily review budget in minutes (plans made before reviews get the default)."""
    return DEFAULT_REVIEW_MINUTES if settings.review_minutes is None else settings.review_minutes


def new_cards(
    finished: Iterable[str],
    index: RoadmapIndex,
    state: Mapping[str, str],
    in_plan: set[str],
    existing: Mapping[str, Any],
) -> list[dict[str, Any]]:
    """Cards that finishing ``finished`` makes (``state`` is each item's state after the change).

    Concept items get their own card; a unit gets one when none of its plan items is
    left open and at least one is done. Cards that already exist are not made again.
    """
    made: dict[str, dict[str, Any]] = {}
    for item_id in finished:
        item = index.items.get(item_id)
        if item is None:
            continue
        if item.get("kind") == "concept" and item_id not in existing:
            prompts = item.get("checklist") or ([item["details"]] if item.get("details") else [])
            made[item_id] = {"card_id": item_id, "title": item["title"], "prompts": list(prompts)}
        unit_id = index.unit_of[item_id]
        unit = index.units[unit_id]
        ids = [i["id"] for i in unit["items"] if i["id"] in in_plan]
        if unit_id in existing or unit_id in made or any(i not in state for i in ids):
            continue
        if any(state.get(i) == "done" for i in ids):
            prompts = unit.get("outcomes") or unit.get("objectives") or [i["title"] for i in unit["items"]]
            made[unit_id] = {"card_id": unit_id, "title": unit["title"], "prompts": list(prompts)}
    return list(made.values())


def reviews_today(cards: Mapping[str, Mapping[str, Any]], on: str, minutes: int) -> dict[str, Any]:
    """The day's reviews: how many are due, and the most overdue that fit the daily budget."""
    if minutes <= 0:
        return {"due": 0, "minutes": 0, "cards": []}
    due = due_cards(cards, on)
    shown = due[: cards_per_day(minutes)]
    return {
        "due": len(due),
        "minutes": len(shown) * MINUTES_PER_CARD,
        "cards": [{"id": c["id"], "title": c["title"], "due": c["due"], "prompts": c["prompts"]} for c in shown],
    }


def reviews_between(rows: Sequence[ReviewRow], cancelled: set[int], first: str, last: str) -> int:
    """Reviews done from ``first`` to ``last`` (the review that made a card when its topic was finished not counted)."""
    seen: set[str] = set()
    count = 0
    for row in rows:
        if row.batch in cancelled:
            continue
        if row.card_id in seen and first <= row.on_date <= last:
            count += 1
        seen.add(row.card_id)
    return count


def review_days(cards: Mapping[str, Mapping[str, Any]], today: str, minutes: int) -> list[dict[str, Any]]:
    """Days with reviews due from ``today`` on (overdue cards fall on today), for the calendar.

    Each day lists its cards, most overdue first, and the minutes the daily budget gives them.
    """
    per_day = cards_per_day(minutes)
    if per_day == 0:
        return []
    days: dict[str, list[Mapping[str, Any]]] = {}
    for card in sorted(cards.values(), key=lambda c: (c["due"], c["id"])):
        days.setdefault(max(card["due"], today), []).append(card)
    return [
        {"date": day, "cards": due, "minutes": min(len(due), per_day) * MINUTES_PER_CARD}
        for day, due in sorted(days.items())
    ]
