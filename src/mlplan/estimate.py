"""How mlplan estimates hours a roadmap does not state.

One rule, applied the same way to every roadmap (bundled or imported): an item
whose source states no hours gets the hours of its kind below, and is marked
``estimated: true``. A resource item takes the hours of its resource's kind.

The figures are calibrated on the one seed that states hours for everything
(zero-to-engineer-16w): its study and practice tasks take 3 h (median), its
mini-projects 4 h, and a checkpoint capstone fills one 13-hour week with its
self-check. A single key concept or topic takes about an hour of reading and
notes; a resource takes what one sitting with it does.

Where a source states a weekly pace and day ranges ("Day 1-3 / Day 4-5 /
Day 6-7"), the week's hours are divided in proportion to the days with
``mlplan.hours.split_hours`` and count as stated, not estimated.
"""

from __future__ import annotations

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
