"""Markdown text as markdown-it's token stream, parsed by pulldown-cmark (through pyromark).

The importer reads markdown-it-py's token stream (``heading_open``, ``inline`` with
children, ``list_item_open``…), but markdown-it-py is pure Python and took three
quarters of the time of importing a large file (7–8 s of a 5 MB one). pyromark binds
the Rust CommonMark parser pulldown-cmark, which reads the same file in well under a
second; ``benchmarks/markdown_parsers.py`` times both and checks that every fixture
imports to the same roadmap. This module turns pulldown-cmark's events into the tokens
markdown-it-py (CommonMark with tables, front matter, footnotes and task lists) makes of
the same text, so the reading code does not depend on the parser:

- tight list items get hidden paragraphs, as in markdown-it;
- a task item's inline children start with the ``html_inline`` checkbox the tasklists
  plugin inserts, its ``list_item_open`` has class ``task-list-item`` and its list
  ``contains-task-list``;
- footnote definitions move to one ``footnote_block`` at the end;
- block tokens carry ``map`` (first and past-the-end source line, counted from 0), and an
  inline token's ``content`` is its source text.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from types import MappingProxyType
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

import pyromark

if TYPE_CHECKING:
    from collections.abc import Iterator

    from pyromark.event import Range as Span

_OPTIONS = pyromark.Options.ENABLE_TABLES | pyromark.Options.ENABLE_TASKLISTS | pyromark.Options.ENABLE_FOOTNOTES
# Front matter only opens the document, as in markdown-it's plugin. pulldown-cmark's metadata blocks may
# start at any "---" line and would swallow everything up to the next one (a heading between two rules).
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
_CHECKBOX = '<input class="task-list-item-checkbox" {}disabled="disabled" type="checkbox">'
_EMPHASIS = {"Strong": ("strong", "**"), "Emphasis": ("em", "*"), "Strikethrough": ("s", "~~")}
_BREAKS = {"SoftBreak": "softbreak", "HardBreak": "hardbreak"}

_NONE: Any = MappingProxyType({})
_UNSAFE_IN_LINK = re.compile(r"[^A-Za-z0-9;/?:@&=+$,\-_.!~*'()#%]|%(?![0-9A-Fa-f]{2})")
_LONE_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")


class Token:
    """One token, with the fields of markdown-it-py's ``Token`` (a slotted class: a large file makes a million)."""

    __slots__ = (
        "type",
        "tag",
        "nesting",
        "level",
        "content",
        "children",
        "attrs",
        "map",
        "info",
        "markup",
        "meta",
        "hidden",
        "block",
    )

    def __init__(
        self,
        type: str,
        tag: str = "",
        nesting: int = 0,
        level: int = 0,
        content: str = "",
        children: list[Token] | None = None,
        attrs: dict[str, Any] | None = None,
        map: list[int] | None = None,
        info: str = "",
        markup: str = "",
        meta: dict[str, Any] | None = None,
        hidden: bool = False,
        block: bool = False,
    ) -> None:
        self.type, self.tag, self.nesting, self.level, self.content = type, tag, nesting, level, content
        self.children, self.map, self.info, self.markup, self.hidden, self.block = (
            children,
            map,
            info,
            markup,
            hidden,
            block,
        )
        # Read-only empty defaults: a million tokens need no million empty dicts.
        self.attrs = _NONE if attrs is None else attrs
        self.meta = _NONE if meta is None else meta

    def __repr__(self) -> str:
        return f"Token({self.type!r}, {self.tag!r}, level={self.level}, content={self.content!r})"


def parse(text: str) -> list[Token]:
    """The tokens markdown-it-py (commonmark + table, front matter, footnotes, task lists) makes of ``text``."""
    front = _FRONT_MATTER.match(text)
    if front is None:
        return _Stream(text).run()
    lines = front.group().count("\n")
    tokens = _Stream("\n" * lines + text[front.end() :]).run()  # blank lines keep the line numbers
    content = (front.group(1) or "").rstrip("\n")
    return [
        Token("front_matter", "", 0, map=[0, lines], content=content, markup="---", block=True, hidden=True)
    ] + tokens


def _normalize_link(url: str) -> str:
    """Percent-encode an address as markdown-it does (``<br>`` → ``%3Cbr%3E``, ``ü`` → ``%C3%BC``), keeping ``%XX``."""
    if url.isascii() and not _UNSAFE_IN_LINK.search(url):
        return url
    return quote(_LONE_PERCENT.sub("%25", url), safe=";/?:@&=+$,-_.!~*'()#%")


class _Stream:
    """Builds the token list from pulldown-cmark's events, one event at a time."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.source = text.encode("utf-8")
        self.newlines = [m.start() for m in re.finditer(b"\n", self.source)]
        self.tokens: list[Token] = []
        self.footnotes: list[Token] = []
        self.out = self.tokens  # footnote definitions are written aside
        self.level = 0
        self.stack: list[Any] = []  # what each open block needs at its end
        self.lists: list[Token] = []
        self.inline: list[Token] | None = None
        self.inline_start = self.inline_end = -1
        self.tight = False
        self.task: bool | None = None
        self.image_depth = 0
        self.image_alt: list[str] = []
        self.raw: list[str] | None = None  # the text of a code, HTML or front-matter block
        self.cell = 0
        self.head = False
        self.aligns: tuple[str, ...] = ()

    def run(self) -> list[Token]:
        start, end, other = self.start, self.end, self.other
        # events as Any: one ``type(...) is str`` test sorts them, faster than narrowing each kind
        events: Iterator[tuple[Any, Span]] = pyromark.events_with_range(self.text, options=_OPTIONS)
        for event, span in events:
            if type(event) is str:
                self.plain(event, span)
                continue
            ((kind, value),) = event.items()
            if kind == "Text":  # the commonest event by far: appended here, without a call
                if self.raw is None and not self.image_depth:
                    if self.inline is None:
                        self.tight_paragraph()
                    self.inline.append(Token("text", "", 0, 0, value))  # type: ignore[union-attr]
                    if self.inline_start < 0:
                        self.inline_start = span["start"]
                    self.inline_end = span["end"]
                else:
                    self.on_text(value, span)
            elif kind == "Start":
                start(value, span)
            elif kind == "End":
                end(value)
            else:
                other(kind, value, span)
        if self.footnotes:
            self.tokens += [Token("footnote_block_open", "", 1), *self.footnotes, Token("footnote_block_close", "", -1)]
        return self.tokens

    # ------------------------------------------------------------ building blocks

    def lines(self, start: int, end: int) -> list[int]:
        """markdown-it's map of a byte span: its first line and the line after its last."""
        first = bisect_right(self.newlines, start - 1)
        return [first, max(first, bisect_right(self.newlines, end - 2)) + 1]

    def open(self, kind: str, tag: str, span: Span | None, **fields: Any) -> Token:
        token = Token(kind + "_open", tag, 1, self.level, block=True, **fields)
        if span is not None:
            token.map = self.lines(span["start"], span["end"])
        self.out.append(token)
        self.level += 1
        return token

    def close(self, kind: str, tag: str, **fields: Any) -> None:
        self.level -= 1
        self.out.append(Token(kind + "_close", tag, -1, self.level, block=True, **fields))

    def begin_inline(self) -> None:
        self.inline, self.inline_start, self.inline_end = [], -1, -1
        if self.task is not None:
            self.checkbox(self.task)
            self.task = None

    def checkbox(self, checked: bool) -> None:
        assert self.inline is not None
        self.inline.append(Token("html_inline", "", 0, content=_CHECKBOX.format('checked="checked" ' * checked)))
        self.inline.append(Token("text", "", 0, content=" "))  # the tasklists plugin leaves the space after "[ ]"

    def end_inline(self, map_: list[int] | None) -> None:
        start, end = self.inline_start, self.inline_end
        content = self.source[start:end].decode("utf-8", "replace").strip() if start >= 0 else ""
        self.out.append(Token("inline", "", 0, self.level, content, self.inline or [], None, map_, block=True))
        self.inline = None

    def child(self, token: Token, span: Span) -> None:
        if self.inline is None:
            self.tight_paragraph()
        self.inline.append(token)  # type: ignore[union-attr]
        if self.inline_start < 0:
            self.inline_start = span["start"]
        self.inline_end = max(self.inline_end, span["end"])

    def tight_paragraph(self) -> None:
        """Text straight inside a list item: markdown-it puts a tight item's text in a hidden paragraph."""
        self.open("paragraph", "p", None, hidden=True)
        self.begin_inline()
        self.tight = True

    def end_tight(self) -> None:
        self.tight = False
        map_ = self.lines(self.inline_start, self.inline_end)
        paragraph = next(t for t in reversed(self.out) if t.type == "paragraph_open")
        paragraph.map = map_
        self.end_inline(map_)
        self.close("paragraph", "p", hidden=True)

    # ------------------------------------------------------------ events

    def plain(self, event: str, span: Span) -> None:
        if event in _BREAKS:
            if self.image_depth:
                self.image_alt.append(" ")
            else:
                self.child(Token(_BREAKS[event], "br", 0), span)
        elif event == "Rule":
            if self.tight:
                self.end_tight()
            self.out.append(
                Token("hr", "hr", 0, self.level, map=self.lines(span["start"], span["end"]), markup="---", block=True)
            )

    def on_text(self, text: str, span: Span) -> None:
        if self.raw is not None:
            self.raw.append(text)
        elif self.image_depth:
            self.image_alt.append(text)
        else:
            self.child(Token("text", "", 0, content=text), span)

    def other(self, kind: str, value: Any, span: Span) -> None:
        if kind == "Html" and self.raw is not None:
            self.raw.append(value)
        elif self.image_depth:
            self.image_alt.append(value if kind in ("Code", "InlineMath", "DisplayMath") else "")
        elif kind == "Code":
            self.child(Token("code_inline", "code", 0, content=value, markup="`"), span)
        elif kind in ("InlineHtml", "Html"):
            self.child(Token("html_inline", "", 0, content=value), span)
        elif kind == "TaskListMarker":
            self.mark_task(bool(value))
        elif kind == "FootnoteReference":
            self.child(Token("footnote_ref", "", 0, meta={"label": value}), span)
        elif kind in ("InlineMath", "DisplayMath"):
            self.child(Token("text", "", 0, content=value), span)

    def mark_task(self, checked: bool) -> None:
        item = next(t for t in reversed(self.out) if t.type == "list_item_open")
        item.attrs = {**item.attrs, "class": "task-list-item"}
        self.lists[-1].attrs = {**self.lists[-1].attrs, "class": "contains-task-list"}
        if self.inline is not None and not self.inline:  # a loose item: its paragraph has begun
            self.checkbox(checked)
        else:
            self.task = checked

    def start(self, tag: Any, span: Span) -> None:
        value: Any
        name, value = (tag, None) if isinstance(tag, str) else next(iter(tag.items()))
        if name in _EMPHASIS:
            if not self.image_depth:
                kind, markup = _EMPHASIS[name]
                self.child(Token(kind + "_open", kind, 1, markup=markup), span)
        elif name == "Link":
            if not self.image_depth:
                self.child(self.link(value), span)
        elif name == "Image":
            if not self.image_depth:
                self.image_alt = []
                attrs = {"src": value["dest_url"], "alt": ""} | ({"title": value["title"]} if value["title"] else {})
                self.child(Token("image", "img", 0, attrs=attrs), span)
            self.image_depth += 1
        else:
            if self.tight:
                self.end_tight()
            self.start_block(name, value, span)

    def link(self, value: dict[str, Any]) -> Token:
        auto = value["link_type"] in ("Autolink", "Email")
        href = _normalize_link(("mailto:" if value["link_type"] == "Email" else "") + value["dest_url"])
        attrs = {"href": href} | ({"title": value["title"]} if value["title"] else {})
        return Token("link_open", "a", 1, attrs=attrs, info="auto" if auto else "", markup="autolink" if auto else "")

    def start_block(self, name: str, value: Any, span: Span) -> None:
        if name == "Paragraph":
            map_ = self.open("paragraph", "p", span).map
            self.begin_inline()
            self.stack.append(map_)
        elif name == "Heading":
            tag = value["level"].lower()
            map_ = self.open("heading", tag, span, markup="#" * int(tag[1])).map
            self.begin_inline()
            self.stack.append((tag, map_))
        elif name == "List":
            if value is None:
                self.lists.append(self.open("bullet_list", "ul", span, markup="-"))
            else:
                attrs = {"start": value} if value != 1 else {}
                self.lists.append(self.open("ordered_list", "ol", span, markup=".", attrs=attrs, meta={"next": value}))
        elif name == "Item":
            owner = self.lists[-1]
            number = ""
            if owner.type == "ordered_list_open":
                number, owner.meta["next"] = str(owner.meta["next"]), owner.meta["next"] + 1
            self.open("list_item", "li", span, info=number, markup=owner.markup)
        elif name == "Table":
            self.open("table", "table", span)
            self.aligns, self.head = value, False
            self.stack.append(False)  # whether a tbody is open
        elif name == "TableHead":
            self.open("thead", "thead", span)
            self.open("tr", "tr", span)
            self.head, self.cell = True, 0
        elif name == "TableRow":
            if not self.stack[-1]:
                self.open("tbody", "tbody", span)
                self.stack[-1] = True
            self.open("tr", "tr", span)
            self.cell = 0
        elif name == "TableCell":
            kind = "th" if self.head else "td"
            align = self.aligns[self.cell] if self.cell < len(self.aligns) else "None"
            cell = self.open(
                kind, kind, span, attrs={"style": f"text-align:{align.lower()}"} if align != "None" else {}
            )
            self.begin_inline()
            self.stack.append((kind, cell.map))
            self.cell += 1
        elif name == "BlockQuote":
            self.open("blockquote", "blockquote", span, markup=">")
        elif name in ("CodeBlock", "HtmlBlock", "MetadataBlock"):
            self.raw = []
            info = value["Fenced"] if isinstance(value, dict) and "Fenced" in value else None
            self.stack.append((info, self.lines(span["start"], span["end"])))
        elif name == "FootnoteDefinition":
            self.out = self.footnotes
            self.out.append(Token("footnote_open", "", 1, meta={"label": value}))

    def end(self, tag: Any) -> None:
        name = tag if isinstance(tag, str) else next(iter(tag))
        if name in _EMPHASIS:
            if not self.image_depth:
                kind, markup = _EMPHASIS[name]
                self.inline.append(Token(kind + "_close", kind, -1, markup=markup))  # type: ignore[union-attr]
        elif name == "Link":
            if not self.image_depth:
                self.inline.append(Token("link_close", "a", -1))  # type: ignore[union-attr]
        elif name == "Image":
            self.image_depth -= 1
            if not self.image_depth:
                image = next(t for t in reversed(self.inline or []) if t.type == "image")
                image.content = "".join(self.image_alt)
                image.children = [Token("text", "", 0, content=image.content)] if image.content else []
        else:
            if self.tight:
                self.end_tight()
            self.end_block(name)

    def end_block(self, name: str) -> None:
        if name == "Paragraph":
            self.end_inline(self.stack.pop())
            self.close("paragraph", "p")
        elif name == "Heading":
            tag, map_ = self.stack.pop()
            self.end_inline(map_)
            self.close("heading", tag)
        elif name == "List":
            opener = self.lists.pop()
            self.close(opener.type.removesuffix("_open"), opener.tag, markup=opener.markup)
        elif name == "Item":
            self.close("list_item", "li")
        elif name == "Table":
            if self.stack.pop():
                self.close("tbody", "tbody")
            self.close("table", "table")
        elif name == "TableHead":
            self.close("tr", "tr")
            self.close("thead", "thead")
            self.head = False
        elif name == "TableRow":
            self.close("tr", "tr")
        elif name == "TableCell":
            kind, map_ = self.stack.pop()
            self.end_inline(map_)
            self.close(kind, kind)
        elif name == "BlockQuote":
            self.close("blockquote", "blockquote", markup=">")
        elif name in ("CodeBlock", "HtmlBlock", "MetadataBlock"):
            info, map_ = self.stack.pop()
            content, self.raw = "".join(self.raw or []), None
            self.out.append(self.raw_block(name, info, map_, content))
        elif name == "FootnoteDefinition":
            self.out.append(Token("footnote_close", "", -1))
            self.out = self.tokens

    def raw_block(self, name: str, info: str | None, map_: list[int], content: str) -> Token:
        if name == "HtmlBlock":
            return Token("html_block", "", 0, level=self.level, map=map_, content=content, block=True)
        if name == "MetadataBlock":
            return Token(
                "front_matter", "", 0, map=map_, content=content.rstrip("\n"), markup="---", block=True, hidden=True
            )
        kind = "fence" if info is not None else "code_block"
        return Token(
            kind,
            "code",
            0,
            level=self.level,
            map=map_,
            content=content,
            info=info or "",
            markup="```" if info is not None else "",
            block=True,
        )
