"""How mlplan estimates hours a roadmap does not state.

One rule, applied the same way to every roadmap (bundled or imported): an item
whose source states no hours gets the hours below, and is marked
``estimated: true``. The README section "How hours are estimated" gives the
reasoning; in short:

- An item costs what its kind costs a typical learner: a key concept an hour of
  reading, one worked example and notes; a practice task 3 h; a mini-project
  4 h; a capstone, an end-to-end project, three mini-projects' work (12 h).
  Tasks and mini-projects are calibrated on the one seed that states hours for
  them (zero-to-engineer-16w): its practice tasks take 3 h (median), its
  mini-projects 4 h.
- A resource item costs what working through that resource does, read from its
  title and address: a course is its weeks at a MOOC's typical weekly effort
  (``Weeks 1-3`` → 3 × 6 h; a whole course 4 weeks; a Kaggle-style micro-course
  4 h; a specialization or professional certificate three courses), a book its
  chapters (3 h each; a whole book cited for one unit, the two chapters on the
  unit's topic), a video playlist or series 4 h, one video 1.5 h. Hours a
  resource's title states (``Python in 4 hours``) are its hours.

Where a source states a weekly pace and day ranges ("Day 1-3 / Day 4-5 /
Day 6-7"), the week's hours are divided in proportion to the days with
``mlplan.hours.split_hours`` and count as stated, not estimated.
"""

from __future__ import annotations

import re
from functools import cache

from mlplan import hour_forms
from mlplan.hours import round_quarter
from mlplan.models import ItemKind, ResourceKind

HOURS_BY_ITEM_KIND: dict[ItemKind, float] = {
    ItemKind.CONCEPT: 1.0,
    ItemKind.TASK: 3.0,
    ItemKind.PROJECT: 4.0,
    ItemKind.CAPSTONE: 12.0,
    ItemKind.CHECKPOINT: 1.0,
    ItemKind.REVIEW: 1.0,
    ItemKind.SETUP: 1.0,
}

# Online courses state between 3 and 10 hours a week; mlplan takes 6 for one course week.
COURSE_WEEK_HOURS = 6.0
COURSE_WEEKS = 4  # a course that states no length: the usual four-week MOOC
PROGRAMME_COURSES = 3  # a specialization or professional certificate: three courses
MICRO_COURSE_HOURS = 4.0  # Kaggle Learn courses state 3-5 hours
CHAPTER_HOURS = 3.0  # 20-30 pages of technical text with its examples run
BOOK_CHAPTERS = 2  # a whole book cited for one unit: the chapters on the unit's topic
VIDEO_SERIES_HOURS = 4.0  # a playlist of short videos: 2-3 h of watching, with pauses and notes

HOURS_BY_RESOURCE_KIND: dict[ResourceKind, float] = {
    ResourceKind.COURSE: COURSE_WEEKS * COURSE_WEEK_HOURS,
    ResourceKind.BOOK: BOOK_CHAPTERS * CHAPTER_HOURS,
    ResourceKind.PAPER: 2.0,
    ResourceKind.VIDEO: 1.5,
    ResourceKind.TUTORIAL: 1.5,
    ResourceKind.ARTICLE: 1.0,
    ResourceKind.DOCS: 1.0,
    ResourceKind.TOOL: 1.0,
    ResourceKind.COMMUNITY: 1.0,
    ResourceKind.OTHER: 1.0,
    ResourceKind.DATASET: 0.5,
}


class _Words:
    """A case-blind pattern and the lower-case words one of which every match holds.

    Most titles and addresses hold none of them, and ``in`` finds that out many times quicker than the
    pattern's search, whose leading ``\\b`` (or letter case) keeps it from skipping to any letter.
    """

    def __init__(self, pattern: str, *words: str):
        self.pattern = re.compile(pattern, re.I)
        # An ASCII text in lower case meets the (lower-case) pattern case-sensitively just as the text meets it
        # case-blind, and a case-sensitive search is quicker: it folds no character.
        self.cased = re.compile(pattern)
        self.words = words

    def search(self, text: str, lowered: str | None = None) -> re.Match[str] | None:
        """The pattern's first match in ``text`` (in ``lowered`` when the text is ASCII: the same span and groups).

        ``lowered``: ``text`` in lower case, if it is ASCII (a title and its address are lowered once for
        several searches).
        """
        # Case-blind matching reads a few other letters as ASCII ones ("ſ" as "s", the Kelvin sign as "k"):
        # only an ASCII text is ruled out by its lower-case form.
        if lowered is None and text.isascii():
            lowered = text.lower()
        if lowered is None:
            return self.pattern.search(text)
        for word in self.words:  # a loop, not any() over a generator: a step less for each word
            if word in lowered:
                break
        else:
            return None
        return self.cased.search(lowered)


_SPAN = r"\s*(?P<a>\d+)(?:\s*(?:-|–|—|to|&|and)\s*(?P<b>\d+))?"
_WEEK_SPAN = _Words(rf"\bweeks?{_SPAN}\b", "week")
_CHAPTER_SPAN = _Words(rf"\b(?:chapters?|ch\.){_SPAN}\b", "ch")
_COURSE_PART = _Words(
    r"\b(?:lessons?|lectures?|sections?|modules?|units?|parts?)\b",
    "lesson", "lecture", "section", "module", "unit", "part",
)  # fmt: skip
_ONE_COURSE = _Words(r"\bcourse\s+\d+\b", "course")
_MICRO_COURSE = _Words(r"micro-?course|kaggle\.com/learn/", "micro", "kaggle.com/learn/")
_PROGRAMME = _Words(
    r"speciali[sz]ation|professional[ -]certificate|nanodegree|micromasters",
    "speciali", "professional", "nanodegree", "micromasters",
)  # fmt: skip
_SERIES = _Words(
    r"\b(?:playlist|series|videos|talks|part\s+\d+\s*(?:-|–|&|and)\s*\d+)\b|[?&]list=",
    "playlist", "series", "videos", "talks", "part", "list=",
)  # fmt: skip


# ``ResourceKind.X`` is looked up through the enum class's ``__getattr__`` hook (about 900 instructions, against a
# dozen for a module's name): the kinds read for each resource are names of the module.
_RESOURCE_ITEM, _OTHER = ItemKind.RESOURCE, ResourceKind.OTHER
_COURSE, _BOOK, _VIDEO = ResourceKind.COURSE, ResourceKind.BOOK, ResourceKind.VIDEO
_READ_KINDS = frozenset({_COURSE, _BOOK, _VIDEO})  # kinds whose hours their title or address can change


def estimate_hours(
    kind: ItemKind, resource_kind: ResourceKind | None = None, title: str = "", url: str | None = None
) -> float:
    """Hours the estimation rule gives an item of this kind.

    A resource item is costed by its resource: ``resource_kind`` and, when given, the
    resource's ``title`` and ``url`` (which say whether it is a whole course or a part,
    a book or a chapter, one video or a playlist).
    """
    if kind == _RESOURCE_ITEM:
        return resource_hours(resource_kind or _OTHER, title, url)
    return HOURS_BY_ITEM_KIND[kind]


@cache  # a long curriculum cites the same resource again and again; the hours depend on these three alone
def resource_hours(kind: ResourceKind, title: str = "", url: str | None = None) -> float:
    """Hours that working through one resource costs a typical learner."""
    # most titles state no hours: asked first, that spares task_hours' cache an entry for each
    stated = hour_forms.task_hours(title)[0] if hour_forms.may_state_hours(title) else None
    if stated:
        return max(round_quarter(stated), 0.25)
    if kind not in _READ_KINDS:  # most kinds: no need to lower the title and address
        return HOURS_BY_RESOURCE_KIND[kind]
    text = f"{title} {url or ''}"
    # the title and its address lowered once, for all the searches below (see _Words.search)
    lowered = text.lower() if text.isascii() else None
    lowered_title = lowered[: len(title)] if lowered is not None else None
    if kind == _COURSE:
        return _course_hours(title, lowered_title, text, lowered)
    if kind == _BOOK:
        chapters = _span_length(_CHAPTER_SPAN.search(title, lowered_title))
        return (chapters or BOOK_CHAPTERS) * CHAPTER_HOURS
    return VIDEO_SERIES_HOURS if _is_series(text, lowered) else HOURS_BY_RESOURCE_KIND[kind]


def _course_hours(title: str, lowered_title: str | None, text: str, lowered: str | None) -> float:
    weeks = _span_length(_WEEK_SPAN.search(title, lowered_title)) or hour_forms.weeks(title)
    if weeks:
        return round_quarter(weeks * COURSE_WEEK_HOURS)
    if _MICRO_COURSE.search(text, lowered):
        return MICRO_COURSE_HOURS
    if _COURSE_PART.search(title, lowered_title):
        return COURSE_WEEK_HOURS  # one lesson or section of a course: about one course week
    if _PROGRAMME.search(text, lowered) and not _ONE_COURSE.search(title, lowered_title):
        return PROGRAMME_COURSES * COURSE_WEEKS * COURSE_WEEK_HOURS
    return COURSE_WEEKS * COURSE_WEEK_HOURS


def _is_series(text: str, lowered: str | None) -> bool:
    """A playlist or series (``_SERIES``): most are addresses with a list parameter, found with ``in`` first."""
    if lowered is not None and ("?list=" in lowered or "&list=" in lowered):
        return True
    return _SERIES.search(text, lowered) is not None


def _span_length(match: re.Match[str] | None) -> int | None:
    if not match:
        return None
    first, last = int(match["a"]), int(match["b"] or match["a"])
    return last - first + 1 if first <= last else 1
