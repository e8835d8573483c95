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

import operator
import re
from collections.abc import Callable
from enum import StrEnum
from functools import cache, lru_cache
from itertools import chain
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ModelWrapValidatorHandler,
    StringConstraints,
    TypeAdapter,
    ValidationError,
    model_validator,
)
from pydantic_core import PydanticKnownError

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


# The cache is the validator itself (see ``Text``): pydantic calls it, C code, with no Python call for a
# text met before, and a roadmap repeats its texts (a resource is often named as its item). An empty
# text raises, so it is never cached, and is refused again each time.
@lru_cache(maxsize=8192)
def _text(value: str) -> str:
    """``value`` made ``one_line``, without white space at either end; empty, a ``string_too_short`` error.

    Called after pydantic's own ``str`` check, which has read anything else as a string (bytes
    decoded) or refused it. The stripping and the length check are pydantic's own
    (``strip_whitespace``, ``min_length``) done here, in the call this function costs anyway: as
    constraints they cost as much again and copy every string. For one-line text ``str.strip``
    strips what pydantic does (printable text has no white space but spaces).
    """
    text = (value if value.isprintable() else one_line(value)).strip()
    if not text:
        raise PydanticKnownError("string_too_short", {"min_length": 1})
    return text


@lru_cache(maxsize=4096)  # as _text's: the cache is the validator (a long document's items repeat their details)
def _paragraph_text(value: str) -> str:
    """``value`` made ``paragraphs``, after pydantic's own ``str`` check (which reads bytes as a string).

    Text that is printable but for its line breaks is returned at once: ``paragraphs`` would
    change nothing in it, and its two substitutions cost more than the test, checked in C.
    """
    if value.replace("\n", " ").isprintable():
        return value
    return paragraphs(value)


Id = Annotated[str, StringConstraints(pattern=ID_PATTERN, max_length=80)]
Text = Annotated[str, AfterValidator(_text)]
Line = Annotated[str, BeforeValidator(_line_text)]
Paragraphs = Annotated[str, AfterValidator(_paragraph_text)]


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


# The cache is the validator itself: pydantic calls it, C code, with no Python call for a page met before
# (roadmaps link the same pages again and again, and the pattern costs ~100 steps a character).
# A refused address raises, so it is never cached, and is refused again each time.
@lru_cache(maxsize=4096)
def _web_address(url: str) -> str:
    """``url`` if a plain http(s) address, else ValueError."""
    if WEB_URL.match(url) is None:
        raise ValueError(
            "must be an http(s) address without spaces, quotes, <> or control characters, like https://example.org/page"
        )
    return url


class Resource(_Model):
    """Something to read, watch or use; ``url`` is absent when the source gives none (``kind`` then other)."""

    title: Text
    url: Annotated[str, AfterValidator(_web_address)] | None = None
    kind: ResourceKind  # other when left out (see _with_defaults)


_MOST_HOURS = 200
_NOT_QUARTER = "must be a multiple of a quarter hour (0.25)"


def _hours(value: Any) -> Any:
    """Hours as given, or ValueError if in the field's range (0, 200] but not a whole number of quarter hours.

    Hours written as on the command line (``1h30m``, ``90 min``, ``2.5``) become their number. The
    quarters are checked here, before the field's own checks, and only in its range (out of it, its
    error is the one reported, as when they were checked after it): a call per item fewer.
    """
    if type(value) is float:  # as YAML, JSON and the importer give hours
        # most hours are exact quarters: the cheap test first
        if 0 < value <= _MOST_HOURS and not (value * 4).is_integer() and not is_quarter(value):
            raise ValueError(_NOT_QUARTER)
        return value
    if type(value) is int:  # a whole number of hours is whole quarters
        return value
    if isinstance(value, str):
        return _typed_hours(value)
    return _other_hours(value)


def _typed_hours(text: str) -> float:
    """Hours written as on the command line, exactly, or ValueError."""
    from mlplan.errors import UsageError
    from mlplan.hours import read_hours

    try:
        hours, rounded = read_hours(text, given=repr(text), most=_MOST_HOURS, like="1h30m, 90 min or 2.5")
    except UsageError as exc:
        raise ValueError(str(exc)) from None
    if rounded:
        raise ValueError(f"{text!r} is not a whole number of quarter hours; like 1h15m or 1.25")
    return hours  # a whole number of quarters in the field's range


def _other_hours(value: Any) -> Any:
    """Any other value (True, a Decimal…) as the field's number checks read it, then its quarters checked."""
    try:
        hours = _hours_range().validate_python(value)
    except ValidationError:
        return value  # the field's own check words what is wrong
    if not is_quarter(hours):
        raise ValueError(_NOT_QUARTER)
    return value


@cache
def _hours_range() -> TypeAdapter[float]:
    """The number checks of ``Item.hours``."""
    return TypeAdapter(Annotated[float, Field(gt=0, le=_MOST_HOURS)])


class Item(_Model):
    """One schedulable piece of study with its hours.

    Hand-written roadmaps may leave out ``kind`` (a task), ``hours`` (then estimated by
    ``mlplan.estimate``'s rule, as for Markdown) and ``estimated``, and may write hours
    as on the command line (``1h30m``, ``90 min``, ``2.5``): see ``_hours``, and ``_with_defaults``
    (called by ``Roadmap``: an item is only ever validated as part of a roadmap).
    """

    id: Id
    kind: ItemKind
    title: Text
    # a plain function, not a field_validator method nor a wrap validator: it costs less per call
    hours: Annotated[float, BeforeValidator(_hours)] = Field(gt=0, le=_MOST_HOURS)
    estimated: bool
    details: Paragraphs | None = None
    resources: list[Resource] = []
    checklist: list[Text] = []


def _with_defaults(data: Any) -> Any:
    """A roadmap's data with what a hand-written one may leave out filled in; ``data`` itself if nothing is.

    Left out, an item's ``kind`` is a task, its ``hours`` estimated (``estimated: true``) and
    ``estimated`` otherwise false; a resource's ``kind`` is other.
    """
    data = _each(data, "stages", lambda stage: _each(stage, "units", _unit_filled_in))
    return _each(data, "reference", lambda section: _each(section, "resources", _resource_filled_in))


def _each(data: Any, key: str, fill: Callable[[Any], Any]) -> Any:
    """``data`` with each entry of its list ``key`` passed through ``fill``; ``data`` itself if none changes."""
    if not isinstance(data, dict) or not isinstance(entries := data.get(key), list | tuple):
        return data
    filled = [fill(entry) for entry in entries]
    return data if all(map(operator.is_, filled, entries)) else data | {key: filled}


def _unit_filled_in(data: Any) -> Any:
    return _each(data, "items", _item_filled_in)


def _resource_filled_in(data: Any) -> Any:
    if isinstance(data, dict) and "kind" not in data:
        return {"kind": ResourceKind.OTHER.value} | data
    return data


def _item_filled_in(data: Any) -> Any:
    data = _each(data, "resources", _resource_filled_in)
    if not isinstance(data, dict) or ("kind" in data and "estimated" in data and data.get("hours") is not None):
        return data
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
    """A module, a week or a checkpoint: a group of items studied together; ``summary`` says what it is about."""

    id: Id
    title: Text
    summary: Paragraphs = ""
    module: Line | None = None
    objectives: list[Text] = []
    outcomes: list[Text] = []
    prerequisites: list[Id] = []
    items: list[Item] = Field(min_length=1)


class Stage(_Model):
    """A phase, quarter or level of a roadmap; ``summary`` says why it comes where it does."""

    id: Id
    title: Text
    summary: Paragraphs = ""
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

    @model_validator(mode="wrap")
    @classmethod
    def _filled_in(cls, data: Any, handler: ModelWrapValidatorHandler[Roadmap]) -> Roadmap:
        """The roadmap as given; if that fails and something was left out, again with it filled in.

        The same as filling in first, as a left-out field has no default and fails validation; but
        a roadmap that leaves nothing out (every imported or saved one) is spared a Python call per
        item and resource, and a large one has tens of thousands.
        """
        try:
            return handler(data)
        except ValidationError:
            filled = _with_defaults(data)
            if filled is data:
                raise
        return handler(filled)

    @model_validator(mode="after")
    def _ids_are_consistent(self) -> Roadmap:
        units = list(chain.from_iterable(stage.units for stage in self.stages))
        items = list(chain.from_iterable(unit.items for unit in units))
        ids = set(map(_ID, units))
        ids.update(map(_ID, items))
        earlier_units: set[str] = set()
        for unit in units:
            if unit.prerequisites and not earlier_units.issuperset(unit.prerequisites):
                break
            earlier_units.add(unit.id)
        else:
            if len(ids) == len(units) + len(items):
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


_ID = operator.attrgetter("id")


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
