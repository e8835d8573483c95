"""A unit's pieces as items, and the hours of each item.

Checks go to the unit's project or checkpoint, notes to the item they describe, prose (and a
note before any item) to the unit's summary. When a unit states hours for its tasks (``[3 hrs]
…``), the time is theirs: its topic lists become objectives, its resources and project notes
attach to those tasks. In a capstone unit, the first project list is its capstone.

Hours an item states are kept (``estimated: false``, rounded to quarter hours); a course row's
``Duration`` times ``Effort`` too. A unit's stated total (``Estimated time (hours): 13``), or
its weeks (``Week 3``, ``Weeks 3-4``) at the document's stated pace, is shared by its
``Day 1-3`` items in proportion to their days, then by its other items without hours in
proportion to their estimates, with ``split_hours``; anything else gets ``estimate_hours`` and
``estimated: true``. An item over 200 hours is split into parts.

A unit's items are ``Piece``s of role ``item``: the item pieces themselves (each list a piece holds is its
own, never shared with another piece), and the ones made here from checks and groups.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import cache
from typing import Any

from mlplan import hour_forms
from mlplan.estimate import estimate_hours, resource_hours
from mlplan.hours import round_quarter, split_hours
from mlplan.markdown_import.labels import ALTERNATIVES, CHECK_PREFIX
from mlplan.markdown_import.pieces import CONCEPT, RESOURCE, Piece
from mlplan.models import ItemKind

MAX_ITEM_HOURS = 200.0


def _new_item(kind: ItemKind, title: str, checklist: list[str] | None = None) -> Piece:
    """An item the unit's pieces do not state as one (a project made of a list of checks, a checkpoint)."""
    return Piece("item", title, kind=kind, checklist=checklist or [])


@dataclass
class UnitContent:
    items: list[Piece] = field(default_factory=list)
    objectives: list[str] = field(default_factory=list)
    outcomes: list[str] = field(default_factory=list)
    prerequisites: list[str] = field(default_factory=list)
    times: list[tuple[str, str, str]] = field(default_factory=list)
    summary: list[str] = field(default_factory=list)  # its prose, a paragraph each, and notes before any item


_PROJECT_KINDS = frozenset({ItemKind.PROJECT, ItemKind.CAPSTONE})


class Builder:
    """Turns a unit's pieces into items: checks go to its project, notes to the item they describe."""

    def __init__(self, pieces: list[Piece]):
        self.content = UnitContent()
        # A unit that states its tasks' hours spends its time on them; its other lists describe them.
        self.budgeted = False
        for p in pieces:  # a loop, not any() over a generator: a step less for each piece (most state no hours)
            if p.hours is not None and p.role == "item":
                self.budgeted = True
                break
        self.project: Piece | None = None
        self.checkpoint: Piece | None = None
        self.loose_resources: list[dict[str, Any]] = []
        self.unit_resources: list[dict[str, Any]] = []
        handlers = self._HANDLERS
        items = self.content.items
        for piece in pieces:
            if piece.role != "item":
                handlers[piece.role](self, piece)
            # most pieces are items: kept here, without _item's call
            elif not (self.budgeted and piece.hours is None and piece.days is None and self._described(piece)):
                if piece.kind is None:
                    piece.kind = CONCEPT
                items.append(piece)  # the piece itself is the item
                if piece.kind in _PROJECT_KINDS:
                    self.project = piece
        self._place_resources()

    def _add(self, item: Piece) -> Piece:
        self.content.items.append(item)
        if item.kind in _PROJECT_KINDS:
            self.project = item
        return item

    def _target(self) -> Piece | None:
        """The unit's project (the last project or capstone made), else its last item."""
        items = self.content.items
        return self.project or (items[-1] if items else None)

    def _described(self, p: Piece) -> bool:
        """In a unit whose tasks state hours, an item without hours describes them: its text goes where it belongs."""
        if p.category == "concept":
            self.content.objectives.append(p.text)
        elif p.category in ("resource", "dataset"):
            self.loose_resources += p.resources
        elif p.category in ("project", "capstone") and (target := self._described_project(p)):
            target.details.append(f"{p.label}: {p.text}" if p.label else p.text)
            target.resources += p.resources
        else:
            return False
        return True

    def _described_project(self, p: Piece) -> Piece | None:
        """The item a project note without hours describes; a project list entry is its own item unless one exists."""
        return self.project if p.listed else self._target()

    def _check(self, p: Piece) -> None:
        prefix = CHECK_PREFIX.get(p.category or "", "")
        if p.category in ("selfcheck", "interview"):
            if self.checkpoint is None:
                self.checkpoint = self._add(_new_item(ItemKind.CHECKPOINT, p.label or "Self-check"))
            self.checkpoint.checklist += [prefix + check for check in p.checklist]
            return
        if not p.checklist:
            return
        target = self._target()
        if target is None or (not self.budgeted and self.project is None):
            # one item holds the whole list ("Stretch goals": three checks, not three items)
            kind = ItemKind.PROJECT if p.category == "deliverables" else ItemKind.TASK
            target = self._add(_new_item(kind, p.label or "Checks"))
        target.checklist += [prefix + check for check in p.checklist] if prefix else p.checklist

    def _group(self, p: Piece) -> None:
        if p.category == "capstone":
            self._add(_new_item(ItemKind.CAPSTONE, p.label, list(p.checklist)))
        elif self.budgeted and (target := self._target()):
            target.details.append(f"{p.label}: " + "; ".join(p.checklist))
        elif self.project is not None:
            self.project.checklist += p.checklist
        elif ALTERNATIVES.match(p.label) and p.checklist:
            joined = " / ".join(p.checklist)
            title = f"{p.label}: {joined}" if len(joined) <= 100 else p.label
            self._add(_new_item(ItemKind.PROJECT, title, list(p.checklist)))
        elif p.checklist:
            self._add(_new_item(ItemKind.TASK, p.label, list(p.checklist)))

    def _detail(self, p: Piece) -> None:
        if target := self._target():
            target.details.append(p.text)
        else:
            self.content.summary.append(p.text)  # a note ("Tip: …") before the unit's first item is about the unit

    def _prose(self, p: Piece) -> None:
        self.content.summary.append(p.text)

    def _resource(self, p: Piece) -> None:
        if target := self._target():
            target.resources += p.resources
            target.details.append(p.text)
        else:
            self.loose_resources += p.resources

    def _unit_resource(self, p: Piece) -> None:
        self.unit_resources += p.resources

    def _objective(self, p: Piece) -> None:
        self.content.objectives.append(p.text)

    def _outcome(self, p: Piece) -> None:
        self.content.outcomes.append(p.text)

    def _prereq(self, p: Piece) -> None:
        self.content.prerequisites.append(p.text)

    def _time(self, p: Piece) -> None:
        self.content.times.append((p.category or "", p.label, p.text))

    def _place_resources(self) -> None:
        """Resources a unit lists beside tasks that state hours go to the task they share most words with."""
        items = self.content.items
        if not items:
            return
        if self.loose_resources:
            study = [i for i in items if i.kind in (ItemKind.CONCEPT, ItemKind.TASK)] or items
            study_words = [_words(i.text) for i in study]
            for resource in self.loose_resources:
                words = _words(resource["title"])
                shared = [len(words & item_words) for item_words in study_words]
                most = max(shared)
                study[shared.index(most) if most else 0].resources.append(resource)
        items[0].resources[:0] = self.unit_resources

    _HANDLERS: dict[str, Callable[[Builder, Piece], None]] = {
        "check": _check, "group": _group, "detail": _detail, "resource": _resource,
        "unit-resource": _unit_resource, "objective": _objective, "outcome": _outcome, "prereq": _prereq, "time": _time,
        "prose": _prose,
    }  # fmt: skip


@cache
def _words(text: str) -> frozenset[str]:
    return frozenset(_WORD.findall(text.lower())) - _STOP_WORDS


_WORD = re.compile(r"[a-z][a-z0-9+-]{2,}")


_STOP_WORDS = {"the", "and", "for", "with", "from", "using", "use", "official", "free", "learn", "tutorial", "docs",
               "guide", "intro", "introduction", "youtube", "course", "basics"}  # fmt: skip


_RATE_LABEL = re.compile(r"effort|workload", re.I)


def unit_budget(content: UnitContent, title: str, pace: float | None) -> float | None:
    """The hours a unit states in total (``Estimated time (hours): 13``, duration × effort), else its weeks × pace."""
    total = rate = length = None
    for category, label, value in content.times:
        if category == "duration":
            length = hour_forms.weeks(value)
        elif _RATE_LABEL.match(label) and (per_week := hour_forms.pace(value)):
            rate = per_week
        else:
            total = hour_forms.hours_value(label, value)
    if total:
        return total
    if length and rate:
        return length * rate
    if not pace:  # most documents state none: the title's weeks are not read
        return None
    weeks = hour_forms.leading_weeks(title)
    return weeks * pace if weeks else None


def assign_hours(items: list[Piece], budget: float | None, pace: float | None) -> None:
    unstated: list[Piece] = []
    for item in items:  # one pass: stated hours rounded, the others gathered
        if item.hours is None:
            unstated.append(item)
        else:
            item.hours = round_quarter(item.hours)
    if not unstated:
        return
    if pace and (days := [i for i in unstated if i.days]):
        week_share = round_quarter(pace * min(sum(i.days or 0 for i in days), 7) / 7)
        for item, share in zip(days, split_hours(week_share, [i.days or 1 for i in days]), strict=True):
            item.hours = share
        unstated = [i for i in unstated if i.hours is None]
    if budget and unstated:
        left = math.floor((budget - sum(i.hours or 0 for i in items)) * 4) / 4
        if left >= 0.25 * len(unstated):
            shares = split_hours(left, [_estimate(i) for i in unstated])
            if all(shares):
                for item, share in zip(unstated, shares, strict=True):
                    item.hours = share
                return
    for item in unstated:
        item.hours, item.estimated = _estimate(item), True


def _estimate(item: Piece) -> float:
    """The rule's hours; a resource item is costed by its resource (a "Weeks 1–3" course, a chapter…)."""
    if item.kind is not RESOURCE or not item.resources:
        return _KIND_HOURS[item.kind]
    resource = item.resources[0]
    return resource_hours(resource["kind"], resource.get("title") or item.text, resource.get("url"))


# estimate_hours of an item without a resource, by kind: a look-up, not two calls, for each of tens of thousands
# (an item's kind is never None once the Builder has it: None is only the type of a piece's kind before)
_KIND_HOURS: dict[ItemKind | None, float] = {kind: estimate_hours(kind) for kind in ItemKind}


def split_long(items: list[Piece]) -> list[Piece]:
    """An item over 200 hours (a long course) becomes equal parts the scheduler can take one by one."""
    for item in items:  # nearly every unit has nothing to split: a look at each item's hours settles it
        if item.hours is not None and item.hours > MAX_ITEM_HOURS:
            break
    else:
        return items
    out: list[Piece] = []
    for item in items:
        parts = math.ceil((item.hours or 0) / MAX_ITEM_HOURS)
        if parts <= 1:
            out.append(item)
            continue
        for number, share in enumerate(split_hours(item.hours or 0, [1.0] * parts), 1):
            out.append(replace(item, text=f"{item.text} (part {number} of {parts})", hours=share))
    return out
