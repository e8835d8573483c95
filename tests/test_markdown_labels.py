"""Reading labels, link kinds and hour forms the quick way gives what the plain searches and calls give."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mlplan import hour_forms
from mlplan.markdown_import import labels, outline, pieces, resources, tables, units
from mlplan.markdown_import.document import Entry, ListBlock
from mlplan.markdown_import.inline import Line, outside_links
from mlplan.markdown_import.labels import FirstMatch
from mlplan.models import ItemKind

TABLES = [labels._CATEGORIES, resources._TEXT_KINDS, resources._URL_KINDS, tables._COLUMN_ROLES, units._TITLE_KINDS]

# The words the patterns look for, and letters case-blind matching reads as ASCII ones ("ſ" as "s", the Kelvin
# sign as "k", dotless "ı" as "i", "İ"), with spaces, marks and digits between them.
WORDS = sorted({word for table in TABLES for _, row in table.blind for word in re.findall(r"[a-z]{2,}", row.pattern)})
TWINS = str.maketrans({"s": "ſ", "k": "\u212a", "i": "ı", "I": "İ"})
MARKS = [" ", "-", ":", "/", ".", "'", "3", "é", "🚀"]
WORD = st.sampled_from(WORDS)
PIECES = (
    WORD | WORD.map(str.upper) | WORD.map(lambda w: w.translate(TWINS)) | st.sampled_from(MARKS) | st.text(max_size=2)
)
TEXTS = st.lists(PIECES, max_size=8).map("".join)


def first_case_blind(table: FirstMatch[object], text: str) -> object | None:
    return next((name for name, pattern in table.blind if pattern.search(text)), None)


@settings(max_examples=500, deadline=None)
@given(TEXTS)
def test_first_match_is_the_first_pattern_a_case_blind_search_finds(text):
    for table in TABLES:
        assert table.first(text) == first_case_blind(table, text)


# Texts each pattern matches as a whole: the words FirstMatch's needs list must hold one of, drawn alternative by
# alternative, in either case.
ROW_MATCHES = st.one_of([st.from_regex(pattern, fullmatch=True) for table in TABLES for _, pattern in table.blind])


@settings(max_examples=1000, deadline=None)
@given(ROW_MATCHES)
def test_a_text_a_pattern_matches_is_read_as_the_plain_searches_read_it(text):
    for table in TABLES:
        assert table.first(text) == first_case_blind(table, text)


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_a_unit_title_makes_project_items_and_a_capstone_as_its_words_say(title):
    project = re.search(r"project|capstone|case stud", title, re.I)
    expected = (ItemKind.PROJECT if project else ItemKind.CONCEPT, bool(re.search("capstone", title, re.I)))
    assert units._title_kind(title) == expected


DAY_PIECES = st.sampled_from(["Day", "dAY", "day", " ", "3", "07", "|", ":", "(", "–", "x", "ſ", "İ", "é"])
DAY_TITLES = st.lists(DAY_PIECES, max_size=8)


@settings(max_examples=300, deadline=None)
@given(DAY_TITLES.map("".join))
def test_a_day_title_is_found_as_the_plain_search_finds_it(title):
    match = outline._DAY_TITLE.search(title)
    assert outline._day_number(title) == (int(match.group(1)) if match else None)


def test_first_match_wants_its_patterns_in_lower_case():
    with pytest.raises(ValueError, match="lower case"):
        FirstMatch([("week", r"Week\s*\d")])


NUMBERS = st.sampled_from(["3", "10", "1.5", "2-4", "3 – 5", "6 to 8", "x", ""])
UNITS = st.sampled_from(["week", "Weeks", "wk", "WKS", "month", "months", "hours", "weeksx", "w"])
NOISE = st.sampled_from(["", " ", "  ", "duration: ", "~", "about ", "(", ")", "x", "ſ"])
WEEKS_TEXTS = st.lists(st.tuples(NOISE, NUMBERS, NOISE, UNITS, NOISE).map("".join), max_size=3).map("".join)


@settings(max_examples=500, deadline=None)
@given(WEEKS_TEXTS | st.text(max_size=12))
def test_weeks_is_the_first_weeks_form_a_plain_search_finds(text):
    match = hour_forms._WEEKS.search(text)
    expected = None
    if match:
        expected = hour_forms._midpoint(match) * (52 / 12 if match["unit"].lower().startswith("month") else 1)
    assert hour_forms.weeks(text) == expected


ASCII_HOUR_TEXTS = st.text(st.sampled_from("0123456789hmwHMWx. \t\n\x0b\x0c\r\x1c\x1d\x1e\x1f"), max_size=8)


@settings(max_examples=500, deadline=None)
@given(ASCII_HOUR_TEXTS | st.text(max_size=6))
def test_may_state_hours_is_the_case_blind_search_for_a_number_then_a_unit(text):
    # an ASCII text is searched with an ASCII pattern: the same answer, Unicode's spaces among ASCII included
    assert hour_forms.may_state_hours(text) == bool(re.search(r"\d\s*[hmw]", text, re.I))


# Without control or private-use characters: outside_links' marks are made of them (repair removes the controls;
# a link label holding its private-use mark character would be restored wrongly, a quirk of outside_links).
HOUR_PIECES = st.sampled_from(["3", "1.5", " ", "h", "hrs", "min", "(", ")", "[", "]", "~", "week", "x", "é"])
NO_CONTROLS = st.characters(blacklist_categories=["Cc", "Co"])
HOUR_TEXTS = st.lists(HOUR_PIECES | st.text(NO_CONTROLS, max_size=2), max_size=10).map("".join)


@settings(max_examples=500, deadline=None)
@given(HOUR_TEXTS, st.lists(st.tuples(st.integers(0, 30), st.integers(0, 30)), max_size=3))
def test_a_text_that_may_not_state_hours_states_none_with_its_links_hidden(text, spans):
    # pieces.item_piece leaves out hiding a line's link labels (inline.outside_links) when may_state_hours says no
    line = Line(text, [(text[start:end], "https://example.com") for start, end in spans])
    if not hour_forms.may_state_hours(text):
        assert outside_links(line, text, hour_forms.task_hours) == (None, text)


NAVIGATION_PIECES = st.sampled_from(["back to", "Go to", "the", "top", "TOP", "return", " ", "*", "↑", "⬆", "x", "é"])


@settings(max_examples=300, deadline=None)
@given(st.lists(NAVIGATION_PIECES, max_size=6).map("".join))
def test_navigation_text_is_found_as_the_plain_pattern_finds_it(text):
    assert pieces.is_navigation_text(text) == bool(pieces.NAVIGATION.match(text))


ENTRY_TEXTS = st.sampled_from(["Week 1", "Module 2: Calculus", "Intro", "weeks 3-4", "Lecture", None])


@settings(max_examples=300, deadline=None)
@given(st.lists(ENTRY_TEXTS, max_size=9))
def test_a_unit_list_has_two_or_more_entries_and_half_or_more_of_them_numbered(texts):
    entries = [Entry([Line(text, [])] if text else [], []) for text in texts]
    numbered = sum(1 for text in texts if text and labels.unit_number(text))
    assert units._is_unit_list(ListBlock(entries)) == (numbered >= 2 and 2 * numbered >= len(entries))


def plain_item_piece(line: Line, category: str | None, state: pieces.State, own_text: bool) -> tuple | None:
    """What item_piece makes of a line, each question asked of the text with a plain call, nothing cached."""
    label, text = line.label, line.text
    day_label = label and hour_forms.day_count(label)
    if (
        own_text
        and line.bold_label
        and line.body
        and not day_label
        and labels.label_category(label) not in pieces._PROJECTS
    ):
        text = line.body
    hours, text = outside_links(line, text, hour_forms.task_hours)
    if not text:
        return None
    plain = re.match(r"^([A-Za-z][\w /&()'’-]{0,40}?)\s*:\s*(.*)$", text)
    subject = plain.group(2) if plain else text
    label = label or (plain.group(1) if plain else "")
    own = labels.label_category(label) if label else None
    kind = labels.ITEM_CATEGORIES.get(category or "", state.default)
    if own in labels.ITEM_CATEGORIES and own not in ("resource", "dataset") and category not in ("resource", "dataset"):
        kind = labels.ITEM_CATEGORIES[own]
    elif category == "task" or day_label or (category is None and not line.links):
        kind = labels.verb_kind(subject) or labels.verb_kind(text) or kind
    if category is None and line.links and kind == state.default == ItemKind.CONCEPT:
        kind = ItemKind.RESOURCE  # each link is a resource
    days = hour_forms.day_count(text) if re.match("day", text, re.I) else None
    return text, kind, hours, days


ITEM_WORDS = st.sampled_from(["Day 1-3", "day 2", "Install", "Learn", "Build", "Project", "Tasks", "Notes", "Video",
                              "3 hours", "(2h)", "1h30m", "~4 hrs", ":", ": ", " ", "x", "é", "**"])  # fmt: skip
ITEM_TEXTS = st.lists(ITEM_WORDS, max_size=7).map("".join)
CATEGORIES = st.sampled_from([None, "task", "concept", "resource", "dataset", "project"])


@settings(max_examples=500, deadline=None)
@given(ITEM_TEXTS, ITEM_TEXTS, st.booleans(), st.lists(st.tuples(st.integers(0, 20), st.integers(0, 20)), max_size=2),
       CATEGORIES, st.sampled_from(ItemKind), st.booleans())  # fmt: skip
def test_an_item_is_read_as_the_plain_calls_read_its_text(label, body, bold, spans, category, default, own_text):
    # item_piece reads what a text says of itself (hours, label, verb, days) once for each text, cached
    text = f"{label}: {body}" if label else body
    line = Line(text, [(text[a:b], "https://example.com/x") for a, b in spans if text[a:b].strip()], label=label,
                body=body, bold_label=bold)  # fmt: skip
    state = pieces.State(default=default)
    piece = pieces.item_piece(line, category, state, own_text)
    expected = plain_item_piece(line, category, state, own_text)
    assert (piece and (piece.text, piece.kind, piece.hours, piece.days)) == expected


VERB = st.sampled_from(sorted({verb for _, verbs in labels._VERB_KINDS for verb in re.findall(r"[a-z]{2,}", verbs)}))
VERB_TEXTS = st.lists(
    VERB | VERB.map(str.upper) | VERB.map(lambda w: w.translate(TWINS)) | st.sampled_from(MARKS) | st.text(max_size=2),
    max_size=4,
).map("".join)


@settings(max_examples=500, deadline=None)
@given(VERB_TEXTS)
def test_a_verb_is_found_as_the_plain_pattern_finds_it(text):
    # verb_kind looks at a text's first two letters before the pattern
    match = labels._VERB_KIND.match(text)
    assert labels.verb_kind(text) == (ItemKind[match.lastgroup] if match and match.lastgroup else None)


def test_each_verb_starts_with_two_letters_the_quick_look_knows():
    starts = {verb[:2] for _, verbs in labels._VERB_KINDS for verb in verbs.removeprefix("^(?:").split("|")}
    assert starts == labels._VERB_STARTS


def test_items_and_states_made_without_their_dataclass_call_are_the_dataclass_ones():
    # item() and new_state() store each slot themselves: one they forgot would be unset (an AttributeError here)
    resources, details = [{"title": "x", "kind": "video"}], ["Section: A"]
    made = pieces.item("Learn X", "task", "Tasks", ItemKind.CONCEPT, resources, details, 2.0, 3)
    assert made == pieces.Piece("item", "Learn X", "task", "Tasks", ItemKind.CONCEPT, resources, [], details, 2.0, 3)
    state = pieces.new_state("task", "Tasks", "A", ItemKind.PROJECT, True, ("task", "Tasks"), True)
    assert state == pieces.State("task", "Tasks", "A", ItemKind.PROJECT, True, False, ("task", "Tasks"), True)
