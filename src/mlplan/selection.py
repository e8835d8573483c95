"""Which items of a roadmap a plan covers: ``--from UNIT`` and ``--skip ID,...``.

Pure: a roadmap and the learner's choices in, the items to schedule out.
"""

from __future__ import annotations

from collections.abc import Iterable

from mlplan.errors import ChoiceError
from mlplan.models import Roadmap
from mlplan.scheduler import StudyItem
from mlplan.suggest import unknown_message


def study_items(roadmap: Roadmap, from_unit: str | None = None, skip: Iterable[str] = ()) -> list[StudyItem]:
    """The roadmap's items in order, starting at ``from_unit`` and leaving out skipped units or items."""
    units = roadmap.units()
    unit_ids = [unit.id for unit in units]
    show = f"mlplan show {roadmap.id}"
    if from_unit is not None and from_unit not in unit_ids:
        raise ChoiceError("{unknown} ({from_unit})", unknown=unknown_message("unit", from_unit, unit_ids, show))
    known = set(unit_ids) | {item.id for item in roadmap.items()}
    skipped = set()
    for id_ in skip:
        if id_ not in known:
            raise ChoiceError("{unknown} ({skip})", unknown=unknown_message("unit or item", id_, sorted(known), show))
        skipped.add(id_)
    start = unit_ids.index(from_unit) if from_unit else 0
    return [
        StudyItem(item.id, item.title, item.hours, unit.id, unit.title)
        for unit in units[start:]
        if unit.id not in skipped
        for item in unit.items
        if item.id not in skipped
    ]
