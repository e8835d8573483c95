"""The roadmap schema: what a study roadmap is, as validated pydantic models.

A roadmap is stages (phases, quarters, levels) of units (modules, weeks,
checkpoints) of items, the things a learner schedules and ticks off. The key
names here are a public contract: the bundled YAML files, ``mlplan show --json``
and user roadmaps all use them.

Checklist strings may start with a label that says what they are
("Ethics: ...", "Stretch: ...", "Self-check: ...", "Interview: ...");
unlabelled entries are deliverables. See ``wording.CHECKLIST_LABELS``.

Every text field is cleaned of control characters on the way in (see
``safe_text``): titles and list entries are one line, details and summaries
keep their line breaks. URLs must be plain http(s) addresses.
"""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
    model_validator,
)

from mlplan.hours import is_quarter
from mlplan.safe_text import one_line, paragraphs

ID_PATTERN = r"^[a-z0-9][a-z0-9._-]*$"

# http(s), a host with a dot, and none of what breaks out of Markdown, HTML or a terminal line.
WEB_URL = re.compile(r"https?://[^\s/<>\"`\\\x00-\x1f\x7f-\x9f]+\.[^\s<>\"`\\\x00-\x1f\x7f-\x9f]+\Z")


def _line_text(value: Any) -> Any:
    """A string made ``one_line``; anything else is left for the type check to refuse.

    Printable text is returned at once: a large roadmap has tens of thousands of strings.
    """
    if type(value) is str and value.isprintable():
        return value
    return one_line(value) if isinstance(value, str) else value


def _paragraph_text(value: Any) -> Any:
    """A string made ``paragraphs``; anything else is left for the type check to refuse."""
    return paragraphs(value) if isinstance(value, str) else value


Id = Annotated[str, StringConstraints(pattern=ID_PATTERN, max_length=80)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1), BeforeValidator(_line_text)]
Line = Annotated[str, BeforeValidator(_line_text)]
Paragraphs = Annotated[str, BeforeValidator(_paragraph_text)]


class ItemKind(StrEnum):
    CONCEPT = "concept"
    TASK = "task"
    RESOURCE = "resource"
    PROJECT = "project"
    CAPSTONE = "capstone"
    CHECKPOINT = "checkpoint"
    REVIEW = "review"
    SETUP = "setup"


class ResourceKind(StrEnum):
    COURSE = "course"
    VIDEO = "video"
    BOOK = "book"
    TUTORIAL = "tutorial"
    ARTICLE = "article"
    DOCS = "docs"
    PAPER = "paper"
    TOOL = "tool"
    DATASET = "dataset"
    COMMUNITY = "community"
    OTHER = "other"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Resource(_Model):
    """Something to read, watch or use; ``url`` is absent when the source gives none (``kind`` then other)."""

    title: Text
    url: str | None = None
    kind: ResourceKind

    @model_validator(mode="before")
    @classmethod
    def _other_by_default(cls, data: Any) -> Any:
        if isinstance(data, dict) and "kind" not in data:
            return {"kind": ResourceKind.OTHER.value} | data
        return data

    @field_validator("url")
    @classmethod
    def _http_only(cls, url: str | None) -> str | None:
        if url is not None and not WEB_URL.match(url):
            raise ValueError(
                "must be an http(s) address without spaces, quotes, <> or control characters, "
                "like https://example.org/page"
            )
        return url


def _typed_hours(text: Any) -> Any:
    """Hours written as on the command line (``1h30m``, ``90 min``, ``2.5``), exactly, or ValueError.

    A number is left for the field's own checks.
    """
    if not isinstance(text, str):
        return text
    from mlplan.errors import UsageError
    from mlplan.hours import read_hours

    try:
        hours, rounded = read_hours(text, given=repr(text), most=200, like="1h30m, 90 min or 2.5")
    except UsageError as exc:
        raise ValueError(str(exc)) from None
    if rounded:
        raise ValueError(f"{text!r} is not a whole number of quarter hours; like 1h15m or 1.25")
    return hours


def _quarter_hours(hours: float) -> float:
    """``hours`` if a multiple of a quarter hour, else ValueError."""
    if not (hours * 4).is_integer() and not is_quarter(hours):  # most hours are exact quarters: the cheap test first
        raise ValueError("must be a multiple of a quarter hour (0.25)")
    return hours


class Item(_Model):
    """One schedulable piece of study with its hours.

    Hand-written roadmaps may leave out ``kind`` (a task), ``hours`` (then estimated by
    ``mlplan.estimate``'s rule, as for Markdown) and ``estimated``, and may write hours
    as on the command line (``1h30m``, ``90 min``, ``2.5``); see ``_fill_in``.
    """

    id: Id
    kind: ItemKind
    title: Text
    # plain functions, not a field_validator method nor one wrap validator: they cost less per call
    hours: Annotated[float, BeforeValidator(_typed_hours), AfterValidator(_quarter_hours)] = Field(gt=0, le=200)
    estimated: bool
    details: Paragraphs | None = None
    resources: list[Resource] = []
    checklist: list[Text] = []

    @model_validator(mode="before")
    @classmethod
    def _fill_in(cls, data: Any) -> Any:
        if not isinstance(data, dict) or ("kind" in data and "estimated" in data and data.get("hours") is not None):
            return data  # nothing to fill in: an imported roadmap's items, a saved one's
        data = {"kind": ItemKind.TASK.value} | data
        if data.get("hours") is None:
            return data | {"hours": _estimate(data), "estimated": True}
        return {"estimated": False} | data


def _estimate(item: dict[str, Any]) -> float:
    """The estimation rule's hours for an item given without hours (as plain data, not yet validated)."""
    from mlplan.estimate import estimate_hours

    try:
        kind = ItemKind(str(item.get("kind")))
    except ValueError:
        kind = ItemKind.TASK  # the kind's own error is reported; the hours need not add another
    resources = item.get("resources")
    first = resources[0] if isinstance(resources, list) and resources and isinstance(resources[0], dict) else {}
    try:
        resource_kind = ResourceKind(first.get("kind", ResourceKind.OTHER.value))
    except ValueError:
        resource_kind = ResourceKind.OTHER
    title, url = first.get("title"), first.get("url")
    return estimate_hours(kind, resource_kind, str(title or ""), url if isinstance(url, str) else None)


class Unit(_Model):
    """A module, a week or a checkpoint: a group of items studied together."""

    id: Id
    title: Text
    module: Line | None = None
    objectives: list[Text] = []
    outcomes: list[Text] = []
    prerequisites: list[Id] = []
    items: list[Item] = Field(min_length=1)


class Stage(_Model):
    """A phase, quarter or level of a roadmap; ``summary`` says why it comes where it does."""

    id: Id
    title: Text
    summary: str = ""
    units: list[Unit] = Field(min_length=1)


class ReferenceSection(_Model):
    """Material a roadmap lists beside its weeks (books, tools, habits); shown, never scheduled."""

    title: Text
    notes: list[Text] = []
    resources: list[Resource] = []


class Roadmap(_Model):
    """A whole study roadmap, as bundled or imported.

    ``hours_per_week`` and ``weeks`` are the pace the source states (None when
    it states none); ``reference`` holds what the source lists but never
    schedules.
    """

    id: Id
    title: Text
    summary: Paragraphs = ""
    source: Line
    hours_per_week: float | None = Field(default=None, gt=0, le=100)
    weeks: int | None = Field(default=None, gt=0, le=520)
    stages: list[Stage] = Field(min_length=1)
    reference: list[ReferenceSection] = []

    @model_validator(mode="after")
    def _ids_are_consistent(self) -> Roadmap:
        units = [unit for stage in self.stages for unit in stage.units]
        ids = [unit.id for unit in units] + [item.id for unit in units for item in unit.items]
        earlier_units: set[str] = set()
        for unit in units:
            if unit.prerequisites and not earlier_units.issuperset(unit.prerequisites):
                break
            earlier_units.add(unit.id)
        else:
            if len(set(ids)) == len(ids):
                return self
        _first_inconsistent_id(self.stages)  # only now: it words the problem, and takes longer
        return self

    def units(self) -> list[Unit]:
        """All units in roadmap order."""
        return [unit for stage in self.stages for unit in stage.units]

    def items(self) -> list[Item]:
        """All items in roadmap order."""
        return [item for unit in self.units() for item in unit.items]

    def total_hours(self) -> float:
        """Sum of the hours of every item."""
        return sum(item.hours for item in self.items())

    def overview(self) -> dict[str, object]:
        """Counts and totals for listings (the keys of ``mlplan roadmaps --json``)."""
        items = self.items()
        return {
            "id": self.id,
            "title": self.title,
            "stages": len(self.stages),
            "units": len(self.units()),
            "items": len(items),
            "hours": self.total_hours(),
            "estimated_hours": sum(i.hours for i in items if i.estimated),
            "hours_per_week": self.hours_per_week,
            "weeks": self.weeks,
            "source": self.source,
        }


def _first_inconsistent_id(stages: list[Stage]) -> None:
    """ValueError naming the first id used twice or prerequisite not listed before its unit."""
    seen: dict[str, str] = {}
    earlier_units: set[str] = set()
    for s, stage in enumerate(stages):
        for u, unit in enumerate(stage.units):
            where = f"stages[{s}].units[{u}]"
            _claim(seen, unit.id, f"{where}.id")
            for p, prereq in enumerate(unit.prerequisites):
                if prereq not in earlier_units:
                    raise ValueError(f"{where}.prerequisites[{p}]: '{prereq}' is not a unit listed before '{unit.id}'")
            for i, item in enumerate(unit.items):
                _claim(seen, item.id, f"{where}.items[{i}].id")
            earlier_units.add(unit.id)


def _claim(seen: dict[str, str], id_: str, where: str) -> None:
    if id_ in seen:
        raise ValueError(f"{where}: id '{id_}' is already used at {seen[id_]}")
    seen[id_] = where
