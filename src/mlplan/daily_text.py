"""Plain-text output for ``mlplan today``, the command run every day.

It does not use rich: importing rich alone costs about a quarter of a bare
``python -c "import typer"``, and ``today`` must start within 1.3× of that.
Colour comes from a ``style`` function the CLI passes in (typer's, or one that
returns the text unchanged when colour is off), so this module stays free of
both typer and rich.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from mlplan.clock import day_label
from mlplan.hours import format_hours
from mlplan.wording import plural

Style = Callable[..., str]
OVERDUE_LINES = 5  # more would push today's session off a small terminal


def plain(text: str, **_: Any) -> str:
    """A ``style`` that adds nothing (no colour)."""
    return text


def _item_line(item: dict[str, Any], style: Style, width: int) -> list[str]:
    mark = style("[x]", fg="green") if item["done"] else ("[-]" if item.get("skipped") else "[ ]")
    title = item["title"] + _part_note(item)
    hours = format_hours(item["hours"])
    line = f"  {mark} {style(item['id'].ljust(width), bold=True)}  {title}  {style(hours, dim=True)}"
    links = [
        f"      {r['title']}" + (f"  {style(r['url'], fg='cyan')}" if r.get("url") else "")
        for r in item.get("resources", [])
    ]
    return [line, *links]


def _part_note(item: dict[str, Any]) -> str:
    """`` (part 2 of 3; part 1 still open, 2 h)``: the hours column is this part's alone."""
    if item["parts"] <= 1:
        return ""
    note = f"part {item['part']} of {item['parts']}"
    earlier = item.get("earlier_open_parts")
    if earlier:
        numbers = " and ".join(filter(None, [", ".join(map(str, earlier[:-1])), str(earlier[-1])]))
        which = "parts" if len(earlier) > 1 else "part"
        note += f"; {which} {numbers} still open, {format_hours(item['earlier_open_hours'])}"
    return f" ({note})"


def _items_by_unit(items: list[dict[str, Any]], style: Style, width: int) -> list[str]:
    """Item lines, each run of one unit's items under the unit's title.

    Item titles are often only meaningful with their unit ("YouTube video lecture",
    "Exercises" under each lecture of an imported course).
    """
    lines: list[str] = []
    unit = None
    for item in items:
        if item.get("unit_title") and item.get("unit") != unit:
            unit = item.get("unit")
            lines.append(f"  {style(item['unit_title'], dim=True)}")
        lines += _item_line(item, style, width)
    return lines


def today_text(view: dict[str, Any], plan_name: str, style: Style = plain) -> str:
    """The day's session at a glance: items, overdue, week progress, what to do next."""
    lines = [style(f"{day_label(view['date'])} · {plan_name}", bold=True)]
    items = view["items"]
    width = max([len(i["id"]) for i in items + view["overdue"]] or [0])
    if items:
        lines.append(f"Today's session · {format_hours(view['hours'])}")
        lines += _items_by_unit(items, style, width)
    if view["finished"]:
        lines.append(style("Plan complete: every item is done or skipped. Well done!", fg="green", bold=True))
    elif not items:
        lines.append("Nothing planned today.")
        upcoming = view["next"]
        if upcoming:
            lines.append(f"Next session: {day_label(upcoming['date'])} · {format_hours(upcoming['hours'])}")
            lines += _items_by_unit(upcoming["items"], style, max(len(i["id"]) for i in upcoming["items"]))

    overdue = view["overdue"]
    if overdue:
        count = plural(len(overdue), "item")
        lines.append("")
        lines.append(
            style(f"Overdue · {count}, {format_hours(view['overdue_hours'])} from earlier days", fg="yellow", bold=True)
        )
        shown = overdue if len(overdue) <= OVERDUE_LINES else overdue[: OVERDUE_LINES - 1]
        for item in shown:
            part = f" (planned since {item['since']})"
            lines.append(
                f"  [ ] {style(item['id'].ljust(width), bold=True)}  {item['title']}{part}  "
                f"{style(format_hours(item['hours']), dim=True)}"
            )
        if len(shown) < len(overdue):
            rest = overdue[len(shown) :]
            lines.append(
                f"  … and {len(rest)} more, {format_hours(sum(i['hours'] for i in rest))} "
                "(`mlplan week` / `mlplan status`)"
            )

    if view.get("unscheduled"):
        n = len(view["unscheduled"])
        them = "it" if n == 1 else "them"
        lines.append("")
        lines.append(
            style(f"{plural(n, 'item')} reopened, not scheduled: `mlplan replan` fits {them} in.", fg="yellow")
        )

    week = view["week"]
    if week:
        lines.append("")
        lines.append(
            f"Week {week['index']} ({day_label(week['start'])} – {day_label(week['end'])}): "
            f"{format_hours(week['done_hours'])} of {format_hours(week['planned_hours'])} done"
        )
    if view["suggest_replan"]:
        lines.append(
            style(
                f"You are {format_hours(view['behind_hours'])} behind the plan: "
                "`mlplan replan` fits what is left into the weeks ahead.",
                fg="yellow",
            )
        )
    open_ids = [i["id"] for i in items if not i["done"] and not i.get("skipped")]
    if open_ids:
        lines.append(style(f"Done with one? mlplan done {open_ids[0]}", dim=True))
    return "\n".join(lines)


def reviews_text(reviews: dict[str, Any], style: Style = plain) -> str:
    """The reviews after the day's session: how many are due, then each card with its prompts."""
    if not reviews["cards"]:
        return ""
    more = reviews["due"] - len(reviews["cards"])
    lines = [
        "",
        style(f"Reviews · {reviews['due']} due · ~{reviews['minutes']} min", fg="magenta", bold=True),
    ]
    width = max(len(c["id"]) for c in reviews["cards"])
    for card in reviews["cards"]:
        late = f"  {style('due ' + day_label(card['due']), dim=True)}"
        unit = style(f" · {card['unit_title']}", dim=True) if card.get("unit_title") else ""
        lines.append(f"  {style(card['id'].ljust(width), bold=True)}  {card['title']}{unit}{late}")
        lines += [f"      - {prompt}" for prompt in card["prompts"]]
    if more > 0:
        lines.append(style(f"  and {more} more due, over today's review budget: `mlplan reviews` lists them", dim=True))
    first = reviews["cards"][0]["id"]
    lines.append(style(f"Review them: mlplan review (or mlplan review {first} --rating good)", dim=True))
    return "\n".join(lines)
