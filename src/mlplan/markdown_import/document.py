"""The token stream as a document: a tree of sections holding paragraphs, lists and tables.

Front matter is read as YAML; footnote definitions and fenced or indented code are dropped;
an HTML block's text becomes a paragraph (its first ``<h1>`` may be the document's title).
"""

from __future__ import annotations

import html
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from mlplan.markdown_import import tokens as token_stream
from mlplan.markdown_import.inline import Line, inline_lines, joined_text, make_line
from mlplan.markdown_import.labels import unit_number
from mlplan.markdown_import.text import HTML_HEADING, TAG, clean
from mlplan.markdown_import.tokens import Token
from mlplan.yaml_text import load_front_matter


@dataclass
class Entry:
    lines: list[Line]
    children: list[Entry]
    line: int = 0  # where the entry starts in the source, counting from 1
    task: bool = False  # a GFM task-list entry (``- [ ] …``)


@dataclass
class Para:
    lines: list[Line]


@dataclass
class ListBlock:
    entries: list[Entry]


@dataclass
class Table:
    header: list[str]
    rows: list[list[list[Line]]]


Block = Para | ListBlock | Table


@dataclass
class Section:
    level: int
    title: str
    blocks: list[Block] = field(default_factory=list)
    children: list[Section] = field(default_factory=list)
    parent: Section | None = None
    line: int = 0


@dataclass
class Document:
    root: Section
    meta: dict[str, Any]
    html_title: str | None
    headings: int
    lists: int
    task_list: bool = False  # the document's study items are its GFM task list (``- [ ] …``)


def read_document(text: str) -> Document:
    tokens = token_stream.parse(text)
    root = Section(0, "")
    doc = Document(root, {}, None, 0, 0)
    current = root
    heading_level = 0  # the level of the last real heading
    i = 0
    while i < len(tokens):
        token = tokens[i]
        kind = token.type
        if kind == "heading_open":
            heading_level = level = int(token.tag[1])
            while current.level >= level:
                current = current.parent or root
            title = joined_text(inline_lines(tokens[i + 1]))
            section = Section(level, title, parent=current, line=_line_of(token))
            current.children.append(section)
            current, doc.headings = section, doc.headings + 1
            i += 3
            continue
        if kind == "paragraph_open":
            lines = inline_lines(tokens[i + 1])
            if _pseudo_heading(lines) and heading_level < 6:
                # "**Lecture 1: Backpropagation**" alone on its line heads a unit like a heading one level down
                while current.level > heading_level:
                    current = current.parent or root
                section = Section(heading_level + 1, lines[0].text, parent=current, line=_line_of(token))
                current.children.append(section)
                current = section
            elif lines:
                current.blocks.append(Para(lines))
            i += 3
            continue
        if kind in ("bullet_list_open", "ordered_list_open"):
            entries, i = _read_list(tokens, i)
            current.blocks.append(ListBlock(entries))
            doc.lists += 1
            continue
        if kind == "table_open":
            table, i = _read_table(tokens, i)
            current.blocks.append(table)
            doc.lists += 1
            continue
        if kind == "html_block":
            _read_html(token.content, current, doc)
        elif kind == "front_matter":
            doc.meta = _front_matter(token.content)
        elif kind == "footnote_block_open":
            i = _skip_to(tokens, i, "footnote_block_close")
        i += 1
    entries = [
        e for s in [root, *walk(root)] for b in s.blocks if isinstance(b, ListBlock) for e in all_entries(b.entries)
    ]
    tasks = sum(e.task for e in entries)
    # A few checkboxes (an ethics checklist) do not make a checklist document; a quarter of all entries does.
    doc.task_list = tasks >= 20 and tasks * 4 >= len(entries)
    return doc


def all_entries(entries: list[Entry]) -> Iterator[Entry]:
    """The entries of a list and of all lists nested in them, in source order."""
    for entry in entries:
        yield entry
        yield from all_entries(entry.children)


def _pseudo_heading(lines: list[Line]) -> bool:
    return len(lines) == 1 and lines[0].bold_only and unit_number(lines[0].text) is not None


def _skip_to(tokens: list[Token], i: int, closing: str) -> int:
    while tokens[i].type != closing:
        i += 1
    return i


def _read_list(tokens: list[Token], i: int) -> tuple[list[Entry], int]:
    closing, depth, entries = tokens[i].type.replace("_open", "_close"), tokens[i].level, []
    i += 1
    while not (tokens[i].type == closing and tokens[i].level == depth):
        if tokens[i].type == "list_item_open":
            entry, i = _read_item(tokens, i)
            entries.append(entry)
        else:
            i += 1
    return entries, i + 1


def _line_of(token: Token) -> int:
    return token.map[0] + 1 if token.map else 0


def _read_item(tokens: list[Token], i: int) -> tuple[Entry, int]:
    opening = tokens[i]
    task = "task-list-item" in str(opening.attrs.get("class", ""))
    depth, entry = opening.level, Entry([], [], _line_of(opening), task)
    i += 1
    while not (tokens[i].type == "list_item_close" and tokens[i].level == depth):
        kind = tokens[i].type
        if kind in ("bullet_list_open", "ordered_list_open"):
            children, i = _read_list(tokens, i)
            entry.children.extend(children)
            continue
        if kind == "inline":
            entry.lines.extend(inline_lines(tokens[i]))
        elif kind in ("fence", "code_block", "table_open"):
            i = _skip_to(tokens, i, "table_close") if kind == "table_open" else i
        i += 1
    return entry, i + 1


def _read_table(tokens: list[Token], i: int) -> tuple[Table, int]:
    header: list[str] = []
    rows: list[list[list[Line]]] = []
    row: list[list[Line]] = []
    while tokens[i].type != "table_close":
        kind = tokens[i].type
        if kind == "tr_open":
            row = []
        elif kind == "inline":
            row.append(inline_lines(tokens[i]))
        elif kind == "tr_close":
            if header:
                rows.append(row)
            else:
                header = [joined_text(cell).lower() for cell in row]
        i += 1
    return Table(header, rows), i + 1


def _read_html(content: str, current: Section, doc: Document) -> None:
    heading = HTML_HEADING.search(content)
    if heading and doc.headings == 0 and doc.html_title is None:
        doc.html_title = clean(html.unescape(TAG.sub(" ", heading.group(1)))) or None
    text = html.unescape(TAG.sub("\n", content))
    lines = [line for raw in text.split("\n") if (line := make_line(raw, [], 0))]
    if lines:
        current.blocks.append(Para(lines))


def _front_matter(content: str) -> dict[str, Any]:
    return load_front_matter(content)


def release(doc: Document) -> None:
    """Drop the sections' links to their parents once the document is read through.

    Those links make the tree a reference cycle, which only the (paused) cyclic collector
    frees; without them the document is freed as soon as it is unused.
    """
    for section in walk(doc.root):
        section.parent = None


def walk(section: Section):
    for child in section.children:
        yield child
        yield from walk(child)
