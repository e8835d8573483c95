"""Human output: rich tables and trees. The only module that imports rich.

Colour follows rich's rules: none when stdout is not a terminal or when
``NO_COLOR`` is set.
"""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape as _esc
from rich.table import Table
from rich.tree import Tree

from mlplan.hours import format_hours
from mlplan.models import Roadmap


def console(stderr: bool = False) -> Console:
    """A console for stdout (data) or stderr (messages)."""
    return Console(stderr=stderr, highlight=False)


def hours(value: float) -> str:
    """Hours as people write them (3 h, 1.5 h, 45 min), never broken across lines."""
    return format_hours(value).replace(" ", "\u00a0")


def roadmaps_table(rows: list[dict[str, object]]) -> Table:
    """The catalog as a table: one row per roadmap."""
    table = Table(title="Roadmaps", title_justify="left")
    table.add_column("id", style="bold cyan", no_wrap=True)
    table.add_column("title")
    table.add_column("stages", justify="right")
    table.add_column("units", justify="right")
    table.add_column("hours", justify="right", no_wrap=True)
    table.add_column("pace", justify="right", no_wrap=True)
    for row in rows:
        pace = row["hours_per_week"]
        table.add_row(
            str(row["id"]),
            str(row["title"]),
            str(row["stages"]),
            str(row["units"]),
            f"{row['hours']:g}",
            f"{pace:g} h/week" if pace else "–",
        )
    return table


def roadmap_tree(roadmap: Roadmap) -> Tree:
    """Stages → units → items with hours; estimated hours carry a ~."""
    pace = f", {roadmap.hours_per_week:g} h/week" if roadmap.hours_per_week else ""
    tree = Tree(f"[bold]{_esc(roadmap.title)}[/] [dim]({roadmap.id}, {hours(roadmap.total_hours())}{pace})[/]")
    for stage in roadmap.stages:
        stage_hours = sum(item.hours for unit in stage.units for item in unit.items)
        branch = tree.add(f"[bold magenta]{_esc(stage.title)}[/] [dim]{hours(stage_hours)}[/]")
        for unit in stage.units:
            unit_hours = sum(item.hours for item in unit.items)
            node = branch.add(f"[bold]{_esc(unit.title)}[/] [dim]{unit.id} · {hours(unit_hours)}[/]")
            for item in unit.items:
                mark = "~" if item.estimated else ""
                node.add(f"[cyan]{item.id}[/] {_esc(item.title)} [dim]{mark}{hours(item.hours)}[/]")
    tree.add("[dim]~ hours estimated by mlplan's rule (README: How hours are estimated)[/]")
    return tree
