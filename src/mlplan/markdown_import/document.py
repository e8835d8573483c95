"""pulldown-cmark's events as a document: a tree of sections holding paragraphs, lists and tables.

Front matter is read as YAML; footnote definitions and fenced or indented code are dropped;
an HTML block's text becomes a paragraph (its first ``<h1>`` may be the document's title).
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Any

from mlplan.markdown_import.events import Source, normalize_link, resolve_link
from mlplan.markdown_import.inline import (
    BOLD_CLOSE,
    BOLD_OPEN,
    HARD_BREAK,
    IMAGE_CLOSE,
    IMAGE_OPEN,
    LINK_CLOSE,
    MARK,
    SOFT_BREAK,
    Line,
    LocalLink,
    Piece,
    code_piece,
    html_piece,
    is_relative,
    joined_text,
    link_piece,
    local_link_piece,
    make_line,
    plain_line,
    read_inline,
)
from mlplan.markdown_import.labels import unit_number
from mlplan.markdown_import.text import HTML_HEADING, TAG, clean
from mlplan.yaml_text import load_front_matter

if TYPE_CHECKING:
    from pyromark.event import Range as Span

    from mlplan.sources import LinkBase


@dataclass(slots=True)
class Entry:
    lines: list[Line]
    children: list[Entry]
    line: int = 0  # where the entry starts in the source, counting from 1
    task: bool = False  # a GFM task-list entry (``- [ ] …``)


@dataclass(slots=True)
class Para:
    lines: list[Line]


@dataclass(slots=True)
class ListBlock:
    entries: list[Entry]


@dataclass(slots=True)
class Table:
    header: list[str]
    rows: list[list[list[Line]]]


Block = Para | ListBlock | Table


@dataclass(slots=True)  # a long document has tens of thousands
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
    local_links: list[LocalLink] = field(default_factory=list)  # links to files beside it: no web address


def read_document(text: str, base: LinkBase | None = None) -> Document:
    """The document's tree of sections, read from pulldown-cmark's events in one pass.

    ``base`` (see ``sources.link_base``) turns links relative to the document into web addresses.
    """
    return _Reader(Source(text), base).read()


_MARKED = {"Emphasis", "Strikethrough"}  # inline tags whose only trace is the mark they leave
_new = object.__new__
_LEVEL = {f"H{level}": level for level in range(1, 7)}  # a heading's level as its end event names it
_BREAKS = {"SoftBreak": SOFT_BREAK, "HardBreak": HARD_BREAK}
_INLINE_END: dict[str, Piece] = {"Strong": BOLD_CLOSE, "Link": LINK_CLOSE, "Image": IMAGE_CLOSE}
_INLINE_END |= dict.fromkeys(_MARKED, MARK)  # the pieces inline tags end with


@cache  # documents link the same pages again and again
def _web_link_piece(url: str) -> Piece | None:
    """The piece a link to ``url`` starts, ``None`` if the address is relative to the document."""
    return None if is_relative(url) else link_piece(normalize_link(url))


def _tag_name(tag: Any) -> str:
    """A tag's name: pyromark gives a bare name (``"Paragraph"``) or a one-key dict (``{"Heading": …}``)."""
    return tag if type(tag) is str else next(iter(tag))


class _Reader:
    """Builds the tree event by event.

    Inline events are gathered as a run of pieces and read into lines when their block
    ends. The run goes to the innermost open list item, else to the heading, paragraph or
    table cell it is in. A list item's text straight in it (a tight list has no paragraphs)
    runs until the next block starts or ends. Tables inside list items are dropped, and
    so are footnote definitions and code.
    """

    def __init__(self, source: Source, base: LinkBase | None = None) -> None:
        self.source = source
        self.base = base
        self.root = Section(0, "")
        self.doc = Document(self.root, {}, None, 0, 0)
        self.current = self.root
        self.heading_level = 0  # the level of the last real heading
        self.lists: list[list[Entry]] = []  # where each open list's entries go
        self.items: list[Entry] = []  # the open list items, innermost last
        self.run: list[Piece] | None = None  # the inline text being read
        self.rich = False  # the run holds more than text and bold (links, breaks, code, images)
        self.tight = False  # the run is a list item's own text, outside any paragraph
        self.block_start = 0  # where the heading, paragraph or tight text being read starts (a byte offset)
        self.table: Table | None = None
        self.row: list[list[Line]] = []
        self.events: Iterator[tuple[Any, Span]] = iter(())  # being read (``skip`` reads on in them)
        self.entries = self.tasks = 0
        self.placed: list[Entry | Section | LocalLink] = []  # their ``line`` is a byte offset until the reading is over

    def read(self) -> Document:
        if self.source.front_matter is not None:
            self.doc.meta = load_front_matter(self.source.front_matter)
        piece: Piece | None
        self.events = iter(self.source.events())
        for event, span in self.events:
            # The event is a fresh one-key dict, and popitem the cheapest way in; a str (SoftBreak, HardBreak, Rule)
            # has none. Trying costs nothing in Python 3.11+, where checking the type first cost each event.
            try:
                kind, value = event.popitem()
            except AttributeError:
                piece = _BREAKS.get(event)
                if piece is None:  # a rule
                    if self.tight:
                        self.end_text()
                    continue
            else:
                if kind == "Text":  # the commonest event: added to the run here, without the checks below
                    if self.run is None:  # text straight in a list item
                        self.run, self.rich, self.tight, self.block_start = [value], False, True, span["start"]
                    else:
                        self.run.append(value)
                    continue
                # A tag is a bare name ("Item") or, when it holds data, a one-key dict ({"Heading": …}): which it
                # is, is told first, as comparing a dict with a name is a slow failed comparison.
                if kind == "Start":
                    if type(value) is not str:
                        name, data = value.popitem()  # a fresh one-key dict as well
                        if name != "Link":
                            piece = self.start(name, data, span)
                        # a link to a web page (most are) is read here, without start_link's call
                        elif data["link_type"] == "Email" or (piece := _web_link_piece(data["dest_url"])) is None:
                            piece = self.start_link(data, span)
                    elif value == "Item":  # the commonest block by far: read here, not in a call
                        if self.tight:
                            self.end_text()
                        # object.__new__ and slot stores: calling the dataclass is the dearest step of an item
                        entry = _new(Entry)
                        entry.lines, entry.children, entry.line, entry.task = [], [], span["start"], False
                        self.placed.append(entry)
                        self.lists[-1].append(entry)
                        self.items.append(entry)
                        self.entries += 1
                        continue
                    elif value == "TableCell":  # tables of links are documents of their own: read here too
                        self.run, self.rich = [], False
                        continue
                    elif value == "Paragraph":
                        if self.tight:
                            self.end_text()
                        self.run, self.rich, self.block_start = [], False, span["start"]
                        continue
                    elif value == "Strong":
                        piece = BOLD_OPEN
                    elif value == "TableRow":  # a table of links is mostly rows: read here, as start does
                        if self.tight:
                            self.end_text()
                        self.row = []
                        continue
                    else:
                        piece = self.start(value, None, span)
                elif kind == "End":
                    if type(value) is not str:  # a heading's, list's, quote's or metadata block's end
                        name, data = value.popitem()
                        if name == "Heading":
                            self.end_heading(_LEVEL[data])
                        else:
                            self.end(name)
                        continue
                    if value == "Item":
                        entry = self.items.pop()
                        if self.tight:  # the item's own text, as in end_text
                            if self.rich:
                                read_inline(self.run, True, entry.lines)  # type: ignore[arg-type]
                            elif (line := plain_line("".join(self.run))) is not None:  # type: ignore[arg-type]
                                entry.lines.append(line)  # as read_inline does, without its call
                            self.run, self.tight = None, False
                        continue
                    if value == "TableCell":  # never tight: a table in a list item is skipped
                        if self.rich:
                            self.row.append(read_inline(self.run, True, []))  # type: ignore[arg-type]
                        else:  # as read_inline does, without its call
                            line = plain_line("".join(self.run))  # type: ignore[arg-type]
                            self.row.append([] if line is None else [line])
                        self.run = None
                        continue
                    if value == "Paragraph":
                        if self.tight:
                            self.end_text()
                        if self.items and not self.rich:  # a loose list item's text, as end_text reads it
                            if (line := plain_line("".join(self.run))) is not None:  # type: ignore[arg-type]
                                self.items[-1].lines.append(line)
                            self.run = None
                        else:
                            self.end_text()
                        continue
                    piece = _INLINE_END.get(value)
                    if piece is None:
                        if value == "TableRow" and not self.tight and self.table and self.table.header:
                            self.table.rows.append(self.row)  # a body row, read here as end reads it
                        else:
                            self.end(value)
                        continue
                else:
                    piece = self.other(kind, value)
                if piece is None:  # a block event, read
                    continue
            if self.run is None:  # text straight in a list item
                self.run, self.rich, self.tight, self.block_start = [], False, True, span["start"]
            self.run.append(piece)
            if type(piece) is tuple:
                self.rich = True
        self.source.number_lines(self.placed)
        doc = self.doc
        # A few checkboxes (an ethics checklist) do not make a checklist document; a quarter of all entries does.
        doc.task_list = self.tasks >= 20 and self.tasks * 4 >= self.entries
        return doc

    def other(self, kind: str, value: Any) -> Piece | None:
        if kind == "TaskListMarker":
            if self.items:
                self.items[-1].task = True
                self.tasks += 1
        elif kind == "Code":
            return code_piece(value)
        elif kind in ("InlineHtml", "Html"):
            return html_piece(value)
        elif kind in ("InlineMath", "DisplayMath"):
            return value
        else:  # a footnote reference
            return MARK
        return None

    def start_link(self, value: Any, span: Span) -> Piece:
        """The piece a link starts: to its web address, or to a file beside the document."""
        url = ("mailto:" if value["link_type"] == "Email" else "") + value["dest_url"]
        if (piece := _web_link_piece(url)) is not None:
            return piece
        if self.base:
            return link_piece(normalize_link(resolve_link(url, self.base)))
        local = LocalLink(span["start"], normalize_link(url))
        self.doc.local_links.append(local)
        self.placed.append(local)
        return local_link_piece(local)

    def start(self, name: str, value: Any, span: Span) -> Piece | None:
        """The inline piece a tag (its name, and its data if any) starts, or ``None`` for a block, read here."""
        if name == "Image":
            return IMAGE_OPEN
        if name in _MARKED:
            return MARK
        if self.tight:
            self.end_text()
        if name == "Heading":  # the commonest tag here (paragraphs and items are read in the loop)
            self.run, self.rich, self.block_start = [], False, span["start"]
        elif name == "List":
            if self.items:
                self.lists.append(self.items[-1].children)
            else:
                block = ListBlock([])
                self.current.blocks.append(block)
                self.doc.lists += 1
                self.lists.append(block.entries)
        elif name in ("TableHead", "TableRow"):
            self.row = []
        elif name == "Table":
            if self.items:
                self.skip("Table")
            else:
                self.table = Table([], [])
                self.current.blocks.append(self.table)
                self.doc.lists += 1
        elif name in ("CodeBlock", "HtmlBlock", "MetadataBlock"):
            content = self.raw_text(name)
            if name == "HtmlBlock" and not self.items:
                _read_html(content, self.current, self.doc)
        elif name == "FootnoteDefinition":
            self.skip(name)
        return None

    def skip(self, name: str) -> None:
        """Pass over the events up to the end of this footnote definition or nested table."""
        for event, _span in self.events:
            if type(event) is not str:
                ((kind, value),) = event.items()
                if kind == "End" and _tag_name(value) == name:
                    return

    def raw_text(self, name: str) -> str:
        """The text of this code, HTML or metadata block, read on to its end (nothing nests in them)."""
        parts: list[str] = []
        for event, _span in self.events:
            if type(event) is not str:
                ((kind, value),) = event.items()
                if kind in ("Text", "Html"):
                    parts.append(value)
                elif kind == "End" and _tag_name(value) == name:  # a metadata block's end holds its kind
                    break
        return "".join(parts)

    def end(self, name: str) -> None:
        """Read the end of a block (inline tags, paragraphs, items, cells and headings end in the loop)."""
        if self.tight:
            self.end_text()
        if name == "List":
            self.lists.pop()
        elif name in ("TableHead", "TableRow"):
            if self.table is not None:
                if self.table.header:
                    self.table.rows.append(self.row)
                else:
                    self.table.header = [joined_text(cell).lower() for cell in self.row]
        elif name == "Table":
            self.table = None

    def end_heading(self, level: int) -> None:
        """The heading's text is read: it opens a section (its run is never a list item's own text, which it ended)."""
        run, self.run = self.run, None
        if self.items:  # a heading in a list item is more of the item's text
            read_inline(run, self.rich, self.items[-1].lines)  # type: ignore[arg-type]
            return
        if self.rich:
            title = joined_text(read_inline(run, True, []))  # type: ignore[arg-type]
        else:  # as read_inline and joined_text do, without their calls: most headings are plain text
            title = "" if (line := plain_line("".join(run))) is None else line.text  # type: ignore[arg-type]
        self.heading_level = level
        current = self.current
        while current.level >= level:
            current = current.parent or self.root
        section = Section(level, title, [], [], current, self.block_start)
        self.placed.append(section)
        current.children.append(section)
        self.current, self.doc.headings = section, self.doc.headings + 1

    def end_text(self) -> None:
        """The run of inline text is over: its lines go to the list item or paragraph."""
        assert self.run is not None
        run, self.run, self.tight = self.run, None, False
        if self.items:
            read_inline(run, self.rich, self.items[-1].lines)
            return
        lines = read_inline(run, self.rich, [])
        if _pseudo_heading(lines) and self.heading_level < 6:
            # "**Lecture 1: Backpropagation**" alone on its line heads a unit like a heading one level down
            current = self.current
            while current.level > self.heading_level:
                current = current.parent or self.root
            section = Section(self.heading_level + 1, lines[0].text, [], [], current, self.block_start)
            self.placed.append(section)
            current.children.append(section)
            self.current = section
        elif lines:
            self.current.blocks.append(Para(lines))


def all_entries(entries: list[Entry]) -> Iterator[Entry]:
    """The entries of a list and of all lists nested in them, in source order."""
    return _depth_first(entries)


def _depth_first(nodes: list[Any]) -> Iterator[Any]:
    """Entries or sections and all their ``children``, depth first in source order."""
    stack = [iter(nodes)]  # a loop, not recursion: nested generators cost a step per level for each node
    while stack:
        for node in stack[-1]:
            yield node
            if node.children:
                stack.append(iter(node.children))
                break
        else:
            stack.pop()


def _pseudo_heading(lines: list[Line]) -> bool:
    return len(lines) == 1 and lines[0].bold_only and unit_number(lines[0].text) is not None


# What a browser runs or styles with, never shows: an analytics snippet is not a unit's summary.
_SCRIPT = re.compile(r"<(script|style)\b[^>]*>.*?(?:</\1\s*>|\Z)", re.S | re.I)


def _read_html(content: str, current: Section, doc: Document) -> None:
    heading = HTML_HEADING.search(content)
    if heading and doc.headings == 0 and doc.html_title is None:
        doc.html_title = clean(html.unescape(TAG.sub(" ", heading.group(1)))) or None
    text = html.unescape(TAG.sub("\n", _SCRIPT.sub("\n", content)))
    lines = [line for raw in text.split("\n") if (line := make_line(raw, [], 0))]
    if lines:
        current.blocks.append(Para(lines))


def release(doc: Document) -> None:
    """Drop the sections' links to their parents once the document is read through.

    Those links make the tree a reference cycle, which only the (paused) cyclic collector
    frees; without them the document is freed as soon as it is unused.
    """
    for section in walk(doc.root):
        section.parent = None


def walk(section: Section) -> Iterator[Section]:
    """The sections below ``section``, in source order."""
    return _depth_first(section.children)
