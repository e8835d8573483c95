"""Inline Markdown (a paragraph, a heading, a table cell) as lines of plain text with their links.

HTML tags are dropped (their text is kept), images and badges with their alt text, and bold
survives only as two marker characters so that a leading ``**Label:**`` can be recognised.
Hard breaks and ``<br>`` split lines, and so does a soft break before bold text.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from typing import TypeVar

from mlplan.markdown_import.events import is_relative
from mlplan.markdown_import.labels import label_category
from mlplan.markdown_import.text import BOLD_OFF, BOLD_ON, BR, URL_OK, clean


@dataclass(slots=True)  # a large document makes a hundred thousand
class Line:
    """One line of inline text with its links and a leading ``Label:`` if it has one."""

    text: str
    links: list[tuple[str, str]]
    anchors: int = 0
    label: str = ""
    body: str = ""
    bold_only: bool = False
    colon: bool = False
    bold_label: bool = False
    lead_bold: bool = False
    bare: bool = False  # the line was only bare URLs: its text is the first one's host and path
    local: list[str] = field(default_factory=list)  # labels of links to files beside the document


_BOLD_LABEL = re.compile(rf"^{BOLD_ON}([^{BOLD_ON}{BOLD_OFF}]+?)\s*{BOLD_OFF}\s*(:?)\s*(.*)$", re.S)


T = TypeVar("T")
PLAIN_LABEL = re.compile(r"^([A-Za-z][\w /&()'’-]{0,40}?)\s*:\s*(.*)$")


_BOLD_SPAN = re.compile(f"{BOLD_ON}[^{BOLD_OFF}]*{BOLD_OFF}?")


def make_line(raw: str, links: list[tuple[str, str]], anchors: int, local: list[str] | None = None) -> Line | None:
    parts = _line_parts(raw)
    if parts is None:
        return None
    text, label, body, bold_only, colon, bold_label, lead_bold = parts
    local = [] if local is None else local
    return Line(text, links, anchors, label, body, bold_only, colon, bold_label, lead_bold, False, local)


@cache  # documents repeat lines ("Estimated time (hours):", dividers): each distinct one is read once
def _line_parts(raw: str) -> tuple[str, str, str, bool, bool, bool, bool] | None:
    """A line's text, label, body, and whether it is all bold, has a colon, a bold label, leading bold."""
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
    plain = PLAIN_LABEL.match(text)
    # A short "Label:" is structure; a sentence that ends in a colon is prose.
    if plain and len(plain.group(1).split()) <= (5 if plain.group(2) else 3) and not plain.group(1).startswith("http"):
        return text, plain.group(1).strip(), plain.group(2).strip(), bold_only, True, False, lead_bold
    return text, "", text, bold_only, False, False, lead_bold


class InlineText:
    """One run of inline text (a paragraph, heading or table cell), fed event by event, as ``Line``s.

    Hard breaks and ``<br>`` end a line. A soft break is a space, unless the next thing
    after it is bold text (a new ``**Label:**`` line): it waits for that to be known.
    """

    __slots__ = (
        "lines",
        "buf",
        "out",
        "links",
        "anchors",
        "local",
        "dropped",
        "href",
        "href_at",
        "label",
        "image_only",
        "soft",
        "images",
    )

    def __init__(self) -> None:
        self.lines: list[Line] = []
        self.buf: list[str] = []
        self.out = self.buf  # the link's label while inside a link
        self.links: list[tuple[str, str]] = []
        self.anchors = 0
        self.local: list[str] = []
        self.dropped: list[tuple[int, str, str]] = []  # links to files beside the document: (byte, label, href)
        self.href: str | None = None
        self.href_at = 0
        self.label: list[str] = []
        self.image_only = False
        self.soft: list[str] | None = None  # where a pending soft break's space goes
        self.images = 0  # images (badges, pictures) are not study content: their alt text is dropped

    def text(self, text: str) -> None:
        if self.images:
            return
        if self.soft is not None:
            if not text:
                return
            self.space()
        self.out.append(text)
        if self.href is not None:
            self.image_only = self.image_only and not text.strip()

    def space(self) -> None:
        """The pending soft break is a space: what follows it is not bold."""
        self.soft.append(" ")  # type: ignore[union-attr]
        self.soft = None

    def mark(self) -> None:
        """Anything but text: settles a pending soft break as a space."""
        if self.soft is not None and not self.images:
            self.space()

    def code(self, code: str) -> None:
        if not self.images:
            self.mark()
            self.out.append(f"`{code}`")
            self.image_only = False

    def bold(self, opening: bool) -> None:
        if self.images:
            return
        if opening and self.soft is not None:
            self.soft = None
            self.newline()
        self.mark()
        self.out.append(BOLD_ON if opening else BOLD_OFF)

    def link(self, href: str, at: int = 0) -> None:
        """A link starts (at byte ``at`` of the source); its label follows."""
        if not self.images:
            self.mark()
            self.href, self.href_at, self.label, self.image_only = href, at, [], True
            self.out = self.label

    def end_link(self) -> None:
        if self.images:
            return
        self.mark()
        if self.href is None:
            return
        href, text = self.href, "".join(self.label)
        label = clean(text)
        if label or not self.image_only:
            self.buf.append(text)
            if URL_OK.match(href):
                self.links.append((label, href))
            elif href.startswith("#"):
                self.anchors += 1
            elif label and is_relative(href):
                self.local.append(label)
                self.dropped.append((self.href_at, label, href))
        self.href, self.out = None, self.buf

    def image(self, opening: bool) -> None:
        if opening:
            self.mark()
        self.images += 1 if opening else -1

    def soft_break(self) -> None:
        if not self.images:
            self.mark()
            self.soft = self.out

    def hard_break(self) -> None:
        if not self.images:
            self.mark()
            self.newline()

    def html(self, html: str) -> None:
        if not self.images:
            self.mark()
            if BR.fullmatch(html.strip()):
                self.newline()

    def newline(self) -> None:
        self.line()
        self.buf, self.links, self.anchors, self.local = [], [], 0, []
        if self.href is None:
            self.out = self.buf

    def line(self) -> None:
        """The text so far as a line."""
        raw = "".join(self.buf)
        if "://" not in raw:  # no bare address: the common case
            line = make_line(raw, self.links, self.anchors, self.local)
            if line:
                self.lines.append(line)
            return
        raw, bare = _bare_urls(raw)
        line = make_line(raw, self.links + bare if bare else self.links, self.anchors, self.local)
        if line is None and bare:
            line = make_line(bare[0][0], bare, self.anchors, self.local)
            if line:
                line.bare = True
        if line:
            self.lines.append(line)

    def end(self) -> list[Line]:
        """The lines, once the run is over."""
        if self.soft is not None:
            self.space()
        self.line()
        return self.lines


_BARE_URL = re.compile(r"https?://[^\s<>()\[\]`]+[^\s<>()\[\]`.,;:!?'\"]")
_EMPTY_BRACKETS = re.compile(r"\(\s*\)|\[\s*\]|<\s*>")


def _bare_urls(raw: str) -> tuple[str, list[tuple[str, str]]]:
    """Bare ``https://…`` addresses in text (outside links) as links, and the text without them.

    A link's title is the text around it when that is short (``Intro to ML (Udacity) https://…``),
    else the address's host and path.
    """
    if "://" not in raw:
        return raw, []
    urls = [m.group() for m in _BARE_URL.finditer(raw) if URL_OK.match(m.group())]
    if not urls:
        return raw, []
    rest = _EMPTY_BRACKETS.sub("", _BARE_URL.sub("", raw))
    around = clean(rest).strip(" -–—:|,")
    title = around if around and len(around) <= 80 else ""
    return rest, [(title or url_title(url), url) for url in urls]


def url_title(url: str) -> str:
    """``https://www.youtube.com/watch?v=…`` → ``youtube.com/watch``: a readable name for a bare address."""
    address = url.split("://", 1)[1].split("?", 1)[0].split("#", 1)[0].rstrip("/")
    address = address.removeprefix("www.")
    return address if len(address) <= 70 else address[:67] + "…"


def outside_links(line: Line, text: str, read: Callable[[str], tuple[T, str]]) -> tuple[T, str]:
    """``read`` (such as ``hour_forms.task_hours``) applied to ``text`` with the line's link labels hidden.

    ``[PyTorch 60 minute blitz](…) (1.5 hours)`` states 1.5 hours: a link's label names the
    resource, it does not say how long the learner spends on it.
    """
    if not line.links:
        return read(text)
    hidden: dict[str, str] = {}
    for n, (label, _url) in enumerate(line.links):
        if label and label in text:
            mark = f"\x03{chr(0xE000 + n)}\x04"
            hidden[mark] = label
            text = text.replace(label, mark, 1)
    value, rest = read(text)
    for mark, label in hidden.items():
        rest = rest.replace(mark, label)
    return value, rest


_WORD = re.compile(r"[^\W\d_]{3,}")


def is_link_line(line: Line) -> bool:
    """The line is links and little else (``[Java Programming](…)``, ``Intro to ML https://…``), not prose."""
    if line.bare:
        return True
    rest = line.text
    labels = [label for label, _url in line.links] + line.local
    for label in labels:
        rest = rest.replace(label, "")
    return bool(labels) and not _WORD.search(rest)


def joined_text(lines: list[Line]) -> str:
    return ": ".join(line.text for line in lines)
