"""Import a Markdown curriculum (a roadmap README, a syllabus, a course table) as a roadmap.

``import_markdown(text, name)`` is the one entry point, and it is pure: text in, validated
``Roadmap`` out, or one ``RoadmapInvalid`` line. pulldown-cmark (pyromark) reads the document; headings,
lists, tables and task lists come from its events, and regular expressions only ever
look inside one line of inline text (hour forms, labels, emoji, footnote markers).

The package reads in this order, one module per step; to find where a shape is handled:

- ``events``: the Markdown as pulldown-cmark's events, front matter split off.
- ``text``: repairing mojibake and cleaning titles (emoji, shortcodes, footnote markers).
- ``inline``: inline text (a paragraph, heading, cell) as ``Line``s, each with its links and leading ``Label:``.
- ``document``: the events as a tree of sections holding paragraphs, lists and tables.
- ``labels``: what a label or heading means (``Tasks``, ``Week 3``, back matter) and item kinds.
- ``resources``: links as resources, their kind guessed from the label, address or words.
- ``outline``: which heading levels are stages and units (and stage tables ``Weeks 1–4``).
- ``units``: a unit section (or a week table, or a list of ``Week N`` entries) as units.
- ``pieces``: paragraphs and lists of a unit as pieces (items, objectives, checks, notes, prose).
- ``tables``: table rows as pieces (course tables, week tables, day tables).
- ``items``: a unit's pieces as items, and their hours (stated, shared budgets, estimated).
- ``build``: the title, pace, ids and the roadmap itself.
- ``skipped``: the headings and list items the roadmap does not hold, with their line and why.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mlplan.collector import collector_paused
from mlplan.errors import RoadmapInvalid
from mlplan.markdown_import.build import import_text
from mlplan.markdown_import.skipped import Skipped
from mlplan.models import Roadmap

if TYPE_CHECKING:
    from mlplan.sources import LinkBase

__all__ = ["Skipped", "import_markdown"]


def import_markdown(
    text: str,
    name: str,
    roadmap_id: str | None = None,
    title: str | None = None,
    *,
    skipped: list[Skipped] | None = None,
    links_base: LinkBase | None = None,
) -> Roadmap:
    """Read a Markdown curriculum as a roadmap; ``name`` (the file name) prefixes errors and is the ``source``.

    Give a ``skipped`` list to have the headings and list items the roadmap does not hold
    appended to it, each with its line and the reason (it costs a pass over the document),
    and the links to files beside the document whose text the roadmap keeps without them.
    ``links_base`` (from ``sources.link_base``, for a document read from the web) makes
    those links web addresses instead.
    """
    if "\x00" in text:
        raise RoadmapInvalid(f"{name}: not a text file (it contains NUL bytes)")
    text = text.lstrip("\ufeff")
    if not text.strip():
        raise RoadmapInvalid(f"{name}: the file is empty")
    with collector_paused():  # see mlplan.collector: a large import makes a million objects
        return import_text(text, name, roadmap_id, title, skipped, links_base)
