"""A unit's paragraphs and lists as pieces: the items, objectives, checks and notes it states.

Label lines set the category of what follows them; a ``Label: text`` line says one thing.
Objectives and outcomes fill the unit's lists; deliverables, ethics (``Ethics:``), stretch
goals (``Stretch:``), self-checks (``Self-check:``) and interview questions (``Interview:``)
become checklists of the unit's project or checkpoint, and a task list in the same paragraph
as a project line lists that project's steps. A list under a label mlplan does not know
(``Rubric:``) joins the project's checklist, or becomes one task with that checklist;
``Choose one:`` / ``Options:`` make one project with the options as its checklist. Nested
list entries are their parent's checklist, except under an entry that is only bold text,
which heads the entries under or after it. Prose is not study content; a bold title followed
by links (``**Intro to Data Science** / UW [Videos](…)``) is a resource. A list of in-page
``#anchor`` links is a table of contents.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from mlplan import hour_forms
from mlplan.markdown_import.document import Entry, all_entries
from mlplan.markdown_import.inline import PLAIN_LABEL, Line, is_link_line, outside_links
from mlplan.markdown_import.labels import CHECK_CATEGORIES, ITEM_CATEGORIES, NUMBERED, label_category, verb_kind
from mlplan.markdown_import.resources import line_resources
from mlplan.models import ItemKind


@dataclass(slots=True)
class Piece:
    """One thing a unit says: an item, an objective, checks for its project (in ``checklist``), a note…"""

    role: str  # item | objective | outcome | check | group | detail | resource | unit-resource | time | prereq | prose
    text: str = ""
    category: str | None = None
    label: str = ""
    kind: ItemKind | None = None
    resources: list[dict[str, Any]] = field(default_factory=list)
    checklist: list[str] = field(default_factory=list)
    details: list[str] = field(default_factory=list)
    hours: float | None = None
    days: int | None = None
    listed: bool = False  # a list entry, not a line of a paragraph
    estimated: bool = False  # an item's hours are the estimation rule's (set with them, see items.assign_hours)


@dataclass(slots=True)  # one for each unit and label in it: slots are quicker to make and read
class State:
    """The label in force while reading a unit: from a heading, a bold line, a column header."""

    category: str | None = None
    label: str = ""
    group: str = ""
    default: ItemKind = ItemKind.CONCEPT
    capstone: bool = False
    steps: bool = False
    heading: tuple[str | None, str] = (None, "")
    task_list: bool = False  # the document's study items are its task-list entries

    def under(self, label: str, group: str | None = None) -> State:
        category = label_category(label) or self.category
        group = self.group if group is None else group
        return new_state(category, label, group, self.default, self.capstone, (category, label), self.task_list)

    def done(self) -> None:
        """A bold label line introduces the next list or table only; a heading's label lasts to the next heading."""
        self.category, self.label = self.heading
        self.steps = False


_new = object.__new__


def new_state(
    category: str | None,
    label: str,
    group: str,
    default: ItemKind,
    capstone: bool,
    heading: tuple[str | None, str],
    task_list: bool,
) -> State:
    """``State(…)`` without the dataclass call, which costs about twice as much (there is one a unit and label)."""
    state = _new(State)
    state.category = category
    state.label = label
    state.group = group
    state.default = default
    state.capstone = capstone
    state.steps = False
    state.heading = heading
    state.task_list = task_list
    return state


def _is_label_line(line: Line) -> bool:
    if not line.label or line.body:
        return False
    return line.colon or label_category(line.label) is not None


def item_piece(line: Line, category: str | None, state: State, own_text: bool = False) -> Piece | None:
    label = line.label
    day_label = label and _day_count(label)
    text = line.text
    # A bold label is the document's structure (``**Tasks:** …``); a plain one is part of the text, and so is
    # a project's (``**Project:** Build X`` is a project called that).
    if own_text and line.bold_label and line.body and not day_label and label_category(label) not in _PROJECTS:
        text = line.body
    if not line.links:
        hours, text, plain_label, subject, days = _plain_reading(text)
    else:
        # most texts state no hours: no need to hide the link labels to find out
        hours, text = outside_links(line, text, hour_forms.task_hours) if _may_state_hours(text) else (None, text)
        plain_label, subject, days = _linked_text_parts(text)
    if not text:
        return None
    label = label or plain_label
    own = label_category(label) if label else None
    kind = ITEM_CATEGORIES.get(category or "", state.default)
    if own in ITEM_CATEGORIES and own not in ("resource", "dataset") and category not in ("resource", "dataset"):
        kind = ITEM_CATEGORIES[own]
    elif category == "task" or day_label or (category is None and not line.links):
        # the subject's verb, else the whole text's (the same text when it has no label), else the kind so far
        kind = verb_kind(subject) or verb_kind(text) or kind
    resources = line_resources(line, hint=line.label) if line.links else []
    if category is None and resources and kind == state.default == CONCEPT:
        kind = RESOURCE  # a linked entry in a plain list is something to read or watch
    if kind == RESOURCE and not resources:
        resources = line_resources(line, hint=line.label, bare=True)
    details = [_section_detail(state.group)] if state.group else []  # section_details, a call less an item
    return item(text, category, state.label, kind, resources, details, hours, days)


def item(
    text: str,
    category: str | None,
    label: str,
    kind: ItemKind,
    resources: list[dict[str, Any]],
    details: list[str],
    hours: float | None = None,
    days: int | None = None,
) -> Piece:
    """``Piece("item", …)`` without the dataclass call, which costs about twice as much (there is one an item)."""
    # a store a line: several stores in one line build a tuple, to take it apart again
    piece = _new(Piece)
    piece.role = "item"
    piece.text = text
    piece.category = category
    piece.label = label
    piece.kind = kind
    piece.resources = resources
    piece.checklist = []
    piece.details = details
    piece.hours = hours
    piece.days = days
    piece.listed = piece.estimated = False
    return piece


# The texts of a long document's plain list entries repeat: what a text says of itself is read once, with one
# cache look-up an item rather than one for each question.
@cache
def _plain_reading(text: str) -> tuple[float | None, str, str, str, int | None]:
    """A text's hours (``task_hours``), the text without them, then ``_text_parts`` of that."""
    # most texts state no hours: asked first, that spares task_hours' cache an entry for each
    hours, text = hour_forms.task_hours(text) if hour_forms.may_state_hours(text) else (None, text)
    plain_label, subject, days = _text_parts(text)
    return hours, text, plain_label, subject, days


def _text_parts(text: str) -> tuple[str, str, int | None]:
    """An item text's own label and subject (``Label: subject``; ``""`` and the text), and the days it spans."""
    plain = PLAIN_LABEL.match(text) if ":" in text else None
    # only a text that starts with "day" states days (``Day 1-3``)
    days = hour_forms.day_count(text) if text[:1] in "dD" and _DAY.match(text) else None
    return (plain.group(1), plain.group(2), days) if plain else ("", text, days)


_PROJECTS = ("project", "capstone")
# ``ItemKind.X`` is looked up through the enum class's ``__getattr__`` hook (about 900 instructions, against a
# dozen for a module's name): the kinds read for each item, here and in ``items`` and ``tables``, are module names.
CONCEPT, RESOURCE, TASK = ItemKind.CONCEPT, ItemKind.RESOURCE, ItemKind.TASK
_day_count = cache(hour_forms.day_count)  # a long document's entries repeat their labels ("Day 1:")
# and its linked entries their texts (_plain_reading is the cache of the others)
_may_state_hours = cache(hour_forms.may_state_hours)
_linked_text_parts = cache(_text_parts)


_DAY = re.compile("day", re.I)


def section_details(state: State) -> list[str]:
    """``Section: Linear Algebra``: the group heading an item sits under, kept as its first detail."""
    return [_section_detail(state.group)] if state.group else []


@cache
def _section_detail(group: str) -> str:
    return f"Section: {NUMBERED.sub('', group)}"


def line_pieces(lines: list[Line], state: State) -> list[Piece]:
    """A paragraph: label lines set the state, ``Label: text`` says one thing, plain lines count under item labels.

    Its prose lines (none of those) are one ``prose`` piece, after the others: what the unit is about.
    """
    pieces: list[Piece] = []
    prose: list[str] = []
    project_here = False
    for line in lines:
        if is_navigation_text(line.text) or (line.anchors and not line.links and not line.label):
            continue  # "**[⬆ back to top](#table-of-contents)**", "[Then go back and read this.](#3-do-…)"
        if line.label and not line.body and _is_label_line(line):  # most lines: no call
            state.category, state.label = label_category(line.label), line.label
            state.steps = project_here and state.category in (None, "task")
            continue
        category = label_category(line.label) if line.label else None
        if category == "concept" and _CODE_LIST.match(line.body):
            # "Topics covered: `a` `b` `c`" lists its topics as code spans
            spans = [Line(t, [], body=t) for t in re.findall(r"`([^`]+)`", line.body)]
            pieces += filter(None, (item_piece(span, category, state) for span in spans))
            continue
        if category:
            piece = _labelled_piece(line, category, state)
            project_here = project_here or category in ("project", "capstone")
        elif line.label and state.category not in ITEM_CATEGORIES and not is_link_line(line):
            # "Note: …" describes; "[Algorithms I: Stacks and Queues](…)" is a link whose text has a colon
            piece = Piece("detail", line.text, label=line.label)
        elif state.category in ITEM_CATEGORIES and (line.links or state.category not in ("resource", "dataset")):
            piece = item_piece(line, state.category, state)
        elif line.lead_bold and line.links:
            piece = item_piece(line, "resource", state)  # "**Intro to Data Science** / UW [Videos](…)"
        elif line.bare:
            piece = Piece("resource", resources=line_resources(line))  # an address alone: the heading names it
        elif is_link_line(line):
            piece = item_piece(line, "resource", state)  # a paragraph that is a link: "[Java Programming](…)"
        else:
            prose.append(with_addresses(line) if line.links else line.text)
            continue
        if piece and not (state.task_list and piece.role == "item"):  # a task-list document's items are its tasks
            pieces.append(piece)
    if prose:
        pieces.append(Piece("prose", " ".join(prose)))
    return pieces


_CODE_LIST = re.compile(r"^(?:`[^`]+`\s*)+$")


def with_addresses(line: Line) -> str:
    """A prose line's text with each link's address after its label, ``the blog (https://…)``.

    Prose keeps what it cites; an address whose label the text does not show (an image's link) goes at the end.
    """
    text, parts, done, unplaced = line.text, [], 0, []
    for label, url in line.links:
        at = text.find(label, done) if label else -1
        if at < 0:
            unplaced.append(url)
            continue
        end = at + len(label)
        parts.append(f"{text[done:end]} ({url})")
        done = end
    return "".join(parts) + text[done:] + "".join(f" ({url})" for url in unplaced)


def _labelled_piece(line: Line, category: str, state: State) -> Piece | None:
    if category in ("objective", "outcome", "prereq"):
        return Piece(category, line.body) if line.body else None
    if category in ("time", "duration"):
        return Piece("time", line.body, category, line.label)
    if category in CHECK_CATEGORIES:
        return Piece("check", "", category, line.label, None, [], [line.body]) if line.body else None  # by position
    if category == "dataset":
        return Piece("resource", line.text, category, resources=line_resources(line, hint="dataset"))
    if category == "skip":
        return None
    return item_piece(line, category, state, own_text=True)


def is_toc(entries: list[Entry]) -> bool:
    for e in entries:
        if not (e.lines and e.lines[0].anchors and not e.lines[0].links and (not e.children or is_toc(e.children))):
            return False
    return True


def flatten(entries: list[Entry]) -> list[str]:
    """Each entry's text, nested entries after their parent's."""
    if not entries:  # most entries have no nested list
        return []
    texts = [entry.lines[0].text for entry in entries if len(entry.lines) == 1 and not entry.children]
    if len(texts) == len(entries):  # most lists: one line to each entry, none nested
        return texts
    out: list[str] = []
    for entry in all_entries(entries):
        lines = entry.lines
        if lines:
            out.append(lines[0].text if len(lines) == 1 else " ".join([line.text for line in lines]))
    return out


def is_navigation(entry: Entry) -> bool:
    """``- [Back to top](#top)``, ``- [Week 2](#week-2)``: a link within the page is not study content."""
    first = entry.lines[0] if entry.lines else None
    if first is None:
        return False
    return is_navigation_text(first.text) or (bool(first.anchors) and not first.links and not entry.children)


NAVIGATION = re.compile(r"^\W*(?:back to (?:the )?top|top|go to top|return to top|↑|⬆)\W*$", re.I)


@cache  # asked of every list entry and paragraph line, twice (here and in the skipped report)
def is_navigation_text(text: str) -> bool:
    """``Back to top``, ``⬆``: text that only moves around the page."""
    if text.isascii() and "top" not in text.lower():
        return False  # the pattern's words all say "top", and only an arrow (not ASCII) does without it
    return bool(NAVIGATION.match(text))


def list_pieces(entries: list[Entry], state: State) -> list[Piece]:
    if is_toc(entries):
        return []
    if state.task_list:
        return _task_pieces(entries, state)
    category = state.category
    if category == "skip" or category in ("time", "duration"):
        return []
    if state.steps or category in CHECK_CATEGORIES:
        checks, category = flatten(entries), "steps" if state.steps else category
        return [Piece("check", "", category, state.label, None, [], checks)] if checks else []  # by position
    if category in ("objective", "outcome", "prereq"):
        return [Piece(category, text) for text in flatten(entries)]
    if (state.label and category is None) or (state.capstone and category == "project"):
        state.capstone = False  # only the first project list of a capstone unit is the capstone
        group = "capstone" if category == "project" else None
        return [Piece("group", category=group, label=state.label, checklist=flatten(entries))]
    pieces: list[Piece] = []
    current = state
    for entry in entries:
        if not entry.lines:
            pieces.extend(list_pieces(entry.children, current))
            continue
        first = entry.lines[0]
        if is_navigation_text(first.text) or (first.anchors and not first.links and not entry.children):
            continue  # is_navigation(entry), a call less an entry
        if first.bold_only or (first.label and not first.body and _is_label_line(first)):
            sub = current.under(
                first.label or first.text, None if label_category(first.label or first.text) else first.text
            )
            if entry.children:
                pieces.extend(list_pieces(entry.children, sub))
            else:
                current = sub  # a bold entry heads the entries after it
            continue
        own = label_category(first.label) if first.label else None
        if current.category is None and own and own not in ITEM_CATEGORIES:
            piece = _labelled_piece(first, own, current)
        else:
            piece = item_piece(first, current.category or own, current, own_text=current.category is None)
        if piece and piece.role == "item":
            piece.listed = True
            if entry.children:
                piece.checklist = flatten(entry.children)
            if len(entry.lines) > 1:
                piece.details += [line.text for line in entry.lines[1:]]
        if piece:
            pieces.append(piece)
    return pieces


def _task_pieces(entries: list[Entry], state: State) -> list[Piece]:
    """A task-list document: each ``- [ ]`` entry is an item, its nested entries its checklist and resources.

    An entry without a checkbox heads the task entries under it (``- ### Arrays``), or, with none
    under it, is prose around the plan (``Successful software engineers are smart, but…``).
    """
    pieces: list[Piece] = []
    for entry in entries:
        if not entry.lines or not entry.task:
            if any(e.task for e in all_entries(entry.children)):
                head = entry.lines[0].text if entry.lines else ""
                pieces += _task_pieces(entry.children, state.under(head, head) if head else state)
            continue
        piece = item_piece(entry.lines[0], state.category, state, own_text=state.category is None)
        if piece is None:
            continue
        nested = list(all_entries(entry.children))
        piece.listed = True
        piece.checklist = flatten(entry.children)
        piece.details += [line.text for line in entry.lines[1:]]
        for line in [line for e in nested for line in e.lines]:
            piece.resources += line_resources(line)
        pieces.append(piece)
    return pieces
