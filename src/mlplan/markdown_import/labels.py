"""What a heading, label or line says it is: back matter, a part of a unit, a unit number, an item kind.

Back matter is never study content: sections whose heading names a table of contents, a
summary, an overview, resources or references, prerequisites, success metrics, an end goal,
contributing, licence, team, FAQ… (``BACK_MATTER``), with everything below them.

Labels (``**Tasks**``, ``Key Concepts:``, ``### Topics``, a column header) fall into
categories (``CATEGORIES``): topics and concepts make concept items, tasks make tasks,
resources resource items, projects and capstones their kind; objectives and outcomes fill the
unit's lists; deliverables, ethics, stretch goals, self-checks and interview questions become
checklists. A task's verb sets its kind (``Install`` → setup, ``Learn`` → concept,
``Mini-project`` → project).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from typing import Generic, TypeVar

from mlplan.models import ItemKind
from mlplan.wording import CHECKLIST_LABELS

Name = TypeVar("Name")


class FirstMatch(Generic[Name]):
    """Names with lower-case patterns, tried in order: ``table.first(text)`` is the first name whose pattern
    occurs in ``text``, letter case aside.

    ``needs``, for patterns most texts match none of: lower-case words one of which every text a pattern
    matches holds (``^word``: starts with it; ``^word$``: is it). A text holding none of them is not searched.
    """

    def __init__(self, rows: Iterable[tuple[Name, str]], needs: Iterable[str] = ()):
        rows = tuple(rows)
        needs = tuple(needs)
        patterns = [re.sub(r"\\.", "", pattern) for _, pattern in rows]
        if any(_LETTER_CASED.search(text) for text in [*patterns, *needs]):
            raise ValueError("FirstMatch patterns are written in lower case")
        self.blind = tuple((name, re.compile(pattern, re.I)) for name, pattern in rows)
        # An ASCII text in lower case meets these patterns case-sensitively just as it meets them case-blind, and a
        # case-sensitive search is twice as quick (it folds no character). Other text may hold a letter that only
        # case-blind matching reads as an ASCII one ("ſ" as "s"): it is searched case-blind.
        self.cased = tuple((name, re.compile(pattern), _plain_alternatives(pattern)) for name, pattern in rows)
        # Looking for a few dozen words with ``in`` is many times quicker than one search for the patterns'
        # alternatives, which sre tries one after another at every position of the text.
        self.whole = frozenset(need[1:-1] for need in needs if need.startswith("^") and need.endswith("$"))
        self.starts = tuple(need[1:] for need in needs if need.startswith("^") and not need.endswith("$"))
        self.words = tuple(need for need in needs if not need.startswith("^"))
        # Then, for the few texts that hold one, one search for all the patterns at once, without their \b, tells
        # whether any matches: dropping an assertion only widens a pattern.
        self.any = re.compile("|".join(pattern.replace(r"\b", "") for _, pattern in rows)) if needs else None

    def first(self, text: str) -> Name | None:
        if text.isascii():
            text = text.lower()
            if self.any is not None:
                # whether the text holds one of the words ``needs`` names, here and not in a method: a call less a text
                if not (text.startswith(self.starts) or text in self.whole):
                    for word in self.words:  # a loop, not any() over a generator: a step less for each word
                        if word in text:
                            break
                    else:
                        return None
                if not self.any.search(text):
                    return None
            for name, pattern, words in self.cased:
                if words is None:
                    if pattern.search(text):
                        return name
                    continue
                for word in words:  # as the search would find it, many times quicker (see _plain_alternatives)
                    if word in text:
                        return name
            return None
        for name, pattern in self.blind:  # a loop, not next() over a generator: a step less for each pattern tried
            if pattern.search(text):
                return name
        return None


_LETTER_CASED = re.compile(r"[A-Z]")


# Alternatives of characters with no meaning in a pattern, and escaped dots: "youtube\.com|youtu\.be|panopto".
_PLAIN_ALTERNATIVES = re.compile(r"(?:[^\\.^$*+?{}\[\]|()]|\\\.)+(?:\|(?:[^\\.^$*+?{}\[\]|()]|\\\.)+)*")


def _plain_alternatives(pattern: str) -> tuple[str, ...] | None:
    """The strings a pattern of plain alternatives matches, else None.

    sre tries such a pattern's alternatives one after another at each position of a text (a search of a web
    address for a dozen host names took microseconds); ``in`` looks for one string far quicker.
    """
    if not _PLAIN_ALTERNATIVES.fullmatch(pattern):
        return None
    return tuple(alternative.replace("\\.", ".") for alternative in pattern.split("|"))


_BACK_MATTER = re.compile(
    r"^(?:(?:table of )?contents|toc|quick links|summary|machine[- ]readable|(?:course |roadmap |program )?overview$"
    r"|about(?: this| the)?\b|licen[cs]e|contribut|code of conduct|team\b|credits|acknowledg|references|bibliography"
    r"|works cited|citations?|sources\b|further reading|see also|faq|change ?log|support(?: us| the project)?$"
    r"|sponsor|community\b"
    r"|success metrics|metrics\b|milestones|end goal|final thoughts|conclusion|congratulations|what'?s next"
    r"|next goals|prerequisites?\b|how to (?:use|contribute|collaborate)|(?:\w+ )?resources?\b|resource compilation)",
    re.I,
)


# Every label a _CATEGORIES pattern matches holds one of these (see FirstMatch).
_LABEL_WORDS = (
    "^note", "^estimated ", "^expected ", "^time", "^hours", "^effort", "^workload", "^duration", "^pre-req", "^prereq",
    "^requirement", "^dataset", "^data$", "^setup", "^set up", "^installation", "^environment", "^getting started",
    "^review", "^recap", "^reflection",
    "resource", "interview", "self", "knowledge check", "quiz", "stretch", "next steps", "bonus", "going further",
    "extra credit", "ethic", "best practices", "responsible ai", "deliverable", "submission", "outcome", "by the end",
    "you will be able", "skills gained", "skills achieved", "takeaways", "objective", "goal", "aim", "what you",
    "capstone", "project", "assignment", "homework", "reading", "reference", "material", "link", "video", "book",
    "course", "tutorial", "docs", "documentation", "paper", "tool", "librar", "blog", "article", "watch", "topic",
    "concept", "theory", "content", "covered", "key ideas", "lecture", "fundamentals", "task", "practice", "practise",
    "exercise", "activit", "lab", "seminar", "hands on", "hands-on", "action", "steps",
)  # fmt: skip


_CATEGORIES = FirstMatch(
    (
        ("skip", r"\bmy resources\b|^notes?$"),
        ("time", r"^(?:estimated |expected )?(?:time|hours|effort|workload|time commitment|time allocation)\b"),
        ("duration", r"^duration\b"),
        ("prereq", r"^pre-?requisites?\b|^requirements?$"),
        ("interview", r"interview"),
        ("selfcheck", r"self[- ]?(?:check|assessment|evaluation)|knowledge check|quiz"),
        ("stretch", r"stretch|next steps|bonus|going further|extra credit"),
        ("ethics", r"ethic|best practices|responsible ai"),
        ("deliverables", r"deliverable|submission"),
        ("outcome", r"outcome|by the end|you will be able|skills (?:gained|achieved)|takeaways"),
        ("objective", r"objective|\bgoals?\b|\baims?\b|what you(?:'ll| will) learn"),
        ("capstone", r"capstone"),
        ("project", r"project|assignment|homework"),
        ("dataset", r"^datasets?\b|^data$"),
        (
            "resource",
            r"resource|reading|references?|materials?|\blinks?\b|\bvideos?\b|\bbooks?\b|\bcourses?\b"
            r"|tutorials?|\bdocs\b|documentation|\bpapers?\b|\btools?\b|librar|\bblogs?\b|articles?|\bwatch\b",
        ),
        ("setup", r"^(?:setup|set up|installation|environment|getting started)"),
        ("review", r"^(?:review|recap|reflection)"),
        ("concept", r"topics?|concepts?|theory|\bcontent\b|covered|key ideas|lectures?|fundamentals"),
        ("task", r"tasks?|practi[cs]e|exercises?|activit|\blabs?\b|seminars?|hands[- ]on|actions?|\bsteps\b"),
    ),
    needs=_LABEL_WORDS,
)


ALTERNATIVES = re.compile(r"^(?:choose|pick|select) (?:one|any)|^options?$|^one of|^either", re.I)


CHECK_PREFIX = {label.lower().replace("-", ""): f"{label}: " for label in CHECKLIST_LABELS}


ITEM_CATEGORIES = {
    "concept": ItemKind.CONCEPT,
    "task": ItemKind.TASK,
    "resource": ItemKind.RESOURCE,
    "dataset": ItemKind.RESOURCE,
    "project": ItemKind.PROJECT,
    "capstone": ItemKind.CAPSTONE,
    "setup": ItemKind.SETUP,
    "review": ItemKind.REVIEW,
}


CHECK_CATEGORIES = {"deliverables", "ethics", "stretch", "selfcheck", "interview"}


_VERB_KINDS = (
    (ItemKind.SETUP, r"^(?:install|set ?up|configure|create (?:an? )?accounts?|sign up|initiali[sz]e)\b"),
    (ItemKind.PROJECT, r"^(?:mini[- ]?project|project|capstone)\b"),
    (ItemKind.REVIEW, r"^(?:review|recap|revise|reflect)\b"),
    (ItemKind.CONCEPT, r"^(?:learn|study|read|watch|understand|explore|introduction|intro to)\b"),
    (ItemKind.TASK, r"^(?:implement|build|write|code|train|practi[cs]e|solve|apply|compare|deploy|derive)\b"),
)
# One pattern, its alternatives in the order above: the first kind whose verb starts the text wins.
_VERB_KIND = re.compile("|".join(f"(?P<{kind.name}>{verbs})" for kind, verbs in _VERB_KINDS), re.I)


UNIT_WORDS = {"week": "w", "module": "m", "lesson": "l", "lecture": "l", "chapter": "ch", "unit": "u", "session": "se",
               "sprint": "sp", "class": "cl", "topic": "t"}  # fmt: skip


UNIT_NUMBER = re.compile(
    rf"^(?P<word>{'|'.join(UNIT_WORDS)})s?\s*0*(?P<a>\d+)(?:\s*(?:-|–|—|to)\s*0*(?P<b>\d+))?\b[\s:.,–—-]*(?P<rest>.*)$",
    re.I,
)


ANY_UNIT_RANGE = re.compile(
    rf"\b(?P<word>{'|'.join(UNIT_WORDS)})s?\s*(?P<a>\d+)(?:\s*(?:-|–|—|to)\s*(?P<b>\d+))?", re.I
)


NUMBERED = re.compile(r"^(?:\d+|[IVX]+)[.)]\s")


@cache
def label_category(label: str) -> str | None:
    return _CATEGORIES.first(label)


def bare_title(title: str) -> str:
    return _NUMBERING.sub("", title).strip()


_NUMBERING = re.compile(r"^[\W\d_]*(?:\d+[.)]|[IVX]+\.)?\s*")


@cache  # asked of each heading by the outline and again by the skipped report
def is_back_matter(title: str) -> bool:
    return bool(_BACK_MATTER.match(bare_title(title)))


def is_part_label(title: str) -> bool:
    return len(title.split()) <= 5 and label_category(title) not in (None, "time", "duration")


def _cases(letter: str) -> set[str]:
    """What case-blind matching reads as ``letter``: both cases, and "ſ" for "s" (no other letter of the unit
    words has such a twin)."""
    return {letter, letter.upper()} | ({"ſ"} if letter == "s" else set())


# The first two letters of a title with a unit number: a cheap test before the pattern.
UNIT_STARTS = frozenset(a + b for word in UNIT_WORDS for a in _cases(word[0]) for b in _cases(word[1]))


@cache
def unit_number(title: str) -> tuple[str, int, int] | None:
    """``Week 3`` → ``("week", 3, 3)``, ``Modules 1-2`` → ``("module", 1, 2)``, else None."""
    match = UNIT_NUMBER.match(title.strip())
    if not match:
        return None
    first = int(match["a"])
    return match["word"].lower(), first, int(match["b"] or first)


@cache
def unit_title(title: str) -> str:
    """``MODULE 1: Linear Algebra`` → ``Module 1: Linear Algebra``; ``week01 Embeddings`` → ``Week 1: Embeddings``."""
    match = UNIT_NUMBER.match(title.strip())
    if not match:
        return title
    dash = re.search(r"[-–—]|to", title[match.end("a") : match.start("b")]) if match["b"] else None
    span = match["a"] + (f"{dash.group() if dash else '-'}{match['b']}" if match["b"] else "")
    word = match["word"].capitalize() + ("s" if match["b"] else "")
    return f"{word} {span}: {match['rest']}" if match["rest"] else f"{word} {span}"


def kind_from_text(text: str, default: ItemKind) -> ItemKind:
    """The kind a task's first verb says (``Install`` → setup, ``Learn`` → concept), else ``default``."""
    return verb_kind(text) or default


# The first two letters of each verb above: an ASCII text that starts with none of them starts with no verb, found
# without the pattern, whose alternatives are tried one after another (only ASCII letters: case-blind matching reads
# a few other letters as ASCII ones, "ſ" as "s").
_VERB_STARTS = frozenset(
    {"in", "se", "co", "cr", "si", "mi", "pr", "ca", "re", "le", "st", "wa", "un", "ex", "bu", "wr", "tr", "so", "ap",
     "de", "im"}
)  # fmt: skip


@cache
def verb_kind(text: str) -> ItemKind | None:
    """The kind a task's first verb says, else None."""
    start = text[:2]
    if start.isascii() and start.lower() not in _VERB_STARTS:
        return None
    match = _VERB_KIND.match(text)
    return ItemKind[match.lastgroup] if match and match.lastgroup else None
