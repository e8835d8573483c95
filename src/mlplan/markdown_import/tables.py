"""Table rows as pieces: columns are recognised by their headers.

A ``Day`` column makes day items; ``Goals``, ``Task`` and ``Project`` columns make items; a
course table's title cell is the course, with ``Duration`` times ``Effort`` as its hours; a
``Resources`` column gives the row's first item its resources. A table with a ``Week`` column
can be read as week units (see ``units``).
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from mlplan import hour_forms
from mlplan.markdown_import.document import Table
from mlplan.markdown_import.inline import Line, joined_text
from mlplan.markdown_import.labels import FirstMatch, kind_from_text, label_category
from mlplan.markdown_import.pieces import CONCEPT, RESOURCE, TASK, Piece, State, item, item_piece, section_details
from mlplan.markdown_import.resources import guess_resource_kind, line_resources
from mlplan.models import ItemKind

_COLUMN_ROLES = FirstMatch(
    (
        ("week", r"^weeks?$|^wk\b|^week\s*#?$"),
        ("day", r"^days?\b"),
        ("duration", r"duration|length"),
        ("effort", r"effort|workload|hours|time|commitment"),
        ("prereq", r"prereq|requirement"),
        ("other", r"discussion|chat|author|status|released|date|additional|notes?$|comments?"),
        ("resources", r"resource|reading|reference|material|links?$|videos?|books?"),
        ("project", r"project"),
        ("goals", r"goal|objective|daily"),
        ("task", r"task|practi[cs]e|exercise|assignment|homework|\blab|activit|action"),
        (
            "title",
            r"course|topic|title|name|lesson|subject|area|focus|module|chapter|content|concept|unit|section|skill",
        ),
    )
)


@cache  # a table's roles are read for its week rows and again for its pieces
def _column_role(header: str) -> str:
    return _COLUMN_ROLES.first(header) or "other"


def table_roles(table: Table) -> list[str]:
    roles: list[str] = []
    for header in table.header:
        role = _column_role(header)
        if role == "title" and roles.count("title") == 1 and roles[-1] == "title":
            role = "subtitle"  # "Chapter | Content": the second names what the first numbers
        roles.append("other" if role in ("title", "week", "day") and role in roles else role)
    return roles


def row_pieces(roles: list[str], row: list[list[Line]], state: State, header: str = "") -> list[Piece]:
    cells = {role: cell for role, cell in zip(roles, row, strict=False) if cell and role != "other"}
    if "subtitle" in cells:
        cells["title"] = cells.get("title", []) + cells.pop("subtitle")
    # most rows of a resource table have neither: no call for an empty cell's text
    head = joined_text(cells["title"]) if "title" in cells else ""
    task = joined_text(cells["task"]) if "task" in cells else ""
    items: list[Piece] = []
    if "day" in cells:
        text = f"Day {joined_text(cells['day'])}: " + ": ".join(part for part in (head, task) if part)
        kind = kind_from_text(task or head, TASK if task else CONCEPT)
        items.append(Piece("item", text, "task", kind=kind, days=hour_forms.day_count(joined_text(cells["day"]))))
    else:
        for line in cells.get("goals", []):
            items += filter(None, [item_piece(line, "concept", state)])
        if task:
            kind = kind_from_text(task, kind_from_text(head, TASK))
            if label_category(head) == "setup":
                kind = ItemKind.SETUP
            items.append(Piece("item", ": ".join(p for p in (head, task) if p), "task", kind=kind))
        if "project" in cells:
            items.append(Piece("item", joined_text(cells["project"]), "project", kind=ItemKind.PROJECT))
        if not items and head:
            items += filter(None, [_title_row_piece(cells, header, state)])
    resources = _cell_resources(cells.get("resources", []))
    if items:
        items[0].resources += resources
        if "prereq" in cells and joined_text(cells["prereq"]).strip("- ").lower() not in ("", "none"):
            items[0].details.append(f"Prerequisites: {joined_text(cells['prereq'])}")
        return items
    return _resource_pieces(resources, section_details(state))


def _cell_resources(cell: list[Line]) -> list[dict[str, Any]]:
    """A resources cell's links and bare addresses, each line's label hinting their kind."""
    return [r for line in cell for r in line_resources(line, hint=line.label, bare=True)]


def _resource_pieces(resources: list[dict[str, Any]], details: list[str]) -> list[Piece]:
    """A row's resources when it has no item: a piece each (with the row's details, a list of its own)."""
    return [item(r["title"], "resource", "", RESOURCE, [r], [*details]) for r in resources]


def _title_row_piece(cells: dict[str, list[Line]], header: str, state: State) -> Piece | None:
    """A course-table row: its title cell's links are the course, its duration times effort its hours."""
    lines = cells["title"]
    line = Line(joined_text(lines), [link for ln in lines for link in ln.links], body=joined_text(lines))
    piece = item_piece(line, state.category, state)
    if piece is None:
        return None
    if piece.resources and piece.category is None:
        piece.kind = RESOURCE
        for resource, (text, url) in zip(piece.resources, line.links, strict=True):
            resource["kind"] = guess_resource_kind(
                url, f"{text} {header}"
            )  # "Courses" in the header says what they are
    length = hour_forms.weeks(joined_text(cells.get("duration", [])))
    effort = joined_text(cells.get("effort", []))
    rate = hour_forms.pace(effort)
    if length and rate:
        piece.hours = length * rate
    elif rate is None and effort:
        piece.hours = hour_forms.task_hours(effort)[0]
    return piece


def table_pieces(table: Table, state: State) -> list[Piece]:
    roles = table_roles(table)
    read = [column for column, role in enumerate(roles) if role != "other"]
    if len(read) == 1 and roles[read[0]] == "resources":  # a table of links ("Format | Resource | Progress")
        return _link_table_pieces(read[0], table.rows, state)
    header = table.header[roles.index("title")] if "title" in roles else ""
    return [piece for row in table.rows for piece in row_pieces(roles, row, state, header)]


def _link_table_pieces(column: int, rows: list[list[list[Line]]], state: State) -> list[Piece]:
    """The pieces of a table whose only column read is its resources' (with row_pieces, one row at a time).

    Such a row has no item: its pieces are its links. Tables of links run to tens of thousands of rows,
    and this reads them without looking for the columns they do not have.
    """
    pieces: list[Piece] = []
    details = section_details(state)  # every row's, read once
    for row in rows:
        if column < len(row) and (resources := _cell_resources(row[column])):
            pieces += _resource_pieces(resources, details)
    return pieces


def week_rows(table: Table) -> list[tuple[int, list[list[list[Line]]]]]:
    """Rows of a table with a Week column, grouped by week number (an empty week cell continues the last week)."""
    roles = table_roles(table)
    if "week" not in roles:
        return []
    column = roles.index("week")
    weeks: list[tuple[int, list[list[list[Line]]]]] = []
    for row in table.rows:
        cell = joined_text(row[column]) if column < len(row) else ""
        number = re.fullmatch(r"(?:week\s*)?0*(\d+)", cell.strip(), re.I)
        if number:
            weeks.append((int(number.group(1)), [row]))
        elif weeks and not cell.strip():
            weeks[-1][1].append(row)
        else:
            return []
    return weeks
