"""pulldown-cmark's events as a document: a tree of sections holding paragraphs, lists and tables.

Front matter is read as YAML; footnote definitions and fenced or indented code are dropped;
an HTML block's text becomes a paragraph (its first ``<h1>`` may be the document's title).
"""

from __future__ import annotations

import html
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from mlplan.markdown_import.events import Source, is_relative, normalize_link, resolve_link
from mlplan.markdown_import.inline import InlineText, Line, joined_text, make_line
from mlplan.markdown_import.labels import unit_number
from mlplan.markdown_import.text import HTML_HEADING, TAG, clean
from mlplan.yaml_text import load_front_matter

if TYPE_CHECKING:
    from pyromark.event import Range as Span


@dataclass(slots=True)
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
    # links to files beside the document, which have no web address: (line, label, href)
    dropped_links: list[tuple[int, str, str]] = field(default_factory=list)


def read_document(text: str, base: tuple[str, str] | None = None) -> Document:
    """The document's tree of sections, read from pulldown-cmark's events in one pass.

    ``base`` (see ``sources.link_base``) turns links relative to the document into web addresses.
    """
    return _Reader(Source(text), base).read()


_INLINE_TAGS = {"Strong", "Emphasis", "Strikethrough", "Link", "Image"}


class _Reader:
    """Builds the tree event by event.

    Text goes to the innermost open list item, else to the heading, paragraph or table
    cell it is in. A list item's text straight in it (a tight list has no paragraphs)
    runs until the next block starts or ends. Tables inside list items are dropped, and
    so are footnote definitions and code.
    """

    def __init__(self, source: Source, base: tuple[str, str] | None = None) -> None:
        self.source = source
        self.base = base
        self.root = Section(0, "")
        self.doc = Document(self.root, {}, None, 0, 0)
        self.current = self.root
        self.heading_level = 0  # the level of the last real heading
        self.lists: list[list[Entry]] = []  # where each open list's entries go
        self.items: list[Entry] = []  # the open list items, innermost last
        self.inline: InlineText | None = None
        self.tight = False  # the inline text is a list item's own, outside any paragraph
        self.block_start = 0  # where the heading, paragraph or tight text being read starts (a byte offset)
        self.heading = 0
        self.table: Table | None = None
        self.row: list[list[Line]] = []
        self.skip_to: str | None = None  # the end of the footnote definition or nested table being skipped
        self.raw: list[str] | None = None  # the text of a code or HTML block
        self.entries = self.tasks = 0

    def read(self) -> Document:
        if self.source.front_matter is not None:
            self.doc.meta = load_front_matter(self.source.front_matter)
        for event, span in self.source.events():
            if type(event) is str:  # SoftBreak, HardBreak, Rule
                if self.skip_to is None:
                    self.plain(event, span)
                continue
            ((kind, value),) = event.items()
            if self.skip_to is not None:
                if kind == "End" and (value if type(value) is str else next(iter(value))) == self.skip_to:
                    self.skip_to = None
            elif kind == "Text":
                if self.raw is not None:
                    self.raw.append(value)
                else:
                    (self.inline or self.text_run(span)).text(value)
            elif kind == "Start":
                if value == "Strong":  # the commonest inline tag (labels are bold): straight to the text
                    (self.inline or self.text_run(span)).bold(True)
                else:
                    self.start(value, span)
            elif kind == "End":
                if value == "Strong":
                    (self.inline or self.text_run(span)).bold(False)
                else:
                    self.end(value)
            else:
                self.other(kind, value, span)
        doc = self.doc
        # A few checkboxes (an ethics checklist) do not make a checklist document; a quarter of all entries does.
        doc.task_list = self.tasks >= 20 and self.tasks * 4 >= self.entries
        return doc

    def text_run(self, span: Span) -> InlineText:
        """The inline text being read; text straight in a list item starts one."""
        if self.inline is None:
            self.inline, self.tight, self.block_start = InlineText(), True, span["start"]
        return self.inline

    def plain(self, event: str, span: Span) -> None:
        if event == "SoftBreak":
            self.text_run(span).soft_break()
        elif event == "HardBreak":
            self.text_run(span).hard_break()
        elif self.tight:  # a rule
            self.end_text()

    def other(self, kind: str, value: Any, span: Span) -> None:
        if kind == "Html" and self.raw is not None:
            self.raw.append(value)
        elif kind == "TaskListMarker":
            if self.items:
                self.items[-1].task = True
                self.tasks += 1
        elif kind == "Code":
            self.text_run(span).code(value)
        elif kind in ("InlineHtml", "Html"):
            self.text_run(span).html(value)
        elif kind in ("InlineMath", "DisplayMath"):
            self.text_run(span).text(value)
        else:  # a footnote reference
            self.text_run(span).mark()

    def start(self, tag: Any, span: Span) -> None:
        if tag == "Item":  # the commonest block by far: before the general case
            if self.tight:
                self.end_text()
            entry = Entry([], [], self.source.line(span["start"]))
            self.lists[-1].append(entry)
            self.items.append(entry)
            self.entries += 1
            return
        value: Any
        if type(tag) is str:
            name, value = tag, None
        else:
            ((name, value),) = tag.items()
        if name in _INLINE_TAGS:
            inline = self.text_run(span)
            if name == "Strong":
                inline.bold(True)
            elif name == "Link":
                url = ("mailto:" if value["link_type"] == "Email" else "") + value["dest_url"]
                if self.base and is_relative(url):
                    url = resolve_link(url, self.base)
                inline.link(normalize_link(url), span["start"])
            elif name == "Image":
                inline.image(True)
            else:
                inline.mark()
            return
        if self.tight:
            self.end_text()
        if name in ("Paragraph", "Heading", "TableCell"):
            self.inline, self.block_start = InlineText(), span["start"]
            if name == "Heading":
                self.heading = int(value["level"][1])
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
                self.skip_to = "Table"
            else:
                self.table = Table([], [])
                self.current.blocks.append(self.table)
                self.doc.lists += 1
        elif name in ("CodeBlock", "HtmlBlock", "MetadataBlock"):
            self.raw = []
        elif name == "FootnoteDefinition":
            self.skip_to = name

    def end(self, tag: Any) -> None:
        if tag == "Item":
            if self.tight:
                self.end_text()
            self.items.pop()
            return
        name = tag if type(tag) is str else next(iter(tag))
        if name in _INLINE_TAGS:
            inline = self.inline
            assert inline is not None
            if name == "Strong":
                inline.bold(False)
            elif name == "Link":
                inline.end_link()
            elif name == "Image":
                inline.image(False)
            else:
                inline.mark()
            return
        if self.tight:
            self.end_text()
        if name in ("Paragraph", "Heading", "TableCell"):
            self.end_text(name)
        elif name == "List":
            self.lists.pop()
        elif name in ("TableHead", "TableRow"):
            if self.table is not None:
                if self.table.header:
                    self.table.rows.append(self.row)
                else:
                    self.table.header = [joined_text(cell).lower() for cell in self.row]
        elif name == "Table":
            self.table = None
        elif name in ("CodeBlock", "HtmlBlock", "MetadataBlock"):
            if name == "HtmlBlock" and not self.items:
                _read_html("".join(self.raw or []), self.current, self.doc)
            self.raw = None

    def end_text(self, block: str = "") -> None:
        """The inline text is over: its lines go to the list item, heading, paragraph or table cell."""
        assert self.inline is not None
        if self.inline.dropped:
            self.doc.dropped_links += [(self.source.line(at), label, href) for at, label, href in self.inline.dropped]
        lines, self.inline, self.tight = self.inline.end(), None, False
        if block == "TableCell":
            self.row.append(lines)
        elif self.items:
            self.items[-1].lines.extend(lines)
        elif block == "Heading":
            self.heading_level = level = self.heading
            current = self.current
            while current.level >= level:
                current = current.parent or self.root
            section = Section(level, joined_text(lines), parent=current, line=self.source.line(self.block_start))
            current.children.append(section)
            self.current, self.doc.headings = section, self.doc.headings + 1
        elif _pseudo_heading(lines) and self.heading_level < 6:
            # "**Lecture 1: Backpropagation**" alone on its line heads a unit like a heading one level down
            current = self.current
            while current.level > self.heading_level:
                current = current.parent or self.root
            line = self.source.line(self.block_start)
            section = Section(self.heading_level + 1, lines[0].text, parent=current, line=line)
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


def _read_html(content: str, current: Section, doc: Document) -> None:
    heading = HTML_HEADING.search(content)
    if heading and doc.headings == 0 and doc.html_title is None:
        doc.html_title = clean(html.unescape(TAG.sub(" ", heading.group(1)))) or None
    text = html.unescape(TAG.sub("\n", content))
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
