"""A section chosen as a unit, read as one or more unit drafts.

Inside a unit, deeper headings are labels (``Topics``, ``Project``…) or groups. A table with
a ``Week`` column turns each row into a week unit (the section becomes their ``module``), and
a list whose entries start with ``Week N``/``Module N`` turns each entry into a unit.

A heading whose body is only links or bare URLs (``#### Intro to Tensorflow`` over a YouTube
address) is one item, the links its resources. So is a numbered unit (``## Week 3``,
``## Logistic Regression | Day 4``) that has nothing but prose: the prose is its details.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from mlplan import hour_forms
from mlplan.markdown_import.document import ListBlock, Para, Section, Table, all_entries, walk
from mlplan.markdown_import.inline import is_link_line
from mlplan.markdown_import.labels import (
    UNIT_NUMBER,
    UNIT_STARTS,
    FirstMatch,
    is_part_label,
    kind_from_text,
    unit_number,
    unit_title,
)
from mlplan.markdown_import.pieces import Piece, State, flatten, line_pieces, list_pieces, new_state
from mlplan.markdown_import.resources import line_resources
from mlplan.markdown_import.tables import row_pieces, table_pieces, table_roles, week_rows
from mlplan.markdown_import.text import clean
from mlplan.models import ItemKind


@dataclass
class UnitDraft:
    title: str
    pieces: list[Piece]
    module: str | None = None
    number: tuple[str, int, int] | None = None
    # A stage's own text before its first unit: without items, its prose is the stage's summary.
    stage_text: bool = False


@cache  # long documents repeat their headings
def heading_title(title: str) -> str:
    """A unit's or stage's heading as its title: plain text, without a stated weekly pace."""
    return clean(hour_forms.strip_pace(title))


def _section_pieces(section: Section, state: State, own_only: bool = False) -> list[Piece]:
    pieces: list[Piece] = []
    for block in section.blocks:
        if isinstance(block, Para):
            pieces += line_pieces(block.lines, state)
        elif isinstance(block, ListBlock):
            pieces += list_pieces(block.entries, state)
            state.done()
        else:
            pieces += table_pieces(block, state)
            state.done()
    if not own_only:
        for child in section.children:
            label = is_part_label(child.title)
            if not label and not child.children and link_body(child):
                pieces.append(heading_item(child, clean(child.title)))
                continue
            sub = state.under(child.title, None if label else clean(child.title))
            if not label:
                sub.category, sub.label = state.heading
                sub.heading = state.heading
            pieces += _section_pieces(child, sub)
    return pieces


def link_body(section: Section) -> bool:
    """The section's own text is links: most of its paragraph lines carry one, and it has no list or table."""
    if not all(isinstance(block, Para) for block in section.blocks):
        return False
    lines = [line for block in section.blocks if isinstance(block, Para) for line in block.lines]
    return sum(1 for line in lines if is_link_line(line)) * 2 > len(lines)


def heading_item(section: Section, title: str, days: int | None = None) -> Piece:
    """The whole section as one item named by its heading: its links are resources, its prose the details."""
    piece = Piece("item", title, kind=kind_from_text(title, ItemKind.CONCEPT), days=days)
    for part in [section, *walk(section)]:
        for block in part.blocks:
            if isinstance(block, Para):
                piece.resources += [r for line in block.lines for r in line_resources(line)]
                piece.details += [line.text for line in block.lines if not line.bare]
            elif isinstance(block, ListBlock):
                piece.resources += [r for e in all_entries(block.entries) for ln in e.lines for r in line_resources(ln)]
                piece.checklist += flatten(block.entries)
    return piece


# A title's default kind of item, and whether it is a capstone (a capstone is a project).
_TITLE_KINDS = FirstMatch((((ItemKind.PROJECT, True), "capstone"), ((ItemKind.PROJECT, False), "project|case stud")))


def _unit_state(title: str, task_list: bool = False) -> State:
    default, capstone = _title_kind(title)
    return new_state(None, "", "", default, capstone, (None, ""), task_list)


@cache
def _title_kind(title: str) -> tuple[ItemKind, bool]:
    """The kind of item a unit's title makes its items by default, and whether it is a capstone."""
    return _TITLE_KINDS.first(title) or (ItemKind.CONCEPT, False)


_WEEK_SUFFIX = re.compile(r"\((weeks?\s*\d+)\)\s*$", re.I)  # "Module 2: Calculus (Week 3)"


def units_of(section: Section, own_only: bool = False, task_list: bool = False) -> list[UnitDraft]:
    title = heading_title(section.title)
    if not own_only:
        single_week = (number := unit_number(title)) and number[0] == "week" and number[1] == number[2]
        for block in section.blocks:
            if isinstance(block, Table):
                if not single_week and (weeks := week_rows(block)):
                    return _week_table_units(section, title, block, weeks)
            elif isinstance(block, ListBlock) and _is_unit_list(block) and any(e.children for e in block.entries):
                return _list_units(block)  # "Lecture 1: …" entries with nothing nested are the section's items
    module = None
    week = _WEEK_SUFFIX.search(title) if ")" in title else None  # most titles: no bracket to look behind
    if week and unit_number(title) and unit_number(week.group(1)):
        module = unit_title(title[: week.start()].strip())
        rest = UNIT_NUMBER.match(module)
        title = f"{unit_title(week.group(1))}: {rest['rest'] if rest else module}"
    pieces = _section_pieces(section, _unit_state(title, task_list), own_only)
    number = unit_number(title)
    if (
        not own_only
        and not any(p.role == "item" for p in pieces)
        and (number or link_body(section))
        and not any(unit_number(s.title) for s in walk(section))  # no unit nested in it
    ):
        rest = UNIT_NUMBER.match(title)
        name = rest["rest"] if rest and rest["rest"] else title
        item = heading_item(section, name)
        if item.resources or item.details or item.checklist:
            pieces = [p for p in pieces if p.role != "resource" and p.role != "prose"] + [item]  # its details
    return [UnitDraft(unit_title(title), pieces, module, number, stage_text=own_only)]


def _week_table_units(section: Section, title: str, table: Table, weeks: list) -> list[UnitDraft]:
    """One unit per week row; the section (``Module 1: Linear Algebra (Weeks 1-2)``) becomes their module."""
    module = unit_title(re.sub(r"\s*\(weeks?[^)]*\)\s*$", "", title, flags=re.I))
    match = UNIT_NUMBER.match(module)
    base = match["rest"] if match and match["rest"] else module
    roles = table_roles(table)
    others = Section(section.level, section.title, [b for b in section.blocks if b is not table], section.children)
    intro = _section_pieces(others, _unit_state(title))
    units = []
    for index, (number, rows) in enumerate(weeks, 1):
        name = f"Week {number}: {base}" + (f" ({index} of {len(weeks)})" if len(weeks) > 1 else "")
        state = _unit_state(name)
        pieces = (intro if index == 1 else []) + [p for row in rows for p in row_pieces(roles, row, state)]
        units.append(UnitDraft(name, pieces, module, ("week", number, number)))
    return units


def _is_unit_list(block: ListBlock) -> bool:
    """At least two entries, and half or more of them, start with a unit number."""
    entries = block.entries
    if len(entries) < 2:
        return False
    most = len(entries) // 2
    enough = max(2, len(entries) - most)  # numbered entries that settle it: the others cannot be more than half
    unnumbered = numbered = 0
    for entry in entries:
        lines = entry.lines
        # A look at the first letters (a line's text is cleaned: no leading space) spares most entries the pattern.
        if lines and lines[0].text[:2] in UNIT_STARTS and unit_number(lines[0].text):
            numbered += 1
            if numbered >= enough:
                return True  # a long list of weeks: stop half-way
        else:
            unnumbered += 1
            if unnumbered > most:
                return False  # most lists are not: stop at their first entries
    return numbered >= 2


def _list_units(block: ListBlock) -> list[UnitDraft]:
    """A list of ``Week N`` entries: each entry is a unit, its nested entries are the unit's items."""
    units = []
    for entry in block.entries:
        if not entry.lines:
            continue
        title = unit_title(entry.lines[0].text)
        if not entry.children:  # "Week 8: Review" among weeks with lists: the entry is the week's one item
            units.append(UnitDraft(title, list_pieces([entry], _unit_state(title)), number=unit_number(title)))
            continue
        resources = line_resources(entry.lines[0])
        for resource in resources:
            if unit_number(resource["title"]) and len(resource["title"]) <= 12:
                resource["title"] = title  # the link only says "week01"
        pieces = [Piece("unit-resource", resources=resources)]
        pieces += list_pieces(entry.children, _unit_state(title))
        units.append(UnitDraft(title, pieces, number=unit_number(title)))
    return units
