"""Which headings are stages and which are units.

- Title: the ``title`` argument, else front matter ``title:``, else the first H1 when it
  opens the document (an empty H1 just before it, a stray file name, is skipped; a table of
  contents is not a title), else a README's leading HTML heading, else the file name.
- Units sit at one heading level: the level with the most numbered headings (``Week 3``,
  ``Module 2``, ``1. …``); without numbering, the level with the most sections that hold
  lists or tables. Headings that only name a part of a unit (``Topics``, ``Project``,
  ``Learning Objectives``…) do not count: they label what follows them.
- Stages are the nearest heading level above the units; a document with one level of
  headings has one stage. A section at stage level with content but no sub-sections is
  a unit of its own (a ``Week 0`` before the first quarter joins that quarter). A
  stage's own lists before its first unit form a unit named after the stage; without
  lists, its own paragraphs are the stage's summary (see ``build``). Unit-level
  sections before the first stage are the introduction: they give the summary and the
  pace, never units.
- A table one of whose columns holds ranges such as ``Weeks 1–4`` or ``Modules 1–4``
  names the stages instead: each unit goes to the stage whose range holds its number
  (an unnumbered unit follows the one before it), and the section holding that table
  is not a unit.
- A section that yields no items is not a unit; a stage without units is dropped.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cache

from mlplan.markdown_import.document import Block, Document, ListBlock, Section, Table, all_entries, walk
from mlplan.markdown_import.inline import joined_text
from mlplan.markdown_import.labels import (
    ANY_UNIT_RANGE,
    NUMBERED,
    UNIT_WORDS,
    bare_title,
    is_back_matter,
    is_part_label,
    unit_number,
)
from mlplan.markdown_import.pieces import is_toc
from mlplan.markdown_import.text import clean
from mlplan.markdown_import.units import UnitDraft, heading_item, heading_title, link_body
from mlplan.markdown_import.units import units_of as section_units


@dataclass
class StageDraft:
    title: str
    units: list[UnitDraft] = field(default_factory=list)


@dataclass
class Plan:
    title_section: Section | None
    stages: list[StageDraft]
    intro: list[Block]
    outside_titles: list[str]


def _has_content(section: Section, task_list: bool = False) -> bool:
    """The section holds study content: a table, a list (task entries in a task-list document), or links."""
    if task_list:
        return any(e.task for b in section.blocks if isinstance(b, ListBlock) for e in all_entries(b.entries))
    for b in section.blocks:  # a loop, not any() over a generator: a step less for each block of every section
        if isinstance(b, Table) or (isinstance(b, ListBlock) and not is_toc(b.entries)):
            return True
    if not section.children:
        return link_body(section)
    return any(is_part_label(c.title) and _has_content(c) for c in section.children)


def back_matter(section: Section, task_list: bool) -> bool:
    """Back matter (``BACK_MATTER``), except prerequisites or resources that a task-list document checks off."""
    if not is_back_matter(section.title):
        return False
    if task_list and _STUDIED_IN_TASK_LISTS.search(section.title):
        return not any(_has_content(s, task_list) for s in [section, *walk(section)])
    return True


_STUDIED_IN_TASK_LISTS = re.compile(r"prerequisite|resource|reading|references", re.I)


def _study_sections(root: Section, skip: Section | None, task_list: bool) -> list[Section]:
    out: list[Section] = []
    for child in root.children:
        if back_matter(child, task_list):
            continue
        if child is not skip:
            out.append(child)
        out += _study_sections(child, skip, task_list)
    return out


def _best_level(counts: Counter[int]) -> int | None:
    return max(counts, key=lambda level: (counts[level], -level)) if counts else None


def _unit_level(sections: list[Section], task_list: bool) -> int | None:
    numbered = Counter(
        s.level for s in sections if unit_number(s.title) or NUMBERED.match(s.title) and not is_part_label(s.title)
    )
    if numbered and max(numbered.values()) >= 2 and not task_list:
        return _best_level(numbered)
    holding = [s for s in sections if _has_content(s, task_list)]
    return _best_level(Counter(s.level for s in holding if not is_part_label(s.title))) or _best_level(
        Counter(s.level for s in holding)
    )


def _stage_level(sections: list[Section], unit_level: int, skip: Section | None) -> int | None:
    levels = set()
    for section in sections:
        if section.level != unit_level:
            continue
        parent = section.parent
        while parent is not None and parent.level > 0:
            if parent is not skip:
                levels.add(parent.level)
            parent = parent.parent
    return max(levels) if levels else None


def find_title_section(root: Section) -> Section | None:
    stray = None
    for section in walk(root):
        if section.level == 1 and not section.blocks and not section.children and stray is None:
            stray = section  # a stray one-word H1 (a file or model name) right before the real title…
            continue
        if section.level == 1 and _STAGE_NAME.match(bare_title(section.title)):
            return stray  # …unless what follows is the first stage ("# Month 1"): then it was the title
        return section if section.level == 1 and not is_back_matter(section.title) else None
    return None


_STAGE_NAME = re.compile(r"(?:month|part|phase|stage|quarter|level|term|semester|year)\s*\d+\b", re.I)


def plan_document(doc: Document, roadmap_title: str) -> Plan:
    title_section = find_title_section(doc.root)
    sections = _study_sections(doc.root, title_section, doc.task_list)
    plan = Plan(title_section, [], list(doc.root.blocks), [])
    if title_section:
        plan.intro += title_section.blocks
    if days := _day_sections(sections):
        plan.stages.append(StageDraft(roadmap_title, _journal_units(days)))
        return plan
    unit_level = _unit_level(sections, doc.task_list)

    def units_of(section: Section, own_only: bool = False) -> list[UnitDraft]:
        return section_units(section, own_only, doc.task_list)

    if unit_level is None:
        # no sections to study: the list under the title (or before any heading) is the one unit
        if any(isinstance(b, (ListBlock, Table)) for b in plan.intro):
            plan.stages.append(StageDraft(roadmap_title, units_of(Section(0, roadmap_title, list(plan.intro)))))
        return plan
    stage_level = _stage_level(sections, unit_level, title_section)
    table_section, ranges = _stage_table(doc.root, sections, unit_level)
    if stage_level is None:
        plan.stages.append(StageDraft(roadmap_title))
    pending: list[UnitDraft] = []

    def place(units: list[UnitDraft]) -> None:
        (plan.stages[-1].units if plan.stages else pending).extend(units)

    # Depth first in source order, with a stack of the open sections' children rather than a
    # recursive closure (that would be a reference cycle holding the whole document).
    open_sections = [(iter(doc.root.children), stage_level is None)]
    while open_sections:
        children, in_stage = open_sections[-1]
        child = next(children, None)
        if child is None:
            open_sections.pop()
            continue
        if back_matter(child, doc.task_list) or child is table_section:
            continue
        if child is title_section:
            open_sections.append((iter(child.children), in_stage))
            continue
        if stage_level is not None and child.level == stage_level:
            if any(s.level >= unit_level for s in walk(child)):
                plan.stages.append(StageDraft(heading_title(child.title), pending[:]))
                pending.clear()
                place(units_of(child, own_only=True))
                plan.outside_titles.append(child.title)
                open_sections.append((iter(child.children), True))
            elif _has_content(child, doc.task_list):
                place(units_of(child))
        elif child.level >= unit_level:
            # before the first stage: the introduction, unless it holds tasks of a task-list document
            introduction = not (doc.task_list and _has_content(child, True))
            if stage_level is not None and not in_stage and not plan.stages and introduction:
                plan.intro += [b for s in [child, *walk(child)] for b in s.blocks]
            else:
                place(units_of(child))
        else:
            plan.outside_titles.append(child.title)
            if not plan.stages:
                plan.intro += child.blocks
            open_sections.append((iter(child.children), in_stage))
    if pending:
        if not plan.stages:
            plan.stages.append(StageDraft(roadmap_title))
        plan.stages[-1].units += pending
    if ranges:
        plan.stages = _restage([u for s in plan.stages for u in s.units], ranges)
    return plan


# ---------------------------------------------------------------- day journals

_DAY_TITLE = re.compile(r"(?:^|[|:(\[\-–—]\s*)day\s*0*(\d+)\b[\s:.)\]–—-]*", re.I)


def _day_sections(sections: list[Section]) -> list[tuple[int, Section]]:
    """The ``Day N`` sections of a journal (``## Logistic Regression | Day 4``), if most at their level are."""
    by_level: dict[int, list[Section]] = {}
    for section in sections:
        by_level.setdefault(section.level, []).append(section)
    for level in sorted(by_level):
        days = [(day, s) for s in by_level[level] if (day := _day_number(s.title)) is not None]
        if len(days) >= 3 and len(days) * 2 > len(by_level[level]):
            return days
    return []


@cache
def _day_number(title: str) -> int | None:
    # Most titles do not hold "day", a test much quicker than the pattern (whose optional start has it tried at
    # every position); no letter but d, a and y themselves (in either case) is read as them case-blind.
    match = _DAY_TITLE.search(title) if "day" in title.lower() else None
    return int(match.group(1)) if match else None


def _journal_units(days: list[tuple[int, Section]]) -> list[UnitDraft]:
    """Each day is an item (``Day 4: Logistic Regression``); seven days make a week's unit."""
    weeks: dict[int, list[tuple[int, Section]]] = {}
    for day, section in days:
        weeks.setdefault((day - 1) // 7 + 1, []).append((day, section))
    units = []
    for week, entries in weeks.items():
        pieces = []
        for day, section in entries:
            rest = clean(_DAY_TITLE.sub(" ", section.title, count=1)).strip(" |:-–—")
            pieces.append(heading_item(section, f"Day {day}: {rest}" if rest else f"Day {day}", days=1))
        first, last = entries[0][0], entries[-1][0]
        span = f"Day {first}" if first == last else f"Days {first}–{last}"
        units.append(UnitDraft(f"Week {week}: {span}", pieces, number=("week", week, week)))
    return units


# ---------------------------------------------------------------- stages named by an overview table

_RANGE_CELL = re.compile(
    rf"^(?:(?P<word>{'|'.join(UNIT_WORDS)})s?\s*)?(?P<a>\d+)\s*(?:-|–|—|to)\s*(?P<b>\d+)\b[\s:.,–—-]*(?P<rest>.*)$",
    re.I,
)


def _stage_table(
    root: Section, sections: list[Section], unit_level: int
) -> tuple[Section | None, list[tuple[int, int, str]]]:
    """A table whose column holds ranges of the units' numbers (``Weeks 1–4``) names the stages."""
    numbers = {n[1] for s in sections if s.level == unit_level and (n := unit_number(s.title))}
    for section in [root, *walk(root)]:
        for block in section.blocks:
            if isinstance(block, Table) and (ranges := _table_ranges(block)):
                covered = sum(1 for n in numbers if any(a <= n <= b for a, b, _ in ranges))
                if covered >= 2:
                    return section, ranges
    return None, []


def _table_ranges(table: Table) -> list[tuple[int, int, str]]:
    for column, header in enumerate(table.header):
        if re.search(r"day|duration|effort|hours|date", header):
            continue
        ranges = []
        for row in table.rows:
            cell = row[column] if column < len(row) else []
            match = _RANGE_CELL.match(joined_text(cell))
            if not match:
                break
            if not (match["word"] or re.search("|".join(UNIT_WORDS), header) or "covered" in header):
                break
            others = [joined_text(c) for i, c in enumerate(row) if i != column and len(joined_text(c)) <= 60][:2]
            title = joined_text(cell) if match["rest"] else ": ".join(o for o in others if o) or joined_text(cell)
            ranges.append((int(match["a"]), int(match["b"]), title))
        if len(ranges) >= 2 and len(ranges) == len(table.rows):
            return ranges
    return []


def _restage(units: list[UnitDraft], ranges: list[tuple[int, int, str]]) -> list[StageDraft]:
    stages = [StageDraft(title) for _, _, title in ranges]
    index = 0
    for unit in units:
        if unit.number:
            number: int | None = unit.number[2]
        else:
            named = ANY_UNIT_RANGE.search(unit.title)  # "Capstone (Weeks 13-16)"
            number = int(named["b"] or named["a"]) if named else None
        if number is not None:
            index = next((i for i, (a, b, _) in enumerate(ranges) if a <= number <= b), index)
        stages[index].units.append(unit)
    return stages
