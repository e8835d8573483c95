"""Human output: rich tables and trees. The only module that imports rich.

Colour follows rich's rules: none when stdout is not a terminal or when
``NO_COLOR`` is set.
"""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape as _esc
from rich.panel import Panel
from rich.table import Table
from rich.tree import Tree

from mlplan.hours import format_hours
from mlplan.models import Roadmap
from mlplan.scheduler import WEEKDAYS, Availability, Schedule


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


def schedule_summary(roadmap: Roadmap, schedule: Schedule, availability: Availability) -> Panel:
    """The headline figures of a schedule: how long, until when, how much."""
    end = schedule.end.isoformat() if schedule.end else "–"
    days = ", ".join(_day_label(day, availability) for day in sorted(availability.capacity_by_weekday()))
    pace = ""
    if roadmap.hours_per_week and roadmap.hours_per_week != availability.hours_per_week:
        pace = f"  [dim](the roadmap suggests {roadmap.hours_per_week:g} h/week)[/]"
    lines = [
        f"[bold]{_esc(roadmap.title)}[/] [dim]({roadmap.id})[/]",
        f"Study weeks   [bold]{schedule.study_weeks()}[/]  ({schedule.start} → {end})",
        f"Hours a week  {hours(availability.hours_per_week)} on {days}{pace}",
        f"Total         {hours(schedule.total_hours)}, {schedule.split_items()} items split across days",
    ]
    if availability.days_off:
        lines.append(f"Days off      {len(availability.days_off)}")
    return Panel("\n".join(lines), title="Plan preview", title_align="left", expand=False)


def _day_label(day: int, availability: Availability) -> str:
    return f"{WEEKDAYS[day].capitalize()} {hours(availability.capacity_by_weekday()[day] / 4)}"


def schedule_weeks_table(schedule: Schedule, unit_titles: dict[str, str]) -> Table:
    """Week by week: dates, units covered and hours."""
    table = Table(title_justify="left")
    table.add_column("week", justify="right", no_wrap=True)
    table.add_column("dates", no_wrap=True)
    table.add_column("units")
    table.add_column("hours", justify="right", no_wrap=True)
    for week in schedule.weeks:
        units = ", ".join(unit_titles.get(u, u) for u in week.unit_ids()) or "[dim]no study[/]"
        table.add_row(
            str(week.index),
            f"{week.start:%b %d} – {week.end:%b %d %Y}",
            units,
            f"{week.hours:g}",
        )
    return table
