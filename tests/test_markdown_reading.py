"""Reading events into the document: the quick ways give what the plain ways give."""

from __future__ import annotations

import re
from urllib.parse import quote

from hypothesis import example, given
from hypothesis import strategies as st

from mlplan.markdown_import.document import read_document
from mlplan.markdown_import.events import normalize_link
from mlplan.markdown_import.inline import (
    _BOLD_LABEL,
    _BOLD_SPAN,
    LINK_CLOSE,
    PLAIN_LABEL,
    Line,
    _add_line,
    _read_line_parts,
    link_piece,
    plain_line,
    read_inline,
)
from mlplan.markdown_import.labels import label_category
from mlplan.markdown_import.text import BOLD_OFF, BOLD_ON, clean

_UNSAFE_IN_LINK = re.compile(r"[^A-Za-z0-9;/?:@&=+$,\-_.!~*'()#%]|%(?![0-9A-Fa-f]{2})")

LINK_PIECES = ["https://", "www.x.org/", "a", "Z", "9", "%", "%2F", "%2", "%zz", "<br>", " ", "ü", "é", "`", "[", "|"]
LINKS = st.lists(st.sampled_from(LINK_PIECES) | st.text(max_size=3), max_size=10).map("".join)


def normalized_as_before(url: str) -> str:
    """normalize_link's plain way: look for an unsafe character or a lone ``%`` anywhere."""
    if url.isascii() and not _UNSAFE_IN_LINK.search(url):
        return url
    return quote(re.sub(r"%(?![0-9A-Fa-f]{2})", "%25", url), safe=";/?:@&=+$,-_.!~*'()#%")


@given(LINKS)
def test_a_link_is_normalized_as_by_searching_for_unsafe_characters(url):
    assert normalize_link(url) == normalized_as_before(url)


def test_table_cells_are_read_with_their_links_bold_and_marks():
    text = (
        "| Format | Resource | Done |\n|---|---|---|\n"
        "| **Book** | [Designing ML Systems](https://oreilly.com/dmls) ![badge](b.svg) | yes |\n"
        "| | *see* [notes](notes.md) and _old_ [top](#top) | |\n"
    )
    (table,) = read_document(text).root.blocks
    assert table.header == ["format", "resource", "done"]
    first, second = table.rows
    assert [[line.text for line in cell] for cell in first] == [["Book"], ["Designing ML Systems"], ["yes"]]
    assert first[0][0].bold_only
    assert first[1][0].links == [("Designing ML Systems", "https://oreilly.com/dmls")]
    assert second[0] == []
    assert second[1][0].text == "see notes and old top"
    assert (second[1][0].local, second[1][0].anchors) == (["notes"], 1)


LINE_PIECES = [
    BOLD_ON,
    BOLD_OFF,
    ":",
    " ",
    "\t",
    ":smile:",
    "smile:",
    "[^1]",
    "🧠",
    "Key",
    "Tasks",
    "Week 3",
    "|",
    "*",
    "_",
]
LINE_PIECES += ["http://x.org", "a sentence of several words that goes on"]
TEXTS = st.lists(st.sampled_from(LINE_PIECES) | st.text(max_size=3), max_size=10).map("".join)


def line_parts_as_before(raw: str) -> tuple | None:
    """_read_line_parts's plain way: whether the line is all bold is read off the line without its bold."""
    raw = raw.strip()
    text = clean(raw)
    if not text:
        return None
    lead_bold, bold_only = raw.startswith(BOLD_ON), False
    if lead_bold:
        bold_only = not clean(_BOLD_SPAN.sub("", raw)).strip(":")
        if bold := _BOLD_LABEL.match(raw):
            head, rest = clean(bold.group(1)), clean(bold.group(3))
            colon = head.endswith(":") or bool(bold.group(2))
            if colon or not rest or (len(head.split()) <= 3 and label_category(head)):
                return text, head.rstrip(": "), rest, bold_only, colon, True, lead_bold
    plain = PLAIN_LABEL.match(text) if ":" in text else None
    if plain and len(plain.group(1).split()) <= (5 if plain.group(2) else 3) and not plain.group(1).startswith("http"):
        return text, plain.group(1).strip(), plain.group(2).strip(), bold_only, True, False, lead_bold
    return text, "", text, bold_only, False, False, lead_bold


@given(TEXTS)
def test_a_line_is_read_into_the_same_parts_as_before(raw):
    assert _read_line_parts(raw) == line_parts_as_before(raw)


WORDS = st.lists(st.sampled_from(LINE_PIECES[2:]), max_size=4).map("".join)


@given(WORDS, st.sampled_from(["", " ", ":", " : ", ":smile:", "smile:", "🧠"]), TEXTS)
@example("Note", ":", "smile:")  # "**Note**:smile:" is all bold: the shortcode goes with the colon
@example("Note", " ", f"{BOLD_ON}more{BOLD_OFF}")
def test_a_line_that_opens_in_bold_is_read_into_the_same_parts_as_before(head, after, rest):
    raw = BOLD_ON + head + BOLD_OFF + after + rest
    assert _read_line_parts(raw) == line_parts_as_before(raw)


HREFS = st.sampled_from(["https://x.org/a", "#setup", "notes.md", "../b", "mailto:a@b.c", "", "x:y", "https://"])


@given(
    HREFS | LINKS,
    TEXTS | st.sampled_from(["", " ", "\t", "🚀", "**", "a https://y.org/b c"]),
    st.none() | TEXTS | st.sampled_from(["", " ", "🔗 ", "https://z.org/c "]),
)
def test_a_run_of_one_link_is_read_as_by_the_loop(href, text, before):
    """A run of one link, after a text or not, is read without the loop; an empty text after it sends it through."""
    run = ([] if before is None else [before]) + [link_piece(href), text, LINK_CLOSE]
    alone = read_inline(run, True, [])
    looped = read_inline([*run, ""], True, [])
    assert [_fields(line) for line in alone] == [_fields(line) for line in looped]


def _fields(line: Line) -> tuple:
    return tuple(getattr(line, name) for name in Line.__slots__)


@given(TEXTS | st.sampled_from(["see https://x.org/a", "https://x.org/a", "🧠 Key: https://y.org/b."]))
def test_a_plain_line_is_read_as_any_line_is(raw):
    """plain_line reads a line without a bare address without _add_line's call: to the same Line."""
    lines: list[Line] = []
    _add_line(lines, raw, [], 0, [])
    line = plain_line.__wrapped__(raw)
    assert ([] if line is None else [_fields(line)]) == [_fields(one) for one in lines]
