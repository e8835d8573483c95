"""How mlplan estimates hours a roadmap does not state.

One rule, applied the same way to every roadmap (bundled or imported): an item
whose source states no hours gets the hours of its kind below, and is marked
``estimated: true``. A resource item takes the hours of its resource's kind.

The figures are calibrated on the one seed that states hours for everything
(zero-to-engineer-16w): its study and practice tasks take 3 h (median), its
mini-projects 4 h, and a checkpoint capstone fills one 13-hour week with its
self-check. A single key concept or topic takes about an hour of reading and
notes; a resource takes what one sitting with it does.

``split_hours`` divides a stated total among parts in proportion to weights
(a week's "Day 1-3 / Day 4-5 / Day 6-7" goals), in quarter hours that add up
exactly to the total.
"""

from __future__ import annotations

import math

from mlplan.models import ItemKind, ResourceKind

HOURS_BY_ITEM_KIND: dict[ItemKind, float] = {
    ItemKind.CONCEPT: 1.0,
    ItemKind.TASK: 3.0,
    ItemKind.PROJECT: 4.0,
    ItemKind.CAPSTONE: 12.0,
    ItemKind.CHECKPOINT: 1.0,
    ItemKind.REVIEW: 1.0,
    ItemKind.SETUP: 1.0,
}

HOURS_BY_RESOURCE_KIND: dict[ResourceKind, float] = {
    ResourceKind.COURSE: 3.0,
    ResourceKind.BOOK: 3.0,
    ResourceKind.PAPER: 2.0,
    ResourceKind.VIDEO: 1.5,
    ResourceKind.TUTORIAL: 1.5,
    ResourceKind.ARTICLE: 1.0,
    ResourceKind.DOCS: 1.0,
    ResourceKind.TOOL: 1.0,
    ResourceKind.COMMUNITY: 1.0,
    ResourceKind.OTHER: 1.0,
    ResourceKind.DATASET: 0.5,
}


def estimate_hours(kind: ItemKind, resource_kind: ResourceKind | None = None) -> float:
    """Hours the estimation rule gives an item of this kind (and resource kind)."""
    if kind == ItemKind.RESOURCE:
        return HOURS_BY_RESOURCE_KIND[resource_kind or ResourceKind.OTHER]
    return HOURS_BY_ITEM_KIND[kind]


def round_quarter(hours: float) -> float:
    """Round to the nearest quarter hour, never below a quarter."""
    return max(0.25, round(hours * 4) / 4)


def split_hours(total: float, weights: list[float]) -> list[float]:
    """Split ``total`` in proportion to ``weights``, in quarter hours summing exactly to ``total``.

    Largest-remainder rounding: each part gets its floor in quarters, then the
    quarters left over go to the parts that lost most to the floor (the first
    such part on ties, so the result is deterministic).
    """
    if not weights or any(w <= 0 for w in weights):
        raise ValueError("weights must be positive")
    quarters = round(total * 4)
    whole = sum(weights)
    exact = [quarters * w / whole for w in weights]
    parts = [math.floor(x) for x in exact]
    by_remainder = sorted(range(len(weights)), key=lambda i: (-(exact[i] - parts[i]), i))
    for i in by_remainder[: quarters - sum(parts)]:
        parts[i] += 1
    return [p / 4 for p in parts]
