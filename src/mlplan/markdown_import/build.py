"""The roadmap from the document's outline: title, summary, pace, ids, validation.

The pace is the weekly hours the document states outside its units (``Target: 25
hours/week``, ``(12–14 hrs/week)`` → ``hours_per_week``).

Ids: roadmap id from ``roadmap_id`` or the slugified title; stages ``s1``…; units from
their numbering (``w03``, ``m12``) else ``u07`` by position; items ``<unit>.<n>``, day
items ``<unit>.d1-3``; clashes get ``-2``.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import PurePath
from typing import TYPE_CHECKING, Any

from mlplan import hour_forms
from mlplan.errors import RoadmapInvalid
from mlplan.hours import round_quarter
from mlplan.markdown_import.document import Block, Document, ListBlock, Para, read_document, release
from mlplan.markdown_import.items import Builder, UnitContent, assign_hours, split_long, unit_budget
from mlplan.markdown_import.labels import ANY_UNIT_RANGE, UNIT_WORDS
from mlplan.markdown_import.outline import Plan, StageDraft, find_title_section, plan_document
from mlplan.markdown_import.pieces import flatten
from mlplan.markdown_import.skipped import Skipped, skipped_lines
from mlplan.markdown_import.text import clean, repair
from mlplan.markdown_import.units import UnitDraft
from mlplan.models import Roadmap
from mlplan.roadmap_file import validated

if TYPE_CHECKING:
    from mlplan.sources import LinkBase


def import_text(
    text: str,
    name: str,
    roadmap_id: str | None,
    title: str | None,
    skipped: list[Skipped] | None = None,
    links_base: LinkBase | None = None,
) -> Roadmap:
    """The roadmap in ``text``; with a ``skipped`` list, also what it left out (see ``skipped``)."""
    text = repair(text)
    try:
        doc = read_document(text, links_base)
    except RoadmapInvalid as exc:  # front matter that is not plain YAML
        raise RoadmapInvalid(f"{name}: {exc}") from exc
    if not doc.headings and not doc.lists:
        raise RoadmapInvalid(f"{name}: no Markdown headings or lists to import")
    title_section = find_title_section(doc.root)
    meta_title = doc.meta.get("title")
    own_title = clean(
        title
        or (str(meta_title) if meta_title else "")
        or (hour_forms.strip_pace(title_section.title) if title_section else "")
        or doc.html_title
        or ""
    )
    roadmap_title = own_title or clean(PurePath(name).stem)
    plan = plan_document(doc, roadmap_title)
    pace = _pace(doc, plan)
    stages = _stage_dicts(plan.stages, pace)
    if not stages:
        raise RoadmapInvalid(f"{name}: nothing to import: no section lists study items")
    shown_title = roadmap_title
    if not own_title and len(plan.stages) == 1 and plan.stages[0].title not in ("", roadmap_title):
        # No title of its own, and all of it under one heading (a README opening with "## Course name"):
        # that heading names it better than the file name, which stays its id.
        shown_title = plan.stages[0].title
    data = {
        "id": roadmap_id or _slug(roadmap_title) or _slug(PurePath(name).stem) or "roadmap",
        "title": shown_title or PurePath(name).stem,
        "summary": str(doc.meta.get("summary") or doc.meta.get("description") or _summary(plan.intro)),
        "source": name,
        "hours_per_week": pace,
        "stages": stages,
    }
    roadmap = validated(Roadmap, data, name)
    del data, stages  # tens of megabytes for a large document, freed before the skipped report
    if skipped is not None:
        skipped += skipped_lines(doc, roadmap, text)
    release(doc)
    return roadmap


def _slug(text: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return slug[:60].rstrip("-")


def _summary(intro: list[Block]) -> str:
    for block in intro:
        if isinstance(block, Para) and not block.lines[0].label:
            text = " ".join(line.text for line in block.lines)
            if len(text) >= 60:
                return text
    return ""


def _pace(doc: Document, plan: Plan) -> float | None:
    """The weekly pace the document states outside its units (title, stage headings, introduction)."""
    stated = doc.meta.get("hours_per_week")
    if isinstance(stated, int | float) and 0 < stated <= 100:
        return round_quarter(float(stated))
    texts = [plan.title_section.title] if plan.title_section else []
    texts += plan.outside_titles
    for block in plan.intro:
        if isinstance(block, Para):
            texts += [line.text for line in block.lines]
        elif isinstance(block, ListBlock):
            texts += flatten(block.entries)
    for text in texts:
        rate = hour_forms.pace(text)
        if rate and 0 < rate <= 100:
            return round_quarter(rate)
    return None


class _Ids:
    """The ids given so far; a clash gets ``-2``, ``-3``…

    Each wanted id remembers its last suffix: a long document repeats its unit numbering
    (``w01`` a hundred times), and trying ``-2``, ``-3``… afresh each time is quadratic.
    """

    def __init__(self) -> None:
        self.taken: set[str] = set()
        self.suffix: dict[str, int] = {}

    def unique(self, wanted: str) -> str:
        if wanted not in self.taken:  # as it is (had it been given a suffix before, it would be taken)
            self.taken.add(wanted)
            return wanted
        n = self.suffix.get(wanted, 1)
        name = wanted if n == 1 else f"{wanted}-{n}"
        while name in self.taken:
            n += 1
            name = f"{wanted}-{n}"
        self.suffix[wanted] = n
        self.taken.add(name)
        return name


def _stage_dicts(stages: list[StageDraft], pace: float | None) -> list[dict[str, Any]]:
    ids = _Ids()
    numbered: dict[tuple[str, int], str] = {}
    out: list[dict[str, Any]] = []
    position = 0
    for stage in stages:
        units = []
        summary: list[str] = []
        for draft in stage.units:
            builder = Builder(draft.pieces)
            content = builder.content
            if not content.items:
                if draft.stage_text:
                    summary += content.summary
                continue
            position += 1
            uid = _unit_id(draft, position, ids)
            assign_hours(content.items, unit_budget(content, draft.title, pace), pace)
            units.append(_unit_dict(draft, uid, content, _prerequisites(content.prerequisites, numbered), ids))
            if draft.number:
                for n in range(draft.number[1], draft.number[2] + 1):
                    numbered.setdefault((draft.number[0], n), uid)
        if units:
            title = stage.title or f"Stage {len(out) + 1}"
            out.append({"id": f"s{len(out) + 1}", "title": title, "summary": "\n".join(summary), "units": units})
    return out


def _unit_id(draft: UnitDraft, position: int, ids: _Ids) -> str:
    if draft.number and draft.number[1] == draft.number[2]:
        return ids.unique(f"{UNIT_WORDS[draft.number[0]]}{draft.number[1]:02d}")
    return ids.unique(f"u{position:02d}")


def _prerequisites(texts: list[str], numbered: dict[tuple[str, int], str]) -> list[str]:
    ids: list[str] = []
    for text in texts:
        for word, first, last in _unit_ranges(text):
            for n in range(first, last + 1):
                uid = numbered.get((word, n))
                if uid and uid not in ids:
                    ids.append(uid)
    return ids


@cache  # the units of a long document repeat their prerequisites
def _unit_ranges(text: str) -> tuple[tuple[str, int, int], ...]:
    """The units a text names: ``Weeks 1-3`` → ``("week", 1, 3)``."""
    return tuple((m["word"].lower(), int(m["a"]), int(m["b"] or m["a"])) for m in ANY_UNIT_RANGE.finditer(text))


@cache
def _numbers(count: int) -> tuple[str, ...]:
    """``"1"`` to ``str(count)``: an item's number as text (formatting an int costs more than the rest of its id)."""
    return tuple(str(n) for n in range(1, count + 1))


def _unit_dict(draft: UnitDraft, uid: str, content: UnitContent, prerequisites: list[str], ids: _Ids) -> dict[str, Any]:
    items = []
    drafts = split_long(content.items)
    for n, item in zip(_numbers(len(drafts)), drafts, strict=True):
        day = re.match(r"days?\s*(\d+(?:\s*[-–]\s*\d+)?)", item.text, re.I) if item.days else None
        # A unit id holds no dot, and the unit's own, unique, is in each of its item ids: only its day
        # items (``w01.d1``, twice "Day 1") can clash, with each other.
        item_id = ids.unique(f"{uid}.d" + re.sub(r"\s*[-–]\s*", "-", day.group(1))) if day else f"{uid}.{n}"
        entry: dict[str, Any] = {
            "id": item_id,
            "kind": item.kind,  # an ItemKind is its own value (a StrEnum), and reading .value costs a Python call
            "title": item.text,
            "hours": item.hours,
            "estimated": item.estimated,
            "resources": item.resources,
            "checklist": [c for c in item.checklist if c.strip()] if item.checklist else [],
        }
        if item.details and (details := "\n".join(filter(None, item.details))):
            entry["details"] = details
        items.append(entry)
    unit: dict[str, Any] = {
        "id": uid,
        "title": draft.title,
        "summary": "\n".join(content.summary),
        "objectives": content.objectives,
        "outcomes": content.outcomes,
        "prerequisites": prerequisites,
        "items": items,
    }
    if draft.module:
        unit["module"] = draft.module
    return unit
