"""Human output: rich tables and trees. The only module that imports rich.

Colour follows rich's rules: none when stdout is not a terminal or when
``NO_COLOR`` is set. Text from roadmaps and learners (titles, names, ids) may
hold square brackets, which rich reads as markup: it goes into ``Text`` objects
or through ``_esc`` here, never into a markup string as it is.
"""

from __future__ import annotations

import textwrap
from datetime import date, timedelta
from typing import TYPE_CHECKING

from rich.console import Console, Group, RenderableType
from rich.markup import escape as _esc
from rich.measure import Measurement
from rich.padding import Padding
from rich.panel import Panel
from rich.table import Table
from rich.text import Text
from rich.tree import Tree

from mlplan.hours import format_hours
from mlplan.plan_data import Schedule
from mlplan.scheduler import WEEKDAYS, Availability
from mlplan.wording import moved_to, plural

if TYPE_CHECKING:
    from mlplan.markdown_import import Skipped
    from mlplan.models import Roadmap


def console(stderr: bool = False) -> Console:
    """A console for stdout (data) or stderr (messages)."""
    return Console(stderr=stderr, highlight=False)


def hours(value: float) -> str:
    """Hours as people write them (3 h, 1.5 h, 45 min), never broken across lines."""
    return format_hours(value).replace(" ", "\u00a0")


def print_listing(out: Console, table: Table, lines: list[Text]) -> None:
    """``table`` when it fits the console's width, else ``lines``, which are never wrapped or cut.

    Names and titles in listings must stay whole (people copy them into commands):
    a table squeezed to 80 columns would fold them or cut them with an ellipsis.
    """
    natural = Measurement.get(out, out.options.update_width(_UNLIMITED), table).maximum
    if natural <= out.width:
        out.print(table)
        return
    for line in lines:
        out.print(line, soft_wrap=True)


_UNLIMITED = 100_000


def _pace(row: dict[str, object], none: str = "–") -> str:
    pace, weeks = row["hours_per_week"], row.get("weeks")
    hours_per_week = pace if isinstance(pace, int | float) else None
    return stated_pace(hours_per_week, weeks if isinstance(weeks, int) else None) or none


def roadmaps_table(rows: list[dict[str, object]]) -> Table:
    """The catalog as a table: one row per roadmap."""
    table = Table(title="Roadmaps", title_justify="left")
    table.add_column("id", style="bold cyan", no_wrap=True)
    table.add_column("title", no_wrap=True)
    for name in ("stages", "units", "hours", "pace"):
        table.add_column(name, justify="right", no_wrap=True)
    table.add_column("from", no_wrap=True)
    for row in rows:
        table.add_row(
            Text(str(row["id"])),
            Text(str(row["title"])),
            str(row["stages"]),
            str(row["units"]),
            f"{row['hours']:g}",
            _pace(row),
            _origin(row),
        )
    return table


def stated_pace(hours_per_week: float | None, weeks: int | None) -> str:
    """The pace a roadmap states, like "25 h/week, 53 weeks"; empty when it states none."""
    parts = ([f"{hours_per_week:g} h/week"] if hours_per_week else []) + ([f"{weeks} weeks"] if weeks else [])
    return ", ".join(parts)


def _origin(row: dict[str, object]) -> str:
    return "yours" if row.get("origin") == "user" else "bundled"


def roadmaps_lines(rows: list[dict[str, object]]) -> list[Text]:
    """The catalog for a narrow console: each roadmap's id and whole title, then its figures."""
    lines = [Text("Roadmaps", style="italic")]
    for row in rows:
        lines.append(Text.assemble((str(row["id"]), "bold cyan"), "  ", str(row["title"])))
        lines.append(
            Text(
                f"    {plural(int(str(row['stages'])), 'stage')} · {plural(int(str(row['units'])), 'unit')} · "
                f"{row['hours']:g} h · {_pace(row, 'no stated pace')} · {_origin(row)}",
                style="dim",
            )
        )
    return lines


def roadmap_choices(rows: list[dict[str, object]]) -> list[Text]:
    """Numbered roadmaps to choose from: id, whole title, total hours and stated pace."""
    lines = []
    for n, row in enumerate(rows, 1):
        pace = f", {row['hours_per_week']:g} h/week suggested" if row["hours_per_week"] else ""
        lines.append(
            Text.assemble(
                f"  {n}. ",
                (str(row["id"]), "bold cyan"),
                f"  {row['title']}",
                (f"  ({row['hours']:g} h{pace})", "dim"),
            )
        )
    return lines


def roadmap_tree(roadmap: Roadmap) -> Tree:
    """Stages → units → items with hours (estimated hours carry a ~), then the unscheduled reference."""
    pace = stated_pace(roadmap.hours_per_week, roadmap.weeks)
    pace = f", {pace}" if pace else ""
    tree = Tree(f"[bold]{_esc(roadmap.title)}[/] [dim]({_esc(roadmap.id)}, {hours(roadmap.total_hours())}{pace})[/]")
    for stage in roadmap.stages:
        stage_hours = sum(item.hours for unit in stage.units for item in unit.items)
        branch = tree.add(f"[bold magenta]{_esc(stage.title)}[/] [dim]{hours(stage_hours)}[/]")
        if stage.summary:
            branch.add(f"[italic dim]{_esc(stage.summary)}[/]")
        for unit in stage.units:
            unit_hours = sum(item.hours for item in unit.items)
            node = branch.add(f"[bold]{_esc(unit.title)}[/] [dim]{_esc(unit.id)} · {hours(unit_hours)}[/]")
            if unit.summary:
                node.add(f"[italic dim]{_esc(_first_paragraph(unit.summary))}[/]")
            for item in unit.items:
                mark = "~" if item.estimated else ""
                node.add(f"[cyan]{_esc(item.id)}[/] {_esc(item.title)} [dim]{mark}{hours(item.hours)}[/]")
    if roadmap.reference:
        branch = tree.add("[bold magenta]Reference[/] [dim](listed by the roadmap, not scheduled)[/]")
        for section in roadmap.reference:
            node = branch.add(f"[bold]{_esc(section.title)}[/]")
            for note in section.notes:
                node.add(_esc(note))
            for resource in section.resources:
                link = f" [dim]{_esc(resource.url)}[/]" if resource.url else ""
                node.add(f"{_esc(resource.title)}{link}")
    tree.add("[dim]~ hours estimated by mlplan's rule (README: How hours are estimated)[/]")
    return tree


def _first_paragraph(text: str, width: int = 160) -> str:
    """A summary's first paragraph, cut at a word past ``width`` characters (a tree is an overview).

    `` …`` says that more follows.
    """
    first, _, rest = text.partition("\n")
    if len(first) > width:
        return textwrap.shorten(first, width, placeholder=" …")
    return first + (" …" if rest.strip() else "")


def skipped_summary(skipped: list[Skipped], shown: int = 5) -> str:
    """``skipped N lines`` and the first few, one a line: ``  line 12 (navigation): - [Back to top](#top)``."""
    if not skipped:
        return "Skipped 0 lines: every heading, list item and link is in the roadmap."
    lines = [f"Skipped {len(skipped)} lines (headings, list items and links not in the roadmap):"]
    for s in skipped[:shown]:
        text = s.text if len(s.text) <= 80 else s.text[:79] + "…"
        lines.append(f"  line {s.line} ({s.why}): {text}")
    if len(skipped) > shown:
        lines.append(f"  … and {len(skipped) - shown} more (mlplan import FILE --dry-run --json lists them all)")
    return "\n".join(lines)


def schedule_summary(
    roadmap_title: str,
    roadmap_id: str,
    pace: float | None,
    schedule: Schedule,
    availability: Availability,
    title: str,
    plan_start: date | None = None,
) -> Panel:
    """The headline figures of a schedule: how long, until when, how much.

    With ``plan_start`` (a replan's plan began earlier), its weeks are given as the plan
    numbers them, as ``week N`` does.
    """
    days = ", ".join(_day_label(day, availability) for day in sorted(availability.capacity_by_weekday()))
    note = ""
    if pace and pace != availability.hours_per_week:
        note = f"  [dim](the roadmap suggests {pace:g} h/week)[/]"
    lines = [
        f"[bold]{_esc(roadmap_title)}[/] [dim]({_esc(roadmap_id)})[/]",
        f"Study weeks   [bold]{_study_weeks(schedule, plan_start)}[/]  ({schedule.start} → {schedule.end or '–'})",
        f"Hours a week  {hours(availability.hours_per_week)} on {days}{note}",
        f"Total         {hours(schedule.total_hours)}, {plural(schedule.split_items, 'item')} split across days",
    ]
    if availability.days_off:
        lines.append(f"Days off      {len(availability.days_off)}")
    return Panel("\n".join(lines), title=Text(title), title_align="left", expand=False)


def _day_label(day: int, availability: Availability) -> str:
    return f"{WEEKDAYS[day].capitalize()} {hours(availability.capacity_by_weekday()[day] / 4)}"


def _study_weeks(schedule: Schedule, plan_start: date | None) -> str:
    """How many weeks; for a replan of a plan begun earlier, which weeks of the plan (as ``week N`` numbers them)."""
    if plan_start is None or schedule.end is None or plan_start == schedule.start:
        return str(schedule.study_weeks)
    first, last = ((day - plan_start).days // 7 + 1 for day in (schedule.start, schedule.end))
    return f"weeks {first}–{last} of the plan" if last > first else f"week {first} of the plan"


def schedule_weeks_table(schedule: Schedule, unit_titles: dict[str, str]) -> Table:
    """Week by week: dates, units covered and hours."""
    table = Table(title_justify="left")
    table.add_column("week", justify="right", no_wrap=True)
    table.add_column("dates", no_wrap=True)
    table.add_column("units")
    table.add_column("hours", justify="right", no_wrap=True)
    for week in schedule.weeks:
        units = ", ".join(unit_titles.get(u, u) for u in week.units)
        table.add_row(
            str(week.number),
            f"{week.start:%b %d} – {week.end:%b %d %Y}",
            Text(units) if units else Text("no study", style="dim"),
            f"{week.hours:g}",
        )
    return table


def _check(done: bool, skipped: bool = False) -> Text:
    if done:
        return Text("[x]", style="green")
    return Text("[-]" if skipped else "[ ]", style="dim" if skipped else "")


def week_checklist(view: dict, plan_name: str) -> Group:
    """A week as one table by weekday with checkboxes, then each unit's summary, deliverables, checks and outcomes."""
    parts: list[RenderableType] = [
        Text.assemble(
            (f"Week {view['index']}", "bold"),
            f" · {_weekday(view['start'])} – {_weekday(view['end'])} · {plan_name} · ",
            (f"{view['done_hours']:g} of {view['planned_hours']:g} h done", "bold"),
            f" · {view['moved_hours']:g} h moved by a replan" if view["moved_hours"] else "",
        )
    ]
    table = Table(show_header=False, box=None, padding=(0, 1), pad_edge=False)
    table.add_column("day", style="bold", no_wrap=True)
    table.add_column("check", no_wrap=True)
    table.add_column("id", style="cyan", no_wrap=True)
    table.add_column("item")
    table.add_column("hours", justify="right", style="dim", no_wrap=True)
    for day in view["days"]:
        for n, item in enumerate(day["items"]):
            part = f" (part {item['part']} of {item['parts']})" if item["parts"] > 1 else ""
            label = Text(item["title"] + part)
            if item["moved"]:
                label.append(f"  {moved_to(item['moved_to'] and _weekday(item['moved_to']))}", style="dim")
            table.add_row(
                _weekday(day["date"]) if n == 0 else "",
                Text("[>]", style="dim") if item["moved"] else _check(item["done"], item["skipped"]),
                Text(item["id"]),
                label,
                hours(item["hours"]),
                end_section=n == len(day["items"]) - 1,
            )
    parts.append(table)
    for unit in view["units"]:
        lines: list[RenderableType] = [Text(unit["title"], style="bold magenta")]
        lines += [
            Padding(Text(p, style="italic dim"), (0, 0, 0, 2), expand=False)
            for p in unit.get("summary", "").splitlines()
            if p.strip()
        ]
        for title, entries in (
            ("Deliverables", unit["deliverables"]),
            ("Checks", unit["checks"]),
            ("Outcomes", unit["outcomes"]),
        ):
            if entries:
                lines.append(Text(f"  {title}", style="bold"))
                lines.extend(Text(f"    [ ] {entry}") for entry in entries)
        if len(lines) > 1:
            parts.append(Group(*lines))
    return Group(*parts)


def _weekday(iso_date: str) -> str:
    """``Mon 23 Nov``: the weekday first, as a learner thinks of their week."""
    from datetime import date

    return f"{date.fromisoformat(iso_date):%a %d %b}"


def _bar(done: float, total: float, width: int = 24) -> Text:
    filled = round(width * done / total) if total else 0
    return Text.assemble(("█" * filled, "green"), ("░" * (width - filled), "dim"))


def status_panel(view: dict) -> Group:
    """Stages as progress bars, then hours, pace, streak and finish dates."""
    same = view["plan"] == view["roadmap"]  # a plan is named after its roadmap unless the learner named it
    table = Table(title=Text(view["plan"] if same else f"{view['plan']} · {view['roadmap']}"), title_justify="left")
    table.add_column("stage")
    table.add_column("progress", no_wrap=True)
    table.add_column("items", justify="right", no_wrap=True)
    table.add_column("hours", justify="right", no_wrap=True)
    for stage in view["stages"]:
        table.add_row(
            Text(stage["title"]),
            _bar(stage["done_hours"], stage["total_hours"]),
            f"{stage['done_items']}/{stage['total_items']}",
            f"{stage['done_hours']:g}/{stage['total_hours']:g}",
        )
    behind = view["behind_hours"]
    late = view.get("projected_days_late", 0)
    if view.get("finished"):
        pace = Text(f"plan complete: every item is done or skipped (last on {view['finished_on']})", style="green")
    elif behind > 0:
        pace = Text(f"{hours(behind)} behind the plan ({plural(view['behind_days'], 'study day')})", style="yellow")
    elif late > 7:
        # the dates are kept, but the pace so far would not keep them
        pace = Text(
            f"{'ahead of' if behind < 0 else 'keeping'} the plan's dates, but at your pace so far you "
            f"finish {_weeks(late)} after the planned end",
            style="yellow",
        )
    elif behind < 0:
        pace = Text(f"{hours(-behind)} ahead of the plan", style="green")
    else:
        pace = Text("on schedule")
    if view["projected_end"]:
        # the basis, so that a slow start (a missed week) reads as what it is, not as a verdict
        basis = f"{hours(view['done_hours'])} in {plural(view['projected_from_days'], 'day')}"
        projected = f"at your pace so far ({basis}) {view['projected_end']}"
    else:
        projected = "at your pace – (finish an item to see it)"
    lines: list[RenderableType] = [
        table,
        Text(
            f"Done     {view['done_items']} of {plural(view['total_items'], 'item')}, {hours(view['done_hours'])} of "
            f"{hours(view['total_hours'])}; {hours(view['left_hours'])} left"
            + (f"; {view['skipped_items']} skipped" if view["skipped_items"] else "")
        ),
        Text.assemble("Pace     ", pace),
        Text(
            f"Streak   {plural(view['streak_days'], 'study day')}"
            + (f"; {hours(view['logged_hours'])} logged" if view["logged_hours"] else "")
        ),
        Text(f"Finish   planned {view['planned_end']}; {projected}"),
    ]
    if view["suggest_replan"]:
        lines.append(
            Text(
                "Behind by more than a session: `mlplan replan` fits what is left into the weeks ahead.", style="yellow"
            )
        )
    return Group(*lines)


def _weeks(days: int) -> str:
    weeks = round(days / 7)
    return plural(weeks, "week") if weeks else plural(days, "day")


def history_table(rows: list[dict], plan_name: str) -> Group:
    """The study log by date, with the time logged in all."""
    table = Table(title=Text(f"Study log · {plan_name}"), title_justify="left")
    table.add_column("date", no_wrap=True)
    table.add_column("time", justify="right", no_wrap=True)
    table.add_column("what", no_wrap=True)
    table.add_column("item", style="cyan", no_wrap=True)
    table.add_column("title")
    table.add_column("note")
    words = {"log": "studied", "done": "done", "skip": "skipped", "reopen": "reopened"}
    for row in rows:
        table.add_row(
            row["date"] or "",
            hours(row["hours"]) if row["hours"] else "",
            words[row["kind"]],
            Text(row["item"] or ""),
            Text(row["title"] or ""),
            Text(row["note"] or ""),
        )
    logged = [row for row in rows if row["hours"]]
    days = len({row["date"] for row in logged})
    total = Text(
        f"{hours(sum(row['hours'] for row in logged))} logged on {plural(days, 'day')}"
        if logged
        else "No time logged yet: `mlplan log 1h30m ID` records a session."
    )
    return Group(table, total)


def plans_table(rows: list[dict]) -> Table:
    """Plans with the current one marked."""
    table = Table(title="Plans", title_justify="left")
    table.add_column("", no_wrap=True)
    table.add_column("name", style="bold", no_wrap=True)
    table.add_column("roadmap", no_wrap=True)
    table.add_column("dates", no_wrap=True)
    table.add_column("done", justify="right", no_wrap=True)
    for row in rows:
        table.add_row(
            "*" if row["current"] else "",
            Text(row["name"]),
            Text(row["roadmap"]),
            f"{row['start']} → {row['end']}",
            str(row["done_items"]),
        )
    table.caption = _PLANS_CAPTION
    return table


_PLANS_CAPTION = "* current plan · `mlplan switch NAME` to change"


def plans_lines(rows: list[dict]) -> list[Text]:
    """Plans for a narrow console: each whole name on its own line, then its roadmap and dates."""
    lines = [Text("Plans", style="italic")]
    for row in rows:
        lines.append(Text.assemble("* " if row["current"] else "  ", (row["name"], "bold")))
        lines.append(
            Text(
                f"    {row['roadmap']} · {row['start']} → {row['end']} · {plural(row['done_items'], 'item')} done",
                style="dim",
            )
        )
    lines.append(Text(_PLANS_CAPTION, style="dim"))
    return lines


_CHART_STYLES = {"█": "green", "▄": "green", "•": "cyan", "░": "yellow", "┆": "red", "▲": "bold"}
_CALENDAR_STYLES = {"░": "green4", "▒": "green3", "▓": "green", "█": "bright_green", "·": "dim", "×": "magenta"}


def _coloured(rows: list[str], styles: dict[str, str], wrap: bool = False) -> Text:
    """Rows of chart characters with each shape coloured; the shapes alone carry the meaning.

    The chart rows are cropped, never wrapped (a wrapped row breaks the picture); a legend wraps between words.
    """
    text = Text() if wrap else Text(no_wrap=True, overflow="crop")
    for n, row in enumerate(rows):
        if n:
            text.append("\n")
        for ch in row:
            text.append(ch, styles.get(ch))
    return text


def burnup_chart(rows: list[str]) -> Group:
    """The burn-up (``charts.burnup_rows``) under a heading."""
    return Group(
        Text("Burn-up: hours planned and done, week by week", style="bold"),
        _coloured(rows[:-1], _CHART_STYLES),
        _coloured([rows[-1].strip()], _CHART_STYLES, wrap=True),
    )


def calendar_grid(rows: list[str], title: str) -> Group:
    """The study calendar (``charts.calendar_rows``) under a heading."""
    return Group(
        Text(title, style="bold"),
        _coloured(rows[:-1], _CALENDAR_STYLES),
        _coloured([rows[-1].strip()], _CALENDAR_STYLES, wrap=True),
    )


def recording_console(like: Console) -> Console:
    """A console that prints like ``like`` and also records, for ``svg_of``."""
    return Console(highlight=False, record=True, width=like.width)


def svg_of(recorded: Console, title: str) -> str:
    """What a recording console printed, as an SVG image."""
    return recorded.export_svg(title=title)


def cards_table(rows: list[dict]) -> Table:
    """Review cards: due day, stability and how likely each is remembered today."""
    table = Table(title="Review cards", title_justify="left")
    table.add_column("id", style="bold cyan", no_wrap=True)
    table.add_column("title")
    table.add_column("due", no_wrap=True)
    table.add_column("stability", justify="right", no_wrap=True)
    table.add_column("recall", justify="right", no_wrap=True)
    for row in rows:
        title = Text(row["title"])
        if row["unit_title"]:
            title.append(f" · {row['unit_title']}", style="dim")
        table.add_row(
            _esc(row["id"]),
            title,
            row["due"],
            f"{row['stability']:.1f} d",
            f"{row['retrievability']:.0%}",
        )
    return table


def reviews_line(reviews: dict) -> Text:
    """``Reviews  2 due; 3 done this week; you still remember ~87% of what you finished``."""
    text = f"Reviews  {reviews['due']} due; {reviews['done_this_week']} done this week"
    if reviews["retention"] is not None:
        text += f"; you still remember ~{reviews['retention']:.0%} of what you finished"
    return Text(text)


def deadline_line(view: dict, on: date) -> str:
    """One line for people about the deadline in a ``deadline_status`` view."""
    deadline = date.fromisoformat(view["deadline"])
    if view["end_at_current_hours"] is None:
        return f"Deadline on track for {_month_day(deadline, on)}: everything is done"
    end = date.fromisoformat(view["end_at_current_hours"])
    pace = f"{format_hours(view['hours_per_week'])} a week from today"
    if view["on_track"]:
        return f"Deadline on track for {_month_day(deadline, on)} (at {pace} you finish {_month_day(end, on)})"
    late = f"at this pace ({pace}) you finish {_month_day(end, on)}, {_late(end - deadline)} late"
    hours = view["keep_end_hours_per_week"]
    start = f"Deadline {_month_day(deadline, on)}: {late}"
    if hours is None:
        return f"{start}; no weekly hours make it: `mlplan replan --by DATE` sets a new date"
    return f"{start}: `mlplan replan --keep-end` needs {format_hours(hours)} a week"


def _month_day(day: date, on: date) -> str:
    return f"{day:%B} {day.day}" + (f", {day.year}" if day.year != on.year else "")


def _late(delta: timedelta) -> str:
    days = delta.days
    return plural(round(days / 7), "week") if days >= 14 or days % 7 == 0 else plural(days, "day")
