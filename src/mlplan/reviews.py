"""The memory model behind review cards: py-fsrs, with whole days in the plan's time zone.

Fuzzing is off, so the same history always gives the same dates, and there are
no learning steps: a card's next review is always a later day, never "in ten
minutes". A review on day D is taken at noon of D in the plan's zone, so the
due date fsrs computes lands on a whole day there.
"""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from fsrs import Card, Rating, Scheduler

from mlplan.cards import RATINGS

SCHEDULER = Scheduler(learning_steps=(), relearning_steps=(), enable_fuzzing=False)
_RATING = dict(zip(RATINGS, (Rating.Again, Rating.Hard, Rating.Good, Rating.Easy), strict=True))


def _moment(on: date, tz: str | None) -> datetime:
    return datetime.combine(on, time(12), tzinfo=ZoneInfo(tz) if tz else None).astimezone()


def _day(moment: datetime, tz: str | None) -> date:
    return moment.astimezone(ZoneInfo(tz) if tz else None).date()


def review(card_json: str | None, rating: str, on: date, tz: str | None) -> tuple[str, str]:
    """Review a card (None: a new card) with ``rating`` on day ``on``; returns the card (JSON) and its due day."""
    card = Card.from_json(card_json) if card_json else Card(card_id=1)
    card, _ = SCHEDULER.review_card(card, _RATING[rating], _moment(on, tz))
    return card.to_json(), _day(card.due, tz).isoformat()


def retrievability(card_json: str, on: date, tz: str | None) -> float:
    """The chance the card is remembered on day ``on`` (0–1)."""
    return SCHEDULER.get_card_retrievability(Card.from_json(card_json), _moment(on, tz))


def stability(card_json: str) -> float:
    """Days until recall drops to 90%."""
    return Card.from_json(card_json).stability or 0.0
