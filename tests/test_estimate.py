"""The estimation rule: what a concept, a course, a book, a video and a project cost a learner."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mlplan import catalog, estimate
from mlplan.estimate import estimate_hours, resource_hours
from mlplan.models import ItemKind, ResourceKind

COURSE, BOOK, VIDEO = ResourceKind.COURSE, ResourceKind.BOOK, ResourceKind.VIDEO


@pytest.mark.parametrize(
    ("title", "url", "hours"),
    [
        # stated weeks at 6 h a course week
        ("Coursera - Machine Learning by Andrew Ng (free audit, Weeks 1-3)", None, 18),
        ("Andrew Ng Week 3", None, 6),
        ("Practical MLOps (8 weeks)", None, 48),
        # a whole course of unstated length: four course weeks
        ("Coursera - Sequence Models by Andrew Ng (free audit)", "https://www.coursera.org/learn/x", 24),
        # one course of a specialization is one course, the whole programme three
        ("Andrew Ng's Machine Learning Specialization (Course 1)", None, 24),
        (
            "Coursera - Google Cloud Machine Learning Engineering (free audit)",
            "https://www.coursera.org/professional-certificates/preparing-for-google-cloud",
            72,
        ),
        # a part of a course is about one course week; a micro-course states 3-5 hours
        ("fast.ai - Practical Deep Learning for Coders (free, Lesson 2 on backprop)", None, 6),
        ("Kaggle - Feature Engineering micro-course", None, 4),
        ("Kaggle Intro to Machine Learning", "https://www.kaggle.com/learn/intro-to-machine-learning", 4),
        # hours the title states win
        ("Python for Beginners in 4 hours", None, 4),
    ],
)
def test_a_course_costs_its_weeks_at_a_typical_weekly_effort(title, url, hours):
    assert resource_hours(COURSE, title, url) == hours
    assert estimate_hours(ItemKind.RESOURCE, COURSE, title, url) == hours


def test_books_cost_their_chapters_and_videos_their_length():
    assert resource_hours(BOOK, "ISL Chapter 3") == 3
    assert resource_hours(BOOK, "HOML Chapters 10-12") == 9
    assert resource_hours(BOOK, "Python Data Science Handbook") == 6  # the two chapters on the unit's topic
    assert resource_hours(VIDEO, "StatQuest ROC and AUC") == 1.5
    assert resource_hours(VIDEO, "3Blue1Brown - Essence of Linear Algebra playlist") == 4
    assert resource_hours(VIDEO, "Essence", "https://www.youtube.com/playlist?list=PLZHQ") == 4
    assert resource_hours(VIDEO, "StatQuest Gradient Boost Part 1-4") == 4


def test_items_cost_what_their_kind_costs():
    assert estimate_hours(ItemKind.CONCEPT) == 1
    assert estimate_hours(ItemKind.TASK) == 3
    assert estimate_hours(ItemKind.PROJECT) == 4
    assert estimate_hours(ItemKind.CAPSTONE) == 12
    # the resource of a concept does not change what the concept costs
    assert estimate_hours(ItemKind.CONCEPT, COURSE, "A whole course") == 1
    # the old two-argument call still works and gives the kind's default
    assert estimate_hours(ItemKind.RESOURCE, COURSE) == 24
    assert estimate_hours(ItemKind.RESOURCE) == 1


def test_every_mini_project_of_the_module_roadmaps_costs_the_same():
    roadmaps = {r.id: r for r in catalog.load_all()}
    for roadmap_id, modules in (("bedrock-24", 24), ("practitioner-23", 23)):
        projects = [i for i in roadmaps[roadmap_id].items() if i.kind in (ItemKind.PROJECT, ItemKind.CAPSTONE)]
        assert len(projects) == modules, roadmap_id
    bedrock = [i for i in roadmaps["bedrock-24"].items() if i.id.endswith(".project")]
    assert {(i.kind, i.hours) for i in bedrock} == {(ItemKind.PROJECT, 4)}


SEARCHES = [
    estimate._WEEK_SPAN, estimate._CHAPTER_SPAN, estimate._COURSE_PART, estimate._ONE_COURSE, estimate._MICRO_COURSE,
    estimate._PROGRAMME, estimate._SERIES,
]  # fmt: skip
# The patterns' words, in either case and with letters case-blind matching reads as ASCII ones ("ſ" as "s", the
# Kelvin sign as "k"), between the marks and digits the patterns look for.
WORDS = sorted({w for s in SEARCHES for w in [*s.words, *re.findall(r"[a-z]{2,}", s.pattern.pattern)]})
TWINS = str.maketrans({"s": "ſ", "k": "\u212a"})
MARKS = st.sampled_from([" ", "-", "–", "&", ".", "/", "?", "=", "3", "1-2", "é"])
WORD = st.sampled_from(WORDS)
TITLES = st.lists(WORD | WORD.map(str.upper) | WORD.map(lambda w: w.translate(TWINS)) | MARKS | st.text(max_size=2),
                  max_size=8).map("".join)  # fmt: skip


@settings(max_examples=500, deadline=None)
@given(TITLES, TITLES)
def test_a_title_without_a_patterns_words_is_one_its_search_would_not_match(title, address):
    # resource_hours lowers the title and its address once (an ASCII text only), and the searches look for the
    # words, then the pattern case-sensitively, in the lowered text
    text = f"{title} {address}"
    lowered = text.lower() if text.isascii() else None
    for words in SEARCHES:
        for searched, lower in ((title, lowered and lowered[: len(title)]), (text, lowered)):
            plain = words.pattern.search(searched)
            for found in (words.search(searched), words.search(searched, lower)):
                assert (found and (found.span(), found.groupdict())) == (plain and (plain.span(), plain.groupdict()))


@settings(max_examples=300, deadline=None)
@given(TITLES, TITLES)
def test_a_series_is_what_its_search_finds(title, address):
    # a list parameter in the address is looked for with "in" before the search
    text = f"{title} {address}"
    lowered = text.lower() if text.isascii() else None
    assert estimate._is_series(text, lowered) == bool(estimate._SERIES.pattern.search(text))


CITED_TITLES = st.sampled_from(["Course", "Weeks 1-3", "Lesson 2", "Chapters 2-4", "Series", "Part 1-2", "3 hours", ""])
CITED_URLS = st.sampled_from([None, "", "https://www.coursera.org/specializations/x", "https://youtube.com/?list=PL"])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(ResourceKind), CITED_TITLES, CITED_URLS), max_size=12))
def test_a_resource_cited_again_costs_what_the_rule_gives_it(citations):
    # resource_hours is cached: an answer kept for one resource must never be given to another
    for kind, title, url in citations:
        assert resource_hours(kind, title, url) == resource_hours.__wrapped__(kind, title, url)
