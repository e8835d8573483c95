"""Weekly checklists as GitHub-flavoured Markdown task lists.

Pure: week views (``progress.week_view``) in, Markdown text out. Each study
item is a task (``- [x]`` once done), with its resources as a plain nested
list; each unit's deliverables, labelled checks and outcomes follow as task
lists of their own. The output renders as clickable task lists on GitHub and
in editors that follow GFM (Obsidian, VS Code, Typora …).
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import quote

from mlplan.clock import day_label
from mlplan.hours import format_hours
from mlplan.wording import CHECKLIST_LABELS, moved_to

_URL_SAFE = ":/?#[]@!$&'*+,;=%~"  # what an address may hold as it is; ( ) < > " ` and spaces are encoded
CHECK_HEADINGS = dict(
    zip(CHECKLIST_LABELS, ("Ethics checks", "Stretch goals", "Self-check", "Interview prep"), strict=True)
)


def _inline(text: str) -> str:
    """Text safe inside a list item: no line breaks, no accidental links or HTML."""
    text = " ".join(text.split())
    return re.sub(r"([\[\]<>])", r"\\\1", text)


def _link(title: str, url: str | None) -> str:
    """A Markdown link; the address is percent-encoded so it can neither end the link nor carry HTML."""
    return f"[{_inline(title)}]({quote(url, safe=_URL_SAFE)})" if url else _inline(title)


def week_markdown(view: dict[str, Any], plan_name: str, level: int = 1) -> str:
    """One week: days with their items as tasks, then each unit's summary, deliverables, checks and outcomes."""
    h = "#" * level
    lines = [
        f"{h} Week {view['index']} · {day_label(view['start'])} – {day_label(view['end'])} · {_inline(plan_name)}",
        "",
        f"{format_hours(view['done_hours'])} of {format_hours(view['planned_hours'])} done"
        + (f"; {format_hours(view['moved_hours'])} moved by a replan." if view["moved_hours"] else "."),
        "",
    ]
    for day in view["days"]:
        lines += [f"{h}# {day_label(day['date'])} · {format_hours(day['hours'])}", ""]
        for item in day["items"]:
            part = f" (part {item['part']} of {item['parts']})" if item["parts"] > 1 else ""
            if item["moved"]:  # no checkbox: it is ticked where the replan put it
                where = moved_to(item["moved_to"] and day_label(item["moved_to"]))
                lines.append(f"- `{item['id']}` {_inline(item['title'])}{part} {where}")
                continue
            mark = "x" if item["done"] else " "
            skipped = " (skipped)" if item["skipped"] else ""
            lines.append(
                f"- [{mark}] `{item['id']}` {_inline(item['title'])}{part}{skipped} · {format_hours(item['hours'])}"
            )
            lines += [f"  - {_link(r['title'], r.get('url'))}" for r in item["resources"]]
        lines.append("")
    for unit in view["units"]:
        sections = [("Deliverables", unit["deliverables"])]
        by_label: dict[str, list[str]] = {}
        for check in unit["checks"]:
            label, _, text = check.partition(": ")
            by_label.setdefault(CHECK_HEADINGS.get(label, label), []).append(text)
        sections += list(by_label.items()) + [("Outcomes", unit["outcomes"])]
        summary = unit.get("summary", "")
        if not summary and not any(entries for _, entries in sections):
            continue
        lines += [f"{h}# {_inline(unit['title'])}", ""]
        lines += [line for paragraph in summary.splitlines() if paragraph.strip() for line in (_inline(paragraph), "")]
        for title, entries in sections:
            if entries:
                lines += [f"{h}## {title}", ""] + [f"- [ ] {_inline(entry)}" for entry in entries] + [""]
    return "\n".join(lines).rstrip() + "\n"


def plan_markdown(views: list[dict[str, Any]], plan_name: str) -> str:
    """Several weeks under one title."""
    body = "\n".join(week_markdown(view, plan_name, level=2) for view in views)
    return f"# Study plan · {_inline(plan_name)}\n\n{body}"
