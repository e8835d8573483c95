"""The importer's parser (pulldown-cmark via pyromark) reads every fixture as markdown-it-py did."""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path
from unittest import mock

import pytest
from markdown_it import MarkdownIt
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.front_matter import front_matter_plugin
from mdit_py_plugins.tasklists import tasklists_plugin

from mlplan.errors import RoadmapInvalid
from mlplan.markdown_import import import_markdown
from mlplan.markdown_import.document import read_document, walk
from mlplan.markdown_import.events import Source
from mlplan.markdown_import.inline import Line, is_link_line

FIXTURES = Path(__file__).parent / "fixtures"
DOCUMENTS = sorted((FIXTURES / "curricula").glob("*.md")) + sorted((FIXTURES / "seeds").glob("*.txt"))

_BLOCKS = {  # markdown-it-py's block tokens as the pulldown-cmark tags the reader knows
    "paragraph": "Paragraph",
    "bullet_list": {"List": None},
    "ordered_list": {"List": 1},
    "list_item": "Item",
    "table": {"Table": ()},
    "tr": "TableRow",
    "th": "TableCell",
    "td": "TableCell",
    "blockquote": {"BlockQuote": None},
}
_INLINE = {"strong": "Strong", "em": "Emphasis", "s": "Strikethrough"}


def _markdown_it_events(source: Source) -> list:
    """markdown-it-py's tokens (CommonMark, tables, footnotes, task lists) as the events pulldown-cmark sends."""
    md = MarkdownIt("commonmark", {"html": True}).enable("table")
    tokens = md.use(front_matter_plugin).use(footnote_plugin).use(tasklists_plugin).parse(source.text)
    starts = [0]
    for line in source.text.encode("utf-8").split(b"\n"):
        starts.append(starts[-1] + len(line) + 1)
    events: list = []
    span = {"start": 0, "end": 0}
    footnotes = False
    for token in tokens:
        if token.map:
            span = {"start": starts[token.map[0]], "end": starts[token.map[1]] - 1}
        kind, _, edge = token.type.rpartition("_")
        if token.type.startswith("footnote_block"):
            footnotes = token.nesting == 1
        elif footnotes or token.type == "front_matter" or (token.hidden and kind == "paragraph"):
            continue
        elif kind == "heading":
            event = {"Heading": {"level": token.tag.upper()}} if edge == "open" else {"Heading": token.tag.upper()}
            events.append(({"Start" if edge == "open" else "End": event}, span))
        elif kind in _BLOCKS:
            tag = _BLOCKS[kind]  # a fresh copy of a tag with data, as pyromark makes each event (the reader pops it)
            events.append(({"Start" if edge == "open" else "End": dict(tag) if type(tag) is dict else tag}, span))
            if token.type == "list_item_open" and "task-list-item" in str(token.attrs.get("class", "")):
                events.append(({"TaskListMarker": False}, span))
        elif token.type == "hr":
            events.append(("Rule", span))
        elif token.type in ("fence", "code_block", "html_block"):
            name = "HtmlBlock" if token.type == "html_block" else "CodeBlock"
            body = {"Html": token.content} if token.type == "html_block" else {"Text": token.content}
            events += [({"Start": name}, span), (body, span), ({"End": name}, span)]
        elif token.type == "inline":
            events += [(event, span) for event in _inline_events(token.children or [])]
    return events


def _inline_events(children: list) -> list:
    events: list = []
    for child in children:
        kind, _, edge = child.type.rpartition("_")
        if child.type == "text":
            events.append({"Text": child.content})
        elif child.type == "code_inline":
            events.append({"Code": child.content})
        elif kind in _INLINE:
            events.append({"Start" if edge == "open" else "End": _INLINE[kind]})
        elif child.type == "link_open":
            href = str(child.attrs["href"])
            events.append({"Start": {"Link": {"link_type": "Inline", "dest_url": href, "title": "", "id": ""}}})
        elif child.type == "link_close":
            events.append({"End": "Link"})
        elif child.type == "image":
            events += [{"Start": {"Image": {"dest_url": str(child.attrs["src"])}}}, {"Text": child.content}]
            events.append({"End": "Image"})
        elif child.type in ("softbreak", "hardbreak"):
            events.append("SoftBreak" if child.type == "softbreak" else "HardBreak")
        elif child.type == "html_inline" and "task-list-item-checkbox" not in child.content:
            events.append({"InlineHtml": child.content})
        elif child.type == "footnote_ref":
            events.append({"FootnoteReference": child.meta["label"]})
    return events


def _imported(text: str, name: str) -> str:
    try:
        return import_markdown(text, name).model_dump_json()
    except RoadmapInvalid as exc:
        return f"refused: {exc}"


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: p.name)
def test_every_fixture_imports_as_with_markdown_it_py(path):
    text = path.read_text(encoding="utf-8")
    with mock.patch.object(Source, "events", _markdown_it_events):
        expected = _imported(text, path.name)
    assert _imported(text, path.name) == expected


def test_the_reader_finds_what_the_importer_uses():
    text = (
        "---\ntitle: T\n---\n# Head\n\n- [x] done <br> [a](https://x.org/a)\n  - nested\n\n"
        "| h |\n|---|\n| c |\n\n[^1]: a footnote\n\n```\ncode\n```\n"
    )
    doc = read_document(text)
    assert doc.meta == {"title": "T"} and doc.headings == 1 and doc.lists == 2
    (head,) = walk(doc.root)
    assert (head.title, head.line, head.level) == ("Head", 4, 1)
    listed, table = head.blocks
    (entry,) = listed.entries
    assert entry.task and entry.line == 6
    assert [line.text for line in entry.lines] == ["done", "a"] and entry.lines[1].links == [("a", "https://x.org/a")]
    assert [line.text for child in entry.children for line in child.lines] == ["nested"]
    assert table.header == ["h"] and [[line.text for line in cell] for cell in table.rows[0]] == [["c"]]


def test_a_read_line_has_every_field_of_a_line():
    # the reader fills lines in without the dataclass's __init__: a new field must be set there too
    (listed,) = read_document("- **Project:** a [b](https://x.org/b) c\n").root.blocks
    (line,) = listed.entries[0].lines
    assert all(hasattr(line, field.name) for field in fields(Line))
    assert (line.label, line.body, line.links, line.bare, line.local) == (
        "Project",
        "a b c",
        [("b", "https://x.org/b")],
        False,
        [],
    )


def test_a_link_to_a_file_beside_the_document_is_a_link_and_an_empty_one_is_not():
    # one rule decides what a relative link is, for the reader's report and for a line's link labels
    (listed,) = read_document("- [Notes](notes.md)\n- [Notes]()\n- [Notes](#notes)\n").root.blocks
    to_file, empty, anchor = (entry.lines[0] for entry in listed.entries)
    assert (to_file.local, empty.local, anchor.local) == (["Notes"], [], [])
    assert [is_link_line(line) for line in (to_file, empty)] == [True, False]


def test_code_and_html_blocks_are_read_to_their_end():
    # the reader reads a block's text on to its end: nothing in it is structure, nothing after it is lost
    text = (
        "<div>\n<h1>Course</h1>\n</div>\n\n# Week 1\n\n```\n# not a heading\n- not an item\n```\n\n"
        "- Learn **NumPy**\n  <details>\n  <summary>more</summary>\n  </details>\n- Learn **NumPy**\n"
    )
    doc = read_document(text)
    assert (doc.html_title, doc.headings, doc.lists) == ("Course", 1, 1)
    (week,) = walk(doc.root)
    (listed,) = week.blocks
    assert [[line.text for line in entry.lines] for entry in listed.entries] == [["Learn NumPy"], ["Learn NumPy"]]
    assert [entry.line for entry in listed.entries] == [12, 16]
