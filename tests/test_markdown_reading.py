"""Reading events into the document: the quick ways give what the plain ways give."""

from __future__ import annotations

import re
from urllib.parse import quote

from hypothesis import given
from hypothesis import strategies as st

from mlplan.markdown_import.document import read_document
from mlplan.markdown_import.events import normalize_link

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
